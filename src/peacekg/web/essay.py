"""A document's page (one per document, with an index at ``/doc/``): the seed text cut into
pieces at every evidence boundary.

Each piece knows which evidence spans cover it (by their oa:start and oa:end,
in code points, as Python indexes strings) and which spans begin at it, so the
template can highlight spans, however they overlap, and anchor each one. The
side panel says whose each statement is apart from who says it: "proposal:
requested by Russia, reported by the authors" (:func:`attribution`).

>>> pieces = cut("Russia insisted. NATO refused.", {"a": (0, 16), "b": (7, 29)}, [0])
>>> [(p.text, p.covered, p.starts) for p in pieces[0]]
[('Russia ', ('a',), ('a',)), ('insisted.', ('a', 'b'), ('b',)), (' NATO refused', ('b',), ()), ('.', (), ())]
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from pyoxigraph import Store

from ..namespaces import OA, PKE, PKO, RDFS, authors_iri, document_iri
from ..project import Project
from ..sources.ids import MAX_ID
from ..sources.seeds import load_document
from .terms import Term, labels, term, this

SPANS = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?ev ?start ?end ?st ?class ?summary ?speaker ?mode ?holder ?status ?polarity WHERE {{
  ?ev oa:hasSource ?this ; oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end .
  ?st pko:evidence ?ev ; a ?class ; pko:assertedBy ?speaker ; pko:mode ?mode .  # who says it, and how
  ?class rdfs:subClassOf* pko:Statement .
  OPTIONAL {{ ?st pko:agent ?holder }}  # whose it is (the holder or doer), when the kind has one
  OPTIONAL {{ ?st rdfs:label ?summary }}
  OPTIONAL {{ ?st pko:status ?status }}
  OPTIONAL {{ ?st pko:polarity ?polarity }}
}} ORDER BY ?start ?st ?holder"""

#: How the panel says who says a statement, by its mode ("reported by the authors"); the authors' own
#: modes read "the authors' assessment".
SAID = {PKO + "reported": "reported by", PKO + "imputed": "imputed by"}


@dataclass(frozen=True)
class Piece:
    text: str
    covered: tuple[str, ...]  #: evidence ids covering the piece
    starts: tuple[str, ...]  #: evidence ids that begin with it (their anchors go here)


@dataclass(frozen=True)
class Said:
    """A statement an evidence span supports, as the essay page lists it: whose it is (``holders``,
    with its ``status``) apart from who says it (``speaker``) and how (``mode``)."""

    statement: Term
    kind: Term
    speaker: Term
    mode: Term
    holders: tuple[Term, ...] = ()
    status: Term | None = None
    denied: bool = False

    @property
    def said(self) -> str:
        """How the speaker presents it: "reported by", "imputed by"; empty for the authors' own modes,
        which read "the authors’ assessment"."""
        return SAID.get(self.mode.iri or "", "")

    @property
    def possessive(self) -> str:
        """The ending that makes the speaker's name possessive: "the authors’", "Russia’s"."""
        return "’" if self.speaker.text.endswith("s") else "’s"


def attribution(said: Said) -> str:
    """The panel's line as plain text (the template writes the same, with links).

    >>> from .terms import Term
    >>> russia, authors = Term("Russia", "r", "/id/russia"), Term("the authors", "a", "/id/a")
    >>> attribution(Said(Term("s"), Term("proposal"), authors, Term("reported", PKO + "reported"),
    ...                  (russia,), Term("requested")))
    'proposal: requested by Russia, reported by the authors'
    >>> attribution(Said(Term("s"), Term("claim"), authors, Term("assessment", PKO + "assessment"), denied=True))
    'claim (denied): the authors’ assessment'
    """
    head = said.kind.text + (" (denied)" if said.denied else "")
    whose = [t.text for t in said.holders]
    parts = []
    if whose:
        parts.append(f"{said.status.text + ' ' if said.status else ''}by {' and '.join(whose)}")
    elif said.status:
        parts.append(said.status.text)
    speaker = said.speaker.text
    parts.append(f"{said.said} {speaker}" if said.said else f"{speaker}{said.possessive} {said.mode.text}")
    return f"{head}: {', '.join(parts)}"


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
    keys = ("st", "class", "speaker", "mode", "holder", "status")
    names = labels(store, {r[k].value for r in rows for k in keys if r[k]})
    names[authors_iri(doc.id)] = "the authors"  # the document's own authors, as the page's reader knows them
    spans: dict[str, tuple[int, int]] = {}
    found: dict[tuple[str, str], Said] = {}  # (evidence, statement) -> what the panel lists
    for r in rows:
        ev = r["ev"].value.removeprefix(PKE)
        spans[ev] = (int(r["start"].value), int(r["end"].value))
        key = (ev, r["st"].value)
        if key not in found:
            statement = term(r["st"], names)
            if r["summary"]:
                statement = Term(r["summary"].value, statement.iri, statement.href)
            found[key] = Said(statement, term(r["class"], names), term(r["speaker"], names), term(r["mode"], names),
                              status=term(r["status"], names) if r["status"] else None,
                              denied=bool(r["polarity"]) and r["polarity"].value == PKO + "denied")
        holder = term(r["holder"], names) if r["holder"] else None
        if holder is not None and holder not in found[key].holders:
            found[key] = replace(found[key], holders=(*found[key].holders, holder))
    said: dict[str, list[Said]] = {}
    for (ev, _), entry in found.items():
        said.setdefault(ev, []).append(entry)
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
