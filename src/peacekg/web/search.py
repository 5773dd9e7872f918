"""Search: entities by label and alias, statements by their quote; case and accents aside.

The index is read from the store once per server (the store never changes
while it runs). Entities rank by how their best name matches: the whole name,
then its beginning, then a word's beginning, then anywhere; statements match
when every word asked for is in their quote or summary.

>>> from peacekg.query.store import open_store
>>> index = SearchIndex.build(open_store())
>>> [hit.label for hit in index.entities("russia")][:2]
['Russia', 'Russian delegation']
>>> [hit.label for hit in index.entities("MERKEL")]
['Angela Merkel']
>>> hit = index.entities("the us and its allies")[0]   # an alias
>>> hit.label, hit.matched
('Washington and its allies', 'the US and its allies')
>>> any("legal security guarantees" in s.quote for s in index.statements("insistence on legal"))
True
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Store

from ..namespaces import OA, PKO, PKR, RDFS, SKOS
from ..query.values import fold
from .terms import local_href

NAMES = f"""
SELECT ?e ?name ?kind ?preferred WHERE {{
  ?e a ?class . FILTER(STRSTARTS(STR(?e), "{PKR}") && STRSTARTS(STR(?class), "{PKO}"))
  {{ ?e <{RDFS}label> ?name BIND(true AS ?preferred) }} UNION {{ ?e <{SKOS}altLabel> ?name BIND(false AS ?preferred) }}
  OPTIONAL {{ ?class <{RDFS}label> ?kind }}
}}"""

QUOTES = f"""
SELECT ?st ?summary ?quote ?kind WHERE {{
  ?st <{PKO}evidence>/<{OA}hasSelector> ?selector ; a ?class .
  ?class <{RDFS}subClassOf> <{PKO}Statement> .
  ?selector a <{OA}TextQuoteSelector> ; <{OA}exact> ?quote .
  OPTIONAL {{ ?st <{RDFS}label> ?summary }}
  OPTIONAL {{ ?class <{RDFS}label> ?kind }}
}}"""

#: At most this many hits of each kind.
LIMIT = 50


@dataclass(frozen=True)
class EntityHit:
    label: str
    href: str
    kind: str
    matched: str  #: the name that matched (the label, or an alias)


@dataclass(frozen=True)
class StatementHit:
    summary: str
    quote: str
    href: str
    kind: str


def _rank(name: str, wanted: str) -> int | None:
    folded = fold(name)
    if folded == wanted:
        return 0
    if folded.startswith(wanted):
        return 1
    if any(word.startswith(wanted) for word in folded.replace("-", " ").split()):
        return 2
    if wanted in folded:
        return 3
    return None


class SearchIndex:
    """The names of the entities and the quotes of the statements, folded for matching."""

    def __init__(self, names: list[tuple[str, str, str, bool]], quotes: list[tuple[str, str, str, str]]):
        self.names = names  #: (iri, name, kind, preferred)
        self.quotes = [(iri, summary, quote, kind, fold(f"{quote} {summary}")) for iri, summary, quote, kind in quotes]
        self.labels = {iri: name for iri, name, _, preferred in names if preferred}

    @classmethod
    def build(cls, store: Store) -> "SearchIndex":
        names = [(r["e"].value, r["name"].value, r["kind"].value if r["kind"] else "", r["preferred"].value == "true")
                 for r in store.query(NAMES, use_default_graph_as_union=True)]
        quotes = [(r["st"].value, r["summary"].value if r["summary"] else "", r["quote"].value,
                   r["kind"].value if r["kind"] else "")
                  for r in store.query(QUOTES, use_default_graph_as_union=True)]
        return cls(sorted(set(names)), sorted(set(quotes)))

    def entities(self, text: str, limit: int = LIMIT) -> list[EntityHit]:
        """The entities one of whose names matches ``text``, best first."""
        wanted = fold(" ".join(text.split()))
        if not wanted:
            return []
        best: dict[str, tuple] = {}
        for iri, name, kind, preferred in self.names:
            rank = _rank(name, wanted)
            if rank is None:
                continue
            key = (rank, not preferred, len(name), name.casefold())
            if iri not in best or key < best[iri][0]:
                best[iri] = (key, name, kind)
        ordered = sorted(best.items(), key=lambda item: item[1][0])
        return [EntityHit(self.labels.get(iri, name), local_href(iri) or iri, kind, name)
                for iri, (_, name, kind) in ordered[:limit]]

    def statements(self, text: str, limit: int = LIMIT) -> list[StatementHit]:
        """The statements whose quote (or summary) has every word of ``text``, in the order of their ids."""
        words = fold(text).split()
        if not words or all(len(w) < 2 for w in words):
            return []
        hits = [StatementHit(summary, quote, local_href(iri) or iri, kind)
                for iri, summary, quote, kind, folded in self.quotes if all(w in folded for w in words)]
        return hits[:limit]


def index_of(app) -> SearchIndex:
    """The server's index, built on first use."""
    index = getattr(app.state, "search_index", None)
    if index is None:
        index = app.state.search_index = SearchIndex.build(app.state.store)
    return index
