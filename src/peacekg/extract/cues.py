"""Cues for statements: phrases learned from curated quotes, and a few generic rules.

A curated statement whose holder is named in its quote teaches the words that
follow the name ("Russia's *insistence on*", "Scholz *announced*") or come
before "by" and the name ("*rejection ... by* NATO"): those words are a cue for
the statement's kind and status. Rules cover what a text says in any document:
"According to X" (reported by X), "It is safe to say that" (the authors impute
a view), "must" and "should" (the authors propose), figures (a quantity), and
the connectives of argument ("For example", "because", "Although", "First").

>>> words_after("Russia's insistence on legal guarantees", 8)
['insistence', 'on']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..sources.evidence import normalise
from .corpus import Corpus, Curated
from .mentions import Mention, find_mentions

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SKIP = {"also", "then", "now", "still", "has", "have", "had", "was", "were", "is", "are", "and", "the",
         "which", "who", "that", "will", "would", "could", "may", "might", "not", "to", "its", "their",
         "as", "in", "a", "an", "of", "for", "on", "with", "at", "from", "by", "this", "these", "it", "he",
         "she", "they", "his", "her", "s"}
_AUX = {"has", "have", "had", "will", "would", "also", "now", "still", "then", "is", "was", "are", "were"}
#: Generic English cues (not learned): phrase after the holder -> (kind, status)
RULES: dict[str, tuple[str, str | None]] = {
    "proposed": ("Proposal", "proposed"), "proposes": ("Proposal", "proposed"),
    "insisted": ("Proposal", "requested"), "insists": ("Proposal", "requested"),
    "insistence": ("Proposal", "requested"), "demanded": ("Proposal", "requested"),
    "demands": ("Proposal", "requested"), "floated": ("Proposal", "floated"),
    "offered": ("Proposal", "offered"), "rejected": ("Proposal", "rejected"),
    "rejects": ("Proposal", "rejected"), "refused": ("Proposal", "rejected"),
    "called for": ("Proposal", "advocated"), "calls for": ("Proposal", "advocated"),
    "pushed": ("Proposal", "advocated"), "supported": ("Proposal", "supported"),
    "supports": ("Proposal", "supported"), "plans": ("Proposal", "planned"),
    "goal": ("Position", "goal"), "wants": ("Position", "goal"), "sees": ("Position", "view"),
    "views": ("Position", "view"), "believes": ("Position", "belief"), "opposes": ("Position", "opposition"),
    "announced": ("Event", None), "invaded": ("Event", None), "met": ("Event", None),
    "object": ("Position", "opposition"), "objects": ("Position", "opposition"),
}
PASSIVE_RULES: dict[str, tuple[str, str | None]] = {  # "<word> ... by X"
    "rejection": ("Proposal", "rejected"), "rejected": ("Proposal", "rejected"),
    "proposed": ("Proposal", "proposed"), "provided": ("Proposal", "pursued"),
    "supported": ("Proposal", "supported"), "opposed": ("Proposal", "opposed"),
}


def words_after(text: str, end: int, count: int = 2) -> list[str]:
    """The first ``count`` words after offset ``end`` (folded, lower case), skipping a possessive."""
    folded = normalise(text[end:end + 80])[0]
    words = [w.lower() for w in _WORD.findall(folded)]
    words = [w for w in words if w not in ("s", "'s")]
    return words[:count]


def phrases(words: list[str]) -> list[str]:
    """Candidate cue phrases from the words after a name: one and two words, adverbs skipped.

    >>> phrases(["famously", "faced", "down"])
    ['faced down', 'faced']
    """
    words = [w for w in words if not w.endswith("ly")]
    while words and words[0] in _AUX:
        words = words[1:]
    if not words or words[0] in _SKIP:
        return []
    return [" ".join(words[:2]), words[0]] if len(words) >= 2 else words[:1]


@dataclass
class Cues:
    """Learned phrase -> counts of (kind, status)."""

    after: dict[str, Counter]
    before_by: dict[str, Counter]
    learned_from: int = 0

    def lookup(self, candidates: list[str], passive: bool = False):
        """The best (kind, status, confidence, cue) for the first phrase that is a cue."""
        table = self.before_by if passive else self.after
        rules = PASSIVE_RULES if passive else RULES
        for phrase in candidates:
            counts = table.get(phrase)
            if counts:
                (kind, status), n = counts.most_common(1)[0]
                share = n / sum(counts.values())
                return kind, status, round(min(0.9, 0.4 + 0.5 * share * min(1.0, n / 2)), 2), \
                    f"learned: {'by-' if passive else ''}{phrase!r} ({n} of {sum(counts.values())} curated)"
            if phrase in rules:
                kind, status = rules[phrase]
                return kind, status, 0.5, f"rule: {phrase!r}"
        return None


def learn(corpus: Corpus, *, exclude: set[tuple[str, int]] = frozenset(),
          mentions_of: dict[str, list[Mention]] | None = None) -> Cues:
    """Cues from the curated statements, leaving out those of the (document, paragraph) pairs given
    (``mentions_of``: the documents' registry mentions, kept across calls on one corpus)."""
    after: dict[str, Counter] = defaultdict(Counter)
    before_by: dict[str, Counter] = defaultdict(Counter)
    mentions_of = {} if mentions_of is None else mentions_of
    used = 0
    for st in corpus.statements:
        if (st.document, st.paragraph) in exclude or st.holder == "authors":
            continue
        text = corpus.documents[st.document].text
        if st.document not in mentions_of:
            mentions_of[st.document] = find_mentions(text, corpus.entities)
        named = [m for m in mentions_of[st.document]
                 if m.entity == st.holder and st.start <= m.start and m.end <= st.end]
        for m in named[:1]:
            used += 1
            for phrase in phrases(words_after(text, m.end, 3)):
                after[phrase][(st.kind, st.status)] += 1
            before = normalise(text[max(st.start, m.start - 60):m.start])[0].lower()
            if before.rstrip().endswith(" by"):
                words = _WORD.findall(before.rstrip()[:-3])
                for word in words[-3:]:
                    before_by[word.lower()][(st.kind, st.status)] += 1
    return Cues(dict(after), dict(before_by), used)


def learned_cue_table(cues: Cues) -> list[tuple[str, str, str | None, int]]:
    """The learned cues, most used first: (phrase, kind, status, count)."""
    rows = [(p, k, s, n) for p, counts in cues.after.items() for (k, s), n in counts.items()]
    return sorted(rows, key=lambda r: (-r[3], r[0]))


__all__ = ["Cues", "Curated", "learn", "RULES"]
