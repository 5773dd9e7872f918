"""A document's sentences, with their offsets, for suggestions drawn sentence by sentence.

Sentences end at ``.``, ``?`` or ``!`` (and a closing quote) before a space and
a capital, a digit or a quote, except after a title or an initial
("St.", "Dr.", "U.S."); a paragraph always ends one.

>>> [s.text for s in sentences("Dr. Ross met St. Louis. Then? Yes!\\n\\nNew one.")]
['Dr. Ross met St. Louis.', 'Then?', 'Yes!', 'New one.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources.seeds import paragraph_starts

_END = re.compile(r"[.?!][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:St|Dr|Mr|Mrs|Ms|Prof|Sen|Gen|Rep|Jr|Sr|vs|No|Inc|Ltd|Co)|\b[A-Z])\.\Z")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  #: 1-based
    index: int  #: 1-based, within its paragraph


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, paragraph by paragraph."""
    starts = list(paragraph_starts(text))
    found: list[Sentence] = []
    for number, start in enumerate(starts, 1):
        end = starts[number] if number < len(starts) else len(text)
        chunk = text[start:end]
        cut = 0
        index = 0
        pieces = []
        for match in _END.finditer(chunk):
            if _ABBREVIATION.search(chunk[max(0, match.start() - 6):match.start() + 1]):
                continue
            pieces.append((cut, match.end()))
            cut = match.end()
        pieces.append((cut, len(chunk)))
        for a, b in pieces:
            piece = chunk[a:b]
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            if body:
                index += 1
                s = start + a + lead
                found.append(Sentence(s, s + len(body), body, number, index))
    return found
