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
