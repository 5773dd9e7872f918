"""Propose Wikidata candidates for entities that have no curated link, as OpenRefine does.

Names (an entity's label and aliases) are sent in batches, one ``VALUES`` block
per request, matched exactly against items' labels and aliases; each candidate
is scored with its features shown:

* ``name``: 1.0 the entity's label is the item's label; 0.9 one of its aliases
  is; 0.8 its label is one of the item's aliases; 0.7 an alias meets an alias;
* ``type``: 1 the item is an instance (P31, or P31 of a subclass, P279*) of a
  class that fits the entity's pko class (:mod:`.kinds`), 0 it is not, 0.5 the
  class is not checked;
* ``score`` = 100 x (0.6 name + 0.4 type), so an item of the right kind ranks
  above a same-label item of another kind.

Candidates are written for a curator to accept (``semapv:LexicalMatching``),
never into the curated file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef

from ..sources.evidence import normalise
from ..namespaces import PKO, WD
from ..sources.registry import Entity
from .kinds import expected_kinds, kinds_pattern
from ..sources.sssom import Mapping, MappingSet

ITEM = WD + "Q"
#: Classes whose entities can have a Wikidata item (mechanisms and statements have none).
LINKABLE = tuple(URIRef(PKO + n) for n in ("Agent", "Place", "Document", "Publication", "PopulationGroup",
                                           "Agreement", "NegotiationTemplate", "NegotiationFormat"))
CANDIDATE_COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                     "mapping_justification", "confidence", "mapping_date", "match_string",
                     "object_match_field", "similarity_score", "similarity_measure", "mapping_tool",
                     "see_also", "comment"]
_NAME_SCORES = {("label", "label"): 1.0, ("alias", "label"): 0.9, ("label", "alias"): 0.8, ("alias", "alias"): 0.7}


@dataclass(frozen=True)
class Candidate:
    """An item proposed for an entity, with the features behind its score."""

    entity: Entity
    qid: str
    label: str
    description: str
    types: tuple[str, ...]
    matched: str  #: the name that matched
    entity_field: str  #: 'label' or 'alias': which of the entity's names matched
    item_field: str  #: 'label' or 'alias': which of the item's names matched
    type_match: float

    @property
    def name_match(self) -> float:
        return _NAME_SCORES[(self.entity_field, self.item_field)]

    @property
    def score(self) -> float:
        return round(100 * (0.6 * self.name_match + 0.4 * self.type_match), 1)

    def features(self) -> str:
        types = ", ".join(self.types) or "none"
        return (f"name={self.name_match:g} (entity {self.entity_field} = item {self.item_field}); "
                f"type={self.type_match:g} (P31: {types})")


def fold(name: str) -> str:
    """A name as compared: quotes, dashes and spaces folded, case ignored.

    >>> fold("Zelenskyy’s  Office") == fold("zelenskyy's office")
    True
    """
    return normalise(name)[0].casefold().strip()


def names(entity: Entity) -> list[tuple[str, str]]:
    """(name, 'label' | 'alias') for the entity, its label first, without repeats."""
    seen, out = set(), []
    for name, field in [(entity.label, "label"), *((a, "alias") for a in entity.aliases)]:
        if fold(name) not in seen:
            seen.add(fold(name))
            out.append((name, field))
    return out


def candidate_query(batch: Iterable[str], language: str = "en") -> str:
    """One request for a batch of names: items whose label or alias is one of them.

    >>> q = candidate_query(["Putin", 'The "Alliance"'])
    >>> 'VALUES ?name { "Putin"@en "The \\\\"Alliance\\\\""@en }' in q
    True
    """
    values = " ".join(f"{_literal(n)}@{language}" for n in batch)
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?name ?item ?via ?label ?description ?type ?kind WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name . BIND("label" AS ?via) }}
  UNION
  {{ ?item skos:altLabel ?name . BIND("alias" AS ?via) }}
  FILTER(STRSTARTS(STR(?item), "{ITEM}"))
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "{language}") }}
  OPTIONAL {{ ?item schema:description ?description FILTER(LANG(?description) = "{language}") }}
  OPTIONAL {{ ?item wdt:P31 ?type }}
  {kinds_pattern()}
}}"""


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def linkable(entity: Entity, vocab) -> bool:
    return any(vocab.is_a(cls, anc) for cls in entity.types for anc in LINKABLE)


def reconcile(client, entities: Iterable[Entity], *, batch_size: int = 20, language: str = "en",
              limit: int = 3, strict_type: bool = False,
              on_batch: Callable[[int], None] | None = None) -> list[Candidate]:
    """Ask the endpoint for candidates for these entities, best first per entity.

    With ``strict_type``, an item of a kind that does not fit is dropped rather
    than ranked low (entities of classes that are not type-checked keep all).

    Batches already answered in an earlier run come from the client's cache.
    ``on_batch(n)`` is called after each batch with the number of names it held.
    """
    entities = list(entities)
    wanted: dict[str, list[tuple[Entity, str]]] = {}
    for entity in entities:
        for name, field in names(entity):
            wanted.setdefault(name, []).append((entity, field))
    all_names = sorted(wanted)
    found: dict[tuple[str, str], dict] = {}
    for start in range(0, len(all_names), batch_size):
        batch = all_names[start:start + batch_size]
        for row in client.select(candidate_query(batch, language), cached=True):
            qid = row.get("item", "").removeprefix(WD)
            for entity, field in wanted.get(row.get("name", ""), []):
                _collect(found, entity, field, qid, row)
        if on_batch:
            on_batch(len(batch))
    ranked: dict[str, list[Candidate]] = {}
    for (entity_id, qid), info in found.items():
        entity = info["entity"]
        kinds = expected_kinds(entity.types)
        types = tuple(sorted(info["types"], key=_qid_order))
        type_match = 0.5 if not kinds else (1.0 if kinds & (set(types) | info["kinds"]) else 0.0)
        ranked.setdefault(entity_id, []).append(Candidate(
            entity, qid, info["label"], info["description"], types, info["matched"],
            info["entity_field"], info["item_field"], type_match))
    out: list[Candidate] = []
    for entity in entities:
        best = sorted((c for c in ranked.get(entity.id, []) if not (strict_type and c.type_match == 0.0)),
                      key=lambda c: (-c.score, _qid_order(c.qid)))
        out.extend(best[:limit])
    return out


def _collect(found: dict, entity: Entity, field: str, qid: str, row: dict) -> None:
    info = found.setdefault((entity.id, qid), {
        "entity": entity, "label": "", "description": "", "types": set(), "matched": row.get("name", ""),
        "entity_field": field, "item_field": row.get("via", "alias"), "kinds": set()})
    info["label"] = info["label"] or row.get("label", "")
    info["description"] = info["description"] or row.get("description", "")
    if row.get("type", "").startswith(ITEM):
        info["types"].add(row["type"].removeprefix(WD))
    if row.get("kind", "").startswith(ITEM):
        info["kinds"].add(row["kind"].removeprefix(WD))
    # keep the strongest way this pair matched
    if _NAME_SCORES[(field, row.get("via", "alias"))] > _NAME_SCORES[(info["entity_field"], info["item_field"])]:
        info.update(entity_field=field, item_field=row.get("via", "alias"), matched=row.get("name", ""))


def _qid_order(qid: str) -> tuple[int, str]:
    digits = qid.lstrip("Q")
    return (int(digits), qid) if digits.isdigit() else (0, qid)


def candidate_set(candidates: list[Candidate], *, endpoint: str, tool: str,
                  today: dt.date | None = None) -> MappingSet:
    """The candidates as an SSSOM mapping set (``semapv:LexicalMatching``) for a curator."""
    today = today or dt.date.today()
    rows = []
    for c in candidates:
        rows.append(Mapping({
            "subject_id": f"pkr:{c.entity.id}", "subject_label": c.entity.label,
            "predicate_id": "skos:exactMatch", "object_id": f"wd:{c.qid}", "object_label": c.label,
            "mapping_justification": "semapv:LexicalMatching", "confidence": f"{c.score / 100:.3f}",
            "mapping_date": today.isoformat(), "match_string": c.matched,
            "object_match_field": "rdfs:label" if c.item_field == "label" else "skos:altLabel",
            "similarity_score": f"{c.name_match:g}", "similarity_measure": "exact match of folded names",
            "mapping_tool": tool, "see_also": endpoint,
            "comment": f"CANDIDATE, not verified: {c.features()}; description: {c.description or 'none'}"}))
    metadata = {
        "curie_map": {"pkr": "https://w3id.org/peacekg/id/", "wd": WD,
                      "skos": "http://www.w3.org/2004/02/skos/core#", "semapv": "https://w3id.org/semapv/vocab/"},
        "mapping_set_id": "https://w3id.org/peacekg/links/candidates.sssom.tsv",
        "mapping_set_description": "Candidates proposed by `peacekg link`; a curator verifies one against "
                                   "public sources and moves it to wikidata.sssom.tsv. Not part of the graph.",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "mapping_tool": tool,
        "mapping_date": today.isoformat(),
    }
    return MappingSet(metadata, list(CANDIDATE_COLUMNS), rows)
