"""The rules extractor (``rules``): the sentence-level rules and the cues learned from curated texts.

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
from bisect import bisect_left

from .corpus import Corpus, document_of
from .cues import Cues, phrases, words_after
from .mentions import Mention, find_mentions, outermost
from .model import AUTHORS, Suggestion, Suggestions
from .newentities import new_entities
from .rules import ACCORDING, CONNECTIVES, DATED, IMPUTED, MODAL, figure
from .text import Sentence, sentences

class Suggester:
    def __init__(self, corpus: Corpus, cues: Cues):
        self.corpus = corpus
        self.cues = cues
        self.agents = corpus.agents()
        self.mechanisms = corpus.of_class("Mechanism")
        self.organisations = corpus.of_class("Organisation") | corpus.of_class("Publication")

    def suggest(self, doc_id: str, *, paragraphs: set[int] | None = None,
                candidates: dict[str, list[dict]] | None = None) -> Suggestions:
        document = document_of(self.corpus, doc_id)
        text = document.text
        mentions = find_mentions(text, self.corpus.entities)
        top = outermost(mentions)
        starts = [m.start for m in top]  # in order: a sentence's mentions are found by bisection, not a scan
        statements: list[Suggestion] = []
        ids: set[str] = set()
        previous_claim: Suggestion | None = None
        authors = {a.entity for a in document.authors}
        bio_of: str | None = None
        for s in sentences(text):
            if s.paragraph in document.without_content or (paragraphs and s.paragraph not in paragraphs):
                continue
            if not re.search(r"[.?!][\"'”’)]*\Z", s.text) and len(s.text.split()) < 12:
                continue  # a heading
            here = [m for m in top[bisect_left(starts, s.start):bisect_left(starts, s.end)] if m.end <= s.end]
            named_authors = [m.entity for m in here if m.entity in authors]
            if named_authors:
                bio_of = named_authors[0]
            elif s.index == 1:
                bio_of = None
            found = self._affiliations(s, here, bio_of) if bio_of else []
            found += self._cued(s, text, here)
            found += self._dated(s, here, found)
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
        entities = new_entities(document, spans, self.corpus.entities, paragraphs=paragraphs, cached=candidates)
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
        imputed_used = False
        for m in here:
            if m.entity not in self.agents:
                continue
            before = text[s.start:m.start]
            speaker, mode, hit = AUTHORS, "reported", None
            if ACCORDING.search(before):
                speaker = m.entity
                kind = "QuantityStatement" if figure(s.text) else "Claim"
                hit = (kind, None, 0.6, "rule: 'According to X' (X the speaker, the authors report it)")
                mode = "asserted"
            else:
                hit = self.cues.lookup(phrases(words_after(text, m.end, 3)))
                if hit is None and before.rstrip().endswith(" by"):
                    words = re.findall(r"[A-Za-z][A-Za-z'-]*", before.rstrip()[:-3])
                    hit = self.cues.lookup([w.lower() for w in reversed(words[-4:])], passive=True)
                imputed = IMPUTED.search(before)
                if hit is not None and imputed:
                    imputed_used = True
                    mode = "imputed"
                    hit = (*hit[:3], hit[3] + f"; rule: {imputed.group(1)!r} (the authors impute it)")
                elif hit is None and imputed and not imputed_used:
                    imputed_used = True  # the first actor after the phrase: the one whose view it is
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

    def _affiliations(self, s: Sentence, here: list[Mention], author: str) -> list[Suggestion]:
        """An author bio: the author is affiliated with each organisation the sentence names."""
        return [Suggestion("", "Affiliation", author, AUTHORS, "asserted", None, None, s, 0.55,
                           "rule: an organisation named with a document's author (a bio)", [],
                           qualifiers={"organisation": m.entity})
                for m in here if m.entity in self.organisations]

    def _dated(self, s: Sentence, here: list[Mention], found: list[Suggestion]) -> list[Suggestion]:
        """A dated sentence naming an actor: an event, the actor its agent."""
        date = DATED.search(s.text)
        actors = [m for m in here if m.entity in self.agents]
        if not date or not actors or any(f.kind == "Event" for f in found):
            return []
        m = actors[0]
        return [Suggestion("", "Event", m.entity, AUTHORS, "reported", None, self._mechanism(here), s, 0.4,
                           f"rule: a dated sentence ({date.group(0)!r}) naming an actor")]

    def _claim(self, s: Sentence, here: list[Mention], found: list[Suggestion]) -> Suggestion | None:
        about = sorted({m.entity for m in here if m.entity not in self.mechanisms})
        mechanism = self._mechanism(here)
        if any(f.speaker != AUTHORS for f in found):
            return None  # the sentence is someone else's report
        modal = MODAL.search(s.text)
        if modal and mechanism and not any(f.kind == "Proposal" for f in found):
            found.append(Suggestion("", "Proposal", AUTHORS, AUTHORS, "asserted", "advocated", mechanism, s, 0.45,
                                    f"rule: {modal.group(1)!r} and a mechanism (the authors propose)", about))
        if figure(s.text):
            return Suggestion("", "QuantityStatement", AUTHORS, AUTHORS, "asserted", None, mechanism, s, 0.4,
                              "rule: a figure in the sentence", about)
        return Suggestion("", "Claim", AUTHORS, AUTHORS, "asserted", None, mechanism, s, 0.45,
                          "default: the authors' claim", about)


class RulesExtractor:
    """The rules as an extractor of the common interface (no dependency beyond peacekg's own)."""

    name = "rules"

    def __init__(self, corpus: Corpus, *, model: str | None = None, cues: Cues | None = None):
        from .cues import learn

        self.suggester = Suggester(corpus, cues if cues is not None else learn(corpus))

    def extract(self, doc_id: str, *, paragraphs: set[int] | None = None,
                candidates: dict[str, list[dict]] | None = None) -> Suggestions:
        found = self.suggester.suggest(doc_id, paragraphs=paragraphs, candidates=candidates)
        found.note = "extractor: rules"
        return found
