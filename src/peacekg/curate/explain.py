"""What the build refused, said next to the field it concerns: never a raw report.

The compiler's problems are ``file:line: message``; the line is the line of the key
the message is about (or of the record), so the key is read back from the file the
write made. The shapes' findings (pySHACL) name a focus node and a path: the path's
local name is the field. Each becomes ``{"field": <key as the YAML writes it>,
"message": <words>}``, the field empty when the finding is about the whole record.

>>> words_for({"path": "https://w3id.org/peacekg/ontology#unit", "component":
...            "http://www.w3.org/ns/shacl#MinCountConstraintComponent", "message": None}, "QuantityStatement")
('unit', 'a figure needs a unit')
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CurationError, SourceError, ValidationFailed

#: How a person names the kinds of statement and the fields.
KINDS = {"QuantityStatement": "figure", "ReportedFact": "reported fact", "Event": "event"}
FIELDS = {"agent": "holder (agent)", "assertedBy": "speaker", "unit": "unit", "amount": "amount",
          "mode": "mode", "status": "status", "mechanism": "mechanism", "quote": "quote",
          "restatementKind": "kind of restatement", "order": "place in the sequence (order)",
          "territory": "territory", "organisation": "organisation", "role": "role", "work": "work"}
_KEY_LINE = re.compile(r"^\s*(?:- )?([A-Za-z][A-Za-z0-9]*):")
_NEEDS = re.compile(r"an? (\w+) needs (?:an? )?(\w+)")
_NAMED_KEY = re.compile(r"(?:^|for |property |, but )'?([a-z][A-Za-z]*)'? (?:must|needs|does not)|for (\w+) \(")
_PATH_FIELDS = {"hasSelector": "quote", "evidence": "quote", "label": "summary"}


def _a(name: str) -> str:
    """The article: 'an amount', 'a unit' (a "you" sound), 'a holder'."""
    return "an" if name[:1] in "aeio" or name.startswith("u") and not name.startswith(("uni", "use")) else "a"


def _kind(name: str) -> str:
    return KINDS.get(name, re.sub(r"(?<!^)([A-Z])", r" \1", name).lower())


def words_for(result: dict, kind: str | None) -> tuple[str, str]:
    """The field and the words for one finding of the shapes."""
    path = (result.get("path") or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    field = _PATH_FIELDS.get(path, path)
    component = (result.get("component") or "").rsplit("#", 1)[-1]
    what = _kind(kind) if kind else "statement"
    if not path and kind == "QuantityStatement":
        return "amount", "a figure needs an amount, or the words the text gives for it ('hundreds')"
    name = FIELDS.get(field, field)
    if component == "MinCountConstraintComponent":
        return field, f"{_a(what)} {what} needs {_a(name)} {name}"
    if component == "MaxCountConstraintComponent":
        return field, f"a {what} has one {name} only"
    if component == "ClassConstraintComponent":
        return field, f"this {name} is not of the class a {what} needs here"
    message = result.get("message") or f"the {name} is not what a {what} allows"
    return field, message[0].lower() + message[1:] if message else message


def _key_at(texts: dict[str, str], path: str, line: int) -> str:
    text = texts.get(path)
    if text is None:
        return ""
    lines = text.splitlines()
    match = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return match.group(1) if match else ""


def explain(exc: Exception, texts: dict[str, str] | None = None, kinds: dict[str, str] | None = None,
            ) -> tuple[str, list[dict]]:
    """A one-line summary and the field findings of a refused write.

    ``texts`` are the changed files' new texts by the path the build names them with;
    ``kinds`` the kind of each statement written, by id.
    """
    texts, kinds = texts or {}, kinds or {}
    found: list[dict] = []
    if isinstance(exc, CurationError):
        found = [{"field": f, "message": m} for f, m in getattr(exc, "fields", [])] or \
            [{"field": "", "message": str(exc)}]
    elif isinstance(exc, SourceError):
        for problem in exc.problems:
            message = re.sub(r"^[a-z0-9-]+: ", "", problem.message)
            needs = _NEEDS.search(message)
            if needs and needs.group(1)[:1].isupper():
                field = needs.group(2)
                kind, name = _kind(needs.group(1)), FIELDS.get(field, field)
                message = f"{_a(kind)} {kind} needs {_a(name)} {name}" + message[needs.end():]
            else:
                named = _NAMED_KEY.search(message)
                field = _key_at(texts, problem.path, problem.line) or (
                    (named.group(1) or named.group(2)) if named else "")
                if field == "id" and "quote" in message:
                    field = "quote"
            found.append({"field": field, "message": message})
    elif isinstance(exc, ValidationFailed):
        for result in exc.results:
            focus = (result.get("focus") or "").rsplit("/", 1)[-1]
            field, message = words_for(result, kinds.get(focus))
            found.append({"field": field, "message": message})
        if not found:
            found = [{"field": "", "message": str(exc).splitlines()[0]}]
    unique = list({(f["field"], f["message"]): f for f in found}.values())
    shown = "; ".join(f["message"] for f in unique[:3]) + ("; ..." if len(unique) > 3 else "")
    summary = shown if len(unique) == 1 else f"{len(unique)} problems: {shown}"
    summary = " ".join(summary.split())  # one line
    return summary, unique


def texts_of(project, changes: dict[Path, bytes]) -> dict[str, str]:
    """The changed files' texts, by the path the build's messages use."""
    return {project.relative(p): d.decode("utf-8", "replace") for p, d in changes.items()}
