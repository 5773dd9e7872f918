"""Compile curated statements (``graph/statements/<document>.yaml``) into RDF.

A statement record names its kind (a pko statement class), its qualifiers (pko
properties, by local name) and its evidence (a quote, narrowed if need be by
``paragraph`` or ``prefix``). It becomes a statement node with its qualifiers,
an evidence span (a W3C Web Annotation specific resource with a quote selector
and a position selector), and, where the class declares one, a direct triple.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from ..errors import Problem
from .evidence import AnchorError, Anchorer
from .hints import did_you_mean
from ..namespaces import OA, PKO, authors_iri, document_iri, evidence_iri, statement_iri
from .registry import ID, Entity, as_list
from .seeds import Document
from .sourcefile import Record
from .vocab import STATEMENT, Vocabulary, local

OA_NS = Namespace(OA)
PKO_NS = Namespace(PKO)
AUTHORS = "authors"  #: the reserved id of a document's author group
_RESERVED = {"id", "type", "quote", "paragraph", "prefix", "summary", "note"}
_DATE = re.compile(r"^(\d{4})(-(\d{2}))?(-(\d{2}))?$")
_TIME_PROPERTIES = {"pointInTime", "startTime", "endTime"}


@dataclass
class Compiled:
    """One statement record, checked; ``triples`` is filled by :func:`compile_statement`."""

    id: str
    cls: URIRef
    record: Record
    line: int
    triples: list = field(default_factory=list)


def statement_ids(data: object, path: str, problems: list[Problem], seen: dict[str, str]) -> list[Record]:
    """The statement records of one file; duplicate ids (across files too) are problems."""
    if not isinstance(data, Record) or not isinstance(data.get("statements"), list):
        problems.append(Problem(path, 1, "a statements file must be a mapping with a 'statements' list"))
        return []
    records = []
    for record in data["statements"]:
        if not isinstance(record, Record):
            problems.append(Problem(path, data.line_of("statements"), "each statement must be a mapping"))
            continue
        sid = record.get("id")
        if not isinstance(sid, str) or not ID.match(sid):
            problems.append(record.problem(f"statement id {sid!r} must be lower-case letters, digits and hyphens"))
            continue
        if sid in seen:
            problems.append(record.problem(f"duplicate statement id {sid!r} (first at {seen[sid]})", "id"))
            continue
        seen[sid] = f"{path}:{record.line}"
        records.append(record)
    return records


class StatementCompiler:
    """Checks statement records of one document and turns them into triples."""

    def __init__(self, vocab: Vocabulary, entities: dict[str, Entity], document: Document,
                 all_statement_ids: set[str], problems: list[Problem]):
        self.vocab = vocab
        self.entities = entities
        self.document = document
        self.statement_ids = all_statement_ids
        self.problems = problems
        self.anchorer = Anchorer(document.text)
        self.statement_classes = vocab.statement_classes()
        self.used_entities: set[str] = set()

    def compile(self, record: Record, graph: Graph) -> None:
        start = len(self.problems)
        sid = record["id"]
        node = URIRef(statement_iri(sid))
        cls = self._statement_class(record)
        triples: list[tuple] = []
        values: dict[str, list] = {}
        for key in record:
            if key in _RESERVED:
                continue
            prop = self.vocab.properties.get(key)
            if prop is None:
                self._problem(record, key, f"unknown property {key!r}: not a property of the ontology"
                              f"{did_you_mean(key, self.vocab.properties)}")
                continue
            if cls is not None and prop.domain is not None and not self.vocab.is_a(cls, prop.domain):
                self._problem(record, key, f"property {key!r} does not apply to a {local(cls)}")
                continue
            for raw in as_list(record[key]):
                value = self._value(record, key, prop, raw)
                if value is not None:
                    values.setdefault(key, []).append(value)
                    triples.append((node, prop.iri, value))
        if cls is not None:
            self._check_required(record, cls, values)
        span = self._anchor(record)
        if len(self.problems) > start or cls is None or span is None:
            return
        for triple in triples:
            graph.add(triple)
        graph.add((node, RDF.type, cls))
        label = record.get("summary") or span.exact
        graph.add((node, RDFS.label, Literal(" ".join(str(label).split()), lang="en")))
        if record.get("note"):
            graph.add((node, SKOS.editorialNote, Literal(str(record["note"]), lang="en")))
        self._evidence(graph, sid, node, span)
        self._direct(graph, cls, values)

    # -- parts ---------------------------------------------------------------

    def _problem(self, record: Record, key: str | None, message: str) -> None:
        self.problems.append(record.problem(f"{record['id']}: {message}", key))

    def _concepts_of(self, rng) -> list[str]:
        return [name for name, types in self.vocab.concepts.items() if self.vocab.any_is_a(types, rng)]

    def _statement_class(self, record: Record) -> URIRef | None:
        name = record.get("type")
        cls = self.vocab.pko_class(str(name)) if name else None
        if cls is None or cls not in self.statement_classes:
            kinds = ", ".join(sorted(local(c) for c in self.statement_classes if c != STATEMENT))
            self._problem(record, "type" if name else None,
                          f"type {name!r} is not a statement class (one of: {kinds})")
            return None
        return cls

    def _value(self, record: Record, key: str, prop, raw: object):
        if prop.datatype:
            return self._literal(record, key, raw)
        if not isinstance(raw, str):
            self._problem(record, key, f"{key} must name an entity, concept or statement, not {raw!r}")
            return None
        rng = prop.range
        if key == "characterisedAs":
            cls = self.vocab.pko_class(raw)
            if cls is None:
                self._problem(record, key, f"unknown class {raw!r}"
                              f"{did_you_mean(raw, [local(c) for c in self.vocab.classes])}")
            return cls
        if rng is not None and self.vocab.is_a(rng, STATEMENT):
            if raw not in self.statement_ids:
                self._problem(record, key, f"unknown statement {raw!r}{did_you_mean(raw, self.statement_ids)}")
                return None
            return URIRef(statement_iri(raw))
        if rng is not None and self.vocab.is_a(rng, SKOS.Concept):
            types = self.vocab.concepts.get(raw)
            if types is None:
                self._problem(record, key, f"unknown value {raw!r} for {key} (a {local(rng)})"
                              f"{did_you_mean(raw, self._concepts_of(rng))}")
                return None
            if not self.vocab.any_is_a(types, rng):
                self._problem(record, key, f"{raw!r} is not a {local(rng)}, as {key} needs")
                return None
            return PKO_NS[raw]
        if raw == AUTHORS:
            return URIRef(authors_iri(self.document.id))
        entity = self.entities.get(raw)
        if entity is None:
            self._problem(record, key, f"unknown entity {raw!r} (not in graph/entities.yaml)"
                          f"{did_you_mean(raw, self.entities)}")
            return None
        if rng is not None and not self.vocab.any_is_a(set(entity.types), rng):
            kinds = ", ".join(local(t) for t in entity.types)
            self._problem(record, key, f"{raw!r} is a {kinds}, but {key} needs a {local(rng)}")
            return None
        self.used_entities.add(raw)
        return entity.iri

    def _literal(self, record: Record, key: str, raw: object) -> Literal | None:
        if key in _TIME_PROPERTIES:
            return self._time(record, key, raw)
        if key in ("amount", "previousAmount"):
            try:
                number = Decimal(str(raw).replace("_", ""))
            except InvalidOperation:
                self._problem(record, key, f"{key} must be a number, not {raw!r}")
                return None
            if not number.is_finite():
                self._problem(record, key, f"{key} must be a finite number, not {raw!r}")
                return None
            return Literal(_plain(number), datatype=XSD.decimal)
        self._problem(record, key, f"{key} is set by the build, not by the curator")
        return None

    def _time(self, record: Record, key: str, raw: object) -> Literal | None:
        if isinstance(raw, dt.date):
            return Literal(raw.isoformat(), datatype=XSD.date)
        match = _DATE.match(str(raw))
        if not match:
            self._problem(record, key, f"{key} must be YYYY, YYYY-MM or YYYY-MM-DD, not {raw!r}")
            return None
        year, month, day = match.group(1), match.group(3), match.group(5)
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            self._problem(record, key, f"{key} {raw!r} is not a date")
            return None
        datatype = XSD.date if day else XSD.gYearMonth if month else XSD.gYear
        return Literal(str(raw), datatype=datatype)

    def _check_required(self, record: Record, cls: URIRef, values: dict[str, list]) -> None:
        if "agent" not in values and "agent" not in record:
            self._problem(record, None, "a statement needs an agent: who asserts, proposes or does it")
        if self.vocab.requires_status(cls) and "status" not in values and "status" not in record:
            self._problem(record, None, f"a {local(cls)} needs a status")
        direct = self.vocab.direct_triple(cls)
        for needed in (direct[0], direct[2]) if direct else ():
            if needed not in values and needed not in record:
                self._problem(record, None, f"a {local(cls)} needs {needed}")

    def _anchor(self, record: Record):
        quote = record.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            self._problem(record, None, "a statement needs a quote: the exact words it comes from")
            return None
        paragraph = record.get("paragraph")
        if paragraph is not None and (not isinstance(paragraph, int) or
                                      not 1 <= paragraph <= self.document.paragraph_count):
            self._problem(record, "paragraph",
                          f"paragraph must be a number from 1 to {self.document.paragraph_count}")
            return None
        try:
            return self.anchorer.anchor(quote, paragraph=paragraph, prefix=record.get("prefix"),
                                        document=self.document)
        except AnchorError as exc:
            self._problem(record, "quote", str(exc))
            return None

    def _evidence(self, graph: Graph, sid: str, node: URIRef, span) -> None:
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
                                                 datatype=XSD.positiveInteger)))
        graph.add((quote, RDF.type, OA_NS.TextQuoteSelector))
        graph.add((quote, OA_NS.exact, Literal(span.exact)))
        graph.add((quote, OA_NS.prefix, Literal(prefix)))
        graph.add((quote, OA_NS.suffix, Literal(suffix)))
        graph.add((position, RDF.type, OA_NS.TextPositionSelector))
        graph.add((position, OA_NS.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        graph.add((position, OA_NS.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))

    def _direct(self, graph: Graph, cls: URIRef, values: dict[str, list]) -> None:
        direct = self.vocab.direct_triple(cls)
        if direct is None:
            return
        if any(self.vocab.without_direct_triple(s) for s in values.get("status", [])):
            return
        subject_key, predicate, object_key = direct
        for subject in values.get(subject_key, []):
            for obj in values.get(object_key, []):
                graph.add((subject, predicate, obj))


def _plain(number: Decimal) -> str:
    """A decimal's lexical form without exponent.

    >>> _plain(Decimal("1E+11")), _plain(Decimal("51.5"))
    ('100000000000', '51.5')
    """
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
