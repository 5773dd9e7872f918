"""Mentions of registry entities in a text, by label and alias, and named spans the registry lacks.

Matching runs on the text folded as the build folds quotes (curly quotes and
dashes made plain), so offsets map back to the text's own characters. A name
matches whatever its case, unless it is an acronym ("US" is not "us"), with a
possessive ("Russia's", "allies'") or a plural ("the Russians"); a state's
demonym ("Russian", "American") counts as a weaker mention. Metonyms are the
registry's aliases ("Kyiv" for the Ukrainian government), so they match as
names do.

>>> from peacekg.sources.registry import Entity
>>> ru = Entity("russia", ("https://w3id.org/peacekg/ontology#State",), "Russia", (), None, 1)
>>> [(m.exact, m.cue) for m in find_mentions("The Russians and Russia's plan.", {"russia": ru})]
[('Russians', 'demonym, plural'), ("Russia's", 'label, possessive')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..sources.evidence import normalise
from ..sources.registry import Entity

_TAIL = r"(?P<tail>'s|'|s'|s|es)?"
_STATE_NAMES = {"State", "Government"}


@dataclass(frozen=True)
class Mention:
    entity: str
    start: int
    end: int
    exact: str
    cue: str
    confidence: float


def demonyms(name: str) -> list[str]:
    """Adjectives and plurals a state's name makes (only the regular ones).

    >>> demonyms("Russia"), demonyms("Ukraine"), demonyms("Germany")
    (['Russian'], ['Ukrainian'], ['German'])
    """
    if " " in name or len(name) < 4:
        return []
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("e"):
        return [name[:-1] + "ian"]
    if name.endswith("y"):
        return [name[:-1]]
    return []


@functools.lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern:
    folded = normalise(name)[0]
    body = re.escape(folded).replace(r"\ ", r"\s+")
    flags = 0 if folded.isupper() or (len(folded) <= 3 and folded[:1].isupper()) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}{_TAIL}(?![\w-])", flags)


def _names(entity: Entity) -> list[tuple[str, str, float]]:
    names = [(entity.label, "label", 0.9)] + [(a, "alias", 0.85) for a in entity.aliases]
    if entity.label.lower().startswith("the ") and len(entity.label) > 8:
        names.append((entity.label[4:], "label without 'the'", 0.7))
    if any(str(t).rsplit("#", 1)[-1] in _STATE_NAMES for t in entity.types):
        for name, _, _ in list(names):
            names += [(d, "demonym", 0.55) for d in demonyms(name)]
    return names


_CACHE: dict[tuple, list[Mention]] = {}


def find_mentions(text: str, entities: dict[str, Entity]) -> list[Mention]:
    """Every mention of a registry entity, in text order (longest first where they overlap); the
    answer is kept for the same text and the same names (a few, the latest)."""
    key = (text, tuple((e.id, e.label, e.aliases, e.types) for e in entities.values()))
    if key not in _CACHE:
        if len(_CACHE) > 16:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _find_mentions(text, entities)
    return list(_CACHE[key])


def _find_mentions(text: str, entities: dict[str, Entity]) -> list[Mention]:
    folded, origin = normalise(text)
    found: dict[tuple[int, int, str], Mention] = {}
    for eid, entity in sorted(entities.items()):
        for name, how, confidence in _names(entity):
            if not name.strip():
                continue
            for m in _pattern(name).finditer(folded):
                tail = m.group("tail") or ""
                if tail in ("es",) or (tail == "s" and how != "demonym" and not name[-1].isalpha()):
                    continue
                cue = how + (", possessive" if "'" in tail else ", plural" if tail else "")
                start, end = origin[m.start()], origin[m.end() - 1] + 1
                key = (start, end, eid)
                if key not in found or found[key].confidence < confidence:
                    found[key] = Mention(eid, start, end, text[start:end], cue,
                                         confidence - (0.1 if tail else 0))
    return sorted(found.values(), key=lambda m: (m.start, -(m.end - m.start), m.entity))


def outermost(mentions: list[Mention]) -> list[Mention]:
    """The mentions not inside a longer one ("NATO" inside "NATO enlargement" goes)."""
    # In text order (longest first at one start), every kept mention starts at or before this one: one
    # contains it and is longer exactly when a kept one ends after it, or ends with it and starts before.
    # So the furthest end kept (and the earliest start ending there) decide, in linear time.
    kept: list[Mention] = []
    far_end, far_start = -1, -1
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if far_end > m.end or (far_end == m.end and far_start < m.start):
            continue
        kept.append(m)
        if m.end > far_end:
            far_end, far_start = m.end, m.start
    return kept
