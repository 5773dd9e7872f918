"""Argument relations between statements: the keys curators use and the checks on them.

A relation key (``supports``, ``exampleOf``, ``partOf`` ...) names other statements
by id. Parts of an enumeration (``partOf``) carry their place (``order``) where
the text orders them, and may not loop back to themselves; a restatement (``restates``) says its kind.

>>> sorted(RELATIONS)[:3]
['addresses', 'answers', 'attacks']
>>> PartGraph().add("a", "b") is None and PartGraph().add("a", "a")
['a', 'a']
"""

from __future__ import annotations

#: relation keys of a statement record: each names one or more statements
RELATIONS = frozenset({"supports", "reasonFor", "exampleOf", "attacks", "contrastsWith", "conditionFor",
                       "partOf", "restates", "outcomeOf", "addresses", "misses", "rejectionOf",
                       "conditionalOn", "optionOf", "answers"})


class PartGraph:
    """The part-of edges of the statements compiled so far; refuses an edge that closes a cycle."""

    def __init__(self) -> None:
        self.edges: dict[str, set[str]] = {}

    def add(self, part: str, whole: str) -> list[str] | None:
        """Add ``part partOf whole``; return the cycle it would close (and do not add it), or None."""
        path = self._path(whole, part)
        if path is not None:
            return [part, *path]
        self.edges.setdefault(part, set()).add(whole)
        return None

    def _path(self, start: str, goal: str) -> list[str] | None:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            if node == goal:
                return path
            if node in seen:
                continue
            seen.add(node)
            for nxt in sorted(self.edges.get(node, ())):
                stack.append((nxt, [*path, nxt]))
        return None
