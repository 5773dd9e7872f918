"""``peacekg add``: bring a new text into the project as a seed, with its record, and build.

The text is copied byte for byte to ``seeds/<id>.txt``; its record gives the
sha256, the authors as given and title, date and URL only when given (null
otherwise: the project invents none). Each author becomes a registry person
(reused when the registry already names them). An empty
``graph/statements/<id>.yaml`` waits for curation. Nothing is written if any
check fails: an existing id, a text that is not UTF-8 or is empty, a text that
is already a seed under another id.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import CurationError
from ..project import Project
from ..sources.evidence import normalise
from ..sources import dates
from ..sources.ids import document_id_problem
from ..sources.reading import NotRegularFile, read_regular
from ..sources.seeds import MAX_TEXT_BYTES, sha256_of
from ..extract.newentities import slug
from . import yamlio
from .transaction import commit


@dataclass(frozen=True)
class Added:
    id: str
    text: Path
    record: Path
    statements: Path
    new_entities: tuple[str, ...]
    triples: int
    counts: object = None  #: the build's :class:`~peacekg.compile.counts.Counts`


def _scalar(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def record_text(doc_id: str, digest: str, authors: list[tuple[str, str]], *, title: str | None,
                date: str | None, url: str | None) -> str:
    lines = [
        "# The record of one source text, written by `peacekg add`. Title, date and URL are",
        "# null unless they were given: fill them in only from what the text or its source says.",
        f"id: {doc_id}", f"file: {doc_id}.txt", f"sha256: {digest}",
        f"title: {_scalar(title)}", f"date: {_scalar(date)}", f"url: {_scalar(url)}",
        "language: null", "authors:",
    ]
    lines += [f"  - entity: {entity}\n    name: {_scalar(name)}" for entity, name in authors]
    return "\n".join(lines) + "\n"


def _registry_people(project: Project) -> tuple[str, dict[str, str], set[str]]:
    """The registry's text, its names (folded label or alias -> id) and its ids."""
    text = project.entities_source.read_text(encoding="utf-8")
    data = yamlio.load(text) or {}
    names: dict[str, str] = {}
    ids: set[str] = set()
    for item in data.get("entities") or []:
        ids.add(str(item.get("id")))
        for name in [item.get("label"), *(item.get("aliases") or [])]:
            if name:
                names.setdefault(normalise(str(name))[0].lower(), str(item.get("id")))
    return text, names, ids


def add_document(project: Project, source: Path, *, doc_id: str, authors: list[str],
                 title: str | None = None, date: str | None = None, url: str | None = None,
                 reason: bool = True) -> Added:
    """Add ``source`` as document ``doc_id`` and build; raise :class:`CurationError` and write
    nothing if the text or the id is refused (the build's own errors pass through likewise)."""
    if document_id_problem(doc_id):
        raise CurationError(document_id_problem(doc_id))
    if not authors:
        raise CurationError("a document needs at least one --author (the name as the text gives it)")
    if date is not None and dates.parse(date) is None:
        raise CurationError(f"date {date!r} is not a date that exists, as YYYY, YYYY-MM or YYYY-MM-DD")
    if url is not None and not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
        raise CurationError(f"url {url!r} must be an http(s) URL")
    text_path = project.seeds / f"{doc_id}.txt"
    record_path = project.seeds / f"{doc_id}.yaml"
    statements_path = project.statements_dir / f"{doc_id}.yaml"
    for path in (text_path, record_path, statements_path):
        if path.exists():
            raise CurationError(f"{project.relative(path)}: the id {doc_id!r} exists already; choose another")
    try:
        raw = read_regular(source, MAX_TEXT_BYTES)
    except NotRegularFile as exc:
        raise CurationError(f"{source}: {exc.strerror}; give a text file") from None
    except OSError as exc:
        raise CurationError(f"{source}: cannot read the text: {exc.strerror}") from None
    if len(raw) > MAX_TEXT_BYTES:
        raise CurationError(f"{source}: the text is larger than {MAX_TEXT_BYTES:,} bytes, the most a document may "
                            "hold: split it into documents")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(f"{source}: not UTF-8 text (byte {exc.start}: {exc.reason}); "
                            "convert it to UTF-8 first") from None
    if not decoded.lstrip("\ufeff").strip():  # a byte-order mark alone is no text either
        raise CurationError(f"{source}: the text is empty")
    digest = hashlib.sha256(raw).hexdigest()
    for other in sorted(project.seeds.glob("*.txt")):
        if other.is_file() and sha256_of(other) == digest:
            raise CurationError(f"{source}: this text is already the seed {project.relative(other)} "
                                f"(document {other.stem!r})")
    registry_text, names, ids = _registry_people(project)
    people: list[tuple[str, str]] = []
    new: list[dict] = []
    for name in authors:
        name = " ".join(name.split())
        if not name or any(c in name for c in "<>{}[]\n"):
            raise CurationError(f"author name {name!r} is not a person's name")
        known = names.get(normalise(name)[0].lower())
        if known is None:
            known = slug(name)
            if not known or not known[0].isalnum():
                raise CurationError(f"author name {name!r} gives no usable id")
            if known in ids:
                raise CurationError(f"author {name!r}: the registry id {known!r} is taken by another entity; "
                                    "add the author to graph/entities.yaml by hand")
            ids.add(known)
            new.append({"id": known, "type": "Person", "label": name})
        people.append((known, name))
    for entity in new:
        registry_text = yamlio.append_item(registry_text, "entities", entity)
    changes = {
        text_path: raw,
        record_path: record_text(doc_id, digest, people, title=title, date=date, url=url).encode(),
        statements_path: (f"# Statements of seeds/{doc_id}.txt (see README, Curating).\n"
                          f"document: {doc_id}\nstatements: []\n").encode(),
    }
    if new:
        changes[project.entities_source] = registry_text.encode()
    result = commit(project, changes, reason=reason)
    return Added(doc_id, text_path, record_path, statements_path, tuple(e["id"] for e in new), result.triples,
                 result.counts)
