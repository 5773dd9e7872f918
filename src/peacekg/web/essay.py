"""A document's page (one per document, with an index at ``/doc/``): the seed text cut into
pieces at every evidence boundary.

Each piece knows which evidence spans cover it (by their oa:start and oa:end,
in code points, as Python indexes strings) and which spans begin at it, so the
template can highlight spans, however they overlap, and anchor each one.

>>> pieces = cut("Russia insisted. NATO refused.", {"a": (0, 16), "b": (7, 29)}, [0])
>>> [(p.text, p.covered, p.starts) for p in pieces[0]]
[('Russia ', ('a',), ('a',)), ('insisted.', ('a', 'b'), ('b',)), (' NATO refused', ('b',), ()), ('.', (), ())]
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pyoxigraph import Store

from ..namespaces import OA, PKE, PKO, RDFS, document_iri
from ..project import Project
from ..sources.ids import MAX_ID
from ..sources.seeds import load_document
from .terms import Term, labels, term, this

SPANS = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?ev ?start ?end ?st ?class ?summary ?agent ?status WHERE {{
  ?ev oa:hasSource ?this ; oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end .
  ?st pko:evidence ?ev ; a ?class ; pko:assertedBy ?agent .  # "by": the speaker
  ?class rdfs:subClassOf* pko:Statement .
  OPTIONAL {{ ?st rdfs:label ?summary }}
  OPTIONAL {{ ?st pko:status ?status }}
}} ORDER BY ?start ?st"""


@dataclass(frozen=True)
class Piece:
    text: str
    covered: tuple[str, ...]  #: evidence ids covering the piece
    starts: tuple[str, ...]  #: evidence ids that begin with it (their anchors go here)


@dataclass(frozen=True)
class Said:
    """A statement an evidence span supports, as the essay page lists it."""

    statement: Term
    kind: Term
    agent: Term
    status: Term | None


@dataclass
class Essay:
    id: str
    iri: str
    paragraphs: list[list[Piece]]
    spans: dict[str, list[Said]] = field(default_factory=dict)  #: evidence id -> statements
    authors: list[tuple[str, str]] = field(default_factory=list)  #: (name, page)
    title: str | None = None  #: as the record gives it (None: unknown)
    date: str | None = None


def cut(text: str, spans: dict[str, tuple[int, int]], paragraph_starts: list[int]) -> list[list[Piece]]:
    """The text cut at every span and paragraph boundary, grouped by paragraph."""
    bounds = sorted({0, len(text), *paragraph_starts, *(b for span in spans.values() for b in span)})
    paragraphs: list[list[Piece]] = [[] for _ in paragraph_starts]
    for start, end in zip(bounds, bounds[1:]):
        covered = tuple(k for k, (s, e) in spans.items() if s <= start and end <= e)
        starting = tuple(k for k, (s, _) in spans.items() if s == start)
        paragraphs[bisect_right(paragraph_starts, start) - 1].append(Piece(text[start:end], covered, starting))
    return paragraphs


def essay(store: Store, project: Project, document_id: str) -> Essay | None:
    """The essay page of a document, or None when there is no such document."""
    record = project.seeds / f"{document_id}.yaml"
    if len(document_id) > MAX_ID or "/" in document_id or "\0" in document_id or not record.is_file():
        return None
    doc = load_document(record, project.relative(record))
    iri = document_iri(doc.id)
    rows = list(store.query(SPANS, substitutions=this(iri), use_default_graph_as_union=True))
    names = labels(store, {r[k].value for r in rows for k in ("st", "class", "agent", "status") if r[k]})
    spans: dict[str, tuple[int, int]] = {}
    said: dict[str, list[Said]] = {}
    for r in rows:
        ev = r["ev"].value.removeprefix(PKE)
        spans[ev] = (int(r["start"].value), int(r["end"].value))
        statement = term(r["st"], names)
        if r["summary"]:
            statement = Term(r["summary"].value, statement.iri, statement.href)
        entry = Said(statement, term(r["class"], names), term(r["agent"], names),
                     term(r["status"], names) if r["status"] else None)
        if entry not in said.setdefault(ev, []):
            said[ev].append(entry)
    authors = [(a.name, f"/id/{a.entity}") for a in doc.authors]
    return Essay(doc.id, iri, cut(doc.text, spans, list(doc.paragraph_starts)), said, authors, doc.title, doc.date)


COUNTS = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}>
SELECT ?doc (COUNT(DISTINCT ?st) AS ?n) WHERE {{
  ?doc a pko:Document . OPTIONAL {{ ?st pko:evidence/oa:hasSource ?doc }}
}} GROUP BY ?doc"""


@dataclass(frozen=True)
class Listed:
    """A document as the index lists it."""

    id: str
    href: str
    title: str | None
    date: str | None
    authors: tuple[str, ...]
    statements: int


def documents(store: Store, project: Project) -> list[Listed]:
    """Every document of the project, by id, with its statement count in the graph."""
    counts = {r["doc"].value: int(r["n"].value)
              for r in store.query(COUNTS, use_default_graph_as_union=True)}
    listed = []
    for record in sorted(project.seeds.glob("*.yaml")):
        doc = load_document(record, project.relative(record))
        listed.append(Listed(doc.id, f"/doc/{doc.id}", doc.title, doc.date,
                             tuple(a.name for a in doc.authors), counts.get(document_iri(doc.id), 0)))
    return listed
