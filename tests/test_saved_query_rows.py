"""What every saved query's rows must be, whatever it asks: no row twice, the document of each
statement, and a stance never printed without its polarity and mode (audit F02).

Each query runs on the essay's built graph with its defaults and with the parameters of each of
its fixtures (tests/data/queries/<query>.yaml; the cases with an update are left to
tests/test_saved_queries.py).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter

import pytest

from peacekg.namespaces import PKS
from peacekg.query.catalogue import catalogue
from peacekg.query.run import run_query, run_sparql

from .query_fixtures import QUERY_DATA, load_cases

ONLINE_ONLY = {"wikidata-positions-federated"}  # asks Wikidata with SERVICE
QUERIES = [q for q in catalogue() if q.name not in ONLINE_ONLY]


def _params(name: str) -> list[dict]:
    """The defaults (an empty dict), then each fixture case's parameters, once each."""
    runs = [{}]
    for case in load_cases(QUERY_DATA / f"{name}.yaml"):
        if "update" not in case and case.get("params", {}) not in runs:
            runs.append(case["params"])
    return runs


RUNS = [pytest.param(q.name, params, id=f"{q.name}-{i}") for q in QUERIES for i, params in enumerate(_params(q.name))]


def _run(name: str, params: dict):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a fixture's deliberately unknown value warns
        return run_query(name, **params)


@pytest.mark.parametrize("name, params", RUNS)
def test_no_saved_query_returns_a_row_twice(name, params):
    result = _run(name, params)
    twice = [row for row, n in Counter(map(repr, result.terms)).items() if n > 1]
    assert not twice, f"{name} {params}: {len(twice)} rows given more than once, e.g. {twice[0][:400]}"


def _statement_columns(result) -> dict[str, set[str]]:
    """The columns holding statement IRIs, with the IRIs each holds."""
    columns: dict[str, set[str]] = {}
    for row in result.terms:
        for variable, term in zip(result.variables, row):
            if term is not None and getattr(term, "value", "").startswith(PKS):
                columns.setdefault(variable, set()).add(term.value)
    return columns


def _stances(iris: set[str]) -> set[str]:
    """Those of ``iris`` that are positions or proposals."""
    values = " ".join(f"<{i}>" for i in sorted(iris))
    answer = run_sparql(f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} VALUES ?k {{ pko:Position pko:Proposal }}"
                        " ?s a ?k }")
    return {row[0].value for row in answer.terms}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_a_query_listing_statements_gives_their_document(query):
    result = _run(query.name, {})
    if _statement_columns(result):
        assert "document" in result.variables, f"{query.name} lists statements but has no document column"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_a_query_listing_positions_or_proposals_shows_or_filters_polarity_and_mode(query):
    result = _run(query.name, {})
    listed = set().union(*_statement_columns(result).values(), set())
    if not _stances(listed):
        return
    said = re.search(r"Polarity and mode: ([^.]*)", " ".join(query.description.split()))
    assert said, f"{query.name} lists positions or proposals: its header must say 'Polarity and mode: shown' or how it filters"
    for aspect in ("polarity", "mode"):
        shown = any(v == aspect or v.endswith(aspect.capitalize()) for v in result.variables)
        filtered = re.search(rf"{aspect} is filtered", said.group(1))
        assert shown or filtered, f"{query.name}: its {aspect} is neither a column nor said to be filtered"
        if "shown" in said.group(1) and not filtered:
            assert shown, f"{query.name}: the header says shown, but no {aspect} column"
