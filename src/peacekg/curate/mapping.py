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
from .suggest import AUTHORS, Suggestion

#: Keys a suggested statement has that curated ones do not: removed when it is accepted.
META = ("confidence", "cue", "pending")
#: Where the model's notions go, first defined property wins.
SPEAKER_KEYS = ("assertedBy", "speaker")
HOLDER_KEYS = ("heldBy", "holder")
MODE_KEYS = ("mode",)
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
    if mode_key and s.mode in vocab.concepts:
        record[mode_key] = s.mode
    else:
        pending["mode"] = s.mode
    if s.status:
        record["status"] = s.status
    if s.mechanism:
        record["mechanism"] = s.mechanism
    if s.about and s.kind in ("Claim", "Position", "QuantityStatement", "ReportedFact"):
        record["about"] = s.about if len(s.about) > 1 else s.about[0]
    record.update(s.qualifiers)
    for relation, target in s.relations:
        key = _key(vocab, RELATION_KEYS.get(relation, ()))
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
