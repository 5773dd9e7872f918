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
from .ids import document_id_problem
from .reading import NotRegularFile, read_regular

#: The largest text of a document, in bytes (the essay is 15 KB; suggestions stay near-linear up to this).
MAX_TEXT_BYTES = 1_000_000

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
    return hashlib.sha256(read_regular(path, MAX_TEXT_BYTES)).hexdigest()


def _read_text_file(record, text_path: Path | None, problems: list[Problem]) -> bytes | None:
    """The bytes of a document's text, or None with a problem: missing, not a regular file, too large."""
    if text_path is None:
        return None
    try:
        raw = read_regular(text_path, MAX_TEXT_BYTES)
    except FileNotFoundError:
        problems.append(record.problem(f"the text {text_path.name} is missing", "file"))
        return None
    except NotRegularFile as exc:
        problems.append(record.problem(f"the text {text_path.name} {exc.strerror}", "file"))
        return None
    except OSError as exc:
        problems.append(record.problem(f"the text {text_path.name} cannot be read: {exc.strerror or exc}", "file"))
        return None
    if len(raw) > MAX_TEXT_BYTES:
        problems.append(record.problem(f"the text {text_path.name} is larger than {MAX_TEXT_BYTES:,} bytes, "
                                       "the most a document's text may hold: split it", "file"))
        return None
    return raw


class SeedChanged(SourceError):
    """A seed text no longer has the hash its record gives: nothing else is checked until it has."""


_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt\Z")


def _text_path(record, record_path: Path, expected_stem: str, problems: list[Problem]) -> Path | None:
    """The text's path: a plain file name beside the record, never a path leaving seeds/."""
    name = record.get("file", f"{expected_stem}.txt")
    if name is None:
        name = f"{expected_stem}.txt"
    if not isinstance(name, str) or not _FILE_NAME.match(name):
        problems.append(record.problem(
            f"file {name!r} must be the name of a .txt file beside the record in seeds/ (no folders)", "file"))
        return None
    return record_path.with_name(name)


def _check_hash(record, text_path: Path, raw: bytes, shown_as: str) -> str:
    """The text's sha256; a mismatch is raised at once, before any other problem is looked for."""
    digest = hashlib.sha256(raw).hexdigest()
    if digest != record.get("sha256"):
        raise SeedChanged([record.problem(
            f"the text {text_path.name} has sha256 {digest}, but the record says "
            f"{record.get('sha256')}: the seed changed; restore it, or re-curate its "
            "evidence and update the record (nothing else is checked until then)", "sha256")])
    return digest


def _authors(record, shown_as: str, problems: list[Problem]) -> list[Author]:
    items = record.get("authors")
    if items is None:
        items = []
    if not isinstance(items, list):
        problems.append(record.problem("authors must be a list of authors, each with an entity id and a name",
                                       "authors"))
        return []
    authors = []
    for i, item in enumerate(items):
        line = items.item_lines[i] if hasattr(items, "item_lines") else record.line_of("authors")
        if not isinstance(item, dict) or not isinstance(item.get("entity"), str) \
                or not isinstance(item.get("name"), str) or not item["entity"] or not item["name"]:
            problems.append(Problem(shown_as, line, "an author needs an entity id and a name"))
            continue
        affiliations = item.get("affiliations") or []
        if not isinstance(affiliations, list) or not all(isinstance(a, str) for a in affiliations):
            problems.append(item.problem("affiliations must be a list of texts", "affiliations"))
            continue
        authors.append(Author(item["entity"], item["name"], tuple(affiliations)))
    return authors


def load_document(record_path: Path, shown_as: str) -> Document:
    """Load one document from its record; raise :class:`SourceError` if anything is off.

    A text whose hash differs from its record raises :class:`SeedChanged` with
    that one problem: every other finding would follow from it.
    """
    record = sourcefile.load(record_path, shown_as)
    problems: list[Problem] = []
    if not isinstance(record, dict):
        raise SourceError([Problem(shown_as, 1, "a document record must be a mapping")])
    doc_id = record.get("id")
    problem = document_id_problem(doc_id)
    if problem:
        problems.append(record.problem(problem, "id"))
    expected_stem = record_path.name.removesuffix(".yaml")
    if isinstance(doc_id, str) and doc_id != expected_stem:
        problems.append(record.problem(f"id {doc_id!r} differs from the file name {expected_stem!r}", "id"))
    text_path = _text_path(record, record_path, expected_stem, problems)
    text = ""
    digest = ""
    raw = _read_text_file(record, text_path, problems)
    if raw is not None:
        digest = _check_hash(record, text_path, raw, shown_as)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(record.problem(f"the text is not UTF-8: {exc.reason}", "file"))
    for key in ("title", "url", "language"):
        if record.get(key) is not None and not isinstance(record[key], str):
            problems.append(record.problem(f"{key} must be text or null, not {record[key]!r}", key))
    if isinstance(record.get("url"), str) and not re.match(r"^https?://[^\s<>\"{}|\\^`]+\Z", record["url"]):
        problems.append(record.problem(f"url {record['url']!r} must be an http(s) URL", "url"))
    authors = _authors(record, shown_as, problems)
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
