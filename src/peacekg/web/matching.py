"""The registry as a reconciliation index: names, kinds and Wikidata items of every entity, and scores.

A candidate's score (0-100) is the best similarity of the query to the entity's
label or one of its aliases (difflib's ratio on case- and punctuation-folded
names); its features say how it was reached. ``match`` is true when the name is
the label or an alias exactly (folded) and no other candidate ties with it.

>>> index = Index([Entity("russia", "Russia", ("Moscow",), ("State",), "Q159"),
...                Entity("government-of-russia", "Government of Russia", ("Moscow",), ("Government",), None)])
>>> [(c.entity.id, c.score, c.match) for c in index.search("Russia")]
[('russia', 100.0, True), ('government-of-russia', 46.2, False)]
>>> [c.entity.id for c in index.search("moscow", types={"Government"})]
['government-of-russia']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..namespaces import BASE, PKO, WD

ENTITY = BASE + "id/"
INDEX_QUERY = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label ?type ?alias ?item WHERE {{
  ?e a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?e), "{ENTITY}") && STRSTARTS(STR(?type), "{PKO}"))
  OPTIONAL {{ ?e skos:altLabel ?alias }}
  OPTIONAL {{ ?e skos:exactMatch|skos:closeMatch ?item . FILTER(STRSTARTS(STR(?item), "{WD}")) }}
}}"""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    aliases: tuple[str, ...]
    types: tuple[str, ...]  #: pko class local names
    qid: str | None


@dataclass(frozen=True)
class Candidate:
    entity: Entity
    score: float
    exact: bool
    type_match: bool
    match: bool = False


def fold(name: str) -> str:
    """A name without case, accents, punctuation and extra spaces.

    >>> fold("  Kyiv's  Government! ")
    'kyivs government'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^\w\s]", "", text).split())


class Index:
    """Every entity, searchable by name, kind and Wikidata item."""

    def __init__(self, entities: list[Entity], subclasses: dict[str, set[str]] | None = None):
        self.entities = sorted(entities, key=lambda e: e.id)
        self.by_id = {e.id: e for e in self.entities}
        self.subclasses = subclasses or {}  #: type -> itself and every type below it

    @classmethod
    def from_store(cls, store) -> Index:
        rows: dict[str, dict] = {}
        for r in store.query(INDEX_QUERY, use_default_graph_as_union=True):
            entry = rows.setdefault(r["e"].value, {"label": r["label"].value, "types": set(), "aliases": set(),
                                                   "qid": None})
            entry["types"].add(r["type"].value.removeprefix(PKO))
            if r["alias"] is not None:
                entry["aliases"].add(r["alias"].value)
            if r["item"] is not None:
                entry["qid"] = r["item"].value.removeprefix(WD)
        below: dict[str, set[str]] = {}
        for r in store.query(f"SELECT ?sub ?sup WHERE {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                             f"?sup . FILTER(STRSTARTS(STR(?sup), \"{PKO}\") && isIRI(?sub)) }}",
                             use_default_graph_as_union=True):
            below.setdefault(r["sup"].value.removeprefix(PKO), set()).add(r["sub"].value.removeprefix(PKO))
        entities = [Entity(iri.removeprefix(ENTITY), v["label"], tuple(sorted(v["aliases"])),
                           tuple(sorted(v["types"])), v["qid"]) for iri, v in rows.items()]
        return cls(entities, below)

    def types(self) -> list[str]:
        return sorted({t for e in self.entities for t in e.types})

    def of_type(self, entity: Entity, types: set[str] | None) -> bool:
        if not types:
            return True
        wanted = set().union(*(self.subclasses.get(t, {t}) for t in types))
        return bool(wanted & set(entity.types))

    def search(self, query: str, *, types: set[str] | None = None, limit: int = 10,
               qid: str | None = None) -> list[Candidate]:
        """The best candidates for a name (and a Wikidata item), best first."""
        folded = fold(query)
        found = []
        for e in self.entities:
            if not self.of_type(e, types):
                continue
            names = [fold(n) for n in (e.name, *e.aliases)]
            ratio = max(SequenceMatcher(None, folded, n).ratio() for n in names) if folded else 0.0
            exact = folded in names
            if qid and e.qid == qid:
                ratio, exact = 1.0, True
            if ratio >= 0.4:
                found.append(Candidate(e, round(100 * ratio, 1), exact, bool(types)))
        found.sort(key=lambda c: (-c.score, c.entity.id))
        found = found[:max(limit, 1)]
        if found and found[0].exact and (len(found) == 1 or found[1].score < found[0].score):
            found[0] = Candidate(found[0].entity, found[0].score, True, found[0].type_match, match=True)
        return found

    def suggest(self, prefix: str, limit: int = 10, cursor: int = 0) -> list[Entity]:
        """Entities whose label or an alias has a word starting with ``prefix``, best first.

        As OpenRefine expects: an exact name first, then a label that starts with the
        prefix, then an alias that does, then a later word that does (each by label);
        ``cursor`` skips that many, so every entity can be reached page by page.

        >>> index = Index([Entity("russia", "Russia", ("Moscow",), ("State",), None),
        ...                Entity("white-russians", "White Russians", (), ("Group",), None),
        ...                Entity("rus", "Rus", (), ("Place",), None)])
        >>> [e.id for e in index.suggest("Rus")], [e.id for e in index.suggest("Rus", cursor=2)]
        (['rus', 'russia', 'white-russians'], ['white-russians'])
        """
        start = fold(prefix)
        ranked = []
        for e in self.entities:
            label, aliases = fold(e.name), [fold(a) for a in e.aliases]
            if start in (label, *aliases):
                rank = 0
            elif label.startswith(start):
                rank = 1
            elif any(a.startswith(start) for a in aliases):
                rank = 2
            elif any(w.startswith(start) for n in (label, *aliases) for w in n.split()):
                rank = 3
            else:
                continue
            ranked.append((rank, label, e.id, e))
        ranked.sort(key=lambda item: item[:3])
        return [e for *_, e in ranked[cursor:cursor + limit]]
