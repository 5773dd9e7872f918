"""What a resource page shows: a resource's triples and the statements about it.

Every query binds the resource as ``?this`` by substitution.

>>> from peacekg.query.store import open_store
>>> store = open_store()
>>> page = describe(store, "https://w3id.org/peacekg/id/russia")
>>> page.label, [t.text for t in page.types]
('Russia', ['state'])
>>> any(s.role.iri.endswith("#agent") for s in page.statements)
True
>>> describe(store, "https://w3id.org/peacekg/id/no-such-thing") is None
True
>>> [f"{m.site}: {m.text}" for m in page.matches]
['Wikidata: Russia (Q159)']
>>> describe(store, "https://w3id.org/peacekg/evidence/p26-russia-requests-legal-guarantees").label
'“Russia’s insistence on legal security guarantees for its minorities”'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Store

from ..namespaces import DOC, OA, OWL, PKE, PKO, RDF, RDFS, SKOS, WD
from .terms import Term, labels, term, this

TYPE, LABEL = RDF + "type", RDFS + "label"
#: Shown in the page's head, not again in its table of triples.
HEAD = {SKOS + "altLabel": "also called", SKOS + "definition": "definition", SKOS + "editorialNote": "note"}
HIDDEN = {LABEL, SKOS + "prefLabel"}  # the page's title already
MATCHES = (SKOS + "exactMatch", SKOS + "closeMatch", OWL + "sameAs")

STATEMENTS = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?st ?class ?role ?summary ?status ?date ?exact ?ev ?doc ?paragraph ?start WHERE {{
  ?st ?role ?this ; a ?class .
  ?class rdfs:subClassOf* pko:Statement .
  OPTIONAL {{ ?st rdfs:label ?summary }}
  OPTIONAL {{ ?st pko:status ?status }}
  OPTIONAL {{ ?st pko:pointInTime ?time ; pko:pointInTimePrecision ?precision }}
  OPTIONAL {{ ?st pko:startTime ?begins ; pko:startTimePrecision ?beginsPrecision }}
  BIND(COALESCE(SUBSTR(STR(?time), 1, 3 * ?precision - 23),
                SUBSTR(STR(?begins), 1, 3 * ?beginsPrecision - 23)) AS ?date)  # as the text writes it
  OPTIONAL {{
    ?st pko:evidence ?ev . ?ev oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
    ?q oa:exact ?exact . ?p oa:start ?start .
    OPTIONAL {{ ?ev pko:paragraph ?paragraph }}
  }}
}} ORDER BY ?start ?st"""

EVIDENCE = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}>
SELECT ?this ?ev ?doc ?exact ?prefix ?suffix ?start ?end ?paragraph WHERE {{
  ?this pko:evidence? ?ev .  # a statement's evidence, or the evidence itself
  ?ev oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
  ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
  OPTIONAL {{ ?q oa:prefix ?prefix }} OPTIONAL {{ ?q oa:suffix ?suffix }}
  OPTIONAL {{ ?ev pko:paragraph ?paragraph }}
}} ORDER BY ?start"""

OUTGOING = "SELECT ?this ?p ?o WHERE { ?this ?p ?o } ORDER BY ?p ?o"
#: The label the curated link gives the item it links to (SSSOM's object_label).
LINK_LABELS = f"""
SELECT ?this ?target ?label WHERE {{
  ?axiom <{OWL}annotatedSource> ?this ; <{OWL}annotatedTarget> ?target ;
         <https://w3id.org/sssom/object_label> ?label .
}}"""
INCOMING = "SELECT ?this ?s ?p WHERE { ?s ?p ?this } ORDER BY ?p ?s LIMIT 500"


@dataclass(frozen=True)
class StatementRow:
    """A statement that names the resource, in the role it names it."""

    statement: Term
    kind: Term
    role: Term
    status: Term | None
    date: Term | None
    quote: str | None
    paragraph: str | None
    essay_href: str | None


@dataclass(frozen=True)
class Match:
    """A link to another knowledge base, as a reader reads it: ``Wikidata: Russia (Q159)``."""

    predicate: Term
    target: Term
    label: str | None

    @property
    def site(self) -> str:
        """``Wikidata``, ``Wikidata (close match)``: where the item is, and how close the link is."""
        site = "Wikidata" if (self.target.iri or "").startswith(WD) else "Elsewhere"
        return site + {SKOS + "exactMatch": "", SKOS + "closeMatch": " (close match)"}.get(self.predicate.iri,
                                                                                       " (same as)")

    @property
    def key(self) -> str:
        """The item's id where it has a short one (``Q159``), else its IRI."""
        iri = self.target.iri or self.target.text
        return iri[len(WD):] if iri.startswith(WD) else iri

    @property
    def text(self) -> str:
        """``Russia (Q159)``, or the id alone when the link gives no label."""
        return f"{self.label} ({self.key})" if self.label else self.key


@dataclass(frozen=True)
class Evidence:
    """A statement's evidence: the quote in its context, and where it stands in the essay."""

    iri: str
    document: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    paragraph: str | None
    essay_href: str | None


@dataclass
class Resource:
    """Everything a resource page shows."""

    iri: str
    label: str
    types: list[Term] = field(default_factory=list)
    head: dict[str, list[Term]] = field(default_factory=dict)  #: alt labels, definition, note
    matches: list[Match] = field(default_factory=list)  #: skos:exactMatch wd:Q159, shown "Wikidata: Russia (Q159)"
    outgoing: list[tuple[Term, Term]] = field(default_factory=list)
    incoming: list[tuple[Term, Term]] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def essay_href(evidence_iri: str, document_iri: str) -> str | None:
    """The place of an evidence span in its essay page.

    >>> essay_href("https://w3id.org/peacekg/evidence/p26-x", "https://w3id.org/peacekg/doc/d")
    '/doc/d#ev-p26-x'
    """
    if not (evidence_iri.startswith(PKE) and document_iri.startswith(DOC)):
        return None
    return f"/doc/{document_iri[len(DOC):]}#ev-{evidence_iri[len(PKE):]}"


def describe(store: Store, iri: str) -> Resource | None:
    """The page of ``iri``, or None when the graph does not mention it."""
    bound = this(iri)
    out = list(store.query(OUTGOING, substitutions=bound, use_default_graph_as_union=True))
    inc = list(store.query(INCOMING, substitutions=bound, use_default_graph_as_union=True))
    if not out and not inc:
        return None
    rows = list(store.query(STATEMENTS, substitutions=bound, use_default_graph_as_union=True))
    iris = {iri} | {n.value for r in out for n in (r["p"], r["o"]) if isinstance(n, NamedNode)}
    iris |= {n.value for r in inc for n in (r["s"], r["p"])}
    iris |= {n.value for r in rows for n in r if isinstance(n, NamedNode)}
    names = labels(store, iris)
    page = Resource(iri, names.get(iri) or iri)
    linked = {r["target"].value: r["label"].value
              for r in store.query(LINK_LABELS, substitutions=bound, use_default_graph_as_union=True)}
    for r in out:
        p, o = r["p"].value, r["o"]
        if p == TYPE:
            page.types.append(term(o, names))
        elif p in MATCHES:
            page.matches.append(Match(term(r["p"], names), term(o, names), linked.get(o.value)))
        elif p in HEAD:
            page.head.setdefault(HEAD[p], []).append(term(o, names))
        elif p in HIDDEN:
            continue
        else:
            page.outgoing.append((term(r["p"], names), term(o, names)))
    listed = {r["st"].value for r in rows}  # shown in the table of statements instead
    page.incoming = [(term(r["s"], names), term(r["p"], names)) for r in inc if r["s"].value not in listed]
    seen = set()
    for r in rows:
        key = (r["st"].value, r["role"].value)
        if key in seen:  # a statement typed twice, or with two dates
            continue
        seen.add(key)
        ev, doc = r["ev"], r["doc"]
        page.statements.append(StatementRow(
            statement=Term(r["summary"].value if r["summary"] else term(r["st"], names).text,
                           r["st"].value, term(r["st"], names).href),
            kind=term(r["class"], names),
            role=term(r["role"], names),
            status=term(r["status"], names) if r["status"] else None,
            date=term(r["date"], names) if r["date"] else None,
            quote=r["exact"].value if r["exact"] else None,
            paragraph=r["paragraph"].value if r["paragraph"] else None,
            essay_href=essay_href(ev.value, doc.value) if ev and doc else None,
        ))
    for r in store.query(EVIDENCE, substitutions=bound, use_default_graph_as_union=True):
        ev, doc = r["ev"].value, r["doc"].value
        page.evidence.append(Evidence(
            ev, doc, r["exact"].value, r["prefix"].value if r["prefix"] else "",
            r["suffix"].value if r["suffix"] else "", int(r["start"].value), int(r["end"].value),
            r["paragraph"].value if r["paragraph"] else None, essay_href(ev, doc)))
    if page.label == iri and iri.startswith(PKE) and page.evidence:  # an evidence span: titled by its quote
        page.label = f"“{page.evidence[0].exact}”"
    return page


CONCISE = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}>
CONSTRUCT {{ ?this ?p ?o . ?s ?q ?this . ?ev ?ep ?eo . ?sel ?sp ?so }} WHERE {{
  {{ ?this ?p ?o }} UNION {{ ?s ?q ?this }}
  UNION {{ ?this pko:evidence ?ev . ?ev ?ep ?eo }}
  UNION {{ ?this pko:evidence/oa:hasSelector ?sel . ?sel ?sp ?so }}
}}"""


def triples(store: Store, iri: str) -> list:
    """The triples a client asking for RDF gets: the resource's own, those pointing to it,
    and for a statement its evidence span with the span's selectors."""
    return list(store.query(CONCISE, substitutions=this(iri), use_default_graph_as_union=True))
