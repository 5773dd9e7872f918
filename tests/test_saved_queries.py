"""Every saved query gives the expected answer over the essay graph, embedded and on a real server."""

from __future__ import annotations

from collections import Counter

import pytest

from peacekg.queries import catalogue, query_names
from peacekg.run import load, run_query

from .query_fixtures import QUERY_DATA, check_case, load_cases, shown

FIXTURES = sorted(QUERY_DATA.glob("*.yaml"))
CASES = [pytest.param(path.stem, i, case, id=f"{path.stem}-{i}")
         for path in FIXTURES for i, case in enumerate(load_cases(path))]
GRAPH_CASES = [p for p in CASES if "update" not in p.values[2]]


def test_at_least_fifteen_saved_queries_each_documented(project):
    queries = catalogue(project)
    assert len(queries) >= 15
    for query in queries:
        assert query.summary and query.description and query.tags, query.name


def test_every_saved_query_has_a_fixture(project):
    assert sorted(query_names(project)) == sorted(p.stem for p in FIXTURES)


@pytest.mark.parametrize("name, index, case", CASES)
def test_answer_on_embedded_store(project, name, index, case):
    store = None
    if "update" in case:
        store = load(project)
        store.update(case["update"])
    result = run_query(name, store=store, project=project, **case.get("params", {}))
    check_case(result, case, f"{name} case {index} (embedded)")


@pytest.mark.parametrize("name, index, case", GRAPH_CASES)
def test_answer_on_oxigraph_server(project, oxigraph, name, index, case):
    result = run_query(name, endpoint=oxigraph.query, timeout=30, project=project, **case.get("params", {}))
    check_case(result, case, f"{name} case {index} (server)")


@pytest.mark.parametrize("name, index, case", GRAPH_CASES)
def test_server_gives_the_same_rows_as_embedded(project, oxigraph, name, index, case):
    params = case.get("params", {})
    embedded = run_query(name, project=project, **params)
    remote = run_query(name, endpoint=oxigraph.query, timeout=30, project=project, **params)
    assert remote.variables == embedded.variables
    assert Counter(map(repr, remote.terms)) == Counter(map(repr, embedded.terms))
    assert len(shown(remote)) == len(embedded)
