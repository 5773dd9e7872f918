"""Round-trip YAML: curated files keep their comments, order and quoting when a record is added.

ruamel.yaml reads the file into commented maps and writes it back unchanged
except for what was added, so a curator's layout survives every save.

>>> text = "# top\\nstatements:\\n  # first\\n  - id: a\\n    quote: x\\n"
>>> print(append_item(text, "statements", {"id": "b", "quote": "y"}), end="")
# top
statements:
  # first
  - id: a
    quote: x
  - id: b
    quote: y
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    return _yaml().load(text)


def dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def as_commented(record: dict) -> CommentedMap:
    """A plain mapping (and its lists) as ruamel nodes, lists of scalars written inline."""
    node = CommentedMap()
    for key, value in record.items():
        if isinstance(value, (list, tuple)):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            node[key] = seq
        else:
            node[key] = value
    return node


def append_item(text: str, key: str, record: dict) -> str:
    """``text`` with ``record`` appended to its top-level list ``key`` (created if absent)."""
    data = load(text)
    if data is None:
        data = CommentedMap()
    items = data.get(key)
    if items is None:
        items = data[key] = CommentedSeq()
    items.fa.set_block_style()  # `statements: []` becomes a block list
    items.append(as_commented(record))
    return dump(data)


def remove_item(text: str, key: str, item_id: str) -> str:
    """``text`` without the item of list ``key`` whose ``id`` is ``item_id``."""
    data = load(text)
    items = data.get(key) or []
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == item_id:
            del items[i]
            break
    return dump(data)


# --- fast paths: a record appended or removed as text, checked by the C parser -------------
def plain_load(text: str):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def _last_key(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if line and not line[0].isspace() and not line.startswith(("#", "-")):
            return line.split(":", 1)[0]
    return None


def _fragment(record: dict, indent: int) -> str:
    seq = CommentedSeq([as_commented(record)])  # dumped as "  - key: value" (the sequence offset, 2)
    return "".join(" " * (indent - 2) + line + "\n" for line in dump(seq).splitlines())


def append_fast(text: str, key: str, record: dict) -> str:
    """:func:`append_item`, by appending the record's lines when ``key`` is the file's last list
    (as curated files have it), checked by parsing; otherwise :func:`append_item`.

    >>> append_fast("document: d\\nstatements: []\\n", "statements", {"id": "a", "about": ["x", "y"]})
    'document: d\\nstatements:\\n  - id: a\\n    about: [x, y]\\n'
    """
    lines = text.splitlines()
    items = [ln for ln in lines if re.match(r"^ *- ", ln)]
    if _last_key(lines) == key and (not items or len(items[0]) - len(items[0].lstrip(" ")) >= 2):
        body = text if text.endswith("\n") else text + "\n"
        empty = re.compile(rf"^{key}:\s*\[\]\s*$", re.M)
        items = [ln for ln in lines if re.match(r"^ *- ", ln)]
        indent = len(items[0]) - len(items[0].lstrip(" ")) if items else 2
        last = [i for i, ln in enumerate(lines) if ln.startswith(f"{key}:")]
        if last and empty.match(lines[last[-1]]):
            body = "\n".join(lines[:last[-1]] + [f"{key}:"] + lines[last[-1] + 1:]) + "\n"
        candidate = body + _fragment(record, indent)
        try:
            before, after = plain_load(text) or {}, plain_load(candidate) or {}
        except Exception:  # noqa: BLE001 - the slow path decides
            before, after = None, None
        if isinstance(before, dict) and isinstance(after, dict) and \
                after.get(key) == (before.get(key) or []) + [plain_load(dump([dict(record)]))[0]] and \
                {k: v for k, v in after.items() if k != key} == {k: v for k, v in before.items() if k != key}:
            return candidate
    return append_item(text, key, record)


def remove_fast(text: str, key: str, item_id: str) -> str:
    """:func:`remove_item`, by cutting the item's lines, checked by parsing; else the slow path."""
    lines = text.splitlines(keepends=True)
    pattern = re.compile(rf"^( *)- id: ['\"]?{re.escape(item_id)}['\"]?\s*$")
    starts = [i for i, ln in enumerate(lines) if pattern.match(ln)]
    if len(starts) == 1:
        start = starts[0]
        inner = " " * (len(pattern.match(lines[start]).group(1)) + 2)
        end = start + 1
        while end < len(lines) and (lines[end].startswith(inner) or not lines[end].strip()):
            end += 1
        candidate = "".join(lines[:start] + lines[end:])
        try:
            before, after = plain_load(text) or {}, plain_load(candidate) or {}
        except Exception:  # noqa: BLE001
            before, after = None, None
        if isinstance(before, dict) and isinstance(after, dict):
            kept = [i for i in before.get(key) or [] if not (isinstance(i, dict) and i.get("id") == item_id)]
            if (after.get(key) or []) == kept and len(kept) == len(before.get(key) or []) - 1 and \
                    {k: v for k, v in after.items() if k != key} == {k: v for k, v in before.items() if k != key}:
                return candidate
    return remove_item(text, key, item_id)
