"""``peacekg link --check``: are the curated links still right?

For every linked item, one batched request asks whether it still exists,
whether it is now a redirect (``owl:sameAs`` in the query service), its label
and its P31 values; a drift is reported when the item is gone, redirects, its
label is no longer the one recorded, or its kind no longer fits the entity.
``--check-local`` (:func:`check_local`) runs the offline checks only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..namespaces import WD
from ..sources.registry import Entity
from .kinds import expected_kinds, kinds_pattern
from ..sources.links import unknown_subjects
from .reconcile import fold
from ..sources.sssom import Mapping, MappingSet


@dataclass(frozen=True, order=True)
class Drift:
    """One way a curated link no longer fits the item it points at."""

    line: int
    entity_id: str
    qid: str
    kind: str  #: 'missing', 'redirect', 'label' or 'type'
    message: str

    def __str__(self) -> str:
        return f"{self.line}: pkr:{self.entity_id} -> wd:{self.qid}: {self.kind}: {self.message}"


def check_query(qids: list[str], language: str = "en") -> str:
    """One request for a batch of items.

    >>> "VALUES ?item { wd:Q1 wd:Q2 }" in check_query(["Q1", "Q2"])
    True
    """
    values = " ".join(f"wd:{q}" for q in qids)
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wd: <{WD}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?item ?exists ?label ?type ?kind ?target WHERE {{
  VALUES ?item {{ {values} }}
  BIND(EXISTS {{ ?item ?p ?o }} AS ?exists)
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "{language}") }}
  OPTIONAL {{ ?item wdt:P31 ?type }}
  {kinds_pattern()}
  OPTIONAL {{ ?item owl:sameAs ?target }}
}}"""


def check_links(client, mset: MappingSet, entities: dict[str, Entity], *, batch_size: int = 50,
                language: str = "en", on_batch=None) -> tuple[int, list[Drift]]:
    """Check every linked row against the endpoint; return (links checked, drifts)."""
    links = [m for m in mset.mappings if m.qid]
    qids = sorted({m.qid for m in links}, key=lambda q: int(q[1:]))
    seen: dict[str, dict] = {}
    for start in range(0, len(qids), batch_size):
        batch = qids[start:start + batch_size]
        for row in client.select(check_query(batch, language)):
            info = seen.setdefault(row.get("item", "").removeprefix(WD), {
                "exists": False, "labels": set(), "types": set(), "kinds": set(), "targets": set()})
            info["exists"] |= row.get("exists", "false") in ("true", "1")
            if row.get("label"):
                info["labels"].add(row["label"])
            if row.get("type", "").startswith(WD):
                info["types"].add(row["type"].removeprefix(WD))
            if row.get("kind", "").startswith(WD):
                info["kinds"].add(row["kind"].removeprefix(WD))
            if row.get("target", "").startswith(WD):
                info["targets"].add(row["target"].removeprefix(WD))
        if on_batch:
            on_batch(len(batch))
    drifts: list[Drift] = []
    for m in links:
        drifts.extend(_drifts(m, seen.get(m.qid), entities.get(m.entity_id or "")))
    return len(links), sorted(drifts)


def _drifts(m: Mapping, info: dict | None, entity: Entity | None) -> list[Drift]:
    say = lambda kind, message: Drift(m.line, m.entity_id or "?", m.qid or "?", kind, message)  # noqa: E731
    if info is None or (not info["exists"] and not info["targets"]):
        return [say("missing", "the item does not exist (deleted, or never was)")]
    if info["targets"]:
        return [say("redirect", "the item now redirects to " + ", ".join(f"wd:{t}" for t in sorted(info["targets"]))
                    + ": link the target after checking it")]
    out = []
    recorded = m.get("object_label")
    if recorded and info["labels"] and fold(recorded) not in {fold(x) for x in info["labels"]}:
        out.append(say("label", f"recorded {recorded!r}, Wikidata now says {sorted(info['labels'])[0]!r}"))
    kinds = expected_kinds(entity.types) if entity else frozenset()
    if kinds and not kinds & (info["types"] | info["kinds"]):
        types = ", ".join(f"wd:{t}" for t in sorted(info["types"])) or "nothing"
        out.append(say("type", f"the item is an instance of {types}, none of which fits "
                               f"{', '.join(str(t).rsplit('#', 1)[-1] for t in entity.types)}"))
    return out


def tsv_label(label: str) -> str:
    """A registry label as a SSSOM/TSV cell holds it: a cell that began with a double quote would be read
    as CSV quoting by SSSOM's own tools, so such a label's double quotes are left out.

    >>> tsv_label('"Novorossiya" (a claimed name)'), tsv_label('OSCE')
    ('Novorossiya (a claimed name)', 'OSCE')
    """
    return label.replace('"', "") if label.startswith('"') else label


def check_local(mset: MappingSet, entities: dict[str, Entity], shown_as: str) -> list[Problem]:
    """Offline checks: every subject is in the registry with the registry's label, no item is linked from
    two entities."""
    problems = unknown_subjects(mset, set(entities), shown_as)
    for m in mset.mappings:
        entity = entities.get(m.entity_id) if m.entity_id else None
        given = m.get("subject_label")
        if entity is not None and given and given != tsv_label(entity.label):
            problems.append(Problem(shown_as, m.line, f"subject_label {given!r} of {m.get('subject_id')} is not "
                                                      f"the registry's label {tsv_label(entity.label)!r}"))
    first: dict[str, Mapping] = {}
    for m in mset.mappings:
        if not m.qid:
            continue
        if m.qid in first:
            problems.append(Problem(shown_as, m.line, f"wd:{m.qid} is already linked from "
                                                      f"{first[m.qid].get('subject_id')} (line {first[m.qid].line}): "
                                                      "two entities, one item (a country and its government?)"))
        else:
            first[m.qid] = m
    return sorted(problems)
