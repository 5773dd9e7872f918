"""The benchmark still works: a small corpus, one saved query, one engine, one report.

The full benchmark (``python -m bench``) is not part of the test suite.
"""

from __future__ import annotations

import doctest

import pytest
from pyoxigraph import RdfFormat, Store

from bench import generate, load, report, worker
from bench.catalogue import load_queries
from peacekg.query.store import open_store

TARGET = 15_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path, count = generate.generate(TARGET, out=tmp_path_factory.mktemp("bench") / "corpus.nq")
    return path, count


def test_bench_doctests():
    for module in (generate, report, load):
        assert doctest.testmod(module).failed == 0


def test_corpus_is_deterministic(corpus, tmp_path):
    path, _ = corpus
    again, _ = generate.generate(TARGET, out=tmp_path / "again.nq")
    assert again.read_bytes() == path.read_bytes()
    other, _ = generate.generate(TARGET, out=tmp_path / "other.nq", seed=7)
    assert other.read_bytes() != path.read_bytes()


def test_corpus_is_shaped_like_the_graph(corpus):
    path, count = corpus
    store = Store()
    store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    assert len(store) == count, "no quad is written twice"
    assert 0.6 * TARGET <= count <= 1.2 * TARGET

    def ask(query: str):
        return list(store.query("PREFIX pko: <https://w3id.org/peacekg/ontology#> "
                                "PREFIX oa: <http://www.w3.org/ns/oa#> " + query, use_default_graph_as_union=True))

    documents = int(ask("SELECT (COUNT(?d) AS ?n) WHERE { ?d a pko:Document }")[0]["n"].value)
    assert documents >= 2, "the essay and at least one synthetic document"
    # Every statement node keeps its evidence and both selectors, as in the real graph.
    statements = ask("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pko:agent ?a }")[0]["n"].value
    anchored = ask("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pko:agent ?a ; pko:evidence ?e . "
                   "?e oa:hasSelector ?q, ?p . ?q a oa:TextQuoteSelector ; oa:exact ?x . "
                   "?p a oa:TextPositionSelector ; oa:start ?b }")[0]["n"].value
    assert int(statements) == int(anchored) > 0
    # Each document has as many statements as the essay: the proportions are the essay's.
    per_doc = {int(r["n"].value) for r in ask(
        "SELECT ?d (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pko:evidence/oa:hasSource ?d } GROUP BY ?d")}
    assert len(per_doc) == 1
    # Real entities recur across documents, so the saved queries' defaults hit data.
    graphs = ask("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s pko:agent <https://w3id.org/peacekg/id/russia> } }")
    assert int(graphs[0]["n"].value) >= 1


def test_harness_runs_a_saved_query_and_reports_it(corpus):
    path, _ = corpus
    essay = open_store()
    answers = (q for q in sorted(load_queries(), key=lambda q: not q.one_entity)
               if any(True for _ in essay.query(q.text, use_default_graph_as_union=True)))
    query = next(answers)  # a query about one entity if one answers on the essay
    result = worker.main(["--engine", "pyoxigraph", "--corpus", str(path), "--names", query.name, "--repeats", "1"])
    figures = result["queries"][query.name]
    assert figures["status"] == "ok" and figures["rows"] > 0
    assert figures["median_s"] > 0 and figures["peacekg_median_s"] > 0
    assert result["load_s"] > 0 and result["peak_rss_mb"] > 0
    results = {"machine": {}, "args": {"sizes": "15k", "repeats": 1, "cap": 10.0, "budget": 60.0, "cold_runs": 1},
               "queries": {query.name: {"one_entity": query.one_entity}},
               "sizes": {"15k": {"triples": 1, "bytes": 1, "generate_s": 0.1, "engines": {"pyoxigraph": result}}}}
    text = report.render(results)
    assert f"| {query.name}" in text and "| pyoxigraph |" in text
    # Two sizes make a growth table; a load run makes its section and its goals.
    results["sizes"]["30k"] = {**results["sizes"]["15k"], "triples": 2}
    results["load_run"] = {"workers": 1, "seconds": 1, "targets": {"entity page": [
        {"clients": 10, "requests": 5, "seconds": 1, "rps": 5.0, "p50_s": 0.002, "p99_s": 0.01, "errors": 0},
        {"clients": 50, "requests": 9, "seconds": 1, "rps": 9.0, "p50_s": 0.02, "p99_s": 0.05, "errors": 0}]}}
    text = report.render(results)
    assert "## Growth with the data" in text and "| 15k | 30k | 15k -> 30k |" in text
    assert "| entity page | 10 | 5 | 5 | 2.0 ms |" in text
    assert "| endpoint, 10 concurrent clients, saved queries and pages (search beside) | p50 <= 5 ms | entity page: 2.0 ms | yes |" in text
    assert "| endpoint, 50 concurrent clients, saved queries and pages (search beside) | >= 2,000 req/s | entity page: 9 req/s | **no** |" in text
