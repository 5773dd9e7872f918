"""Read curated YAML sources keeping the line of every mapping and value.

Messages about the sources name the file and the line, so the loader keeps
PyYAML's marks: mappings become :class:`Record` (a dict that knows its line and
the line of each key), scalars become plain Python values.

>>> rec = loads("a: 1\\nb:\\n  - x\\n", "f.yaml")
>>> rec["a"], rec.line, rec.line_of("b")
(1, 1, 2)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SourceError

try:  # the C loader is much faster where libyaml is present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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


def _convert(node: yaml.Node, path: str, problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        record = Record(path, line)
        for key_node, value_node in node.value:
            key = _convert(key_node, path, problems)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.append(Problem(path, key_line, f"key {key!r} is not a string"))
                continue
            if key in record:
                problems.append(Problem(path, key_line, f"key {key!r} is given twice"))
                continue
            record[key] = _convert(value_node, path, problems)
            record.key_lines[key] = key_line
        return record
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence(path, line)
        for item in node.value:
            seq.append(_convert(item, path, problems))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    return yaml.load(yaml.serialize(node), Loader=_Loader)  # a scalar, resolved as PyYAML does


def loads(text: str, path: str) -> Any:
    """Parse YAML text; raise :class:`SourceError` naming the line of a syntax error."""
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError([Problem(path, line, f"not valid YAML: {exc.problem or exc}")]) from None
    if node is None:
        raise SourceError([Problem(path, 1, "the file is empty")])
    value = _convert(node, path, problems)
    if problems:
        raise SourceError(problems)
    return value


def read_text(path: Path, shown_as: str) -> str:
    """A source file's text; a missing or non-UTF-8 file is a :class:`SourceError`."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError([Problem(shown_as, 1, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise SourceError([Problem(shown_as, 1, f"not UTF-8 text: {exc.reason}")]) from None


def load(path: Path, shown_as: str | None = None) -> Any:
    """Read and parse a YAML file; ``shown_as`` is the path used in messages."""
    name = shown_as or str(path)
    return loads(read_text(path, name), name)
