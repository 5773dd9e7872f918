"""How suggestions are scored against gold statements (``python -m bench.suggest`` and its CI test).

Matching: a suggestion and a gold statement match when their character spans
overlap by at least half of the shorter one; one to one, greedily by overlap.
On the matched pairs: speaker (``assertedBy``, the authors unless the text
names a source), holder (``agent``; where the gold has none, its speaker),
mode, kind, polarity (affirmed unless denied) and hedge (right when both have
none, or they share a hedging word). Accept-as-is: a gold statement matched
with kind, holder and mode all right. A gold argument relation (a property
such as ``supports`` from one gold statement to another) is found when both
ends are matched and the suggestions are related (either way); of the right
type when by the same property. Mentions: the registry entities the gold
statements use whose name occurs in the text, against the entities suggested
(registry mentions and proposed new entities, by id): precision is a lower
bound (a true mention no gold statement uses counts as wrong).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from peacekg.extract.model import AUTHORS
from peacekg.sources.evidence import normalise

RELATIONS = ("supports", "reasonFor", "exampleOf", "attacks", "contrastsWith", "conditionFor", "outcomeOf")
ACTS = ("Proposal", "Rejection", "Policy", "Event", "Position")
OWN = ("claim", "assessment", "recommendation", "prediction")
MODE_NAMES = {"asserted": "claim"}


@dataclass
class Pred:
    """A suggestion reduced to what is scored."""

    id: str
    start: int
    end: int
    kind: str
    holder: str
    speaker: str
    mode: str
    polarity: str
    hedges: tuple[str, ...]
    relations: tuple[tuple[str, str], ...] = ()


@dataclass
class Score:
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    cpu: float = 0.0
    chars: int = 0

    def add(self, other: "Score") -> None:
        self.counts.update(other.counts)
        self.seconds += other.seconds
        self.cpu += other.cpu
        self.chars += other.chars


def pred_of(s) -> Pred:
    return Pred(s.id, s.start, s.end, s.kind, s.holder, s.speaker, MODE_NAMES.get(s.mode, s.mode),
                s.polarity or "affirmed", tuple(h.lower() for h in s.hedges),
                tuple((MODE_NAMES.get(r, r), t) for r, t in s.relations))


def gold_values(g) -> dict:
    r = g.record
    speaker = str(r.get("assertedBy") or AUTHORS)
    hedge = r.get("hedge") or []
    return {"kind": g.kind, "holder": str(r.get("agent") or speaker), "speaker": speaker,
            "mode": str(r.get("mode")), "polarity": str(r.get("polarity") or "affirmed"),
            "hedges": tuple(str(h).lower() for h in (hedge if isinstance(hedge, list) else [hedge]))}


def match(preds: list[Pred], gold: list) -> dict[str, Pred]:
    """Gold id -> its suggestion: overlap >= half the shorter span, one to one, greedily by overlap."""
    pairs = []
    for g in gold:
        for p in preds:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0 and overlap >= 0.5 * min(g.end - g.start, p.end - p.start):
                pairs.append((overlap, g.id, p.id, p))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, found = set(), set(), {}
    for _, gid, pid, p in pairs:
        if gid in used_g or pid in used_p:
            continue
        used_g.add(gid)
        used_p.add(pid)
        found[gid] = p
    return found


def _hedge_right(g: tuple, p: tuple) -> bool:
    if not g or not p:
        return not g and not p
    words = lambda hs: {w for h in hs for w in h.split()}  # noqa: E731
    return bool(words(g) & words(p))


def score(preds: list[Pred], gold: list, text: str, entities: dict, predicted_entities: set[str]) -> Score:
    c = Counter()
    found = match(preds, gold)
    c["gold"], c["pred"], c["matched"] = len(gold), len(preds), len(found)
    for g in gold:
        v = gold_values(g)
        group = "imputed" if v["mode"] == "imputed" else "reported" if v["mode"] == "reported" else "own"
        act = v["kind"] in ACTS and v["holder"] != AUTHORS
        c[f"gold_{group}"] += 1
        c["gold_acts"] += act
        p = found.get(g.id)
        if p is None:
            continue
        right = {"speaker": p.speaker == v["speaker"], "holder": p.holder == v["holder"], "mode": p.mode == v["mode"],
                 "kind": p.kind == v["kind"], "polarity": p.polarity == v["polarity"],
                 "hedge": _hedge_right(v["hedges"], p.hedges)}
        for k, ok in right.items():
            c[f"right_{k}"] += ok
        accept = right["kind"] and right["holder"] and right["mode"]
        c["accept"] += accept
        c[f"matched_{group}"] += 1
        c[f"mode_{group}"] += right["mode"]
        c[f"accept_{group}"] += accept
        c["accept_acts"] += accept and act
    ids = {g.id for g in gold}
    for g in gold:
        for key in RELATIONS:
            targets = g.record.get(key)
            for t in targets if isinstance(targets, list) else [targets]:
                if t not in ids:
                    continue
                c["rel_gold"] += 1
                a, b = found.get(g.id), found.get(t)
                if a is None or b is None:
                    continue
                links = [r for r, x in a.relations if x == b.id] + [r for r, x in b.relations if x == a.id]
                c["rel_any"] += bool(links)
                c["rel_type"] += key in links
    folded = normalise(text)[0].lower()
    used: set[str] = set()
    for g in gold:
        for key, value in g.record.items():
            if key in ("id", "type", "quote", "summary", "note", "prefix", "paragraph", "mode", "polarity", "hedge"):
                continue
            for x in value if isinstance(value, list) else [value]:
                if isinstance(x, str) and x in entities:
                    used.add(x)
    named = {e for e in used if any(normalise(n)[0].lower() in folded
                                    for n in (entities[e].label, *entities[e].aliases))}
    c["m_gold"], c["m_pred"], c["m_hit"] = len(named), len(predicted_entities), len(named & predicted_entities)
    return Score(c)
