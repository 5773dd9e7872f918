"""Export in every RDF format, atomically; push to a real server, one named graph per file."""

from __future__ import annotations

import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from peacekg.errors import ExportError
from peacekg.query.export import ExportFormat, export, export_bytes, write_atomically
from peacekg.namespaces import CLOSURE_GRAPH, ONTOLOGY_GRAPH, graph_iri
from peacekg.query.run import load, run_sparql
from peacekg.query.store import graph_files

RUSSIA_REQUESTS = "https://w3id.org/peacekg/statement/p26-russia-requests-legal-guarantees"
OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"


def peacekg(*args):
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, timeout=60)


def union_triples(store, graphs=None):
    chosen = [NamedNode(g) for g in graphs] if graphs else list(store.named_graphs())
    return {(q.subject, q.predicate, q.object) for g in chosen for q in store.quads_for_pattern(None, None, None, g)}


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=[f.value for f in ExportFormat])
def test_every_format_parses_back_to_the_same_graph(project, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt.value}"
    count = export(fmt, out, project=project)
    parsed = list(parse(path=str(out), format=fmt.rdf_format))
    triples = {(s.subject, s.predicate, s.object) for s in parsed}
    store = load(project)
    assert triples == union_triples(store, [g for _, g in graph_files(project, ontology=False)])
    assert count == len(parsed)
    if fmt.keeps_graphs:
        graphs = {q.graph_name.value for q in parsed}
        assert graph_iri("carment-belo-ukraine") in graphs and graph_iri("entities") in graphs


def test_rdflib_reads_the_jsonld_and_xml_exports(project):
    import rdflib

    graph = rdflib.Graph().parse(data=export_bytes("xml", project=project), format="xml")
    assert (rdflib.URIRef(RUSSIA_REQUESTS), None, None) in graph
    dataset = rdflib.Dataset().parse(data=export_bytes("jsonld", project=project), format="json-ld")
    quads = list(dataset.quads((rdflib.URIRef(RUSSIA_REQUESTS), None, None, None)))
    assert quads and {str(q[3].identifier if hasattr(q[3], "identifier") else q[3]) for q in quads} == {
        graph_iri("carment-belo-ukraine"), CLOSURE_GRAPH}  # its classes, up the taxonomy, in the closure


def test_per_document_export_and_ontology(project):
    document = export_bytes("ntriples", project=project, document="carment-belo-ukraine")
    assert RUSSIA_REQUESTS.encode() in document
    assert b"skos/core#prefLabel" not in document  # the registry is its own graph
    assert OWL_ONTOLOGY.encode() not in export_bytes("ntriples", project=project)
    with_ontology = export_bytes("ntriples", project=project, document="carment-belo-ukraine", with_ontology=True)
    assert OWL_ONTOLOGY.encode() in with_ontology and RUSSIA_REQUESTS.encode() in with_ontology
    trig = export_bytes("trig", project=project, with_ontology=True)
    assert ONTOLOGY_GRAPH.encode() in trig


def test_unknown_document_is_refused(project):
    with pytest.raises(ExportError, match="no built document 'nope'; built documents: carment-belo-ukraine"):
        export_bytes("turtle", project=project, document="nope")
    run = peacekg("export", "--document", "nope")
    assert run.returncode == 2 and b"no built document" in run.stderr


def test_cli_export_to_stdout_and_to_a_file(tmp_path):
    run = peacekg("export", "--format", "nquads")
    assert run.returncode == 0
    assert len(list(parse(run.stdout, format=RdfFormat.N_QUADS))) > 500
    out = tmp_path / "essay.ttl"
    run = peacekg("export", "--format", "turtle", "--document", "carment-belo-ukraine", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert b"wrote" in run.stderr and out.read_bytes().startswith(b"@prefix")


def test_an_interrupted_export_leaves_the_earlier_file_and_no_temporary(tmp_path):
    out = tmp_path / "graph.ttl"
    out.write_bytes(b"earlier export\n")

    def half_then_interrupted(handle):
        handle.write(b"@prefix pko: <https://w3id.org/peacekg/ontology#> .\npko:half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(out, half_then_interrupted)
    assert out.read_bytes() == b"earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_a_failing_serialiser_leaves_no_file(project, tmp_path, monkeypatch):
    import peacekg.query.export as module

    def broken(statements, fmt, output):
        output.write(b"<a> <b> ")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "_write", broken)
    out = tmp_path / "graph.nt"
    with pytest.raises(ExportError, match="cannot write .*No space left on device"):
        export("ntriples", out, project=project)
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_fails_cleanly(tmp_path):
    out = tmp_path / "no" / "such" / "graph.ttl"
    run = peacekg("export", "--out", str(out))
    assert run.returncode == 2
    assert b"peacekg: error: cannot write" in run.stderr
    assert not (tmp_path / "no").exists()


# --- push -------------------------------------------------------------------------
def _graphs_on(server) -> dict[str, int]:
    rows = run_sparql("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                      endpoint=server.query).rows
    return {r["g"]: r["n"] for r in rows}


def test_push_loads_one_named_graph_per_file(project, oxigraph):
    store = load(project)
    expected = {g: len(union_triples(store, [g])) for _, g in graph_files(project)}
    assert _graphs_on(oxigraph) == expected
    assert ONTOLOGY_GRAPH in expected and graph_iri("carment-belo-ukraine") in expected


def test_pushing_again_replaces_rather_than_adds(project, oxigraph):
    before = _graphs_on(oxigraph)
    run = peacekg("push", "--endpoint", oxigraph.store)
    assert run.returncode == 0, run.stderr
    assert b"carment-belo-ukraine.ttl -> <https://w3id.org/peacekg/graph/carment-belo-ukraine>" in run.stdout
    assert _graphs_on(oxigraph) == before


def test_server_answers_sparql_protocol_directly(oxigraph):
    # The server is a real SPARQL 1.1 endpoint: a plain HTTP GET works without peacekg.
    query = "ASK { <%s> ?p ?o }" % RUSSIA_REQUESTS
    url = oxigraph.query + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert b'"boolean":true' in response.read().replace(b" ", b"")
