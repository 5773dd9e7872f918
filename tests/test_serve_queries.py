"""Every saved query gives the same rows through ``peacekg serve`` as through ``peacekg query``."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from click.testing import CliRunner
from pyoxigraph import QueryResultsFormat, parse_query_results
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from peacekg.cli import cli
from peacekg.query.catalogue import catalogue
from peacekg.query.run import bind, values_clause
from peacekg.web.worker import uses_service

from .serving import running_server
from .test_serve_endpoint import fetch

SAVED = catalogue()


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root) as base:
        yield base


@pytest.fixture(scope="module")
def listed(server):
    status, _, body = fetch(server + "/api/queries")
    assert status == 200
    return {q["name"]: q for q in json.loads(body)}


def rows(body: bytes) -> list[tuple]:
    answer = parse_query_results(body, format=QueryResultsFormat.JSON)
    if isinstance(answer, bool) or type(answer).__name__ == "QueryBoolean":
        return [(bool(answer),)]
    return sorted(tuple("" if v is None else str(v) for v in row) for row in answer)


def test_the_query_page_lists_every_saved_query(listed):
    assert sorted(listed) == sorted(q.name for q in SAVED) and len(listed) >= 15
    for query in SAVED:
        item = listed[query.name]
        assert item["summary"] == query.summary and item["description"] == query.description
        assert [p["name"] for p in item["params"]] == [p.name for p in query.params]


@pytest.mark.parametrize("query", SAVED, ids=[q.name for q in SAVED])
def test_each_saved_query_gives_the_rows_of_the_cli(server, listed, query):
    text = listed[query.name]["bound"]
    if uses_service(text):  # a federated query: the server makes no outside requests
        assert fetch(server + "/sparql?" + urllib.parse.urlencode({"query": text}))[0] == 403
        return
    if any(p.default is None for p in query.params):
        pytest.skip(f"{query.name} has a parameter without a default")
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    served = rows(client.query().response.read())
    result = CliRunner().invoke(cli, ["query", query.name, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert served == rows(result.stdout_bytes)


def test_parameters_are_bound_as_terms_never_pasted(server):
    query = next(q for q in SAVED if q.params)
    param = query.params[0]
    hostile = 'x" } ; DROP ALL ; #'
    status, _, body = fetch(f"{server}/api/queries/{query.name}?" + urllib.parse.urlencode({param.name: hostile}))
    if status == 400:  # an IRI parameter refuses the value outright
        assert b"not an IRI" in body or b"not a valid" in body
        return
    text = json.loads(body)["text"]
    clause = values_clause(bind(query, {param.name: hostile})).strip()
    assert hostile.replace('"', '\\"') in clause  # the value is a literal of the VALUES clause
    assert text.replace(" " + clause, "", 1) == query.text  # and the saved text itself is untouched
    assert fetch(server + "/sparql?" + urllib.parse.urlencode({"query": text}))[0] == 200


def test_unknown_saved_query_is_404_with_close_names(server):
    status, _, body = fetch(server + "/api/queries/proposal")
    assert status == 404 and b"proposals" in body
