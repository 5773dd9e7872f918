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

The file is written by :func:`closure_bytes`, not by rdflib's Turtle serialiser: one line
per resource in the order of its IRI, its classes in theirs, so that a curation save
(:mod:`.incremental`) rewrites it from a map of resources to classes in milliseconds, where
rdflib took seconds at twenty documents, and gets the very bytes a full build writes.

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

import re
from collections.abc import Iterable, Mapping

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from ..namespaces import PKO

INSTANCE_OF = Namespace(PKO)["instanceOf"]
CLOSURE_FILE = "closure.ttl"
#: A local name written as ``pko:Name`` (anything else is written as a full IRI).
_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
#: Characters that cannot stand in an IRIREF (a class or resource IRI with one is left out).
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


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


def classes_above(ontology: Graph) -> dict[URIRef, frozenset[URIRef]]:
    """Each class of ``ontology`` with itself and every class above it."""
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    return {c: frozenset(x for x in ontology.transitive_objects(c, RDFS.subClassOf) if isinstance(x, URIRef))
            for c in classes}


def graph_classes(graph: Graph, above: Mapping[URIRef, frozenset[URIRef]]) -> dict[URIRef, set[URIRef]]:
    """The closure of one graph: each IRI typed with a class of the ontology -> every class it is in."""
    found: dict[URIRef, set[URIRef]] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(subject, URIRef) and cls in above:
            found.setdefault(subject, set()).update(above[cls])
    return found


def class_map(ontology: Graph, graphs: Iterable[Graph]) -> dict[URIRef, set[URIRef]]:
    """The closure of ``graphs`` together (the union of :func:`graph_classes`)."""
    above = classes_above(ontology)
    merged: dict[URIRef, set[URIRef]] = {}
    for graph in graphs:
        for subject, classes in graph_classes(graph, above).items():
            merged.setdefault(subject, set()).update(classes)
    return merged


HEADER = f"@prefix pko: <{PKO}> .\n\n".encode()


def _term(iri: str) -> str:
    local = iri[len(PKO):] if iri.startswith(PKO) else None
    return f"pko:{local}" if local is not None and _LOCAL.fullmatch(local) else f"<{iri}>"


def closure_line(subject: str, classes: Iterable[str]) -> bytes:
    """One resource's line of ``graph/closure.ttl``.

    >>> closure_line("https://w3id.org/peacekg/id/nato", [PKO + "Organisation", PKO + "Agent"])
    b'<https://w3id.org/peacekg/id/nato> pko:instanceOf pko:Agent, pko:Organisation .\\n'
    """
    objects = ", ".join(_term(c) for c in sorted(classes) if not _NOT_IRI.search(c))
    return f"<{subject}> pko:instanceOf {objects} .\n".encode()


def closure_bytes(classes: Mapping[URIRef, Iterable[URIRef]], lines: dict | None = None) -> bytes:
    """``graph/closure.ttl``: deterministic Turtle, one line per resource in IRI order.

    ``lines`` (subject -> line), when given, is used and filled as a cache of the lines.
    """
    out = [HEADER]
    for subject in sorted(classes, key=str):  # plain text order (what URIRef order is), in C
        line = None if lines is None else lines.get(subject)
        if line is None:
            line = b"" if _NOT_IRI.search(subject) or not classes[subject] else \
                closure_line(str(subject), map(str, classes[subject]))
            if lines is not None:
                lines[subject] = line
        out.append(line)
    return b"".join(out)


class ClosureView:
    """What the dataset's description (:func:`peacekg.compile.void.describe_dataset`) reads of a
    graph, for the closure kept as a map: its size, its predicates, its classes (none: it holds
    no ``rdf:type``) and the objects it names from the registry (none: its objects are classes)."""

    def __init__(self, classes: Mapping[URIRef, Iterable[URIRef]]):
        self.size = sum(len(c) for c in classes.values())

    def __len__(self) -> int:
        return self.size

    def predicates(self, subject=None, obj=None, unique: bool = False):
        return iter([INSTANCE_OF] if self.size else [])

    def objects(self, subject=None, predicate=None, unique: bool = False):
        if predicate == RDF.type:
            return iter(())
        return iter(())  # classes of the ontology: no registry resource among them
