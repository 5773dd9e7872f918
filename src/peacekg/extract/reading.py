"""One clause read as an analyst reads it: holder, speaker, mode, kind, stance, object, figure.

- "According to X, ..." and a reporting verb ("X said that", "X warned") make
  the statement X's, ``reported`` (the speaker is X with "according to").
- A verb of cognition or intention ("Moscow views", "Putin believes", "seeks",
  "wants") or a position noun ("Moscow's aim") makes it a Position ``imputed``
  to the subject; "we believe/assess" is the speaker's own assessment.
- Verb classes give proposals, rejections, policies and events, the subject
  the holder, the object the mechanism or target; a mechanism the registry
  lacks is proposed from its head word.
- Otherwise it is the speaker's own: a recommendation (must, should), a
  prediction (will, is likely to), an assessment (estimative words, an
  evaluation), or a claim; a figure makes it a quantity statement.
"""

from __future__ import annotations

from ..sources.vocab import local
from .clauses import clauses
from .names import CAPITALS
from .lexicon import CONNECTIVES, COGNITION, MECHANISM_HEADS, PHRASAL_PROPOSAL, POSITION_NOUNS, REPORTING, VERBS
from .model import AUTHORS, Suggestion
from .newentities import NewEntity, slug
from .stance import estimative, hedges, modality, polarity
from .text import Sentence

_ACTOR_NER = {"PERSON", "ORG", "GPE", "NORP"}
_GOVERNMENT_HEADS = {"government", "administration", "authority", "leadership", "regime", "official",
                     "ministry", "cabinet", "president", "leader", "leaders", "side", "delegation"}
_FIRST_PERSON = {"we", "i", "us"}
_OWN_FRAMES = {"believe": "assessment", "assess": "assessment", "judge": "assessment", "think": "assessment",
               "estimate": "assessment", "say": "claim", "argue": "claim", "contend": "claim"}


def _quoted(clause) -> bool:
    """Whether the clause's sentence is a quotation (it opens with a quotation mark)."""
    first = clause.head.sent[0]
    return first.text in ("“", '"', "‘") or clause.first.i > 0 and clause.head.doc[clause.first.i - 1].text in ("“", '"')


def _child_dep(token, dep: str):
    return next((c for c in token.children if c.dep_ == dep), None)


class Reader:
    def __init__(self, corpus, registry, document, mentions, cues):
        self.corpus = corpus
        self.registry = registry
        self.document = document
        self.mentions = mentions
        self.cues = cues
        self.agents = corpus.agents()
        self.mechanisms = corpus.of_class("Mechanism")
        self.vocab = corpus.vocab
        self.statements: list[Suggestion] = []
        self.new_mechanisms: dict[str, NewEntity] = {}
        self.names: list[tuple[int, int, str]] = []
        self.ids: set[str] = set()
        self.index: dict[int, int] = {}
        self.last_person: str | None = None
        self.last_actor: str | None = None
        self.previous: Suggestion | None = None
        self.last_source: tuple[str, str] | None = None  #: (speaker, holder) of the last reported speech
        self.source_paragraph = 0
        self.question: list | None = None  #: [the last question, how many statements may still answer it]

    # -- where things are ------------------------------------------------------

    def _span(self, block, first, last) -> tuple[int, int]:
        return block.start + first.idx, block.start + last.idx + len(last.text)

    def _entity(self, start: int, end: int, *, agent: bool = True, government: bool = False,
                head: int | None = None) -> str | None:
        """The entity named between ``start`` and ``end``: the one at the phrase's head, else a person
        (an apposition: "Kosovo's deputy prime minister, Arbër Krasniqi"), else the first."""
        text = self.document.text
        found: list[tuple[int, int, str, bool]] = []  # (start, end, id, a person)
        for m in self.mentions:
            if start <= m.start and m.end <= end and (not agent or m.entity in self.agents):
                entity = self.corpus.entities.get(m.entity)
                person = entity is not None and any(local(t) == "Person" for t in entity.types)
                found.append((m.start, m.end, m.entity, person))
        for s, e, label in self.names:
            if not (start <= s and e <= end and (not agent or label in _ACTOR_NER)):
                continue
            if any(a < e and s < b for a, b, _, _ in found):
                continue
            eid = self.registry.lookup(text[s:e])
            name = text[s:e].removesuffix("’s").removesuffix("'s")
            if eid is None:
                eid = slug(CAPITALS[name]) if name in CAPITALS else None if label == "NORP" else slug(name)
            if eid:
                found.append((s, e, eid, label == "PERSON"))
        if not found:
            return None
        found.sort()
        at_head = [f for f in found if head is not None and f[0] <= head < f[1]]
        chosen = (at_head or [f for f in found if f[3]] or found)[0][2]
        return self.registry.governments.get(chosen, chosen) if government else chosen

    def actor(self, block, token) -> str | None:
        """The entity a subject (or possessor, or agent phrase) names, or None."""
        if token.lower_ in _FIRST_PERSON:
            return AUTHORS
        if token.lower_ in ("he", "she") and self.last_person:
            return self.last_person
        if token.lower_ in ("it", "they") and self.last_actor and token.dep_ in ("nsubj", "nsubjpass"):
            return self.last_actor  # the actor the text spoke of last (not a person: "it", "they")
        tokens = list(token.subtree)
        start, end = self._span(block, tokens[0], tokens[-1])
        government = token.lemma_.lower() in _GOVERNMENT_HEADS
        eid = self._entity(start, end, government=government, head=block.start + token.idx)
        if eid and eid != AUTHORS:
            entity = self.corpus.entities.get(eid)
            if entity is not None and any(local(t) == "Person" for t in entity.types):
                self.last_person = eid
        return eid

    def mechanism(self, block, token) -> tuple[str | None, str | None]:
        """(mechanism, target) that an object phrase names; a new mechanism from its head word."""
        tokens = list(token.subtree)
        start, end = self._span(block, tokens[0], tokens[-1])
        for m in self.mentions:
            if start <= m.start and m.end <= end and m.entity in self.mechanisms:
                return m.entity, None
        target = self._entity(start, end)
        heads = [t for t in tokens if t.pos_ in ("NOUN", "PROPN") and t.lower_ in MECHANISM_HEADS]
        if heads and token.pos_ in ("NOUN", "PROPN"):
            head = heads[0]
            words = [t for t in head.subtree if t.dep_ not in ("det", "poss", "prep", "relcl", "acl", "punct")
                     or t.i == head.i]
            words = [t for t in words if t.i <= head.i or t.dep_ in ("compound",)]
            first = words[0] if words else head
            s, e = self._span(block, first, head)
            label = self.document.text[s:e]
            mid = slug(label)
            if mid and mid not in self.corpus.entities:
                self.new_mechanisms.setdefault(mid, NewEntity(
                    mid, label, MECHANISM_HEADS[head.lower_], 0.5, f"a proposed thing; head word {head.text!r}",
                    s, e, self.document.paragraph_at(s)))
            return mid or None, target
        return None, target

    # -- reading -----------------------------------------------------------------

    def read(self, block, doc) -> None:
        if self.statements and self.document.paragraph_at(block.start) != self.statements[-1].sentence.paragraph:
            self.last_actor = None  # a new paragraph: "it" no longer points back
        for sent in doc.sents:
            units = clauses(sent)
            made: dict[int, Suggestion] = {}
            read = []
            for c in units:
                s = self._statement(block, c)
                if s is not None:
                    made[c.head.i] = s
                    read.append((s, c))
            self._inherit(read, made)
            read = [(s, c) for s, c in read if s in self.statements]
            for s, c in read:  # relations once the sentence's clauses are all read
                self._relate(s, c, made)
                self._answer(s)
                self.previous = s
            self._embedded(block, sent)
            self._nominal(block, sent)

    def _nominal(self, block, sent) -> None:
        """Acts and stances named by a noun an actor owns ("Russia's insistence on legal guarantees",
        "their rejection by the US", "the US goal to end the regime"), each a statement over its phrase."""
        from .lexicon import DECLARED, NOMINAL

        for t in sent:
            if t.pos_ != "NOUN" or t.lower_ not in NOMINAL:
                continue
            owner = next((c for c in t.children if c.dep_ == "poss"
                          or (c.dep_ == "compound" and c.pos_ == "PROPN")), None)
            if owner is None:
                by = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
            holder = self.actor(block, owner) if owner is not None else None
            if holder in (None, AUTHORS):
                continue
            kind, status = NOMINAL[t.lower_]
            first, last = t.left_edge, t.right_edge
            while last.i > first.i and (last.is_punct or last.dep_ == "cc"):
                last = last.doc[last.i - 1]
            start, end = self._span(block, first, last)
            if any(x.start == start and x.end == end for x in self.statements):
                continue
            declared = any(c.lower_ in DECLARED for c in t.children)
            mode = "imputed" if kind == "Position" and not declared else "reported"
            mech, target = (None, None)
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "for", "of", "to") or c.dep_ in ("acl", "relcl"):
                    obj = next((x for x in c.children if x.dep_ in ("pobj", "dobj")), None) or (
                        c if c.dep_ == "acl" else None)
                    if obj is not None:
                        mech, target = self.mechanism(block, obj)
                        if mech:
                            break
            paragraph = self.document.paragraph_at(start)
            self.index[paragraph] = self.index.get(paragraph, 0) + 1
            unit = Sentence(start, end, self.document.text[start:end], paragraph, self.index[paragraph])
            s = Suggestion("", kind, holder, AUTHORS, mode, status, mech, unit, 0.45,
                           f"rule: noun {t.text!r} owned by an actor ({kind})", hedges=hedges(unit.text))
            if target and target != holder and self._allowed(kind, "target"):
                s.qualifiers["target"] = target
            s.id = self._id(s)
            self.statements.append(s)

    def _answer(self, s: Suggestion) -> None:
        """A question, asked or reported, is addressed by the next two statements after it (its answer)."""
        if s.kind == "Question":
            self.question = [s, 2]
        elif self.question and self.question[1] > 0 and s.sentence.paragraph - self.question[0].sentence.paragraph <= 1:
            s.relations.append(("addresses", self.question[0].id))
            self.question[1] -= 1

    def _inherit(self, read, made: dict[int, Suggestion]) -> None:
        """Clauses inside reported speech are the source's too ("X said Y would come back only if Z"); a
        parenthetical "one diplomat said" gives its sentence to the diplomat and is no unit of its own."""
        for s, c in read:
            if s.holder != AUTHORS or s.mode == "reported":
                continue
            frame = next((made[y.head.i] for x, y in read if x.mode == "reported" and x is not s and any(
                k.dep_ == "ccomp" and k.is_ancestor(c.head) for k in y.head.children)), None)
            if frame is None:
                said = [(x, y) for x, y in read if y.head.dep_ == "parataxis" and x.mode == "reported"
                        and x.kind == "Claim" and y.head.head.i == c.head.i]
                if said:
                    frame = said[0][0]
                    if frame in self.statements:
                        self.statements.remove(frame)
            if frame is not None:
                s.speaker, s.holder, s.mode = frame.speaker, frame.holder, "reported"
                s.cue += f"; in {frame.speaker}'s reported speech"

    def _embedded(self, block, sent) -> None:
        """Acts named inside a noun phrase, each a statement of its own ("McCain who pushed hard to ship",
        "arms shipments provided by Washington")."""
        from .clauses import Clause
        from .verbs import embedded_subject

        for t in sent:
            if t.dep_ not in ("relcl", "acl") or t.pos_ != "VERB":
                continue
            subject = embedded_subject(t)
            if subject is None:
                continue
            first = min(t.head.left_edge.i, t.left_edge.i) if t.dep_ == "relcl" or _child_dep(t, "agent") \
                else t.head.left_edge.i
            last = t.right_edge
            while last.i > first and last.is_punct:
                last = last.doc[last.i - 1]
            self._statement(block, Clause(t, t.doc[first], last, None, None), subject=subject)

    def _relate(self, s: Suggestion, c, made: dict[int, Suggestion]) -> None:
        if not c.connective or c.connective not in CONNECTIVES:
            return
        relation, where = CONNECTIVES[c.connective]
        if where == "inner" and c.host is not None and c.host.i in made and made[c.host.i] is not s:
            s.relations.append((relation, made[c.host.i].id))
        elif where == "before" and self.previous is not None and self.previous is not s \
                and self.previous.sentence.paragraph >= s.sentence.paragraph - 1:
            s.relations.append((relation, self.previous.id))

    def _statement(self, block, c, subject=None) -> Suggestion | None:
        from .verbs import classify

        if not any(t.is_alpha for t in c.head.sent[c.first.i - c.head.sent.start:c.last.i - c.head.sent.start + 1]):
            return None
        start, end = self._span(block, c.first, c.last)
        paragraph = self.document.paragraph_at(start)
        unit = Sentence(start, end, self.document.text[start:end], paragraph, self.index.get(paragraph, 0) + 1)
        self.event_type = None
        source_before = self.last_source
        found = classify(self, block, c, unit, subject)
        if found is None:
            return None
        if self.last_source is not source_before:
            self.source_paragraph = paragraph
        elif found[1] == AUTHORS and found[3] == "claim" and _quoted(c) and self.last_source \
                and paragraph - self.source_paragraph <= 1:  # a quotation goes on: the last source's words
            speaker, holder = self.last_source
            found = ("Claim", holder, speaker, "reported", None, None, None, "rule: a quotation after reported speech")
        self.index[paragraph] = unit.index
        kind, holder, speaker, mode, status, mech, target, cue = found
        entity = self.corpus.entities.get(holder)
        if holder != AUTHORS and entity is not None and not any(local(x) == "Person" for x in entity.types):
            self.last_actor = holder
        words = hedges(unit.text)
        pol = polarity(c.head)
        mod = modality(c.head, unit.text)
        about = sorted({m.entity for m in self.mentions if unit.start <= m.start and m.end <= unit.end}
                       - {holder, mech, speaker})
        s = Suggestion("", kind, holder, speaker, mode, status, mech, unit, 0.5, cue, about, polarity=pol,
                       modality=mod, hedges=words)
        if target and target != holder:
            key = "participant" if kind == "Event" else "target"
            if self._allowed(kind, key):
                s.qualifiers[key] = target
        if self.event_type and self._allowed(kind, "eventType"):
            s.qualifiers["eventType"] = self.event_type
        self._figures(block, c, s)
        if mode in ("claim", "assessment") and holder == AUTHORS and estimative(words):
            s.mode = "assessment"
        s.id = self._id(s)
        self.statements.append(s)
        return s

    def _figures(self, block, c, s: Suggestion) -> None:
        """Each figure of the clause a quantity statement: the clause's own when the figure is most of
        it, else one of its own over the figure's phrase, with the clause's holder and speaker."""
        from .figures import number_phrases

        for first, last, fig in number_phrases(c):
            start, end = self._span(block, first, last)
            if any(x.kind == "QuantityStatement" and x.start == start and x.end == end for x in self.statements):
                continue
            if s.kind in ("Claim", "QuantityStatement") and (end - start) >= 0.4 * (s.end - s.start) \
                    and not s.amount and not s.approximation:
                s.kind = "QuantityStatement"
                s.amount, s.unit, s.approximation = fig.amount, fig.unit, fig.approximation
                continue
            paragraph = self.document.paragraph_at(start)
            self.index[paragraph] = self.index.get(paragraph, 0) + 1
            unit = Sentence(start, end, self.document.text[start:end], paragraph, self.index[paragraph])
            q = Suggestion("", "QuantityStatement", s.holder, s.speaker,
                           s.mode if s.mode in ("reported", "imputed") else "claim", None, None, unit, 0.45,
                           "rule: a figure (its own quantity statement)", amount=fig.amount, unit=fig.unit,
                           approximation=fig.approximation)
            q.id = self._id(q)
            self.statements.append(q)

    def _allowed(self, kind: str, key: str) -> bool:
        prop, cls = self.vocab.properties.get(key), self.vocab.pko_class(kind)
        return prop is not None and cls is not None and (prop.domain is None or self.vocab.is_a(cls, prop.domain))

    def _id(self, s: Suggestion) -> str:
        base = (f"{self.document.id}-p{s.sentence.paragraph:02d}-s{s.sentence.index}-{s.kind.lower()}-"
                f"{s.holder}")[:120].rstrip("-")
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate


__all__ = ["Reader", "COGNITION", "REPORTING", "VERBS", "PHRASAL_PROPOSAL", "POSITION_NOUNS", "_OWN_FRAMES"]
