"""The dataset's description of itself: VoID and DCAT, written by the build as ``graph/void.ttl``.

One ``void:Dataset`` that is also a ``dcat:Dataset`` (:data:`peacekg.namespaces.DATASET`),
with a subset per named graph (the subset's IRI is the graph's IRI, so it
dereferences on ``peacekg serve``), each with its exact ``void:triples`` count;
the vocabularies its predicates and classes come from; a few example
resources; the documents it is compiled from; its license (CC BY 4.0, as the
ontology and the SSSOM mapping sets say); and its version: the package's
version and a digest of the built files, so the same sources give the same
bytes. The build's date is the date of ``SOURCE_DATE_EPOCH`` when that is set
(the reproducible-builds convention): a clock date would make two builds of
the same sources differ.

The SPARQL endpoint is not known when the graph is built (``peacekg serve``
picks the address), so the server adds it, ``void:sparqlEndpoint`` and a
``dcat:DataService``, when it answers ``/.well-known/void``
(:mod:`peacekg.web.linked`).

>>> from rdflib import Graph, Literal, URIRef
>>> data = Graph().add((URIRef("https://w3id.org/peacekg/id/x"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("x")))
>>> void = describe_dataset({"https://w3id.org/peacekg/graph/entities": data}, documents=[], version="0.1.0+abc")
>>> int(void.value(URIRef("https://w3id.org/peacekg/graph/entities"), VOID.triples))
1
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, VOID

from ..namespaces import BASE, DATASET, GRAPH, LICENSE, PKR, PREFIXES, VOID_GRAPH

#: DCAT 3 terms that rdflib's DCAT namespace (DCAT 2) lacks.
DCAT3 = Namespace(str(DCAT))
#: How many example resources the description names (the most referenced entities).
EXAMPLES = 5
#: What each named graph holds, by the last segment of its IRI (documents are described from their record).
TITLES = {
    "ontology": "The peacekg ontology (OWL 2 DL): classes, properties and SKOS value vocabularies",
    "entities": "The entity registry: actors, organisations, places, mechanisms",
    "links": "Links to Wikidata and the ontology's alignments, compiled from the SSSOM mapping sets",
    "closure": "Every class each resource belongs to, up the taxonomy (pko:instanceOf)",
}


def _namespace(iri: str) -> str | None:
    for cut in ("#", "/"):
        if cut in iri[8:]:
            return iri[: iri.rindex(cut) + 1]
    return None


def vocabularies(graphs: Iterable[Graph]) -> set[str]:
    """The namespaces of the predicates and classes used, from the known prefixes only (no guessing)."""
    known = set(PREFIXES.values())
    used: set[str] = set()
    for graph in graphs:
        for predicate in graph.predicates(unique=True):
            used.add(_namespace(str(predicate)) or "")
        for cls in graph.objects(None, RDF.type, unique=True):
            if isinstance(cls, URIRef):
                used.add(_namespace(str(cls)) or "")
    return used & known


def examples(graphs: Iterable[Graph], *, count: int = EXAMPLES) -> list[URIRef]:
    """The registry entities most often referred to (ties broken by IRI), for ``void:exampleResource``."""
    seen: Counter[URIRef] = Counter()
    for graph in graphs:
        for obj in graph.objects():
            if isinstance(obj, URIRef) and str(obj).startswith(PKR) and not str(obj).startswith(PKR + "authors-"):
                seen[obj] += 1
    return [iri for iri, _ in sorted(seen.items(), key=lambda item: (-item[1], str(item[0])))[:count]]


def build_date() -> str | None:
    """The day of ``SOURCE_DATE_EPOCH`` (UTC), or None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()


def digest(files: Mapping[str, bytes]) -> str:
    """A short digest of the built files' bytes (name and content), which the build makes deterministic.

    >>> digest({"a.ttl": b"x"}) == digest({"a.ttl": b"x"}) != digest({"a.ttl": b"y"})
    True
    """
    hashed = hashlib.sha256()
    for name in sorted(files):
        hashed.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return hashed.hexdigest()[:12]


def _declare(void: Graph) -> None:
    """The classes and properties the description uses, declared, as OWL 2 DL wants of the graph it joins."""
    for cls in (VOID.Dataset, DCAT.Dataset):
        void.add((cls, RDF.type, OWL.Class))
    for prop in (VOID.subset, VOID.triples, VOID.vocabulary, VOID.exampleResource, VOID.uriSpace, VOID.feature,
                 FOAF.primaryTopic, DCAT3.version, DCTERMS.title, DCTERMS.description, DCTERMS.source,
                 DCTERMS.license, DCTERMS.modified):
        void.add((prop, RDF.type, OWL.AnnotationProperty))


def describe_dataset(graphs: Mapping[str, Graph], *, documents: Iterable, version: str) -> Graph:
    """The VoID/DCAT description of ``graphs`` (named graph IRI -> graph); ``version`` as it is to be written."""
    void = Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        void.bind(prefix, ns)
    _declare(void)
    dataset = URIRef(DATASET)
    void.add((dataset, RDF.type, VOID.Dataset))
    void.add((dataset, RDF.type, DCAT.Dataset))
    void.add((dataset, DCTERMS.title, Literal("peacekg: a knowledge graph of peace-process arguments", lang="en")))
    void.add((dataset, DCTERMS.description, Literal(
        "Statements of peace-process texts, each with its speaker, its holder, how the text presents it and "
        "the exact words it rests on, with the argument relations between them.", lang="en")))
    void.add((dataset, DCTERMS.license, URIRef(LICENSE)))
    void.add((dataset, VOID.uriSpace, Literal(BASE)))
    void.add((dataset, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    total = 0
    for iri in sorted(graphs):
        graph = graphs[iri]
        subset = URIRef(iri)
        void.add((dataset, VOID.subset, subset))
        void.add((subset, RDF.type, VOID.Dataset))
        void.add((subset, VOID.triples, Literal(len(graph))))
        void.add((subset, DCTERMS.license, URIRef(LICENSE)))
        name = iri.removeprefix(GRAPH)
        if name in TITLES:
            void.add((subset, DCTERMS.title, Literal(TITLES[name], lang="en")))
        total += len(graph)
    void.add((dataset, VOID.triples, Literal(total)))
    for document in documents:
        doc = URIRef(PREFIXES["pkdoc"] + document.id)
        void.add((dataset, DCTERMS.source, doc))
        subset = URIRef(GRAPH + document.id)
        if (subset, RDF.type, VOID.Dataset) in void:
            void.add((subset, DCTERMS.source, doc))
            void.add((subset, DCTERMS.title, Literal(f"The statements of {document.id}", lang="en")))
    for vocabulary in sorted(vocabularies(graphs.values())):
        void.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for example in examples(graphs.values()):
        void.add((dataset, VOID.exampleResource, example))
    void.add((dataset, OWL.versionInfo, Literal(version)))
    void.add((dataset, DCAT3.version, Literal(version)))
    date = build_date()
    if date:
        void.add((dataset, DCTERMS.modified, Literal(date, datatype=XSD.date)))
    void.add((dataset, RDFS.seeAlso, URIRef(PREFIXES["pko"].rstrip("#"))))
    # The description's own graph, so that its IRI dereferences like the others.
    description = URIRef(VOID_GRAPH)
    void.add((description, DCTERMS.title, Literal("The dataset's VoID and DCAT description", lang="en")))
    void.add((description, FOAF.primaryTopic, dataset))
    void.add((description, DCTERMS.license, URIRef(LICENSE)))
    return void

