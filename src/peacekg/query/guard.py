"""Bounds a query meets before any parser sees it: size, nesting, SERVICE; reading query files.

pyoxigraph's parser recurses once per nesting level and overflows its stack a
few thousand levels down (``peacekg sparql`` died with a segfault on 10,000
``{``), and a query with ``SERVICE`` makes the engine fetch any URL it names.
So the text is scanned first, lexically, skipping strings, IRIs and comments:
deeper than :data:`MAX_NESTING` brackets or longer than :data:`MAX_QUERY_BYTES`
is refused, and so is a ``SERVICE`` keyword unless outside requests are allowed.
The scan costs microseconds for a saved query and needs no parser.

>>> scan("SELECT * WHERE { ?s <http://x/service> 'SERVICE' # SERVICE\\n FILTER((1)) }")
(3, False)
>>> scan("select * { service silent <http://example.org/sparql> { ?s ?p ?o } }")
(2, True)
>>> check_query("SELECT * WHERE " + "{" * 300 + "}" * 300, "<query>")
Traceback (most recent call last):
...
peacekg.errors.QueryError: <query>: nested 300 deep (brackets, << or !), deeper than the 200 a query may nest

An update is refused in words, before a parser would answer it with a riddle
("expected CONSTRUCT"):

>>> update_keyword("PREFIX ex: <http://e/> # a comment\\ndelete where { ?s ?p ?o }"), update_keyword("SELECT * {}")
('DELETE', None)
>>> check_query("DELETE WHERE { ?s ?p ?o }", "<stdin>")
Traceback (most recent call last):
...
peacekg.errors.UpdateRefused: <stdin>: peacekg answers queries, not updates: DELETE is SPARQL Update; the graph changes only through its sources and `peacekg build`
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from ..errors import QueryError, ServiceRefused, UpdateRefused

#: The most bytes a query may have (a file, stdin, or text given to the API).
MAX_QUERY_BYTES = 1_000_000
#: The deepest nesting of ``{``, ``(``, ``[`` and ``<<``, or run of ``!``, a query may have (pyoxigraph overflows near 3,000).
MAX_NESTING = 200

# A string left open runs to the end (a long one) or to its line's end (a short one): the parser stops
# there, and a scan that tried again at each quote would take time quadratic in a run of `"\` pairs.
_SKIP = re.compile(r"""'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)"""
                   r"""|'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*""", re.S)
# Brackets, quoted triples (<< >>), runs of negation (each ! a level of the parser's recursion), SERVICE.
_TOKENS = re.compile(r"[{}()\[\]]|<<|>>|(?:!(?!=)\s*)+|(?<![\w:?$@.-])service(?![\w:-])", re.I)

SERVICE_REFUSED = ("the query calls a remote SERVICE, and peacekg makes no requests elsewhere unless asked: "
                   "allow it with --allow-service (allow_service=True in Python)")


#: Texts up to this many characters have their scan remembered: a saved query is scanned once, not per run.
_REMEMBERED = 65_536


def scan(text: str) -> tuple[int, bool]:
    """The deepest bracket nesting of ``text`` and whether it has a SERVICE keyword."""
    return _remembered_scan(text) if len(text) <= _REMEMBERED else _scan(text)


@functools.lru_cache(maxsize=512)
def _remembered_scan(text: str) -> tuple[int, bool]:
    return _scan(text)


def _scan(text: str) -> tuple[int, bool]:
    depth = deepest = 0
    service = False
    for part in _SKIP.split(text):
        for token in _TOKENS.findall(part):
            if token in ("{", "(", "[", "<<"):
                depth += 1
                deepest = max(deepest, depth)
            elif token in ("}", ")", "]", ">>"):
                depth -= 1
            elif token[0] == "!":
                deepest = max(deepest, depth + token.count("!"))
            else:
                service = True
    return deepest, service


#: The first keywords of the SPARQL Update forms (after the prologue).
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_WORD = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"(?:\s+|#[^\n]*)*")
_PREFIX_NAME = re.compile(r"\s*(?:[A-Za-z][\w.-]*)?:\s*")


def update_keyword(text: str) -> str | None:
    """The update keyword a text starts with after its prologue (``DELETE``), or None for a query.

    One pass from the start, each character looked at once: comments and blanks
    skipped, then each ``PREFIX p: <iri>`` and ``BASE <iri>``; the first other word decides.
    """
    at = 0
    while True:
        at = _SPACE.match(text, at).end()
        word = _WORD.match(text, at)
        if word is None:
            return None
        keyword = word.group().upper()
        if keyword in UPDATE_KEYWORDS:
            return keyword
        if keyword not in ("PREFIX", "BASE"):
            return None
        at = word.end()
        if keyword == "PREFIX":
            name = _PREFIX_NAME.match(text, at)
            if name is None:
                return None
            at = name.end()
        at = _SPACE.match(text, at).end()
        if not text.startswith("<", at):
            return None
        end = text.find(">", at)
        if end < 0:
            return None
        at = end + 1


def _name(source) -> str:
    """A query's source for a message (a callable is worked out only then: it resolves paths)."""
    return source() if callable(source) else source


def check_query(text: str, source, *, allow_service: bool = False) -> None:
    """Refuse a query that is too long, too deeply nested, or (unless allowed) federated."""
    # A character is at most 4 bytes in UTF-8: only a long text is encoded to count them.
    if len(text) > MAX_QUERY_BYTES or (len(text) * 4 > MAX_QUERY_BYTES
                                       and len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES):
        raise QueryError(f"{_name(source)}: the query is longer than {MAX_QUERY_BYTES:,} bytes, the most accepted")
    if "\0" in text:
        raise QueryError(f"{_name(source)}: the query holds a NUL character")
    keyword = update_keyword(text)
    if keyword:
        raise UpdateRefused(f"{_name(source)}: peacekg answers queries, not updates: {keyword} is SPARQL Update; "
                            "the graph changes only through its sources and `peacekg build`")
    depth, service = scan(text)
    if depth > MAX_NESTING:
        raise QueryError(f"{_name(source)}: nested {depth} deep (brackets, << or !), deeper than the {MAX_NESTING} a query may nest")
    if service and not allow_service:
        raise ServiceRefused(f"{_name(source)}: {SERVICE_REFUSED}")


def read_query_file(name: str) -> tuple[str, str]:
    """The text of a query file (``-`` is stdin) and the name to show, read up to the size limit."""
    shown = "<stdin>" if name == "-" else name
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_QUERY_BYTES + 1)
        else:
            with open(Path(name), "rb") as handle:
                data = handle.read(MAX_QUERY_BYTES + 1)
    except FileNotFoundError:
        raise QueryError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise QueryError(f"{shown}: is a folder, not a query file") from None
    except OSError as exc:
        raise QueryError(f"{shown}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_QUERY_BYTES:
        raise QueryError(f"{shown}: the query is longer than {MAX_QUERY_BYTES:,} bytes, the most accepted")
    try:
        return data.decode("utf-8"), shown
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise QueryError(f"{shown}: line {line}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
