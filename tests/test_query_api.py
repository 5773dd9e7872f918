"""The Python API a notebook user meets: load, run_query, Result rows, DataFrames, formats."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
from pyoxigraph import Literal, Store

import peacekg
from peacekg.errors import QueryError
from peacekg.query.results import Result


def test_public_api_is_declared():
    for name in ("load", "run_query", "run_sparql", "catalogue", "get_query", "export", "Result", "SavedQuery",
                 "QueryError", "UnknownQuery", "EndpointError"):
        assert name in peacekg.__all__, name
        assert getattr(peacekg, name) is not None


def test_load_gives_the_graph_as_a_store():
    store = peacekg.load()
    assert isinstance(store, Store)
    names = {g.value for g in store.named_graphs()}
    assert "https://w3id.org/peacekg/graph/carment-belo-ukraine" in names
    assert "https://w3id.org/peacekg/graph/ontology" in names


def test_rows_are_python_values():
    result = peacekg.run_query("figures")
    row = next(r for r in result if r["statement"].endswith("/p03-defence-budget-figure"))
    assert row["amount"] == Decimal("100000000000") and row["previousAmount"] == Decimal("51000000000")
    assert row["unit"] == "https://w3id.org/peacekg/ontology#euro"
    assert row["when"] == "2022-02"  # a gYearMonth keeps the precision of the text
    paragraphs = {r["paragraph"] for r in peacekg.run_query("proposals")}
    assert {26, 27, 30} <= paragraphs and all(isinstance(p, int) for p in paragraphs)


def test_terms_stay_available():
    result = peacekg.run_query("statement-evidence")
    index = result.variables.index("start")
    term = result.terms[0][index]
    assert isinstance(term, Literal) and term.value == "11326"
    assert term.datatype.value.startswith("http://www.w3.org/2001/XMLSchema#")
    assert result.rows[0]["start"] == 11326


def test_unbound_values_are_none():
    rows = [r for r in peacekg.run_query("proposals") if r["proposer"].endswith("/ukraine")]
    assert rows and rows[0]["rejectedBy"] is None


def test_to_dataframe_with_pandas():
    pandas = pytest.importorskip("pandas")
    frame = peacekg.run_query("proposals").to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns)[:3] == ["proposer", "status", "mechanisms"]


def test_to_dataframe_without_pandas_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(QueryError, match="pip install pandas"):
        peacekg.run_query("proposals").to_dataframe()


def test_result_formats_are_pyoxigraphs():
    result = Result.from_query(Store().query('SELECT ?s WHERE { VALUES ?s { "a, \\"b\\"" } }'))
    assert result.serialize("csv") == b's\r\n"a, ""b"""\r\n'
    assert result.serialize("tsv") == b'?s\n"a, \\"b\\""\n'
    assert b"<literal>a, &quot;b&quot;</literal>" in result.serialize("xml")
    assert result.table().splitlines()[-1] == 'a, "b"'


def test_empty_and_boolean_results():
    empty = peacekg.run_sparql("SELECT ?s WHERE { ?s a <urn:nothing> }")
    assert len(empty) == 0 and not empty and "(no rows)" in empty.table()
    ask = peacekg.run_sparql("ASK { ?s a <urn:nothing> }")
    assert ask.boolean is False and ask.table() == "no"


def test_a_saved_query_runs_on_ones_own_store_outside_any_project(project, tmp_path, monkeypatch):
    from peacekg.query.catalogue import get_query

    query = get_query("proposals", project)
    store = peacekg.load(project)
    monkeypatch.chdir(tmp_path)  # no project here or above: none is looked for, as none is needed
    monkeypatch.delenv("PEACEKG_ROOT", raising=False)
    result = peacekg.run_query(query, store=store)
    assert len(result) == len(peacekg.run_query("proposals", project=project))
    assert result.rows == peacekg.run_query("proposals", project=project).rows
    with pytest.raises(peacekg.PeacekgError, match="no peacekg project"):
        peacekg.run_query("proposals", store=store)  # by name, it must be found in a project


def test_counting_rows_leaves_their_terms_in_pyoxigraph_until_read(project):
    result = peacekg.run_query("timeline", project=project)
    assert len(result) > 10 and result._terms is None  # the solutions are kept; no tuple was made yet
    assert len(result.terms) == len(result) and result.serialize("tsv").count(b"\n") == len(result) + 1
