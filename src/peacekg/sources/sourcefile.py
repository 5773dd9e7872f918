"""Read curated YAML sources keeping the line of every mapping and value.

Messages about the sources name the file and the line, so the reader keeps
PyYAML's marks: mappings become :class:`Record` (a dict that knows its line and
the line of each key), sequences :class:`Sequence`, scalars plain Python values.

The reader is bounded by design. It builds values from PyYAML's event stream
itself, without recursion, so no input can make it expand or recurse without
end: anchors and aliases (``&a``, ``*a``, the "billion laughs") are refused, as
is any tag but YAML's own plain ones (``!!python/object...`` is an error, never
run and never ignored), and a file over :data:`MAX_BYTES` is not read at all.
A date that does not exist (``2022-02-30``) stays its text, for the compiler
to refuse with its line.

>>> rec = loads("a: 1\\nb:\\n  - x\\n", "f.yaml")
>>> rec["a"], rec.line, rec.line_of("b")
(1, 1, 2)
>>> loads("a: &x [1]\\nb: *x\\n", "f.yaml")
Traceback (most recent call last):
...
peacekg.errors.SourceError: 1 problem in the sources; nothing was written
f.yaml:1: an anchor (&x) is not allowed in a source file: write the value out
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from ..errors import Problem, SourceError
from .reading import NotRegularFile, read_regular

try:  # the C parser is much faster where libyaml is present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The largest source file read, in bytes (the essay's statements are 70 KB).
MAX_BYTES = 5_000_000

_Y = "tag:yaml.org,2002:"
#: The tags a source may carry, explicitly (``!!str``) or as PyYAML resolves plain scalars.
_SCALAR_TAGS = {_Y + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()


class Record(dict):
    """A YAML mapping with the 1-based line of itself and of each of its keys."""

    def __init__(self, path: str, line: int):
        super().__init__()
        self.path = path
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def problem(self, message: str, key: str | None = None) -> Problem:
        return Problem(self.path, self.line_of(key) if key else self.line, message)


class Sequence(list):
    """A YAML sequence with the line of each item."""

    def __init__(self, path: str, line: int):
        super().__init__()
        self.path = path
        self.line = line
        self.item_lines: list[int] = []


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.problem_line, self.message = line, message


def _shown(tag: str) -> str:
    """A tag as written in YAML: ``!!python/object`` rather than its full URI."""
    return "!!" + tag.removeprefix(_Y) if tag.startswith(_Y) else tag


def _scalar(event: yaml.ScalarEvent, line: int) -> Any:
    """The value of a scalar as PyYAML's safe loader gives it; a bad date stays text."""
    tag = event.tag
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _SCALAR_TAGS:
        if tag == _Y + "merge":
            raise _Refused(line, "a merge key (<<) is not allowed in a source file: write the keys out")
        raise _Refused(line, f"the tag {_shown(event.tag or tag)} is not allowed in a source file")
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, ConstructorError, OverflowError):
        if tag == _Y + "timestamp":
            return event.value  # 2022-02-30: the compiler says it is no date, with the line
        raise _Refused(line, f"{event.value!r} is not a valid {tag.removeprefix(_Y)}") from None


def _attach(parent: Any, value: Any, line: int, pending_key: list, path: str, problems: list[Problem]) -> None:
    """Put ``value`` into the open mapping (as key or as value) or sequence ``parent``."""
    if isinstance(parent, Sequence):
        parent.append(value)
        parent.item_lines.append(line)
        return
    if not pending_key:  # a key
        pending_key.append((value, line))
        return
    key, key_line = pending_key.pop()
    if not isinstance(key, str):
        problems.append(Problem(path, key_line, f"key {key!r} is not a string"))
    elif key in parent:
        problems.append(Problem(path, key_line, f"key {key!r} is given twice"))
    else:
        parent[key] = value
        parent.key_lines[key] = key_line


def _build(events, path: str, problems: list[Problem]) -> Any:
    """Values from the event stream, with an explicit stack (no recursion, no aliases)."""
    stack: list[tuple[Any, list]] = []  # open collections, each with its pending key
    root: Any = None
    documents = 0
    for event in events:
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, f"an alias (*{event.anchor}) is not allowed in a source file: write the value out")
        if getattr(event, "anchor", None):
            raise _Refused(line, f"an anchor (&{event.anchor}) is not allowed in a source file: write the value out")
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(line, "a source file holds one YAML document; this is a second one")
            continue
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            if event.tag not in (None, "!", _Y + kind):
                raise _Refused(line, f"the tag {_shown(event.tag)} is not allowed in a source file")
            if stack and isinstance(stack[-1][0], Record) and not stack[-1][1]:
                raise _Refused(line, "a key must be a plain value, not a mapping or a list")
            collection = Record(path, line) if kind == "map" else Sequence(path, line)
            stack.append((collection, []))
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            value, _pending = stack.pop()
            if stack:
                _attach(stack[-1][0], value, value.line, stack[-1][1], path, problems)
            else:
                root = value
            continue
        if isinstance(event, yaml.ScalarEvent):
            value = _scalar(event, line)
            if stack:
                _attach(stack[-1][0], value, line, stack[-1][1], path, problems)
            else:
                root = value
    return root if documents else None


def loads(text: str, path: str) -> Any:
    """Parse YAML text; raise :class:`SourceError` naming the line of each problem."""
    problems: list[Problem] = []
    try:
        value = _build(yaml.parse(text, Loader=_Loader), path, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError([Problem(path, line, f"not valid YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow, without a mark
        raise SourceError([Problem(path, 1, f"not valid YAML: {exc}")]) from None
    except _Refused as exc:
        raise SourceError([Problem(path, exc.problem_line, exc.message)]) from None
    if value is None:
        raise SourceError([Problem(path, 1, "the file is empty")])
    if problems:
        raise SourceError(problems)
    return value


def read_text(path: Path, shown_as: str, *, limit: int | None = None) -> str:
    """A source file's text; a missing, oversized or non-UTF-8 file is a :class:`SourceError`."""
    limit = MAX_BYTES if limit is None else limit
    try:
        data = read_regular(path, limit)
    except FileNotFoundError:
        raise SourceError([Problem(shown_as, 1, "file not found")]) from None
    except IsADirectoryError:
        raise SourceError([Problem(shown_as, 1, "is a folder, not a file")]) from None
    except NotRegularFile as exc:
        raise SourceError([Problem(shown_as, 1, exc.strerror)]) from None
    except OSError as exc:
        raise SourceError([Problem(shown_as, 1, f"cannot be read: {exc.strerror or exc}")]) from None
    return decode(data, shown_as, limit=limit)


def decode(data: bytes, shown_as: str, *, limit: int | None = None) -> str:
    """A source file's bytes as text; oversized or non-UTF-8 bytes are a :class:`SourceError`."""
    limit = MAX_BYTES if limit is None else limit
    if len(data) > limit:
        raise SourceError([Problem(shown_as, 1, f"the file is larger than {limit:,} bytes, the most a source "
                                                "file may hold: split it")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError([Problem(shown_as, line, f"not UTF-8 text: {exc.reason}")]) from None


def load(path: Path, shown_as: str | None = None) -> Any:
    """Read and parse a YAML file; ``shown_as`` is the path used in messages."""
    name = shown_as or str(path)
    return loads(read_text(path, name), name)

