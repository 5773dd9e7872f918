"""The word lists the parse-based extractor reads with: general English, not any one text's phrases.

Attribution cues after PARC 3.0 (reporting verbs give ``reported``; verbs of
cognition and intention give ``imputed``), verb classes for proposals,
rejections, policies and events, negative predicates, the estimative terms of
the US intelligence standard ICD 203 and epistemic markers (the CoNLL-2010
hedge task's cue types), and the explicit connectives of the Penn Discourse
Treebank with the relation each signals, in the ontology's terms.

>>> VERBS["sign"], VERBS["believe"], VERBS["reject"]
(('Event', None, 'reported'), ('Position', 'belief', 'imputed'), ('Rejection', None, 'reported'))
"""

from __future__ import annotations

#: Reporting verbs (the holder said it; the text reports it).
REPORTING = set("""say tell state announce declare warn tout portray claim argue assert insist stress note
remark report reiterate confirm acknowledge admit concede deny accuse complain explain describe characterise
characterize call brand label write testify predict promise pledge vow threaten boast insinuate allege
emphasise emphasize repeat add reply respond counter tweet signal indicate suggest charge maintain
ask wonder question inquire estimate
""".split())
#: Reporting verbs that report a question.
ASKING = set("ask wonder question inquire".split())
#: Verbs of cognition and intention: the author ascribes a view or an aim (imputed), with its status.
COGNITION = {
    **dict.fromkeys("believe think calculate expect fear doubt suspect assume know trust".split(), "belief"),
    **dict.fromkeys("view see regard consider perceive judge assess interpret understand deem".split(), "view"),
    **dict.fromkeys("seek want intend aim hope wish desire prefer strive covet aspire".split(), "goal"),
    **dict.fromkeys("oppose resent".split(), "opposition"),
}
#: Nouns that name an actor's position when the actor possesses them ("Moscow's aim").
POSITION_NOUNS = {
    **dict.fromkeys("goal aim objective intention ambition desire wish priority purpose agenda".split(), "goal"),
    **dict.fromkeys("view belief perception calculation calculus assessment conviction".split(), "view"),
    "opposition": "opposition",
}
#: Nouns that name an act or a stance, when an actor owns them ("Russia's insistence on", "the rejection
#: by the US") -> (kind, status); a Position is imputed unless declared ("stated", "public").
NOMINAL = {
    **{n: ("Position", s) for n, s in POSITION_NOUNS.items()},
    **dict.fromkeys(["concern", "concerns", "fear", "fears", "interest", "interests", "stance", "position"],
                    ("Position", "view")),
    "insistence": ("Proposal", "requested"), "demand": ("Proposal", "requested"), "demands": ("Proposal", "requested"),
    "proposal": ("Proposal", "proposed"), "offer": ("Proposal", "offered"), "call": ("Proposal", "advocated"),
    "plan": ("Proposal", "proposed"), "initiative": ("Proposal", "proposed"),
    "rejection": ("Rejection", None), "refusal": ("Rejection", None),
    "decision": ("Event", None), "invasion": ("Event", None), "annexation": ("Event", None),
    "attack": ("Event", None), "visit": ("Event", None), "announcement": ("Event", None),
    "withdrawal": ("Event", None), "campaign": ("Event", None), "campaigns": ("Event", None),
    "sanctions": ("Policy", "pursued"), "strategy": ("Policy", "pursued"), "policy": ("Policy", "pursued"),
    "support": ("Policy", "supported"), "deployment": ("Policy", "pursued"),
}
DECLARED = set("stated declared public official announced avowed professed".split())
#: Verb classes: lemma -> (kind, status). Proposals, rejections, policies, events.
PROPOSAL = {
    **dict.fromkeys("propose suggest table unveil outline present".split(), "proposed"),
    **dict.fromkeys("demand request insist press urge".split(), "requested"),
    **dict.fromkeys("float".split(), "floated"),
    **dict.fromkeys("advocate champion recommend endorse favour favor push".split(), "advocated"),
    "offer": "offered",
}
PHRASAL_PROPOSAL = {("call", "for"): "advocated", ("push", "for"): "advocated", ("insist", "on"): "requested",
                    ("put", "forward"): "proposed", ("press", "for"): "requested", ("argue", "for"): "advocated"}
REJECTION = set("reject refuse dismiss rebuff veto decline spurn repudiate rule".split())
POLICY = {
    **dict.fromkeys("impose ship deploy send supply provide fund finance arm train sanction station deliver "
                    "maintain expand enforce extend grant pursue continue blockade".split(), "pursued"),
    **dict.fromkeys("support back welcome".split(), "supported"),
    **dict.fromkeys("plan prepare".split(), "planned"),
}
EVENT = {
    **dict.fromkeys("invade".split(), "invasion"),
    **dict.fromkeys("meet".split(), "meeting"),
    **dict.fromkeys("announce".split(), "announcement"),
    **dict.fromkeys("decree".split(), "decree"),
    **dict.fromkeys("decide".split(), "decision"),
    **dict.fromkeys("annex sign attack launch hold visit withdraw strike kill seize capture occupy bomb shell "
                    "agree elect resign collapse begin mobilize mobilise recognize recognise conduct host "
                    "ratify negotiate fire shoot kidnap expel arrest release cross retreat advance destroy "
                    "violate breach abandon suspend halt gather clash protest march rally assemble set issue adopt approve "
                    "pass accept broker".split(), None),
}
#: Every verb with its (kind, status, mode); reporting and cognition as attribution frames.
VERBS: dict[str, tuple[str, str | None, str]] = {
    **{v: ("Event", t, "reported") for v, t in EVENT.items()},
    **{v: ("Policy", s, "reported") for v, s in POLICY.items()},
    **{v: ("Rejection", None, "reported") for v in REJECTION},
    **{v: ("Proposal", s, "reported") for v, s in PROPOSAL.items()},
    **{v: ("Position", s, "imputed") for v, s in COGNITION.items()},
}
#: Predicates that deny what follows ("failed to", "unwilling to").
NEGATIVE_PREDICATES = set("fail refuse decline unwilling unable reluctant neglect cease stop".split())
#: Words that negate on their own.
NEGATORS = set("not n't never no nobody nothing none nowhere neither nor without".split())
#: Estimative language (ICD 203) and epistemic markers, longest first when matched.
HEDGES = sorted("""almost no chance|very unlikely|highly improbable|unlikely|improbable|roughly even chance|
roughly even odds|even chance|likely|probable|probably|very likely|highly probable|highly likely|
almost certain|almost certainly|nearly certain|nearly certainly|most likely|more likely than not|
perhaps|possibly|maybe|apparently|presumably|arguably|seemingly|reportedly|allegedly|appears to|appear to|
appeared to|seems to|seem to|seemed to|it appears|it seems|suggests that|suggest that|may|might|could|
we assess|we judge|it is safe to say|in all likelihood|conceivably|potentially|plausibly|probability
""".replace("\n", "").split("|"), key=lambda h: (-len(h), h))
#: Modal auxiliaries -> modality; and the speaker's own mode they signal.
MODALS = {"must": "necessity", "should": "necessity", "ought": "necessity", "shall": "futurity",
          "will": "futurity", "'ll": "futurity", "wo": "futurity", "may": "possibility", "might": "possibility",
          "could": "possibility", "can": "possibility", "ca": "possibility"}
NECESSITY_PHRASES = ("need to", "needs to", "have to", "has to", "it is essential", "it is imperative",
                     "it is vital", "it is time", "is the time for", "there is a need", "there will be a need")
FUTURE_PHRASES = ("is likely to", "are likely to", "is unlikely to", "are unlikely to", "is going to",
                  "are going to", "is expected to", "are expected to", "is poised to")
#: Explicit connectives (PDTB) -> (relation, where the other unit is): "before" (the unit before) or
#: "inner" (the clause the connective heads relates to its host clause).
CONNECTIVES: dict[str, tuple[str, str]] = {
    "because": ("reasonFor", "inner"), "since": ("reasonFor", "inner"), "as a result": ("supports", "before"),
    "therefore": ("supports", "before"), "thus": ("supports", "before"), "hence": ("supports", "before"),
    "consequently": ("supports", "before"), "so": ("supports", "before"),
    "for example": ("exampleOf", "before"), "for instance": ("exampleOf", "before"),
    "in particular": ("exampleOf", "before"),
    "but": ("contrastsWith", "before"), "however": ("contrastsWith", "before"), "yet": ("contrastsWith", "before"),
    "nevertheless": ("contrastsWith", "before"), "nonetheless": ("contrastsWith", "before"),
    "still": ("contrastsWith", "before"), "even so": ("contrastsWith", "before"),
    "although": ("contrastsWith", "inner"), "though": ("contrastsWith", "inner"),
    "even though": ("contrastsWith", "inner"), "while": ("contrastsWith", "inner"),
    "whereas": ("contrastsWith", "inner"), "despite": ("contrastsWith", "inner"),
    "in spite of": ("contrastsWith", "inner"), "instead": ("contrastsWith", "before"),
    "on the other hand": ("contrastsWith", "before"), "by contrast": ("contrastsWith", "before"),
    "in contrast": ("contrastsWith", "before"), "rather": ("contrastsWith", "before"),
    "indeed": ("supports", "before"), "in fact": ("supports", "before"),
    "moreover": ("supports", "before"), "furthermore": ("supports", "before"),
    "in addition": ("supports", "before"), "also": ("supports", "before"),
    "if": ("conditionFor", "inner"), "unless": ("conditionFor", "inner"), "as": ("reasonFor", "inner"),
}
#: Head nouns of a proposed thing -> the mechanism class it is guessed to be.
MECHANISM_HEADS = {
    **dict.fromkeys("ceasefire cease-fire truce armistice de-escalation".split(), "DeEscalation"),
    **dict.fromkeys("federation confederation federalism autonomy self-rule devolution".split(), "Autonomy"),
    **dict.fromkeys("referendum plebiscite".split(), "Referendum"),
    **dict.fromkeys("peacekeeping peacekeepers oversight administration".split(), "InternationalOversight"),
    **dict.fromkeys("monitoring monitors observers verification".split(), "Monitoring"),
    **dict.fromkeys("guarantee guarantees assurance assurances".split(), "Guarantee"),
    "partition": "Partition", "secession": "Secession", "independence": "Secession",
    "reintegration": "Reintegration", "recognition": "Recognition",
    **dict.fromkeys("sanctions sanction embargo".split(), "Sanction"),
    **dict.fromkeys("talks negotiations negotiation dialogue".split(), "Negotiation"),
    **dict.fromkeys("diplomacy mediation".split(), "Diplomacy"),
    **dict.fromkeys("framework agreement accord deal settlement treaty plan roadmap formula".split(), "Settlement"),
    **dict.fromkeys("weapons arms shipments".split(), "ArmsShipment"),
    "withdrawal": "Withdrawal", "isolation": "Isolation", "corridor": "HumanitarianCorridor",
    "deterrence": "Deterrence", "enlargement": "NatoEnlargement",
    **dict.fromkeys("measures confidence-building".split(), "ConfidenceBuildingMeasure"),
}
#: Currency and count words -> the ontology's unit.
UNITS = {"euro": "euro", "euros": "euro", "€": "euro", "dollar": "us-dollar", "dollars": "us-dollar",
         "$": "us-dollar", "usd": "us-dollar", "death": "death", "deaths": "death", "dead": "death",
         "killed": "death", "casualties": "death", "incident": "incident", "incidents": "incident",
         "mile": "mile", "miles": "mile", "day": "day", "days": "day", "kilometres": "measure",
         "kilometers": "measure", "km": "measure", "year": "measure", "years": "measure", "months": "measure",
         "weeks": "measure", "hectares": "measure", "tonnes": "measure", "tons": "measure"}
APPROXIMATORS = {"about": "approximately", "around": "approximately", "roughly": "approximately",
                 "approximately": "approximately", "nearly": "approximately", "almost": "approximately",
                 "some": "approximately", "estimated": "approximately", "near": "approximately",
                 "more than": "more-than", "over": "more-than", "at least": "more-than", "upwards of": "more-than",
                 "up to": "within", "fewer than": "within", "less than": "within", "under": "within",
                 "within": "within", "at most": "bound", "no more than": "bound"}  # "at least": a lower bound, more-than
VERBAL_FIGURES = set("hundreds thousands millions billions".split())  #: "hundreds" has its own qualifier
SCALES = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12, "bn": 10 ** 9,
          "m": 10 ** 6}
