"""From a suggestion (kind, holder, speaker, mode, status, mechanism, relations) to the keys of
``graph/statements/*.yaml``, whatever the curation format has.

This is the one place that knows the format: the keys are chosen by what the
ontology defines, so when it gains properties for the speaker or the mode (or
relations other than ``supports``), suggestions use them without other change.
What the format cannot say yet is kept under ``pending`` in the suggested file,
for the curator to read, and dropped on acceptance.
"""

from __future__ import annotations

from ..sources.vocab import Vocabulary
from ..extract.model import AUTHORS, Suggestion

#: Keys a suggested statement has that curated ones do not: removed when it is accepted.
META = ("confidence", "cue", "pending")
#: Where the model's notions go, first defined property wins.
SPEAKER_KEYS = ("assertedBy", "speaker")
HOLDER_KEYS = ("heldBy", "holder")
MODE_KEYS = ("mode",)
#: The suggester's mode names that the ontology spells otherwise ("asserted": the speaker's own claim).
MODE_NAMES = {"asserted": "claim"}
RELATION_KEYS = {"example": ("exampleOf", "supports"), "reason": ("reasonFor", "supports"),
                 "contrast": ("contrastsWith", "objectsTo"), "part": ("partOf",)}


def _key(vocab: Vocabulary, names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in vocab.properties), None)


def to_record(s: Suggestion, vocab: Vocabulary, *, quote: str, paragraph: int | None) -> dict:
    """The statement record of a suggestion, with its metadata keys (see :data:`META`)."""
    record: dict = {"id": s.id, "type": s.kind}
    pending: dict = {}
    holder_key = _key(vocab, HOLDER_KEYS)
    record[holder_key or "agent"] = s.holder
    speaker_key = _key(vocab, SPEAKER_KEYS)
    if speaker_key:
        record[speaker_key] = s.speaker
    elif s.speaker != AUTHORS and "accordingTo" in vocab.properties:
        record["accordingTo"] = s.speaker
    else:
        pending["speaker"] = s.speaker
    mode_key = _key(vocab, MODE_KEYS)
    mode = MODE_NAMES.get(s.mode, s.mode)
    if mode_key and mode in vocab.concepts:
        record[mode_key] = mode
    else:
        pending["mode"] = s.mode
    if s.status:
        record["status"] = s.status
    if s.mechanism:
        record["mechanism"] = s.mechanism
    if s.about and s.kind in ("Claim", "Position", "QuantityStatement", "ReportedFact"):
        record["about"] = s.about if len(s.about) > 1 else s.about[0]
    record.update(s.qualifiers)
    for key, value in (("polarity", s.polarity), ("modality", s.modality),
                       ("hedge", s.hedges[0] if len(s.hedges) == 1 else s.hedges or None),
                       ("amount", s.amount), ("unit", s.unit), ("amountQualifier", s.approximation)):
        if value is not None:
            record[key] = value
    for relation, target in s.relations:
        key = relation if relation in vocab.properties else _key(vocab, RELATION_KEYS.get(relation, ()))
        if key:
            record.setdefault(key, target)
        else:
            pending.setdefault("relations", []).append({relation: target})
    record["quote"] = quote
    if paragraph is not None:
        record["paragraph"] = paragraph
    record["confidence"] = s.confidence
    record["cue"] = s.cue
    if pending:
        record["pending"] = pending
    return record


def accepted(record: dict) -> dict:
    """A suggested record as a curated one: the metadata keys removed.

    >>> accepted({"id": "a", "type": "Claim", "confidence": 0.4, "cue": "x", "pending": {}})
    {'id': 'a', 'type': 'Claim'}
    """
    return {k: v for k, v in record.items() if k not in META}


def form_keys(vocab: Vocabulary) -> dict[str, str | None]:
    """Which file key each field of the curation form writes (None: the format cannot say it yet)."""
    return {
        "holder": _key(vocab, HOLDER_KEYS) or "agent",
        "speaker": _key(vocab, SPEAKER_KEYS) or ("accordingTo" if "accordingTo" in vocab.properties else None),
        "mode": _key(vocab, MODE_KEYS),
        "supports": "supports" if "supports" in vocab.properties else None,
    }


def from_form(fields: dict, vocab: Vocabulary) -> dict:
    """A statement record from the curation form's fields (model names) in the file's keys.

    >>> from rdflib import Graph
    >>> v = Vocabulary(Graph(), properties={"accordingTo": None, "supports": None})
    >>> from_form({"id": "a", "kind": "Claim", "holder": "x", "speaker": "y", "mode": "reported",
    ...            "quote": "q", "about": ["m", "n"]}, v)
    {'id': 'a', 'type': 'Claim', 'agent': 'x', 'accordingTo': 'y', 'about': ['m', 'n'], 'quote': 'q'}
    """
    keys = form_keys(vocab)
    record: dict = {"id": fields.get("id"), "type": fields.get("kind"), keys["holder"]: fields.get("holder")}
    speaker = fields.get("speaker")
    if keys["speaker"] and speaker and (speaker != AUTHORS or keys["speaker"] != "accordingTo"):
        record[keys["speaker"]] = speaker
    if keys["mode"] and fields.get("mode"):
        record[keys["mode"]] = MODE_NAMES.get(fields["mode"], fields["mode"])
    for name in ("status", "mechanism", "about", "target", "territory", "supports", "pointInTime", "summary",
                 "note"):
        value = fields.get(name)
        if value not in (None, "", []):
            record[name] = value
    record["quote"] = fields.get("quote")
    if fields.get("paragraph"):
        record["paragraph"] = fields["paragraph"]
    return record
