"""Compile the curated mappings (``graph/links/*.sssom.tsv``) into ``graph/links.ttl``.

Each link becomes a direct triple, ``pkr:crimea skos:closeMatch wd:Q7835``, plus
a node that carries the mapping's justification, confidence, date, the
Wikidata label and the verification sources, as SSSOM's RDF form does: an
``owl:Axiom`` annotating that triple (``owl:annotatedSource/Property/Target``)
with ``sssom:`` annotation properties (the sources named in the comment as
``dcterms:source`` literals, the ``see_also`` URIs as IRIs). Rows marked
``sssom:NoTermFound`` record a search that found nothing verifiable and give no
triple. A link below :data:`CANDIDATE_THRESHOLD` is a candidate: no direct
triple, only a ``sssom:Mapping`` node naming subject, predicate and object.

``ontology.sssom.tsv`` holds the ontology's alignments (pko classes and
properties onto schema.org, Wikidata and OWL-Time terms); they compile the
same way, as annotations of the pko terms.

A row whose subject is not in the registry is reported as a *warning* (with file
and line) and left out of the graph: the registry and the mappings can be curated
apart, and ``peacekg link --check-local`` lists such rows as problems.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from ..errors import Problem, SourceError
from ..namespaces import DCTERMS, MAPPING as _MAPPING_BASE, PKO, SEMAPV, SSSOM as _SSSOM, WD, entity_iri
from . import sssom
from .hints import did_you_mean
from .sourcefile import read_text

SSSOM = Namespace(_SSSOM)
MAPPING = _MAPPING_BASE + "wikidata/"  #: one node per link: .../mapping/wikidata/<entity id>
ALIGNMENT = _MAPPING_BASE + "ontology/"  #: one node per alignment: .../mapping/ontology/<term>-<n>
LINKS_SOURCE = "wikidata.sssom.tsv"
ALIGNMENTS_SOURCE = "ontology.sssom.tsv"
CANDIDATE_THRESHOLD = 0.5  #: below it a link is a candidate, not a triple of the graph
_ANNOTATIONS = ("mapping_justification", "confidence", "subject_label", "object_label", "mapping_date",
                "see_also", "comment", "mapping_set_id", "subject_id", "predicate_id", "object_id")


def links_path(links_dir: Path) -> Path:
    return links_dir / LINKS_SOURCE


def read_links(path: Path, shown_as: str, problems: list[Problem],
               profile: sssom.Profile = sssom.ENTITIES) -> sssom.MappingSet | None:
    """The curated mapping set, or None when there is none; problems go to ``problems``."""
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = read_text(path, shown_as)
    except SourceError as exc:
        problems.extend(exc.problems)
        return None
    return sssom.parse(text, shown_as, problems, profile=profile)


def unknown_subjects(mset: sssom.MappingSet, known: set[str], shown_as: str) -> list[Problem]:
    """Rows whose subject is not an entity of the registry."""
    return [Problem(shown_as, m.line, f"subject {m.get('subject_id')} is not in graph/entities.yaml"
                    f"{did_you_mean(m.entity_id, known)}")
            for m in mset.mappings if m.entity_id and m.entity_id not in known]


def links_graph(mset: sssom.MappingSet | None, known: set[str] | None = None,
                warnings: list[Problem] | None = None, shown_as: str = LINKS_SOURCE) -> Graph:
    """The links as RDF; with ``known``, rows of unknown subjects are left out (and warned about).

    >>> m = sssom.Mapping({"subject_id": "pkr:nato", "predicate_id": "skos:exactMatch",
    ...                    "object_id": "wd:Q7184", "mapping_justification": "semapv:ManualMappingCuration",
    ...                    "confidence": "0.95"}, 9)
    >>> low = sssom.Mapping({**m.values, "subject_id": "pkr:novorossiya", "confidence": "0.4"}, 10)
    >>> g = links_graph(sssom.MappingSet({}, [], [m, low]))
    >>> (URIRef(entity_iri("nato")), SKOS.exactMatch, URIRef(WD + "Q7184")) in g
    True
    >>> (URIRef(entity_iri("novorossiya")), SKOS.exactMatch, URIRef(WD + "Q7184")) in g
    False
    """
    graph = _declared(Graph())
    if mset is None:
        return graph
    _mapping_set(graph, mset)
    skipped = {p.line for p in unknown_subjects(mset, known, shown_as)} if known is not None else set()
    if warnings is not None and known is not None:
        warnings.extend(p for p in unknown_subjects(mset, known, shown_as))
    for m in mset.mappings:
        if not m.qid or not m.entity_id or m.line in skipped:
            continue
        _add(graph, m, mset, URIRef(entity_iri(m.entity_id)), URIRef(WD + m.qid), URIRef(MAPPING + m.entity_id))
        label = f"{m.entity_id} {m.get('predicate_id')} wd:{m.qid}"
        graph.add((URIRef(MAPPING + m.entity_id), RDFS.label, Literal(label)))
    return graph


def alignments_graph(mset: sssom.MappingSet | None) -> Graph:
    """The ontology's alignments as RDF: annotations of the pko terms, each with its mapping node.

    >>> m = sssom.Mapping({"subject_id": "pko:Conflict", "predicate_id": "skos:narrowMatch",
    ...                    "object_id": "wd:Q350604", "mapping_justification": "semapv:ManualMappingCuration",
    ...                    "confidence": "0.85"}, 20)
    >>> g = alignments_graph(sssom.MappingSet({"curie_map": {"wd": WD}}, [], [m]))
    >>> (URIRef(PKO + "Conflict"), SKOS.narrowMatch, URIRef(WD + "Q350604")) in g
    True
    """
    graph = _declared(Graph())
    if mset is None:
        return graph
    _mapping_set(graph, mset)
    prefixes = mset.metadata.get("curie_map") or {}
    counts: dict[str, int] = {}
    for m in mset.mappings:
        term, target = m.get("subject_id").removeprefix("pko:"), m.get("object_id")
        if target == sssom.NO_TERM_FOUND or ":" not in target:
            continue
        prefix, _, name = target.partition(":")
        counts[term] = counts.get(term, 0) + 1
        node = URIRef(f"{ALIGNMENT}{term}-{counts[term]}")
        _add(graph, m, mset, URIRef(PKO + term), URIRef(prefixes[prefix] + name), node)
        graph.add((node, RDFS.label, Literal(f"pko:{term} {m.get('predicate_id')} {target}")))
    return graph


def _mapping_set(graph: Graph, mset: sssom.MappingSet) -> None:
    """The mapping set's node with its title and license, as the SSSOM header gives them."""
    set_id = mset.metadata.get("mapping_set_id")
    if not set_id:
        return
    node = URIRef(str(set_id))
    graph.add((node, RDF.type, SSSOM.MappingSet))
    if mset.metadata.get("license"):
        graph.add((node, URIRef(DCTERMS + "license"), URIRef(str(mset.metadata["license"]))))
    if mset.metadata.get("mapping_set_title"):
        graph.add((node, RDFS.label, Literal(str(mset.metadata["mapping_set_title"]), lang="en")))


def _declared(graph: Graph) -> Graph:
    """The annotation properties a mapping node uses, declared (OWL 2 DL wants every one declared)."""
    for name in _ANNOTATIONS:
        graph.add((SSSOM[name], RDF.type, OWL.AnnotationProperty))
    for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch"):
        graph.add((SKOS[name], RDF.type, OWL.AnnotationProperty))
    graph.add((URIRef(DCTERMS + "source"), RDF.type, OWL.AnnotationProperty))
    graph.add((URIRef(DCTERMS + "license"), RDF.type, OWL.AnnotationProperty))
    graph.add((SSSOM.Mapping, RDF.type, OWL.Class))
    graph.add((SSSOM.MappingSet, RDF.type, OWL.Class))
    return graph


def _add(graph: Graph, m: sssom.Mapping, mset: sssom.MappingSet, subject: URIRef, target: URIRef,
         node: URIRef) -> None:
    """The mapping: its triple and axiom node, or (below the threshold) a candidate node alone."""
    predicate = SKOS[m.get("predicate_id").removeprefix("skos:")]
    confidence = m.confidence
    if confidence is not None and confidence < CANDIDATE_THRESHOLD:
        graph.add((node, RDF.type, SSSOM.Mapping))
        graph.add((node, SSSOM.subject_id, subject))
        graph.add((node, SSSOM.predicate_id, predicate))
        graph.add((node, SSSOM.object_id, target))
    else:
        graph.add((subject, predicate, target))
        graph.add((node, RDF.type, OWL.Axiom))
        graph.add((node, OWL.annotatedSource, subject))
        graph.add((node, OWL.annotatedProperty, predicate))
        graph.add((node, OWL.annotatedTarget, target))
    justification = m.get("mapping_justification").removeprefix("semapv:")
    graph.add((node, SSSOM.mapping_justification, URIRef(SEMAPV + justification)))
    if m.get("confidence"):
        graph.add((node, SSSOM.confidence, Literal(Decimal(m.get("confidence")), datatype=XSD.decimal)))
    for column in ("subject_label", "object_label"):
        if m.get(column):
            graph.add((node, SSSOM[column], Literal(m.get(column), lang="en")))
    if m.get("mapping_date"):
        graph.add((node, SSSOM.mapping_date, Literal(m.get("mapping_date"), datatype=XSD.date)))
    named = m.sources[: len(m.sources) - len(m.see_also)]
    for source in named:
        graph.add((node, URIRef(DCTERMS + "source"), Literal(source)))
    for uri in m.see_also:
        graph.add((node, SSSOM.see_also, URIRef(uri)))
    if m.get("comment"):
        graph.add((node, SSSOM.comment, Literal(m.get("comment"), lang="en")))
    if mset.metadata.get("mapping_set_id"):
        graph.add((node, SSSOM.mapping_set_id, URIRef(str(mset.metadata["mapping_set_id"]))))


def compile_links(links_dir: Path, relative, known: set[str], problems: list[Problem],
                  warnings: list[Problem] | None = None) -> Graph | None:
    """Both mapping sets of ``links_dir`` as one graph; None when a set has problems (they are listed)."""
    before = len(problems)
    path, aligned = links_path(links_dir), links_dir / ALIGNMENTS_SOURCE
    mset = read_links(path, relative(path), problems)
    alignments = read_links(aligned, relative(aligned), problems, profile=sssom.ONTOLOGY)
    if len(problems) > before or (mset is None and alignments is None):
        return None
    graph = links_graph(mset, known, warnings, relative(path))
    graph += alignments_graph(alignments)
    return graph
