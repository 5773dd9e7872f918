"""Source documents: the verbatim text, its metadata record and its paragraphs.

Each document is a pair in ``seeds/``: ``<id>.txt``, the text byte for byte, and
``<id>.yaml``, its record (authors as the text gives them, the sha256 of the
text, and title, date and URL left null where the text does not give them).
The build refuses a text whose hash no longer matches its record.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from . import sourcefile
from ..errors import Problem, SourceError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


@dataclass(frozen=True)
class Author:
    entity: str  #: registry id of the person
    name: str
    affiliations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A source text and what its record says of it."""

    id: str
    text: str
    sha256: str
    authors: tuple[Author, ...]
    title: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    record_path: str = ""
    paragraph_starts: tuple[int, ...] = field(default=(), repr=False)
    #: paragraphs the record marks as carrying no content (a photo credit, a links line)
    without_content: tuple[int, ...] = ()

    def paragraph_at(self, offset: int) -> int:
        """The 1-based number of the paragraph holding the character at ``offset``."""
        return bisect_right(self.paragraph_starts, offset)

    def paragraph_span(self, number: int) -> tuple[int, int]:
        """Start and end offsets of paragraph ``number`` (1-based)."""
        starts = self.paragraph_starts
        end = starts[number] if number < len(starts) else len(self.text)
        return starts[number - 1], end

    @property
    def paragraph_count(self) -> int:
        return len(self.paragraph_starts)

    def paragraphs(self) -> list[str]:
        return [self.text[slice(*self.paragraph_span(n))].strip() for n in range(1, self.paragraph_count + 1)]


def paragraph_starts(text: str) -> tuple[int, ...]:
    """Offsets where paragraphs begin; paragraphs are separated by blank lines.

    >>> paragraph_starts("one\\n\\ntwo\\nstill two\\n\\nthree")
    (0, 5, 20)
    """
    return (0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_document(record_path: Path, shown_as: str) -> Document:
    """Load one document from its record; raise :class:`SourceError` if anything is off."""
    record = sourcefile.load(record_path, shown_as)
    problems: list[Problem] = []
    if not isinstance(record, dict):
        raise SourceError([Problem(shown_as, 1, "a document record must be a mapping")])
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not _ID.match(doc_id):
        problems.append(record.problem(f"id {doc_id!r} must be lower-case letters, digits and hyphens", "id"))
    expected_stem = record_path.name.removesuffix(".yaml")
    if isinstance(doc_id, str) and doc_id != expected_stem:
        problems.append(record.problem(f"id {doc_id!r} differs from the file name {expected_stem!r}", "id"))
    text_path = record_path.with_name(str(record.get("file") or f"{expected_stem}.txt"))
    text = ""
    digest = ""
    if not text_path.is_file():
        problems.append(record.problem(f"the text {text_path.name} is missing", "file"))
    else:
        raw = text_path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != record.get("sha256"):
            problems.append(record.problem(
                f"the text {text_path.name} has sha256 {digest}, but the record says "
                f"{record.get('sha256')}: the seed changed; restore it, or re-curate its "
                "evidence and update the record", "sha256"))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(record.problem(f"the text is not UTF-8: {exc.reason}", "file"))
    authors = []
    for i, item in enumerate(record.get("authors") or []):
        if not isinstance(item, dict) or not item.get("entity") or not item.get("name"):
            line = record["authors"].item_lines[i]
            problems.append(Problem(shown_as, line, "an author needs an entity id and a name"))
            continue
        authors.append(Author(item["entity"], item["name"], tuple(item.get("affiliations") or ())))
    if not authors:
        problems.append(record.problem("a document needs at least one author", "authors"))
    starts = paragraph_starts(text)
    without_content = record.get("paragraphs_without_content") or []
    if not isinstance(without_content, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(starts) for n in without_content):
        problems.append(record.problem(
            f"paragraphs_without_content must list paragraph numbers from 1 to {len(starts)}",
            "paragraphs_without_content"))
        without_content = []
    if problems:
        raise SourceError(problems)
    return Document(
        id=doc_id, text=text, sha256=digest, authors=tuple(authors),
        title=record.get("title"), date=_as_text(record.get("date")), url=record.get("url"),
        language=record.get("language"), record_path=shown_as,
        paragraph_starts=starts, without_content=tuple(sorted(without_content)),
    )


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)
