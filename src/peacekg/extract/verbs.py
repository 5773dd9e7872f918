"""A clause's kind, holder, speaker and mode from its verb, its subject and its frame.

``classify`` returns (kind, holder, speaker, mode, status, mechanism, target, cue).
The holder of the speaker's own statement is the speaker (``authors``).
"""

from __future__ import annotations

from .lexicon import ASKING, COGNITION, NEGATIVE_PREDICATES, PHRASAL_PROPOSAL, REPORTING, VERBS
from .model import AUTHORS
from .stance import modality

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_OBJ = ("dobj", "attr", "oprd")
_CONTENT = ("ccomp", "xcomp")
_OWN_FRAMES = {"believe": "assessment", "assess": "assessment", "judge": "assessment", "think": "assessment",
               "estimate": "assessment", "expect": "prediction", "say": "claim", "argue": "claim",
               "contend": "claim", "recommend": "recommendation", "urge": "recommendation"}
DISPOSITIONS = {**dict.fromkeys("willing unwilling ready determined eager keen prepared reluctant unable able "
                                "committed intent".split(), "goal"), "opposed": "opposition", "convinced": "belief",
                "confident": "belief", "sure": "belief", "worried": "belief", "afraid": "belief"}
_EVALUATIVE_BE = {"be", "remain", "seem", "appear", "look", "become"}


def _child(token, deps) -> object | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _subject(head):
    subj = _child(head, _SUBJ)
    if subj is None and head.dep_ in ("xcomp", "conj") and head.head is not head:
        subj = _child(head.head, _SUBJ)  # "Russia wants to X": the wanting subject
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = _child(head, ("agent",))
        if agent is not None:
            pobj = _child(agent, ("pobj",))
            if pobj is not None:
                return pobj
    return subj


def _object(head, particle: str | None = None):
    obj = _child(head, _OBJ)
    if obj is not None:
        return obj
    for prep in head.children:
        if prep.dep_ in ("prep", "prt") and (particle is None or prep.lower_ == particle):
            pobj = _child(prep, ("pobj",))
            if pobj is not None:
                return pobj
    xcomp = _child(head, ("xcomp",))
    if xcomp is not None:
        return _child(xcomp, _OBJ) or xcomp
    if head.dep_ == "nsubjpass" or _child(head, ("nsubjpass",)) is not None:
        return _child(head, ("nsubjpass",))
    return None


def _according(reader, block, clause):
    for t in clause.head.sent:
        if t.lower_ == "according" and clause.first.i <= t.i <= clause.last.i:
            to = _child(t, ("prep",))
            pobj = _child(to, ("pobj",)) if to is not None else None
            if pobj is not None:
                return reader.actor(block, pobj)
    return None


def _own(reader, block, clause, unit, mode_hint: str | None = None):
    head = clause.head
    content = _child(head, _CONTENT) or head
    mod = modality(content, unit.text) or modality(head, unit.text)
    mode = {"necessity": "recommendation", "futurity": "prediction", "possibility": "assessment"}.get(
        mod, mode_hint or "claim")
    verb = content if content is not head else head
    if mode == "claim" and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
        mode = "assessment"  # a hypothetical: the speaker's judgement of what would follow
    if mode == "prediction" and _child(head, _SUBJ) is not None and _child(head, _SUBJ).lower_ in ("i", "we"):
        mode = "claim"  # "we will send", "I will not pretend": a commitment, not a forecast
    if mode == "claim" and head.lemma_ in _EVALUATIVE_BE and any(
            c.dep_ in ("acomp",) and c.pos_ == "ADJ" for c in head.children):
        mode = "assessment"
    if mode == "recommendation":
        obj = _object(content)
        if obj is not None:
            mech, target = reader.mechanism(block, obj)
            if mech:
                return ("Proposal", AUTHORS, AUTHORS, mode, "advocated", mech, target, "rule: a recommendation of a "
                        "mechanism (the speaker's own proposal)")
    if head.sent.text.rstrip(" \"'”’)").endswith("?") or head.lemma_.lower() in ASKING:
        return ("Question", AUTHORS, AUTHORS, "claim", None, None, None, "rule: a question the speaker asks")
    return ("Claim", AUTHORS, AUTHORS, mode, None, None, None, f"rule: the speaker's own ({mode})")


def embedded_subject(token):
    """The doer of a verb inside a noun phrase: "McCain who pushed", "shipments provided by Washington",
    "Russia's decision to invade"; None when it has none."""
    agent = _child(token, ("agent",))
    if agent is not None:
        return _child(agent, ("pobj",))
    subj = _child(token, ("nsubj",))
    if subj is not None and subj.lower_ not in ("who", "which", "that", "whom"):
        return subj
    if token.dep_ == "relcl" and subj is not None:
        return token.head
    return _child(token.head, ("poss",)) if token.dep_ == "acl" else None


def _reported(reader, block, speaker: str, content, cue: str, frame_lemma: str = ""):
    """Reported speech: the source says it; the content's own subject, if an actor, holds it; its verb
    class gives the kind ("X said Belgrade welcomed the fund": a Policy of Belgrade's, said by X)."""
    holder, kind, status = speaker, "Claim", None
    if content is not None:
        verb = content
        if verb.lemma_.lower() in NEGATIVE_PREDICATES and _child(verb, ("xcomp",)) is not None:
            verb = _child(verb, ("xcomp",))
        subj = _subject(content)
        actor = reader.actor(block, subj) if subj is not None else None
        if actor and actor != AUTHORS:
            holder = actor
        lemma = verb.lemma_.lower()
        if actor and actor != AUTHORS and lemma in VERBS and lemma not in REPORTING:
            kind, status, _ = VERBS[lemma]
            if kind == "Event":
                reader.event_type, status = status, None
        stance = any(c.dep_ == "aux" and c.tag_ == "MD" for c in content.children) or any(
            c.dep_ == "acomp" and c.lemma_.lower() in DISPOSITIONS for c in content.children)
        if kind in ("Claim", "Event", "Policy") and stance and actor and actor != AUTHORS:
            kind, status = "Position", "view"  # "said Serbia would not recognise", "was ready to discuss"
    if frame_lemma in ASKING:
        kind, status = "Question", None
    reader.last_source = (speaker, holder)
    return (kind, holder, speaker, "reported", status, None, None, cue)


def classify(reader, block, clause, unit, subject=None):
    head = clause.head
    lemma = head.lemma_.lower()
    embedded = subject is not None
    according = None if embedded else _according(reader, block, clause)
    if according:
        return _reported(reader, block, according, head, "rule: 'according to X' (X says it)")
    subj = subject if embedded else _subject(head)
    relative = head.dep_ == "relcl" and subj is not None and subj.lower_ in ("which", "who", "that", "whose")
    if relative:
        subj = head.head  # "KFOR, which numbers 4,500": the antecedent
    holder = reader.actor(block, subj) if subj is not None else None
    if embedded and (holder in (None, AUTHORS) or not (lemma in VERBS or lemma in REPORTING)):
        return None
    # negative predicates read through to their complement: "failed to", "refused to" (with a verb)
    verb = head
    if lemma in NEGATIVE_PREDICATES and lemma != "refuse" and _child(head, ("xcomp",)) is not None:
        verb = _child(head, ("xcomp",))
    vlemma = verb.lemma_.lower()
    if holder == AUTHORS:
        return _own(reader, block, clause, unit, _OWN_FRAMES.get(lemma))
    if holder is None:
        return _own(reader, block, clause, unit)
    if relative and lemma not in VERBS and lemma not in REPORTING:
        return ("ReportedFact", AUTHORS, AUTHORS, "claim", None, None, None,
                "rule: a relative clause about a named actor (a fact the speaker reports)")
    content = _child(head, ("ccomp",))
    disposition = next((c for c in head.children if c.dep_ == "acomp" and c.lemma_.lower() in DISPOSITIONS), None)
    if disposition is not None and lemma in ("be", "remain", "seem", "appear", "become"):
        return ("Position", holder, AUTHORS, "imputed", DISPOSITIONS[disposition.lemma_.lower()], None, None,
                f"rule: {disposition.text!r} (a disposition: imputed)")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    if lemma in COGNITION and not passive and (content is not None or _child(head, ("xcomp", "dobj")) is not None):
        obj = _object(head)
        mech, target = reader.mechanism(block, obj) if obj is not None else (None, None)
        return ("Position", holder, AUTHORS, "imputed", COGNITION[lemma], mech, target,
                f"rule: {head.text!r} (cognition or intention: imputed)")
    if lemma in REPORTING and lemma not in VERBS and (content is not None or _child(head, ("dobj", "xcomp"))):
        return _reported(reader, block, holder, content or _child(head, ("dobj", "xcomp")),
                         f"rule: {head.text!r} (reporting verb: X says it)", lemma)
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")
                     and (vlemma, c.lower_) in PHRASAL_PROPOSAL), None)
    if particle:
        kind, status = "Proposal", PHRASAL_PROPOSAL[(vlemma, particle)]
    elif vlemma in VERBS:
        kind, status, _ = VERBS[vlemma]
        if kind == "Position":
            status = VERBS[vlemma][1]
    else:
        return _own(reader, block, clause, unit)
    obj = _object(verb, particle)
    mech, target = reader.mechanism(block, obj) if obj is not None else (None, None)
    mod = modality(head, unit.text)
    if kind in ("Event", "Policy") and mod in ("necessity", "possibility") and verb is head:
        return _own(reader, block, clause, unit)
    if kind == "Policy" and mod == "futurity":
        status = "planned"
    if kind == "Event":
        reader.event_type, status = status, None
    mode = "imputed" if kind == "Position" else "reported"
    return (kind, holder, AUTHORS, mode, status, mech, target, f"rule: verb {verb.text!r} ({kind})")
