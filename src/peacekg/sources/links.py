"""Compile the curated mappings (``graph/links/wikidata.sssom.tsv``) into ``graph/links.ttl``.

Each link becomes a direct triple, ``pkr:crimea skos:closeMatch wd:Q7835``, plus
a node that carries the mapping's justification, confidence, date, the
Wikidata label and the verification source, as SSSOM's RDF form does: an
``owl:Axiom`` annotating that triple (``owl:annotatedSource/Property/Target``)
with ``sssom:`` annotation properties. Rows marked ``sssom:NoTermFound`` record a
search that found nothing verifiable and give no triple.

A row whose subject is not in the registry is reported as a *warning* (with file
and line) and left out of the graph: the registry and the mappings can be curated
apart, and ``peacekg link --check-local`` lists such rows as problems.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from ..errors import Problem
from ..namespaces import MAPPING as _MAPPING_BASE, SEMAPV, SSSOM as _SSSOM, WD, entity_iri
from . import sssom
from .hints import did_you_mean

SSSOM = Namespace(_SSSOM)
MAPPING = _MAPPING_BASE + "wikidata/"  #: one node per link: .../mapping/wikidata/<entity id>
LINKS_SOURCE = "wikidata.sssom.tsv"
_ANNOTATIONS = ("mapping_justification", "confidence", "subject_label", "object_label", "mapping_date",
                "see_also", "comment", "mapping_set_id")


def links_path(links_dir: Path) -> Path:
    return links_dir / LINKS_SOURCE


def read_links(path: Path, shown_as: str, problems: list[Problem]) -> sssom.MappingSet | None:
    """The curated mapping set, or None when there is none; problems go to ``problems``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown_as, 1, f"not UTF-8 text: {exc.reason}"))
        return None
    return sssom.parse(text, shown_as, problems)


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
    >>> g = links_graph(sssom.MappingSet({}, [], [m]))
    >>> (URIRef(entity_iri("nato")), SKOS.exactMatch, URIRef(WD + "Q7184")) in g
    True
    """
    graph = Graph()
    if mset is None:
        return graph
    for name in _ANNOTATIONS:
        graph.add((SSSOM[name], RDF.type, OWL.AnnotationProperty))
    set_id = mset.metadata.get("mapping_set_id")
    skipped = {p.line for p in unknown_subjects(mset, known, shown_as)} if known is not None else set()
    if warnings is not None and known is not None:
        warnings.extend(p for p in unknown_subjects(mset, known, shown_as))
    for m in mset.mappings:
        if not m.qid or not m.entity_id or m.line in skipped:
            continue
        subject, target = URIRef(entity_iri(m.entity_id)), URIRef(WD + m.qid)
        predicate = SKOS[m.get("predicate_id").removeprefix("skos:")]
        graph.add((subject, predicate, target))
        node = URIRef(MAPPING + m.entity_id)
        graph.add((node, RDF.type, OWL.Axiom))
        graph.add((node, OWL.annotatedSource, subject))
        graph.add((node, OWL.annotatedProperty, predicate))
        graph.add((node, OWL.annotatedTarget, target))
        justification = m.get("mapping_justification").removeprefix("semapv:")
        graph.add((node, SSSOM.mapping_justification, URIRef(SEMAPV + justification)))
        graph.add((node, SSSOM.confidence, Literal(Decimal(m.get("confidence")), datatype=XSD.decimal)))
        for column in ("subject_label", "object_label"):
            if m.get(column):
                graph.add((node, SSSOM[column], Literal(m.get(column), lang="en")))
        if m.get("mapping_date"):
            graph.add((node, SSSOM.mapping_date, Literal(m.get("mapping_date"), datatype=XSD.date)))
        for source in filter(None, (s.strip() for s in m.get("see_also").split("|"))):
            graph.add((node, SSSOM.see_also, Literal(source)))
        if m.get("comment"):
            graph.add((node, SSSOM.comment, Literal(m.get("comment"), lang="en")))
        if set_id:
            graph.add((node, SSSOM.mapping_set_id, URIRef(str(set_id))))
        graph.add((node, RDFS.label, Literal(f"{m.entity_id} {m.get('predicate_id')} wd:{m.qid}")))
    return graph
