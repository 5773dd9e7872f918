"""Anchor a curator's quote in a document's text, exactly and unambiguously.

The seed has curly quotes, non-breaking spaces and runs of spaces; a curator who
types a straight apostrophe or a plain space must still find the span. Matching
is done on a normalised form of both (curly quotes and dashes made plain,
whitespace runs made one space) and mapped back to the original text, whose
exact characters and offsets (Unicode code points) are what is stored. A quote
found in two places is refused unless a paragraph number or a prefix tells them
apart; there is no fuzzy matching.

>>> text = "It said \\u201chello\\u201d.\\u00a0 Then it said \\u201chello\\u201d again."
>>> anchor('said "hello" again', text)
Span(start=26, end=44, exact='said “hello” again')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .seeds import Document

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...",
})
_SPACE = re.compile(r"\s+")
CONTEXT = 32  #: characters of prefix and suffix stored with each quote


@dataclass(frozen=True)
class Span:
    """A span of the original text: [start, end) in code points, and its characters."""

    start: int
    end: int
    exact: str


class AnchorError(ValueError):
    """The quote could not be anchored; the message says why."""


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and whitespace; return the folded text and, for each of
    its characters, the offset of the original character it came from.

    >>> normalise("a\\u00a0 \\u2019b")
    ("a 'b", [0, 1, 3, 4])
    """
    folded: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        match = _SPACE.match(text, i)
        if match:
            folded.append(" ")
            origin.append(i)
            i = match.end()
            continue
        for ch in text[i].translate(_FOLD):
            folded.append(ch)
            origin.append(i)
        i += 1
    return "".join(folded), origin


@functools.lru_cache(maxsize=8)
def _normalised(text: str) -> tuple[str, tuple[int, ...]]:
    folded, origin = normalise(text)
    return folded, tuple(origin)


class Anchorer:
    """Anchors quotes in one text; the text is normalised once (and kept for the next anchorer of it)."""

    def __init__(self, text: str):
        self.text = text
        self.folded, self.origin = _normalised(text)

    def find_all(self, quote: str) -> list[Span]:
        needle, _ = normalise(quote.strip())
        if not needle:
            return []
        spans = []
        at = self.folded.find(needle)
        while at >= 0:
            start = self.origin[at]
            last = at + len(needle) - 1
            end = self.origin[last] + 1
            # a folded character may stand for a whitespace run: end after all of it
            if needle[-1] == " ":
                end = self.origin[last + 1] if last + 1 < len(self.origin) else len(self.text)
            spans.append(Span(start, end, self.text[start:end]))
            at = self.folded.find(needle, at + 1)
        return spans

    def anchor(self, quote: str, *, paragraph: int | None = None, prefix: str | None = None,
               document: Document | None = None) -> Span:
        """The one span matching ``quote``, narrowed by ``paragraph`` or ``prefix``."""
        spans = self.find_all(quote)
        if not spans:
            raise AnchorError(f"quote not found in the text: {_short(quote)!r}")
        whole = [s for s in spans if splits_cluster(self.text, s.start, s.end) is None]
        if not whole:
            at = splits_cluster(self.text, spans[0].start, spans[0].end)
            raise AnchorError(f"the quote cuts a character in two at offset {at} (a letter and its accent, or an "
                              f"emoji's parts): quote the whole character: {_short(quote)!r}")
        spans = whole
        if paragraph is not None:
            if document is None:  # pragma: no cover - programming error
                raise TypeError("a paragraph needs the document")
            spans = [s for s in spans if document.paragraph_at(s.start) == paragraph]
            if not spans:
                raise AnchorError(f"quote not found in paragraph {paragraph}: {_short(quote)!r}")
        if prefix is not None:
            wanted, _ = normalise(prefix)
            spans = [s for s in spans if self._folded_before(s.start).endswith(wanted.rstrip())]
            if not spans:
                raise AnchorError(f"quote not found after the prefix {prefix!r}: {_short(quote)!r}")
        if len(spans) > 1:
            where = ", ".join(str(s.start) for s in spans)
            hint = "give its paragraph or a prefix to choose one"
            if document is not None:
                where = ", ".join(f"paragraph {document.paragraph_at(s.start)} (offset {s.start})" for s in spans)
            raise AnchorError(f"quote found in {len(spans)} places ({where}); {hint}: {_short(quote)!r}")
        return spans[0]

    def _folded_before(self, start: int) -> str:
        folded, _ = normalise(self.text[max(0, start - 200):start])
        return folded.rstrip()

    def context(self, span: Span) -> tuple[str, str]:
        """The original characters just before and after the span (W3C prefix and suffix)."""
        return self.text[max(0, span.start - CONTEXT):span.start], self.text[span.end:span.end + CONTEXT]


def _continues(ch: str) -> bool:
    """True for a character that belongs to the one before it (a combining mark, a joiner, a modifier)."""
    return (unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200d\u200c"
            or "\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff" or "\U000e0020" <= ch <= "\U000e007f")


def _regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def splits_cluster(text: str, start: int, end: int) -> int | None:
    """The offset where [start, end) cuts a user-perceived character (grapheme cluster) in two, or None.

    >>> splits_cluster("Cafe\u0301 au lait", 0, 4), splits_cluster("Cafe\u0301 au lait", 0, 5)
    (4, None)
    >>> flags = "\U0001f1fa\U0001f1e6\U0001f1f7\U0001f1fa"  # two flags, four regional indicators
    >>> splits_cluster(flags, 0, 1), splits_cluster(flags, 0, 2), splits_cluster(flags, 1, 4)
    (1, None, 1)
    """
    for cut in (start, end):
        if 0 < cut < len(text):
            before, after = text[cut - 1], text[cut]
            if _continues(after) or before == "\u200d":
                return cut
            if _regional(before) and _regional(after):
                run = 0
                while cut - run - 1 >= 0 and _regional(text[cut - run - 1]):
                    run += 1
                if run % 2:  # an odd number of regional indicators before: the cut is inside a flag
                    return cut
    return None


def anchor(quote: str, text: str) -> Span:
    """Anchor ``quote`` in ``text`` (see :class:`Anchorer`)."""
    return Anchorer(text).anchor(quote)


def _short(quote: str, limit: int = 80) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"
