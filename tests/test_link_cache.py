"""The offline Wikidata cache (`peacekg link --refresh-cache`) and the saved queries that use it."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery

from peacekg.compile.pipeline import build
from peacekg.cli import cli
from peacekg.query.run import run_query
from peacekg.wikidata import run
from peacekg.wikidata.client import SparqlClient

from .conftest import ROOT
from .linkkit import HEADER, link_project, mapping_row, oxigraph_endpoint, proxy, snapshot  # noqa: F401

QUERIES = ROOT / "queries"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def cached_project(link_project, oxigraph_endpoint):
    rows = [mapping_row("ukraine", "Q212", "Ukraine"), mapping_row("kaliningrad", "Q1749", "Kaliningrad Oblast",
                                                                   "skos:closeMatch", "0.8"),
            mapping_row("vladimir-putin", "Q7747", "Vladimir Putin", confidence="0.95"),
            mapping_row("novorossiya", "Q16912926", "Novorossiya", "skos:closeMatch", "0.4"),
            mapping_row("osce", "Q81299", "Organization for Security and Co-operation in Europe")]
    (link_project.links_dir / "wikidata.sssom.tsv").write_text(HEADER + "".join(rows), encoding="utf-8")
    client = SparqlClient(oxigraph_endpoint, timeout=10)
    path, triples, changed = run.refresh_cache(link_project, client, now=NOW)
    assert changed and triples > 10 and client.requests == 1
    build(link_project, reason=False, shapes=False)
    return link_project


def ask(project, name):
    """Rows of a saved query as dicts of plain values, run the way users run it."""
    result = run_query(name, project=project)
    return [{v: (t.value if t is not None else None) for v, t in zip(result.variables, row)}
            for row in result.terms]


def test_the_cache_holds_the_facts_with_the_date_fetched(cached_project):
    text = (cached_project.graph_dir / "wikidata.ttl").read_text(encoding="utf-8")
    assert 'prov:generatedAtTime "2026-11-25T12:00:00' in text and "ns1:" not in text
    assert "wd:Q212" in text and "wdt:P1082" in text and "wdt:P625" in text and "wdt:P569" in text
    assert "sovereign state" in text  # the label of the P31 class comes along
    assert "Q900000001" not in text  # only linked items, not the decoys


def test_refreshing_again_gives_the_same_bytes(cached_project, oxigraph_endpoint):
    before = (cached_project.graph_dir / "wikidata.ttl").read_bytes()
    _path, _n, changed = run.refresh_cache(cached_project, SparqlClient(oxigraph_endpoint, timeout=10), now=NOW)
    assert not changed and (cached_project.graph_dir / "wikidata.ttl").read_bytes() == before


def test_facts_query_works_offline_from_the_cache(cached_project):
    rows = {r["entity"].rsplit("/", 1)[1]: r for r in ask(cached_project, "wikidata-facts")}
    assert set(rows) == {"ukraine", "kaliningrad", "vladimir-putin", "osce"}  # not novorossiya (0.4)
    assert rows["ukraine"]["population"] == "1000" and rows["ukraine"]["kinds"] == "sovereign state"
    assert rows["ukraine"]["coordinates"] == "Point(30 50)"
    assert rows["kaliningrad"]["countryLabel"] == "Russia" and rows["kaliningrad"]["itemLabel"] == "Kaliningrad Oblast"
    assert rows["vladimir-putin"]["kinds"] == "human"
    assert rows["osce"]["fetched"] == "2026-11-25T12:00:00Z"


def test_place_population_query(cached_project):
    rows = ask(cached_project, "wikidata-place-population")
    assert [(r["place"].rsplit("/", 1)[1], r["population"]) for r in rows] == [("kaliningrad", "2000"),
                                                                             ("ukraine", "1000")]
    assert rows[0]["match"].endswith("closeMatch")


def test_link_queries_filter_low_confidence(cached_project):
    kept = {r["entity"].rsplit("/", 1)[1] for r in ask(cached_project, "wikidata-link-provenance")}
    assert kept == {"ukraine", "kaliningrad", "vladimir-putin", "osce"}
    low = ask(cached_project, "wikidata-link-candidates")
    assert [(r["entity"].rsplit("/", 1)[1], r["item"].rsplit("/", 1)[1]) for r in low] == [("novorossiya",
                                                                                         "Q16912926")]


def test_provenance_query_on_the_committed_graph(project):
    rows = ask(project, "wikidata-link-provenance")
    by_entity = {r["entity"].rsplit("/", 1)[1]: r for r in rows}
    assert by_entity["nato"]["item"] == "http://www.wikidata.org/entity/Q7184"
    assert "supraverden" in by_entity["nato"]["sources"]
    assert all(r["sources"] for r in rows) and all(float(r["confidence"]) >= 0.5 for r in rows)


def test_the_federated_query_parses_and_asks_wikidata():
    text = (QUERIES / "wikidata-positions-federated.rq").read_text(encoding="utf-8")
    prepareQuery(text)  # parsed, never run: it needs the internet
    assert "SERVICE <https://query.wikidata.org/sparql>" in text


def test_every_saved_query_has_a_grlc_header():
    for path in QUERIES.glob("wikidata-*.rq"):
        head = path.read_text(encoding="utf-8").splitlines()
        assert head[0].startswith("#+ summary: "), path.name
        assert any(line.startswith("#+ tags:") for line in head), path.name


def test_refresh_cache_fault_leaves_the_cache_as_it_was(cached_project, proxy):
    proxy.mode = "malformed"
    before = snapshot(cached_project)
    result = CliRunner().invoke(cli, ["link", "--refresh-cache", "--endpoint", proxy.url, "--no-progress"])
    assert result.exit_code == 3 and "sent a malformed response" in result.output, result.output
    assert snapshot(cached_project) == before
