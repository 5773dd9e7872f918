"""``peacekg suggest``: statements, mentions and new entities for a document, to curate.

Sentence by sentence: each named holder followed by a cue phrase (learned from
the curated documents or a generic rule) gives a statement of the cue's kind and
status; "According to X" makes X the speaker (reported); "It is safe to say
that" makes the next actor's view the authors' imputation; a figure gives a
quantity statement; a sentence with "must" or "should" and a mechanism, the
authors' proposal; every sentence, the authors' claim about what it names.
Connectives link a sentence's claim to the one before ("For example",
"because": supports; "Although", "But": contrast; "First", "Second": parts).
Deterministic and offline: the same sources give the same suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .corpus import Corpus, document_of
from .cues import Cues, phrases, words_after
from .mentions import Mention, find_mentions, outermost
from .newentities import NewEntity, new_entities
from .text import Sentence, sentences

AUTHORS = "authors"
_ACCORDING = re.compile(r"\baccording to\s+$", re.IGNORECASE)
_IMPUTED = re.compile(r"\b(it is safe to say that|clearly|it seems that|appears to)\b", re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w-])(\d{1,3}(,\d{3})+|\d+(\.\d+)?)(?!\d)(?!-)|\b(hundreds|thousands|millions|billions?)\b")
_YEAR = re.compile(r"^(19|20)\d\d$")
_MODAL = re.compile(r"\b(must|should|needs? to|ought to|there will be a need)\b", re.IGNORECASE)
CONNECTIVES = [  # (pattern at a sentence's start or inside it, relation)
    (re.compile(r"^(For example|For instance)\b"), "example"),
    (re.compile(r"^(This is because|That is because)\b|\bbecause\b"), "reason"),
    (re.compile(r"^(Although|But|However|Yet|Still|Even so)\b"), "contrast"),
    (re.compile(r"^(First|Second|Third|Fourth|Finally|Lastly)\b"), "part"),
]


@dataclass
class Suggestion:
    """One suggested statement, in terms of the model (the mapping writes the file's keys)."""

    id: str
    kind: str
    holder: str
    speaker: str
    mode: str  #: asserted (the speaker's own), reported (the speaker reports the holder's), imputed
    status: str | None
    mechanism: str | None
    sentence: Sentence
    confidence: float
    cue: str
    about: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  #: (relation, statement id)

    @property
    def start(self) -> int:
        return self.sentence.start

    @property
    def end(self) -> int:
        return self.sentence.end


@dataclass
class Suggestions:
    document: str
    statements: list[Suggestion]
    mentions: list[Mention]
    entities: list[NewEntity]


def _figure(text: str) -> bool:
    return any(not _YEAR.match(m.group(0)) for m in _FIGURE.finditer(text))


class Suggester:
    def __init__(self, corpus: Corpus, cues: Cues):
        self.corpus = corpus
        self.cues = cues
        self.agents = corpus.agents()
        self.mechanisms = corpus.of_class("Mechanism")

    def suggest(self, doc_id: str, *, paragraphs: set[int] | None = None) -> Suggestions:
        document = document_of(self.corpus, doc_id)
        text = document.text
        mentions = find_mentions(text, self.corpus.entities)
        top = outermost(mentions)
        statements: list[Suggestion] = []
        ids: set[str] = set()
        previous_claim: Suggestion | None = None
        for s in sentences(text):
            if s.paragraph in document.without_content or (paragraphs and s.paragraph not in paragraphs):
                continue
            if not re.search(r"[.?!][\"'”’)]*$", s.text) and len(s.text.split()) < 12:
                continue  # a heading
            here = [m for m in top if s.start <= m.start and m.end <= s.end]
            found = self._cued(s, text, here)
            claim = self._claim(s, here, found)
            if claim is not None:
                for pattern, relation in CONNECTIVES:
                    if previous_claim is not None and pattern.search(s.text) and \
                            previous_claim.sentence.paragraph >= s.paragraph - 1:
                        claim.relations.append((relation, previous_claim.id))
                        break
                found.append(claim)
                previous_claim = claim
            for sug in found:
                sug.id = self._id(doc_id, sug, ids)
            statements.extend(found)
        if paragraphs:
            mentions = [m for m in mentions if document.paragraph_at(m.start) in paragraphs]
        spans = [(m.start, m.end) for m in mentions]
        entities = new_entities(document, spans, self.corpus.entities, paragraphs=paragraphs)
        return Suggestions(doc_id, statements, mentions, entities)

    def _id(self, doc_id: str, sug: Suggestion, ids: set[str]) -> str:
        base = f"{doc_id}-p{sug.sentence.paragraph:02d}-s{sug.sentence.index}-{sug.kind.lower()}-{sug.holder}"
        candidate, n = base, 1
        while candidate in ids:
            n += 1
            candidate = f"{base}-{n}"
        ids.add(candidate)
        return candidate

    def _mechanism(self, here: list[Mention], after: int = 0) -> str | None:
        later = [m.entity for m in here if m.entity in self.mechanisms and m.start >= after]
        return later[0] if later else None

    def _cued(self, s: Sentence, text: str, here: list[Mention]) -> list[Suggestion]:
        found: list[Suggestion] = []
        seen: set[tuple[str, str]] = set()
        for m in here:
            if m.entity not in self.agents:
                continue
            before = text[s.start:m.start]
            speaker, mode, hit = AUTHORS, "reported", None
            if _ACCORDING.search(before):
                speaker = m.entity
                kind = "QuantityStatement" if _figure(s.text) else "Claim"
                hit = (kind, None, 0.6, "rule: 'According to X' (X the speaker, reported)")
                mode = "asserted"
            else:
                hit = self.cues.lookup(phrases(words_after(text, m.end, 3)))
                if hit is None and before.rstrip().endswith(" by"):
                    words = re.findall(r"[A-Za-z][A-Za-z'-]*", before.rstrip()[:-3])
                    hit = self.cues.lookup([w.lower() for w in reversed(words[-4:])], passive=True)
                imputed = _IMPUTED.search(before)
                if hit is not None and imputed:
                    mode = "imputed"
                    hit = (*hit[:3], hit[3] + f"; rule: {imputed.group(1)!r} (the authors impute it)")
                elif hit is None and imputed and imputed.end() <= m.start - s.start:
                    mode = "imputed"
                    hit = ("Position", "view", 0.45, f"rule: {imputed.group(1)!r} (the authors impute a view)")
            if hit is None:
                continue
            kind, status, confidence, cue = hit
            if (kind, m.entity) in seen:
                continue
            seen.add((kind, m.entity))
            mechanism = self._mechanism(here, m.end)
            if kind == "Proposal" and mechanism is None:
                mechanism = self._mechanism(here)
            about = [x.entity for x in here if x.entity not in (m.entity, mechanism)]
            found.append(Suggestion("", kind, m.entity, speaker, mode, status, mechanism, s, confidence, cue,
                                    sorted(set(about))))
        return found

    def _claim(self, s: Sentence, here: list[Mention], found: list[Suggestion]) -> Suggestion | None:
        about = sorted({m.entity for m in here if m.entity not in self.mechanisms})
        mechanism = self._mechanism(here)
        if any(f.speaker != AUTHORS for f in found):
            return None  # the sentence is someone else's report
        if _MODAL.search(s.text) and mechanism:
            return Suggestion("", "Proposal", AUTHORS, AUTHORS, "asserted", "advocated", mechanism, s, 0.45,
                              f"rule: {_MODAL.search(s.text).group(1)!r} (the authors propose)", about)
        if _figure(s.text):
            return Suggestion("", "QuantityStatement", AUTHORS, AUTHORS, "asserted", None, mechanism, s, 0.4,
                              "rule: a figure in the sentence", about)
        return Suggestion("", "Claim", AUTHORS, AUTHORS, "asserted", None, mechanism, s, 0.45,
                          "default: the authors' claim", about)
