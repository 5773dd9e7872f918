"""The class closure: every type the ontology's taxonomy implies, as its own named graph.

The build writes ``graph/closure.ttl`` (named graph :data:`peacekg.namespaces.CLOSURE_GRAPH`):
for each resource (IRI) typed with a class of the ontology, an ``rdf:type`` triple for
every class above that one (``rdfs:subClassOf``, followed to the top), unless
the type is stated already. A query then asks for ``?x a pko:SecurityGuarantee``
and gets the mechanisms of every class below it, with no ``rdfs:subClassOf*``
path, which Oxigraph evaluates slowly (bench/RESULTS.md, *Class hierarchies*).
It is what RDFS entailment (rule rdfs9) gives, written down; its own graph keeps
it apart from what the sources say, so a query can tell stated types from implied
ones (``FILTER NOT EXISTS { GRAPH <.../graph/closure> { ... } }``). ``peacekg push``
sends it with the other files, so the queries also work on a server.

>>> from rdflib import Graph, Namespace, RDF, RDFS
>>> EX = Namespace("urn:ex:")
>>> ontology = Graph()
>>> for triple in [(EX.B, RDFS.subClassOf, EX.A), (EX.C, RDFS.subClassOf, EX.B)]:
...     _ = ontology.add(triple)
>>> data = Graph().add((EX.c, RDF.type, EX.C)).add((EX.c, RDF.type, EX.A))
>>> sorted(str(o) for _, _, o in implied_types(ontology, [data]))
['urn:ex:B']
"""

from __future__ import annotations

from typing import Iterable

from rdflib import RDF, RDFS, Graph, URIRef


def superclasses(ontology: Graph) -> dict[URIRef, set[URIRef]]:
    """Each named class of the ontology -> every named class above it (not itself)."""
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sub, set()).add(sup)
    closed: dict[URIRef, set[URIRef]] = {}
    for start in direct:
        seen: set[URIRef] = set()
        todo = list(direct[start])
        while todo:
            cls = todo.pop()
            if cls not in seen and cls != start:
                seen.add(cls)
                todo.extend(direct.get(cls, ()))
        closed[start] = seen
    return closed


def implied_types(ontology: Graph, graphs: Iterable[Graph]) -> Graph:
    """The ``rdf:type`` triples the taxonomy implies for the resources of ``graphs`` and the ontology."""
    above = superclasses(ontology)
    stated: dict = {}
    for graph in (ontology, *graphs):
        for subject, cls in graph.subject_objects(RDF.type):
            if not isinstance(subject, URIRef):  # a blank node of one file is not the same node in another
                continue
            stated.setdefault(subject, set()).add(cls)
    closure = Graph()
    for subject, classes in stated.items():
        for cls in classes:
            for implied in above.get(cls, ()):
                if implied not in classes:
                    closure.add((subject, RDF.type, implied))
    return closure
