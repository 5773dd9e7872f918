"""The class closure the build writes (graph/closure.ttl): exactly the types the taxonomy implies."""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from peacekg.namespaces import CLOSURE_GRAPH, RDF
from peacekg.query.run import run_query
from peacekg.query.store import open_store

TYPE = NamedNode(RDF + "type")
CLOSURE = NamedNode(CLOSURE_GRAPH)


def _without_closure(store: Store) -> Store:
    bare = Store()
    bare.extend(q for q in store if q.graph_name != CLOSURE)
    return bare


def test_the_closure_holds_every_implied_type_and_nothing_else(project):
    store = open_store(project)
    bare = _without_closure(store)
    implied = {(r["x"], r["super"]) for r in bare.query(
        "SELECT DISTINCT ?x ?super WHERE { ?x a ?c . ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?super "
        "FILTER(isIRI(?super)) FILTER NOT EXISTS { ?x a ?super } }", use_default_graph_as_union=True)}
    written = {(q.subject, q.object) for q in store.quads_for_pattern(None, None, None, CLOSURE)}
    assert written == implied
    assert all(q.predicate == TYPE for q in store.quads_for_pattern(None, None, None, CLOSURE))
    assert (NamedNode("https://w3id.org/peacekg/id/political-guarantees"),
            NamedNode("https://w3id.org/peacekg/ontology#Mechanism")) in written


def test_the_closure_is_pushed_and_a_subclass_query_needs_no_path_on_the_server(project, oxigraph):
    embedded = run_query("mechanisms-of-class", project=project, **{"class": "pko:Mechanism"})
    remote = run_query("mechanisms-of-class", endpoint=oxigraph.query, project=project, **{"class": "pko:Mechanism"})
    assert len(embedded) > 10 and sorted(map(repr, remote.terms)) == sorted(map(repr, embedded.terms))
    text = (project.queries / "mechanisms-of-class.rq").read_text(encoding="utf-8")
    assert "subClassOf*" not in text


def test_implied_types_do_not_show_as_stated_classes(project):
    classes = {r["class"] for r in run_query("find-entity", project=project, name="Russia")}
    assert classes == {"https://w3id.org/peacekg/ontology#State"}, classes
