"""The class closure the build writes (graph/closure.ttl): each resource's classes, up the taxonomy,
under pko:instanceOf, checked against owlrl's RDFS entailment; rdf:type keeps to the stated classes."""

from __future__ import annotations

from pyoxigraph import NamedNode
from rdflib import OWL, RDF, Graph, URIRef

from peacekg.namespaces import CLOSURE_GRAPH, PKO, PKR
from peacekg.query.run import run_query
from peacekg.query.store import open_store

INSTANCE_OF = URIRef(PKO + "instanceOf")


def _read(project, *, closure: bool) -> Graph:
    graph = Graph()
    if not closure:
        graph.parse(project.ontology, format="turtle")
    for path in sorted(project.graph_dir.glob("*.ttl")):
        if (path.name == "closure.ttl") == closure:
            graph.parse(path, format="turtle")
    return graph


def test_the_closure_is_what_rdfs_entailment_gives_for_the_ontology_classes(project):
    import owlrl

    stated = _read(project, closure=False)
    ontology = Graph().parse(project.ontology, format="turtle")
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    entailed = Graph()
    for triple in stated:
        entailed.add(triple)
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(entailed)
    expected = {(s, c) for s, c in entailed.subject_objects(RDF.type) if isinstance(s, URIRef) and c in classes}
    written = _read(project, closure=True)
    assert set(written.predicates()) == {INSTANCE_OF}
    assert set(written.subject_objects(INSTANCE_OF)) == expected
    assert (URIRef(PKR + "political-guarantees"), URIRef(PKO + "Mechanism")) in expected


def test_rdf_type_keeps_to_the_stated_classes(project):
    store = open_store(project)
    assert not list(store.quads_for_pattern(None, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                            None, NamedNode(CLOSURE_GRAPH)))
    classes = {r["class"] for r in run_query("find-entity", project=project, name="Russia")}
    assert classes == {PKO + "State"}, classes


def test_the_subclass_queries_need_no_path_and_answer_alike_on_a_server(project, oxigraph):
    for name in ("mechanisms-of-class", "mechanism-taxonomy", "organisations", "wikidata-place-population"):
        assert "subClassOf*" not in (project.queries / f"{name}.rq").read_text(encoding="utf-8").split("WHERE")[1] \
            .split("OPTIONAL")[0], name
    params = {"class": "pko:Mechanism"}
    embedded = run_query("mechanisms-of-class", project=project, **params)
    remote = run_query("mechanisms-of-class", endpoint=oxigraph.query, project=project, **params)
    assert len(embedded) > 50
    assert sorted(map(repr, remote.terms)) == sorted(map(repr, embedded.terms))
    guarantees = {r["mechanism"] for r in run_query("mechanisms-of-class", project=project)}
    assert PKR + "security-guarantees" in guarantees and PKR + "minsk-ii" not in guarantees
