"""Units of meaning in a parsed sentence: the clauses that carry their own assertion.

A sentence's root heads a clause; so does a coordinated verb with its own
subject ("X, but Turkey rejected it"; "X, and Russia will Y"), an adverbial
clause opened by a discourse connective ("because", "although", "while", "if")
and a parenthetical clause with its own subject. Reported and believed content
("Putin believes that ...") stays in its frame's clause: the frame names the
holder. Each clause is the contiguous run of tokens around its head that no
other clause owns, without edge punctuation and conjunctions; the connective
that opens it (in the gap before it, or its first words) is kept with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import CONNECTIVES, REPORTING, VERBS

_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
_MARKS = {"because", "although", "though", "while", "whereas", "since", "if", "unless", "as"}
_EDGE = {"cc", "punct", "mark", "prep"}
_CONNECTIVE_WORDS = sorted(CONNECTIVES, key=len, reverse=True)


@dataclass
class Clause:
    head: object  #: the spaCy token heading it
    first: object
    last: object
    connective: str | None  #: the connective opening it, lower case
    host: object | None  #: for an inner connective ("because"), the head of the clause it attaches to


def _has_subject(token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _act(token) -> bool:
    """A verb that makes a statement of its own ("views ... and expects ...": two positions)."""
    lemma = token.lemma_.lower()
    return token.pos_ == "VERB" and (lemma in VERBS or lemma in REPORTING)


def _mark(token) -> str | None:
    for c in token.children:
        if c.dep_ == "mark" and c.lower_ in _MARKS:
            return c.lower_
    return None


def clause_heads(sent) -> list:
    heads = {sent.root.i}
    changed = True
    while changed:
        changed = False
        for t in sent:
            if t.i in heads or t.head.i not in heads or t.pos_ not in ("VERB", "AUX"):
                continue
            if (t.dep_ == "conj" and (_has_subject(t) or _act(t) and _act(t.head))) \
                    or (t.dep_ == "parataxis" and _has_subject(t)):
                heads.add(t.i)
                changed = True
    for t in sent:  # anywhere: an adverbial clause a connective opens, a relative clause after a comma
        if t.pos_ in ("VERB", "AUX") and t.i not in heads and (
                (t.dep_ == "advcl" and _mark(t) and _has_subject(t))
                or (t.dep_ == "relcl" and t.left_edge.i > sent.start and t.doc[t.left_edge.i - 1].text == ","
                    and t.left_edge.lower_ in ("which", "who", "whose", "where"))):
            heads.add(t.i)
    return sorted(heads)


def _owner(token, heads: set[int]) -> int:
    while token.i not in heads and token.head.i != token.i:
        token = token.head
    return token.i


def _connective(text: str) -> str | None:
    words = " ".join(text.lower().replace(",", " ").split())
    for c in _CONNECTIVE_WORDS:
        if words == c or words.startswith(c + " ") or words.endswith(" " + c) or f" {c} " in f" {words} ":
            return c
    return None


def clauses(sent) -> list[Clause]:
    """The clauses of a parsed sentence, in text order."""
    heads = clause_heads(sent)
    head_set = set(heads)
    owner = {t.i: _owner(t, head_set) for t in sent}
    doc = sent.doc
    found: list[Clause] = []
    for h in heads:
        a = b = h
        while a - 1 >= sent.start and (owner[a - 1] == h or doc[a - 1].is_punct):
            a -= 1
        while b + 1 < sent.end and (owner[b + 1] == h or doc[b + 1].is_punct):
            b += 1
        lead_start = a
        while a < b and (doc[a].dep_ in _EDGE and doc[a].head.i != h or doc[a].is_punct or doc[a].dep_ in ("cc", "mark")):
            a += 1
        while b > a and (doc[b].is_punct or doc[b].dep_ == "cc"):
            b -= 1
        found.append(Clause(doc[h], doc[a], doc[b], None, None))
        found[-1].lead_start = lead_start  # type: ignore[attr-defined]
    found.sort(key=lambda c: c.first.i)
    previous_end = sent.start
    for c in found:
        gap = doc[min(previous_end, c.first.i):c.first.i].text
        opening = doc[c.first.i:min(c.first.i + 4, c.last.i + 1)].text
        connective = _connective(gap) or _connective_at_start(opening) or next(
            (a.lower_ for a in c.head.children if a.dep_ in ("advmod", "cc") and a.lower_ in CONNECTIVES
             and CONNECTIVES[a.lower_][1] == "before" and c.first.i <= a.i <= c.last.i), None)
        mark = _mark(c.head)
        if c.head.dep_ == "relcl":
            c.host = doc[owner[c.head.head.i]]
        if mark and c.head.dep_ == "advcl":
            connective = "even though" if mark == "though" and "even" in gap.lower() else mark
            c.host = doc[owner[c.head.head.i]]
        c.connective = connective
        previous_end = c.last.i + 1
    return found


def _connective_at_start(text: str) -> str | None:
    words = " ".join(text.lower().replace(",", " ").split())
    for c in _CONNECTIVE_WORDS:
        if words == c or words.startswith(c + " "):
            return c
    return None
