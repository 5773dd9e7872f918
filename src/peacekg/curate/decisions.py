"""The decisions of a curation session: save, accept, reject, create an entity, undo.

A :class:`Curator` holds a server's kept build state (:class:`peacekg.compile.incremental.
Incremental`) and, per document, the decisions that can be undone (the bytes each
file had before). :func:`run` checks a request's fields against the model
(:mod:`.fields`), turns it into the new bytes of the source files, and commits them
(:func:`.transaction.commit`): judged first, written only if accepted. A refusal raises
with ``context`` (the changed texts and the kinds written) for :func:`.explain.explain`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..compile.incremental import Incremental
from ..errors import CurationError
from ..project import Project
from ..sources.vocab import STATEMENT
from . import fields, yamlio
from .mapping import META, MODE_NAMES
from .transaction import commit, write_file
from .writes import RELATION_KEYS, curated_path

ALIASES = {"kind": "type", "holder": "agent", "speaker": "assertedBy"}
MAX_ENTITIES = 10  #: new entities one decision may create
MAX_IDS = 500  #: suggestions one batch may accept


@dataclass
class Outcome:
    id: object
    outputs: dict[Path, bytes] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    undo: int = 0
    previous: dict[Path, bytes | None] = field(default_factory=dict)  #: the outputs' bytes before


class Curator:
    """One server's curation session over ``project``."""

    def __init__(self, project: Project):
        self.project = project
        self.builder = Incremental(project)
        self.history: dict[str, list[dict[Path, bytes | None]]] = {}
        self.lock = threading.Lock()

    def prime(self) -> None:
        with self.builder.lock:
            if not self.builder.fresh():
                self.builder.prime()

    def registry(self) -> tuple | None:
        """(vocabulary, documents, entities) as the kept state has them, when it is current."""
        b = self.builder
        if not b.lock.acquire(blocking=False):
            return None
        try:
            return (b.vocab, dict(b.documents), dict(b.entities)) if b.fresh() else None
        finally:
            b.lock.release()

    def undoable(self, doc: str) -> int:
        return len(self.history.get(doc, []))

    def model(self) -> fields.Model:
        self.prime()
        b = self.builder
        return fields.Model(b.vocab, {e.id: (e.label, set(e.types)) for e in b.entities.values()},
                            {s for ids in b.ids.values() for s in ids}, set(b.documents))


def _record(raw: object, what: str) -> dict:
    if not isinstance(raw, dict):
        raise CurationError(f"{what} must be an object of fields", [("", f"{what} must be an object of fields")])
    record = {}
    for key, value in raw.items():
        key = ALIASES.get(key, key)
        if key == "mode" and isinstance(value, str):
            value = MODE_NAMES.get(value, value)
        if value not in (None, "", []):
            record[key] = value
    return record


_FIRST = ("id", "type", "agent", "assertedBy", "mode", "status", "mechanism")
_LAST = ("summary", "note", "quote", "prefix", "paragraph", "also", "replaces")


def ordered(record: dict) -> dict:
    """A record's keys in the order curated files use: who and how first, the evidence last.

    >>> list(ordered({"quote": "q", "about": "x", "mode": "claim", "id": "a", "type": "Claim"}))
    ['id', 'type', 'mode', 'about', 'quote']
    """
    middle = [k for k in record if k not in _FIRST and k not in _LAST]
    return {k: record[k] for k in [*(k for k in _FIRST if k in record), *middle, *(k for k in _LAST if k in record)]}


def _entities(body: dict, model: fields.Model) -> tuple[list[dict], list[tuple[str, str]]]:
    raw = body.get("entities", [])
    if not isinstance(raw, list) or len(raw) > MAX_ENTITIES:
        return [], [("entities", f"new entities are a list of at most {MAX_ENTITIES}")]
    records, found = [], []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            found.append((f"entities[{index}]", "a new entity is an object of fields"))
            continue
        record, problems = fields.check_entity(item, model)
        found += [(f"entities[{index}].{f}", m) for f, m in problems]
        if not problems:
            records.append(record)
            model.new_entities[record["id"]] = (record["label"], {record["type"]})
    return records, found


def _refuse(found: list[tuple[str, str]]) -> None:
    if found:
        raise CurationError(found[0][1] if len(found) == 1 else f"{len(found)} fields need a change",
                            found)


def _commit(curator: Curator, doc: str | None, changes: dict[Path, bytes], kinds: dict, ident) -> Outcome:
    project = curator.project
    before = {p: (p.read_bytes() if p.exists() else None) for p in changes}
    try:
        plan = commit(project, changes, builder=curator.builder)
    except Exception as exc:
        from .explain import texts_of

        exc.context = (texts_of(project, changes), kinds)  # type: ignore[attr-defined]
        raise
    if doc is not None:
        curator.history.setdefault(doc, []).append(before)
    return Outcome(ident, plan.outputs, sorted(project.relative(p) for p in [*changes, *plan.outputs]),
                   curator.undoable(doc) if doc else 0, getattr(plan, "previous", {}))


def _statements_text(project: Project, doc: str) -> tuple[Path, str]:
    path = curated_path(project, doc)
    return path, path.read_text(encoding="utf-8") if path.exists() else f"document: {doc}\nstatements: []\n"


def _with_entities(project: Project, changes: dict, records: list[dict]) -> None:
    if records:
        text = project.entities_source.read_text(encoding="utf-8")
        for record in records:
            text = yamlio.append_fast(text, "entities", record)
        changes[project.entities_source] = text.encode("utf-8")


def run(curator: Curator, action: str, doc: str | None, body: dict) -> Outcome:
    """Carry out one decision; raise :class:`CurationError` (with fields) or the build's refusal."""
    project = curator.project
    if doc is not None:
        curated_path(project, doc)  # refuses an unknown document
    model = curator.model()
    if action == "entity":
        record, found = fields.check_entity(body, model)
        _refuse(found)
        changes: dict[Path, bytes] = {}
        _with_entities(project, changes, [record])
        return _commit(curator, "", changes, {}, record["id"])
    if action == "statement":
        entities, found = _entities(body, model)
        record = ordered(_record({k: v for k, v in body.items() if k != "entities"}, "the statement"))
        found += fields.check_statement(record, model)
        _refuse(found)
        path, text = _statements_text(project, doc)
        changes = {path: yamlio.append_fast(text, "statements", record).encode("utf-8")}
        _with_entities(project, changes, entities)
        return _commit(curator, doc, changes, {record["id"]: record.get("type")}, record["id"])
    if action == "accept":
        return _accept(curator, doc, body, model)
    if action == "reject":
        return _reject(curator, doc, body)
    if action == "undo":
        history = curator.history.get(doc) or []
        if not history:
            raise CurationError("nothing to undo on this document", [("", "nothing to undo on this document")])
        before = history[-1]
        changes = {p: (old if old is not None else (f"document: {doc}\nstatements: []\n".encode()
                                                     if p.suffix == ".yaml" and p.parent == project.statements_dir
                                                     and not p.name.endswith(".suggested.yaml") else b""))
                   for p, old in before.items()}
        outcome = _commit(curator, None, changes, {}, None)
        history.pop()
        outcome.undo = curator.undoable(doc)
        return outcome
    if action == "suggest":
        from .suggested import suggested_path, suggest_document

        path = suggested_path(project, doc)
        before = {path: path.read_bytes() if path.exists() else None}
        suggest_document(project, doc)
        curator.history.setdefault(doc, []).append(before)
        return Outcome(None, {}, [project.relative(path)], curator.undoable(doc))
    raise CurationError(f"no action {action!r}")


def _suggestions(project: Project, doc: str) -> tuple[Path, str, dict]:
    from .suggested import suggested_path

    path = suggested_path(project, doc)
    if not path.is_file():
        raise CurationError(f"no suggestion for {doc!r}: run peacekg suggest {doc}")
    text = path.read_text(encoding="utf-8")
    return path, text, yamlio.plain_load(text) or {}


def _accept(curator: Curator, doc: str, body: dict, model: fields.Model) -> Outcome:
    project = curator.project
    path, text, data = _suggestions(project, doc)
    by_id = {str(s.get("id")): s for s in data.get("statements") or []}
    edits = body.get("edits") or {}
    if "above" in body:
        above = body["above"]
        if not isinstance(above, (int, float)) or isinstance(above, bool) or not 0 <= above <= 1:
            _refuse([("above", "the confidence is a number from 0 to 1")])
        ids = [i for i, s in by_id.items() if float(s.get("confidence") or 0) >= above]
    else:
        ids = body.get("ids", [body.get("id")] if "id" in body else None)
        if "id" in body and isinstance(edits, dict) and edits and not all(isinstance(v, dict) for v in edits.values()):
            edits = {body["id"]: edits}  # {"id": sid, "edits": {fields}}
    if not isinstance(ids, list) or not ids or len(ids) > MAX_IDS or not all(isinstance(i, str) for i in ids):
        _refuse([("id", "say which suggestion to accept (its id)")])
    if not isinstance(edits, dict) or not all(isinstance(v, dict) for v in edits.values()):
        _refuse([("edits", "the edits are the changed fields of each suggestion")])
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise CurationError(f"no suggestion {missing[0][:80]!r} in {project.relative(path)}")
    entities, found = _entities(body, model)
    chosen = []
    for sid in ids:
        record = {k: v for k, v in _record(dict(by_id[sid]), "the suggestion").items() if k not in META}
        edit = edits.get(sid, {})
        record.update(_record(edit, "the edits"))
        for key, value in edit.items():  # an emptied field is removed
            if value in (None, "", []):
                record.pop(ALIASES.get(key, key), None)
        record["id"] = sid
        chosen.append((record, set(edits.get(sid, {}))))
    known = model.statements | set(ids)
    relations = set(RELATION_KEYS) | {k for k, p in model.vocab.properties.items()
                                      if p.range is not None and model.vocab.is_a(p.range, STATEMENT)}
    for record, edited in chosen:  # a suggested relation to a suggestion not accepted (yet) would not build
        for key in relations - edited:
            values = record.get(key)
            if values is not None and any(v not in known for v in (values if isinstance(values, list) else [values])):
                del record[key]
        found += fields.check_statement(record, model, targets=set(ids))
    chosen = [record for record, _ in chosen]
    _refuse(found)
    curated, ctext = _statements_text(project, doc)
    for record in chosen:
        ctext = yamlio.append_fast(ctext, "statements", record)
        text = yamlio.remove_fast(text, "statements", record["id"])
    changes = {curated: ctext.encode("utf-8"), path: text.encode("utf-8")}
    _with_entities(project, changes, entities)
    return _commit(curator, doc, changes, {r["id"]: r.get("type") for r in chosen}, ids if len(ids) > 1 else ids[0])


def _reject(curator: Curator, doc: str, body: dict) -> Outcome:
    project = curator.project
    sid = body.get("id")
    path, text, data = _suggestions(project, doc)
    # A suggestion the build would refuse (listed under `incomplete`) can be rejected too.
    key = next((k for k in ("statements", "incomplete") if isinstance(sid, str)
                and sid in {str(s.get("id")) for s in data.get(k) or [] if isinstance(s, dict)}), None)
    if key is None:
        raise CurationError(f"no suggestion {str(sid)[:80]!r} in {project.relative(path)}")
    before = {path: path.read_bytes()}
    write_file(path, yamlio.remove_fast(text, key, sid).encode("utf-8"))
    curator.history.setdefault(doc, []).append(before)
    return Outcome(sid, {}, [project.relative(path)], curator.undoable(doc))
