"""Compile curated statements (``graph/statements/<document>.yaml``) into RDF.

A statement record names its kind (a pko statement class), its mode (how the
text presents it), its speaker (``assertedBy``, the document's authors unless the
text names a source), its qualifiers and argument relations (pko properties, by
local name) and its evidence (a quote, narrowed if need be by ``paragraph`` or
``prefix``; ``also`` lists further passages saying the same). It becomes a
statement node with its qualifiers, one evidence span per passage (a W3C Web
Annotation specific resource with a quote selector and a position selector),
and, where its class and status declare one and its mode and polarity allow it,
a direct triple. ``replaces`` keeps renamed ids dereferencing, deprecated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from ..errors import Problem
from . import dates
from .hints import did_you_mean
from .passages import Passages
from ..namespaces import PKO, authors_iri, statement_iri
from .ids import id_problem
from .registry import Entity, as_list
from .relations import PartGraph
from .seeds import Document
from .sourcefile import Record
from .vocab import STATEMENT, Vocabulary, local

PKO_NS = Namespace(PKO)
AUTHORS = "authors"  #: the reserved id of a document's author group
_RESERVED = {"id", "type", "quote", "paragraph", "prefix", "summary", "note", "also", "replaces"}
MODE = URIRef(PKO + "Mode")
_DATE = re.compile(r"^(\d{4})(-(\d{2}))?(-(\d{2}))?\Z")
_TIME_PROPERTIES = {"pointInTime", "startTime", "endTime"}
_TEXT_KEYS = ("summary", "note", "prefix")  #: keys whose value must be a string


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
        problem = id_problem(sid, "statement")
        if problem:
            problems.append(record.problem(problem))
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
        self.passages = Passages(document, problems)
        self.statement_classes = vocab.statement_classes()
        self.used_entities: set[str] = set()
        self.parts = PartGraph()

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
                    if key in _TIME_PROPERTIES:  # the text's precision (Wikidata's numbers)
                        precision = dates.parse(raw)[1]
                        triples.append((node, PKO_NS[key + "Precision"], Literal(precision, datatype=XSD.integer)))
        if "assertedBy" not in record:  # the default speaker: the document's authors
            values["assertedBy"] = [URIRef(authors_iri(self.document.id))]
            triples.append((node, PKO_NS.assertedBy, values["assertedBy"][0]))
        if cls is not None:
            self._check_required(record, cls, values)
        for key in _TEXT_KEYS:
            if key in record and not isinstance(record[key], str):
                self._problem(record, key, f"{key} must be text, not {record[key]!r}: write it in quotes")
        spans = self.passages.anchor_all(record)
        if spans:
            self.passages.check_hedges(record, values.get("hedge", []), spans)
            self.passages.check_hedges(record, values.get("doubleNegation", []), spans, key="doubleNegation")
            self._check_parts(record, values)
        if len(self.problems) > start or cls is None or not spans:
            return
        for triple in triples:
            graph.add(triple)
        graph.add((node, RDF.type, cls))
        label = record.get("summary") or spans[0].exact
        graph.add((node, RDFS.label, Literal(" ".join(str(label).split()), lang="en")))
        if record.get("note"):
            graph.add((node, SKOS.editorialNote, Literal(str(record["note"]), lang="en")))
        for index, span in enumerate(spans):
            self.passages.evidence(graph, sid if index == 0 else f"{sid}-{index + 1}", node, span)
        self._direct(graph, cls, values)
        self._replaced(record, graph, node)

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
        if rng is None and raw in self.statement_ids and any(self.vocab.is_a(r, STATEMENT) for r in prop.ranges):
            return URIRef(statement_iri(raw))  # a union range that takes statements (about)
        if rng is not None and self.vocab.is_a(rng, STATEMENT):
            if raw not in self.statement_ids:
                self._problem(record, key, f"unknown statement {raw!r}{did_you_mean(raw, self.statement_ids)}")
                return None
            if raw == record.get("id"):
                self._problem(record, key, f"{key}: a statement cannot relate to itself ({raw!r})")
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
            what = "speaker" if key == "assertedBy" else "entity"
            self._problem(record, key, f"unknown {what} {raw!r} (not in graph/entities.yaml, nor 'authors')"
                          f"{did_you_mean(raw, self.entities)}")
            return None
        ranges = (rng,) if rng is not None else prop.ranges
        if ranges and not any(self.vocab.any_is_a(set(entity.types), r) for r in ranges):
            rng = rng if rng is not None else URIRef(" or ".join(local(r) for r in ranges))
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
        if key == "order":
            if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
                self._problem(record, key, f"order must be a whole number from 1, not {raw!r}")
                return None
            return Literal(raw, datatype=XSD.integer)  # store-kept; shapes: >= 1
        if key in ("hedge", "doubleNegation"):
            if not isinstance(raw, str) or not raw.strip():
                what = "hedge" if key == "hedge" else "doubleNegation"
                self._problem(record, key, f"{what} must be words of the quote, not {raw!r}")
                return None
            return Literal(raw)
        self._problem(record, key, f"{key} is set by the build, not by the curator")
        return None

    def _time(self, record: Record, key: str, raw: object) -> Literal | None:
        """A date as an xsd:dateTime (see :mod:`.dates`); its precision is added by :meth:`compile`."""
        if not _DATE.match(str(raw.isoformat() if isinstance(raw, dt.date) else raw)):
            self._problem(record, key, f"{key} must be YYYY, YYYY-MM or YYYY-MM-DD, not {raw!r}")
            return None
        parsed = dates.parse(raw)
        if parsed is None:
            self._problem(record, key, f"{key} {raw!r} is not a date")
            return None
        return Literal(parsed[0], datatype=XSD.dateTime, normalize=False)  # "Z", as stores write it

    def _check_required(self, record: Record, cls: URIRef, values: dict[str, list]) -> None:
        if "mode" not in record:
            modes = ", ".join(self.vocab.concepts_of(MODE))
            self._problem(record, None, f"a statement needs a mode: how the text presents it (one of: {modes})")
        if self.vocab.requires_agent(cls) and "agent" not in record:
            self._problem(record, None, f"a {local(cls)} needs an agent: who holds or does it")
        if self.vocab.requires_status(cls) and "status" not in values and "status" not in record:
            self._problem(record, None, f"a {local(cls)} needs a status")
        direct = self.vocab.direct_triple(cls)
        for needed in (direct[0], direct[2]) if direct else ():
            # an affiliation may be an office in a state or a role at a publication, without an organisation
            optional = needed == "organisation" and ("officeIn" in record or "work" in record or "role" in record
                                                     and local(cls) == "Affiliation")
            if needed != "agent" and needed not in values and needed not in record and not optional:
                self._problem(record, None, f"a {local(cls)} needs {needed}")
        if "order" in record and "partOf" not in record:
            self._problem(record, "order", "order is the place of a part: give the whole it is part of (partOf)")
        if "doubleNegation" in record and any(local(v) == "denied" for v in values.get("polarity", [])):
            self._problem(record, "polarity", "a double negation ('not without') asserts what it negates twice: "
                                              "its polarity is affirmed, not denied")
        if "restates" in record and "restatementKind" not in record:
            self._problem(record, "restates", "a restatement needs its kind: restatementKind: heading, pull-quote or summary")

    def _check_parts(self, record: Record, values: dict[str, list]) -> None:
        for whole in as_list(record.get("partOf")):
            if isinstance(whole, str) and whole in self.statement_ids:
                cycle = self.parts.add(record["id"], whole)
                if cycle:
                    self._problem(record, "partOf", "part-of cycle: " + " -> ".join(cycle))

    def _replaced(self, record: Record, graph: Graph, node: URIRef) -> None:
        """Renamed ids keep their IRIs: deprecated, pointing to the new one (dcterms:isReplacedBy)."""
        for old in as_list(record.get("replaces")):
            if str(old) in self.statement_ids:  # a live statement would be deprecated and lose its meaning
                self._problem(record, "replaces", f"replaces {old!r}, a statement that exists: `replaces` names "
                              "the ids a statement was renamed from, which no statement has any more")
                continue
            iri = URIRef(statement_iri(str(old)))
            graph.add((iri, OWL.deprecated, Literal(True)))
            graph.add((iri, DCTERMS.isReplacedBy, node))
            graph.add((iri, RDFS.label, Literal(f"{old} (renamed {record['id']})", lang="en")))

    def _direct(self, graph: Graph, cls: URIRef, values: dict[str, list]) -> None:
        """The truthy triple, only where the text asserts it: the class declares one, a status
        may name its predicate, and no status, mode or polarity withholds it, nor a qualifier
        that does (a condition, an exception, the choice an option is part of)."""
        direct = self.vocab.direct_triple(cls)
        if direct is None:
            return
        if any(self.vocab.without_direct_triple(v)
               for key in ("status", "mode", "polarity") for v in values.get(key, [])):
            return
        if any(self.vocab.without_direct_triple(self.vocab.properties[key].iri) for key in values
               if key in self.vocab.properties):
            return
        subject_key, predicate, object_key = direct
        for status in values.get("status", []):
            predicate = self.vocab.status_predicate(status) or predicate
        if predicate is None:
            return
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
