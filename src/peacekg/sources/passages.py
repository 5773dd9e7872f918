"""The passages a statement record quotes: anchored in the text, checked, and written as evidence.

A record's ``quote`` (narrowed by ``paragraph`` or ``prefix``) and each further
passage of ``also`` become one span of the document; each span becomes a W3C Web
Annotation specific resource with a quote selector and a position selector.
A hedge (``hedge: appears to``) must be words of one of the passages.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from ..errors import Problem
from ..namespaces import OA, PKO, document_iri, evidence_iri
from .evidence import AnchorError, Anchorer, Span, normalise
from .registry import as_list
from .seeds import Document
from .sourcefile import Record

OA_NS = Namespace(OA)
PKO_NS = Namespace(PKO)


class Passages:
    """Anchors the passages of one document's statement records; problems go to ``problems``."""

    def __init__(self, document: Document, problems: list[Problem]):
        self.document = document
        self.problems = problems
        self.anchorer = Anchorer(document.text)

    def anchor_all(self, record: Record) -> list[Span]:
        """The spans of the quote and of each further passage (``also``); [] on a problem."""
        first = self._anchor_one(record, record)
        if first is None:
            return []
        spans = [first]
        for extra in as_list(record.get("also")):
            if not isinstance(extra, Record):
                self.problems.append(record.problem(f"{record['id']}: each 'also' item must be a mapping "
                                                    "with a quote", "also"))
                return []
            span = self._anchor_one(record, extra)
            if span is None:
                return []
            spans.append(span)
        return spans

    def _anchor_one(self, record: Record, where: Record) -> Span | None:
        quote = where.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            self.problems.append(where.problem(f"{record['id']}: a statement needs a quote: "
                                               "the exact words it comes from"))
            return None
        paragraph = where.get("paragraph")
        if paragraph is not None and (not isinstance(paragraph, int) or
                                      not 1 <= paragraph <= self.document.paragraph_count):
            self.problems.append(where.problem(
                f"{record['id']}: paragraph must be a number from 1 to {self.document.paragraph_count}",
                "paragraph"))
            return None
        if not isinstance(where.get("prefix", ""), str):
            return None  # reported with the other text keys
        try:
            return self.anchorer.anchor(quote, paragraph=paragraph, prefix=where.get("prefix"),
                                        document=self.document)
        except AnchorError as exc:
            self.problems.append(where.problem(f"{record['id']}: {exc}", "quote"))
            return None

    def check_hedges(self, record: Record, hedges: list, spans: list[Span], *, key: str = "hedge") -> None:
        """Words a key quotes from the text (a hedge, a double negation) must be words of the quote."""
        texts = [normalise(s.exact)[0].lower() for s in spans]
        for hedge in hedges:
            if not any(normalise(str(hedge))[0].lower() in text for text in texts):
                what = "double negation" if key == "doubleNegation" else key
                self.problems.append(record.problem(f"{record['id']}: {what} {str(hedge)!r} is not in the quote",
                                                    key))

    def evidence(self, graph: Graph, sid: str, node: URIRef, span: Span) -> None:
        """The evidence span ``pke:<sid>`` of ``node``, with its selectors and paragraph."""
        ev = URIRef(evidence_iri(sid))
        quote, position = URIRef(f"{ev}-quote"), URIRef(f"{ev}-position")
        prefix, suffix = self.anchorer.context(span)
        graph.add((node, PKO_NS.evidence, ev))
        graph.add((ev, RDF.type, PKO_NS.Evidence))
        graph.add((ev, RDF.type, OA_NS.SpecificResource))
        graph.add((ev, OA_NS.hasSource, URIRef(document_iri(self.document.id))))
        graph.add((ev, OA_NS.hasSelector, quote))
        graph.add((ev, OA_NS.hasSelector, position))
        graph.add((ev, PKO_NS.paragraph, Literal(self.document.paragraph_at(span.start),
                                                 datatype=XSD.integer)))  # store-kept; shapes: >= 1
        graph.add((quote, RDF.type, OA_NS.TextQuoteSelector))
        graph.add((quote, OA_NS.exact, Literal(span.exact)))
        graph.add((quote, OA_NS.prefix, Literal(prefix)))
        graph.add((quote, OA_NS.suffix, Literal(suffix)))
        graph.add((position, RDF.type, OA_NS.TextPositionSelector))
        graph.add((position, OA_NS.start, Literal(span.start, datatype=XSD.integer)))
        graph.add((position, OA_NS.end, Literal(span.end, datatype=XSD.integer)))
