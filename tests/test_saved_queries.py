"""Every saved query gives the expected answer over the essay graph, embedded and on a real server."""

from __future__ import annotations

from collections import Counter

import pytest

from peacekg.query.catalogue import catalogue, query_names
from peacekg.query.run import load, run_query

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


def _as_grlc_would(query) -> str:
    """The query text after grlc's rewriting, which replaces each parameter variable by its
    value written as a term (IRI, language-tagged, typed or plain literal) in the text."""
    text = query.text
    for param in sorted(query.params, key=lambda p: -len(p.variable)):
        value = param.default
        if param.kind == "iri":
            term = f"<{value}>"
        elif param.kind.startswith("@"):
            term = f'"{value}"{param.kind}'
        elif param.kind == "literal":
            term = f'"{value}"'
        else:
            term = f'"{value}"^^<http://www.w3.org/2001/XMLSchema#{param.kind}>'
        text = text.replace("?" + param.variable, term)
    return text


@pytest.mark.parametrize("name", [q.name for q in catalogue() if q.params])
def test_parametrised_queries_still_work_when_grlc_pastes_the_defaults(project, name):
    from peacekg.query.run import run_sparql

    query = next(q for q in catalogue(project) if q.name == name)
    pasted = run_sparql(_as_grlc_would(query), project=project)
    bound = run_query(name, project=project)
    assert len(bound) > 0
    assert pasted.variables == bound.variables
    assert Counter(map(repr, pasted.terms)) == Counter(map(repr, bound.terms))
