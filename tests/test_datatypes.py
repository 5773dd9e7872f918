"""Datatypes kept end to end: an export with the ontology, and the graph pushed to a server and read
back, conform to ontology/shapes.ttl (pySHACL) with every literal's datatype as built."""

from __future__ import annotations

import urllib.request

import pyoxigraph
import pytest
import rdflib
from pyshacl import validate
from rdflib.compare import isomorphic

from peacekg.query.export import export_bytes

from .conftest import ROOT

XSD = "http://www.w3.org/2001/XMLSchema#"
PKO = "https://w3id.org/peacekg/ontology#"
OA = "http://www.w3.org/ns/oa#"


def violations(data: rdflib.Graph) -> int:
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    return len(list(report.subjects(rdflib.RDF.type, SH.ValidationResult)))


def datatypes(graph: rdflib.Graph) -> dict[str, set[str]]:
    wanted = {PKO + "paragraph", OA + "start", OA + "end", PKO + "pointInTime", PKO + "startTime",
              PKO + "pointInTimePrecision", PKO + "amount"}
    found: dict[str, set[str]] = {}
    for _s, p, o in graph:
        if str(p) in wanted and isinstance(o, rdflib.Literal):
            found.setdefault(str(p), set()).add(str(o.datatype))
    return found


@pytest.fixture(scope="module")
def exported(project) -> rdflib.Graph:
    return rdflib.Graph().parse(data=export_bytes("ntriples", project=project, with_ontology=True), format="nt")


def test_an_export_with_the_ontology_conforms_to_the_shapes(exported):
    assert violations(exported) == 0


def test_the_export_uses_datatypes_stores_keep(exported):
    types = datatypes(exported)
    assert types[PKO + "paragraph"] == types[OA + "start"] == {XSD + "integer"}
    assert types[PKO + "pointInTime"] == {XSD + "dateTime"} and types[PKO + "pointInTimePrecision"] == {XSD + "integer"}
    assert types[PKO + "amount"] == {XSD + "decimal"}


def test_the_graph_pushed_and_read_back_conforms_and_keeps_its_datatypes(oxigraph, exported):
    """`peacekg push` to a real Oxigraph server, then every graph read back with the Graph Store Protocol."""
    request = urllib.request.Request(oxigraph.base + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        quads = pyoxigraph.parse(response.read(), format=pyoxigraph.RdfFormat.N_QUADS)
        triples = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)  # the union of the graphs
    back = rdflib.Graph().parse(data=triples, format="nt")
    assert len(back) == len(exported)
    assert datatypes(back) == datatypes(exported)
    assert violations(back) == 0
    assert isomorphic(back, exported)  # every triple, lexical forms included (blank nodes up to renaming)


def test_the_endpoint_keeps_the_datatypes(project, exported):
    """What `peacekg serve` answers to a CONSTRUCT has the datatypes of the export."""
    import urllib.parse

    from .serving import running_server

    query = ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?p { pko:paragraph oa:start pko:pointInTime "
             "pko:pointInTimePrecision pko:amount } ?s ?p ?o }")
    with running_server(project.root, "--workers", "1") as base:
        url = f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
        request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=60) as response:
            answered = rdflib.Graph().parse(data=response.read(), format="nt")
    asked = {PKO + "paragraph", OA + "start", PKO + "pointInTime", PKO + "pointInTimePrecision", PKO + "amount"}
    assert datatypes(answered) == {p: t for p, t in datatypes(exported).items() if p in asked}
