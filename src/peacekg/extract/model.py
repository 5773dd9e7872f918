"""What an extractor gives: suggested statements in the model's terms, mentions and new entities.

A :class:`Suggestion` is one statement of the model as it stands: its kind, who
says it (``speaker``, the model's ``assertedBy``), whose it is (``holder``, the
model's ``agent``), how the text presents it (``mode``), its stance (polarity,
modality, hedge with its words), what it is about (mechanism, target), its
figure (amount, unit, approximation) and its argument relations, anchored on a
unit of the text (``unit``: its offsets and exact words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .mentions import Mention
from .newentities import NewEntity
from .text import Sentence

AUTHORS = "authors"
#: The modes in which the speaker says it on their own account.
OWN_MODES = ("asserted", "claim", "assessment", "recommendation", "prediction")


@dataclass
class Suggestion:
    """One suggested statement, in terms of the model (the mapping writes the file's keys)."""

    id: str
    kind: str
    holder: str
    speaker: str
    mode: str  #: reported, imputed, or the speaker's own: asserted (claim), assessment, recommendation, prediction
    status: str | None
    mechanism: str | None
    sentence: Sentence  #: the unit of meaning the statement is read from (a sentence or a clause)
    confidence: float
    cue: str
    about: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  #: (relation, statement id)
    qualifiers: dict = field(default_factory=dict)  #: other keys: organisation, territory, target...
    polarity: str | None = None  #: "denied" when the text negates it (affirmed is the default)
    modality: str | None = None  #: necessity, possibility, futurity
    hedges: list[str] = field(default_factory=list)  #: the hedging words, as the text has them
    amount: str | None = None
    unit: str | None = None
    approximation: str | None = None  #: an AmountQualifier: approximately, more-than, within, verbal-figure

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
    note: str | None = None  #: one line for the user (the extractor used, a fallback taken)
