"""Stance read off a parse: polarity (negation, negative predicates), modality, and hedges.

Polarity is ``denied`` when the predicate is negated ("does not want", "never
signed"), or is a negative predicate ("failed to", "refused to", "is unwilling
to"); a double negative ("not without") is affirmed. Modality comes from the
modal auxiliaries and a few phrases ("need to", "is likely to"). Hedges are the
estimative and epistemic words of the unit, as the text writes them.

>>> hedges("Russia will almost certainly try, and perhaps succeed.")
['almost certainly', 'perhaps']
"""

from __future__ import annotations

import re

from .lexicon import FUTURE_PHRASES, HEDGES, MODALS, NECESSITY_PHRASES, NEGATIVE_PREDICATES, NEGATORS

_HEDGE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(h) for h in HEDGES) + r")(?![\w-])", re.IGNORECASE)
_ESTIMATIVE = {"likely", "probably", "probable", "unlikely", "almost certainly", "almost certain", "very likely",
               "highly likely", "highly probable", "very unlikely", "nearly certain", "most likely",
               "roughly even chance", "we assess", "we judge", "improbable", "highly improbable",
               "almost no chance", "in all likelihood", "more likely than not"}


def hedges(text: str) -> list[str]:
    """The hedging words of ``text``, in order, each once, as the text writes them."""
    found: list[str] = []
    for m in _HEDGE.finditer(text):
        if m.group(0) not in found:
            found.append(m.group(0))
    return found


def estimative(words: list[str]) -> bool:
    """Whether a hedge is an estimative judgement (ICD 203), which makes the speaker's own an assessment."""
    return any(w.lower() in _ESTIMATIVE for w in words)


def _negated(token) -> bool:
    children = list(token.children)
    negs = [c for c in children if c.dep_ == "neg" or c.lower_ in ("never",)]
    if negs:
        return not any(c.lower_ == "without" for c in children)  # "not without": affirmed
    return False


def polarity(head) -> str | None:
    """``denied`` when the predicate at ``head`` is negated or negative, else None (affirmed)."""
    if _negated(head):
        return "denied"
    if head.lemma_.lower() in NEGATIVE_PREDICATES and any(c.dep_ in ("xcomp", "ccomp") for c in head.children):
        return "denied"
    for c in head.children:  # "is unwilling to", "remains unable to"
        if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in NEGATIVE_PREDICATES and not _negated(head):
            return "denied"
    for c in head.children:  # "no country has", "nothing suggests"
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nothing", "nobody", "none", "neither")
                                                  or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return "denied"
    return None


def modality(head, text: str) -> str | None:
    """necessity, possibility or futurity, from the modal auxiliaries of ``head`` or a phrase of ``text``."""
    for c in head.children:
        if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in MODALS:
            return MODALS[c.lower_]
    lowered = text.lower()
    if any(p in lowered for p in NECESSITY_PHRASES):
        return "necessity"
    if any(p in lowered for p in FUTURE_PHRASES):
        return "futurity"
    return None


__all__ = ["hedges", "estimative", "polarity", "modality", "NEGATORS"]
