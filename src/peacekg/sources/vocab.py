"""What the ontology allows: its classes, properties, concepts and build annotations.

The build checks the curated sources against this, so the ontology is the one
place that says which statement kinds, qualifiers and values exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ..errors import Problem, SourceError
from ..namespaces import PKO

STATEMENT = URIRef(PKO + "Statement")


def read_turtle(path: Path, shown_as: str) -> Graph:
    """Parse a Turtle file the build reads (ontology, shapes); raise :class:`SourceError` with its line."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    from .sourcefile import read_text

    text = read_text(path, shown_as, limit=50_000_000)
    try:
        graph = Graph().parse(data=text, format="turtle")
    except BadSyntax as exc:
        why = getattr(exc, "_why", "") or "bad syntax"
        raise SourceError([Problem(shown_as, int(getattr(exc, "lines", 0)) + 1,
                                   f"not valid Turtle: {why}")]) from None
    except Exception as exc:  # rdflib raises plain exceptions for bad IRIs and literals
        raise SourceError([Problem(shown_as, 1, f"not valid Turtle: {str(exc).splitlines()[0]}")]) from None
    imported = sorted(str(o) for o in graph.objects(None, OWL.imports))
    if imported:  # the reasoner would fetch each one from the network: the build reads nothing but the project
        line = next((n for n, row in enumerate(text.splitlines(), 1) if "imports" in row), 1)
        raise SourceError([Problem(shown_as, line, f"owl:imports <{imported[0]}>: the build reads no ontology "
                                   "from elsewhere (nor downloads one); declare the terms it uses instead")])
    return graph
CONCEPT = SKOS.Concept


@dataclass(frozen=True)
class Property:
    iri: URIRef
    datatype: bool
    domain: URIRef | None
    range: URIRef | None
    ranges: tuple[URIRef, ...] = ()  #: the classes of a union range (``range`` is then None)


@dataclass
class Vocabulary:
    """The terms of the pko namespace, read from the ontology graph."""

    graph: Graph
    classes: set[URIRef] = field(default_factory=set)
    ancestors: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    concepts: dict[str, set[URIRef]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, shown_as: str | None = None) -> "Vocabulary":
        """The vocabulary of the ontology at ``path``; a Turtle syntax error is a ``file:line`` problem."""
        return cls.from_graph(read_turtle(path, shown_as or str(path)))

    @classmethod
    def from_graph(cls, graph: Graph) -> "Vocabulary":
        vocab = cls(graph)
        named = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        vocab.classes = {c for c in named if str(c).startswith(PKO)}
        for c in named:
            vocab.ancestors[c] = set(graph.transitive_objects(c, RDFS.subClassOf))
        for kind, datatype in ((OWL.ObjectProperty, False), (OWL.DatatypeProperty, True)):
            for p in graph.subjects(RDF.type, kind):
                if isinstance(p, URIRef) and str(p).startswith(PKO):
                    rng = graph.value(p, RDFS.range)
                    members = graph.value(rng, OWL.unionOf) if isinstance(rng, BNode) else None
                    ranges = tuple(Collection(graph, members)) if members is not None else ()
                    vocab.properties[local(p)] = Property(
                        p, datatype, graph.value(p, RDFS.domain), None if ranges else rng, ranges)
        for c in named:
            if vocab.is_a(c, CONCEPT):
                for individual in graph.subjects(RDF.type, c):
                    if isinstance(individual, URIRef) and str(individual).startswith(PKO):
                        vocab.concepts.setdefault(local(individual), set()).add(c)
        return vocab

    def is_a(self, cls: URIRef, ancestor: URIRef) -> bool:
        return ancestor in self.ancestors.get(cls, {cls})

    def any_is_a(self, classes: set[URIRef], ancestor: URIRef) -> bool:
        return any(self.is_a(c, ancestor) for c in classes)

    def pko_class(self, name: str) -> URIRef | None:
        iri = URIRef(PKO + name)
        return iri if iri in self.classes else None

    def statement_classes(self) -> set[URIRef]:
        return {c for c in self.classes if self.is_a(c, STATEMENT)}

    def annotation(self, subject: URIRef, name: str) -> URIRef | Literal | None:
        return self.graph.value(subject, URIRef(PKO + name))

    def direct_triple(self, cls: URIRef) -> tuple[str, URIRef | None, str] | None:
        """For a statement class: the qualifiers giving the subject and the object of its
        direct triple, and the class's predicate (None when its statuses give it; the
        subject is the agent unless declared)."""
        predicate = self.annotation(cls, "directPredicate")
        qualifier = self.annotation(cls, "directObject")
        subject = self.annotation(cls, "directSubject")
        if isinstance(qualifier, URIRef):
            return ((local(subject) if isinstance(subject, URIRef) else "agent"),
                    predicate if isinstance(predicate, URIRef) else None, local(qualifier))
        return None

    def status_predicate(self, concept: URIRef) -> URIRef | None:
        """The direct predicate a status gives its statements (``proposed`` -> pko:proposes)."""
        value = self.annotation(concept, "directPredicate")
        return value if isinstance(value, URIRef) else None

    def requires_status(self, cls: URIRef) -> bool:
        return bool(self.annotation(cls, "requiresStatus"))

    def requires_agent(self, cls: URIRef) -> bool:
        return bool(self.annotation(cls, "requiresAgent"))

    def registry_keys(self) -> dict[str, Property]:
        """Properties curators may give in the entity registry, by local name."""
        return {k: p for k, p in self.properties.items() if self.annotation(p.iri, "registryKey")}

    def concepts_of(self, cls: URIRef) -> list[str]:
        """The local names of the concepts of a class, sorted."""
        return sorted(k for k, types in self.concepts.items() if self.any_is_a(types, cls))

    def without_direct_triple(self, concept: URIRef) -> bool:
        return bool(self.annotation(concept, "withoutDirectTriple"))

    def label(self, term: URIRef) -> str:
        value = self.graph.value(term, RDFS.label)
        return str(value) if value is not None else local(term)


def local(iri: URIRef | str) -> str:
    """The local name of a pko term.

    >>> local("https://w3id.org/peacekg/ontology#Proposal")
    'Proposal'
    """
    text = str(iri)
    return text[len(PKO):] if text.startswith(PKO) else text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
