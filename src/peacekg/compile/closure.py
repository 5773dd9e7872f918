"""The class closure: every class of the taxonomy each resource belongs to, as its own named graph.

The build writes ``graph/closure.ttl`` (named graph :data:`peacekg.namespaces.CLOSURE_GRAPH`):
for each resource (IRI) typed with a class of the ontology, a ``pko:instanceOf``
triple for that class and for every class above it (``rdfs:subClassOf``,
followed to the top, by rdflib's ``transitive_objects``). A query then asks
for ``?x pko:instanceOf pko:Guarantee`` and gets the mechanisms of every class
below it, with no ``rdfs:subClassOf*`` path, which Oxigraph evaluates slowly
at a million triples (bench/RESULTS.md). It is what RDFS entailment (rule
rdfs9) gives, written down, but under a predicate of its own: ``rdf:type``
stays what the sources state, so ``?x a ?class`` answers with the stated
class only, whether or not the closure is loaded. ``peacekg push`` sends it
with the other files, so the saved queries work on a server as they do here.

>>> from rdflib import Graph, Namespace, OWL, RDF, RDFS
>>> EX = Namespace("urn:ex:")
>>> ontology = Graph()
>>> for cls in (EX.A, EX.B, EX.C):
...     _ = ontology.add((cls, RDF.type, OWL.Class))
>>> for triple in [(EX.B, RDFS.subClassOf, EX.A), (EX.C, RDFS.subClassOf, EX.B)]:
...     _ = ontology.add(triple)
>>> data = Graph().add((EX.c, RDF.type, EX.C))
>>> sorted(str(o).removeprefix("urn:ex:") for _, _, o in class_closure(ontology, [data]))
['A', 'B', 'C']
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from ..namespaces import PKO

INSTANCE_OF = Namespace(PKO)["instanceOf"]


def class_closure(ontology: Graph, graphs: Iterable[Graph]) -> Graph:
    """``pko:instanceOf`` triples: each IRI typed with a class of ``ontology``, to that class and each above it."""
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    above: dict[URIRef, set[URIRef]] = {}
    closure = Graph()
    for graph in (ontology, *graphs):
        for subject, cls in graph.subject_objects(RDF.type):
            # A blank node of one file is not the same node in another, so only IRIs get closure triples.
            if not isinstance(subject, URIRef) or cls not in classes:
                continue
            if cls not in above:
                above[cls] = {c for c in ontology.transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)}
            for implied in above[cls]:
                closure.add((subject, INSTANCE_OF, implied))
    return closure
