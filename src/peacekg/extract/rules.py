"""The sentence-level rules of ``peacekg suggest``: generic English, not learned.

Who reports ("According to X"), who imputes ("It is safe to say that"), what
prescribes ("must", "should", "is the time for"), figures and dates, and the
connectives of argument.

>>> figure("there were 3,000 incidents"), figure("In 2015, she said no")
(True, False)
>>> [relation for pattern, relation in CONNECTIVES if pattern.search("For example, the West")]
['example']
"""

from __future__ import annotations

import re

ACCORDING = re.compile(r"\baccording to\s+(the\s+)?\Z", re.IGNORECASE)
IMPUTED = re.compile(r"\b(it is safe to say that|clearly|it seems that|appears to)\b", re.IGNORECASE)
FIGURE = re.compile(r"(?<![\w-])(\d{1,3}(,\d{3})+|\d+(\.\d+)?)(?!\d)(?!-)|\b(hundreds|thousands|millions|billions?)\b")
YEAR = re.compile(r"^(19|20)\d\d\Z")
DATED = re.compile(r"\b(In|in|On|on|Since|since|By|by) (early |late |mid-)?((January|February|March|April|May|June|"
                    r"July|August|September|October|November|December) )?(19|20)\d\d\b")
MODAL = re.compile(r"\b(must|should|needs? to|need for|ought to|is the time for|possibility (for|of)|viable|"
                    r"useful to consider|first step|offers|the demand for|solutions?|[Nn]amely|[Rr]eviving)\b")
CONNECTIVES = [  # (pattern at a sentence's start or inside it, relation)
    (re.compile(r"^(For example|For instance)\b"), "example"),
    (re.compile(r"^(This is because|That is because)\b|\bbecause\b"), "reason"),
    (re.compile(r"^(Although|But|However|Yet|Still|Even so)\b"), "contrast"),
    (re.compile(r"^(First|Second|Third|Fourth|Finally|Lastly)\b"), "part"),
]


def figure(text: str) -> bool:
    """Whether the text gives a figure (a number that is not a year, or "hundreds")."""
    return any(not YEAR.match(m.group(0)) for m in FIGURE.finditer(text))
