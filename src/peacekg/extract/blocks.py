"""Lines of a text as the units a reader sees before any parse: headings, bullets and lines.

A line break always ends a unit; a bullet or list marker ("-", "*", "•", "1.",
"(a)") is dropped from the unit it opens; a short line without closing
punctuation is a heading, which carries no statement of its own.

>>> [(b.kind, "Key points\\n- Russia will stay.\\nIt said no."[b.start:b.end])
...  for b in blocks("Key points\\n- Russia will stay.\\nIt said no.")]
[('heading', 'Key points'), ('bullet', 'Russia will stay.'), ('line', 'It said no.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^(?:[-*•▪◦‣–—]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\))\s+")
_CLOSED = re.compile(r"[.?!;:…][\"'”’)\]]*$|[\"”’]$")


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str  #: heading, bullet or line


def is_heading(line: str) -> bool:
    return not _CLOSED.search(line) and len(line.split()) < 14


def blocks(text: str) -> list[Block]:
    """The non-empty lines of ``text``, each marked heading, bullet or line, offsets into ``text``."""
    found: list[Block] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        body = line.strip()
        if body:
            start = offset + len(line) - len(line.lstrip())
            end = start + len(body)
            marker = _BULLET.match(body)
            if marker:
                found.append(Block(start + marker.end(), end, "bullet"))
            else:
                found.append(Block(start, end, "heading" if is_heading(body) else "line"))
        offset += len(raw)
    return found
