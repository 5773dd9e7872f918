"""Fields an edit takes away: ``null`` in an accepted suggestion's ``edits`` removes that key.

The curation page sends, for an edited suggestion, only what changed; a field the
curator emptied is sent as ``null`` (``_record`` drops empty values, so it would
otherwise stay).

>>> cleared({"id": "a", "type": "Claim", "about": "x", "mode": "claim"}, {"about": None, "kind": "Rejection"},
...         {"kind": "type"})
{'id': 'a', 'type': 'Claim', 'mode': 'claim'}
"""

from __future__ import annotations

KEEP = {"id", "type", "quote"}  #: never removed: the build needs them


def cleared(record: dict, edits: object, aliases: dict[str, str]) -> dict:
    """``record`` without the keys that ``edits`` sets to ``None``."""
    if isinstance(edits, dict):
        for key, value in edits.items():
            name = aliases.get(key, key) if isinstance(key, str) else key
            if value is None and name not in KEEP:
                record.pop(name, None)
    return record
