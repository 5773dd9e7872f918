"""The curation writes: a statement appended to a document's curated YAML, an entity to the
registry, suggestions accepted or rejected. Each is one transaction (see
:mod:`peacekg.curate.transaction`): the build judges it, and a refused write changes no file.

Before the build, the record itself is checked for what the build would not say
clearly: an id that exists, a label or value carrying markup or control
characters, a key that is not a plain name.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..compile.pipeline import BuildResult
from ..errors import CurationError
from ..project import Project
from ..sources.ids import entity_id_problem, id_problem
from . import yamlio
from .mapping import META, accepted
from .transaction import commit


_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*\Z")
_HOSTILE = re.compile(r"[<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")
#: Characters YAML reads as line breaks (folded to a space in a quoted scalar): a quote with one would change.
_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")
_ENTITY_KEYS = {"id", "type", "label", "aliases", "note"}
#: Keys naming other statements (the argument relations), checked on acceptance.
RELATION_KEYS = ("supports", "supportedBy", "exampleOf", "reasonFor", "contrastsWith", "objectsTo", "partOf")


def _plain(value: object, what: str) -> None:
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, (dict, list)):
            raise CurationError(f"{what} must be a name or a list of names, not {type(v).__name__}")
        if isinstance(v, str) and _HOSTILE.search(v):
            raise CurationError(f"{what} {v!r} holds markup or control characters; write plain text")


def check_statement(record: dict, existing: set[str]) -> dict:
    """A statement record fit to append (the build checks the rest); raise :class:`CurationError`."""
    record = {k: v for k, v in record.items() if v not in (None, "", [])}
    sid = record.get("id")
    if id_problem(sid, "statement"):
        raise CurationError(id_problem(sid, "statement"))
    if sid in existing:
        raise CurationError(f"statement id {sid!r} exists already; choose another")
    for key, value in record.items():
        if not _KEY.match(str(key)):
            raise CurationError(f"key {key!r} is not a property name")
        if key != "quote":
            _plain(value, key)
        elif not isinstance(value, str) or "\x00" in value:
            raise CurationError("the quote must be text")
        elif _YAML_BREAKS.search(value):
            raise CurationError(f"the quote holds U+{ord(_YAML_BREAKS.search(value).group()):04X}, which YAML "
                                "reads back as a line break (a space): it cannot be kept as written")
    return record


def check_entity(record: dict, existing: set[str]) -> dict:
    record = {k: v for k, v in record.items() if v not in (None, "", [])}
    unknown = set(record) - _ENTITY_KEYS
    if unknown:
        raise CurationError(f"unknown entity keys {sorted(unknown)} (allowed: {', '.join(sorted(_ENTITY_KEYS))})")
    eid = record.get("id")
    if entity_id_problem(eid):
        raise CurationError(entity_id_problem(eid))
    if eid in existing:
        raise CurationError(f"entity id {eid!r} exists already in graph/entities.yaml")
    if not isinstance(record.get("label"), str) or not record["label"].strip():
        raise CurationError(f"entity {eid!r} needs a label")
    for key, value in record.items():
        _plain(value, key)
    return record


def _ids(text: str, key: str) -> set[str]:
    data = yaml.safe_load(text) or {}
    return {str(item.get("id")) for item in data.get(key) or [] if isinstance(item, dict)}


def statement_ids_everywhere(project: Project) -> set[str]:
    found: set[str] = set()
    for path in project.statements_dir.glob("*.yaml"):
        if not path.name.endswith(".suggested.yaml"):
            found |= _ids(path.read_text(encoding="utf-8"), "statements")
    return found


def curated_path(project: Project, doc_id: str) -> Path:
    if id_problem(doc_id, "document") or not (project.seeds / f"{doc_id}.yaml").is_file():
        raise CurationError(f"no document {doc_id!r}")
    return project.statements_dir / f"{doc_id}.yaml"


def add_statements(project: Project, doc_id: str, records: list[dict], *, reason: bool = True,
                   also: dict[Path, bytes] | None = None, builder=None) -> BuildResult:
    """Append ``records`` to the document's curated statements, build, or change nothing."""
    path = curated_path(project, doc_id)
    text = path.read_text(encoding="utf-8") if path.exists() else f"document: {doc_id}\nstatements: []\n"
    existing = statement_ids_everywhere(project)
    for record in records:
        record = check_statement(record, existing)
        existing.add(record["id"])
        text = yamlio.append_item(text, "statements", record)
    return commit(project, {path: text.encode("utf-8"), **(also or {})}, reason=reason, builder=builder)


def add_entity(project: Project, record: dict, *, reason: bool = True, builder=None) -> BuildResult:
    """Append ``record`` to the registry, build, or change nothing."""
    path = project.entities_source
    text = path.read_text(encoding="utf-8")
    record = check_entity(record, _ids(text, "entities"))
    return commit(project, {path: yamlio.append_item(text, "entities", record).encode("utf-8")}, reason=reason,
                  builder=builder)


def _suggested(project: Project, doc_id: str) -> tuple[Path, str, dict]:
    from .suggested import suggested_path

    path = suggested_path(project, doc_id)
    if not path.is_file():
        raise CurationError(f"no suggestions for {doc_id!r}: run peacekg suggest {doc_id}")
    text = path.read_text(encoding="utf-8")
    return path, text, yamlio.load(text)


def accept(project: Project, doc_id: str, ids: list[str], *, edits: dict[str, dict] | None = None,
           reason: bool = True, builder=None) -> BuildResult:
    """Move the suggestions ``ids`` (changed by ``edits``) into the curated file, and build.

    A relation to a statement neither curated nor accepted with it is dropped."""
    path, text, data = _suggested(project, doc_id)
    by_id = {str(s.get("id")): s for s in data.get("statements") or []}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise CurationError(f"no suggestion {missing[0]!r} in {project.relative(path)}")
    chosen = []
    for sid in ids:
        record = accepted(dict(by_id[sid]))
        record.update((edits or {}).get(sid, {}))
        chosen.append({k: v for k, v in record.items() if k not in META})
    known = statement_ids_everywhere(project) | set(ids)
    for record in chosen:  # a relation to a suggestion not accepted (yet) would not build: dropped
        for key in RELATION_KEYS:
            if key in record and any(v not in known for v in (record[key] if isinstance(record[key], list)
                                                               else [record[key]])):
                del record[key]
    for sid in ids:
        text = yamlio.remove_item(text, "statements", sid)
    return add_statements(project, doc_id, chosen, reason=reason, also={path: text.encode("utf-8")},
                          builder=builder)


def reject(project: Project, doc_id: str, sid: str) -> None:
    """Drop a suggestion from the suggested file (the curated sources are not touched)."""
    from .transaction import write_file

    path, text, data = _suggested(project, doc_id)
    if sid not in {str(s.get("id")) for s in data.get("statements") or []}:
        raise CurationError(f"no suggestion {sid!r} in {project.relative(path)}")
    write_file(path, yamlio.remove_item(text, "statements", sid).encode("utf-8"))
