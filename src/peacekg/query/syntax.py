"""The graph's prefixes for ad hoc queries, and the parser's errors in one readable line.

Every query peacekg runs (``peacekg sparql``, :func:`peacekg.run_sparql`, the
endpoint) may use the prefixes of :data:`peacekg.namespaces.PREFIXES` without
declaring them; a query's own ``PREFIX`` wins. A server that does not know them
gets the declarations the query lacks written in front (:func:`with_prefixes`).

pyoxigraph's parser reports the position where it stopped and every
alternative it tried, character classes included (six lines of Unicode
ranges); :func:`syntax_error` keeps the line, the column, the word there and
the alternatives a person can type.

>>> print(with_prefixes("PREFIX pko: <urn:mine#>\\nSELECT * WHERE { ?s pko:x ?o ; rdfs:label ?l }"))
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX pko: <urn:mine#>
SELECT * WHERE { ?s pko:x ?o ; rdfs:label ?l }
>>> from pyoxigraph import Store
>>> try:
...     Store().query("SELECT ?who WHERE { ?who foo:proposes ?what }")
... except SyntaxError as exc:
...     print(syntax_error(exc, "SELECT ?who WHERE { ?who foo:proposes ?what }", "<stdin>"))
<stdin>: syntax error at line 1, column 38, at 'foo:proposes': unknown prefix 'foo:' (declare it with PREFIX foo: <...>)
>>> try:
...     Store().query("SELECT ?x WHERE {\\n  ?x ?y\\n}")
... except SyntaxError as exc:
...     print(syntax_error(exc, "SELECT ?x WHERE {\\n  ?x ?y\\n}"))
<query>: syntax error at line 3, column 2, at '}': expected one of LATERAL, SERVICE
"""

from __future__ import annotations

import re

from ..errors import QueryError
from ..namespaces import PREFIXES

#: Space and comments between the prologue's declarations; one declaration (PREFIX or BASE).
_SPACE = r"(?:\s|#[^\n]*(?![^\n]))*"  # a comment runs to its line's end: no backtracking into it
_GAP = re.compile(_SPACE)
_DECLARATION = re.compile(rf"PREFIX{_SPACE}([A-Za-z][\w.-]*)?:{_SPACE}<[^<>\s]*>|BASE{_SPACE}<[^<>\s]*>",
                          re.IGNORECASE)
#: What the prefixes in use are looked for outside of: IRIs and strings (an unclosed string runs to its line's end).
_OPAQUE = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?")
_USED = re.compile(r"(?<![\w?$<:/#.-])([A-Za-z][\w.-]*)?:(?=[\w%\\])")
_WHERE = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_ALTERNATIVE = re.compile(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,\s\[\]"][^,\[\]]*')
_TOKEN = re.compile(r"\S+")
#: How many of the parser's alternatives a message names.
SHOWN = 8


def prologue(text: str) -> tuple[set[str], int]:
    """The prefixes the query's prologue declares, and where the prologue ends: in one pass, linear.

    Each position is read once (a check on a request must not take time quadratic in its length).

    >>> names, end = prologue("PREFIX ex: <http://e/> # a note\\nBASE <http://b/>\\nPREFIX : <urn:x#>\\nASK {}")
    >>> sorted(names), end  # sorted: a set's order follows the hash seed
    (['', 'ex'], 67)
    >>> prologue("<" * 10)
    (set(), 0)
    """
    declared: set[str] = set()
    at = 0
    while True:
        at = _GAP.match(text, at).end()
        match = _DECLARATION.match(text, at)
        if not match:
            return declared, at
        if match.group(0)[:1] in "pP":
            declared.add(match.group(1) or "")
        at = match.end()


def declared_prefixes(text: str) -> set[str]:
    """The prefixes a query declares itself (``PREFIX pko: <...>``)."""
    return prologue(text)[0]


def _code(text: str) -> str:
    """The query without its comments (a ``#`` outside IRIs and strings), roughly: whole-line comments."""
    return "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())


def with_prefixes(text: str) -> str:
    """The query with a declaration in front for each prefix of the graph it uses and does not declare."""
    declared = declared_prefixes(text)
    code = _OPAQUE.sub(" ", _code(text))
    used = {match.group(1) or "" for match in _USED.finditer(code)}
    missing = [p for p in PREFIXES if p in used and p not in declared]
    head = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing)
    return head + text


def _token(text: str, line: int, column: int) -> str:
    """The word the parser stopped at or just after (columns count from 1)."""
    lines = text.splitlines() or [""]
    if line > len(lines):  # past the last line (a text ending in a newline): the end of the query
        return ""
    row = lines[min(max(line, 1), len(lines)) - 1]
    at = column - 1
    best = ""
    for match in _TOKEN.finditer(row):
        if match.start() <= at < match.end() and match.start() == at:
            return match.group()[:40]
        if match.start() < at:
            best = match.group()
    return best[:40]


def _alternatives(expected: str) -> list[str]:
    """The alternatives a person can type: keywords and punctuation, not character classes."""
    items = [item.strip() for item in _ALTERNATIVE.findall(expected)]
    return [item for item in items if item and not item.startswith("[") and "Prefix not found" not in item
            and "parsing failed" not in item]


def explain(message: str, token: str) -> str:
    """The reason part of a parser message, in one line."""
    message = " ".join(message.split())
    prefix = re.match(r"([A-Za-z][\w.-]*)?:", token)
    if "Prefix not found" in message and prefix:
        name = prefix.group(1) or ""
        return f"unknown prefix '{name}:' (declare it with PREFIX {name}: <...>)"
    if "IRI parsing failed" in message:
        return f"{token} is not an absolute IRI"
    if message.startswith("expected one of "):
        items = _alternatives(message[len("expected one of "):])
        if not items:
            return "unexpected text"
        more = ", ..." if len(items) > SHOWN else ""
        return "expected one of " + ", ".join(items[:SHOWN]) + more
    return message


def syntax_error(exc: SyntaxError, text: str, source: str = "<query>") -> QueryError:
    """pyoxigraph's syntax error as one line: source, line, column, the word there, what was expected."""
    message = str(exc)
    where = _WHERE.match(message)
    if not where:
        return QueryError(f"{source}: syntax error: {' '.join(message.split())}")
    line, column, rest = int(where.group(1)), int(where.group(2)), where.group(3)
    token = _token(text, line, column)
    at = f", at {token!r}" if token else ", at the end"
    return QueryError(f"{source}: syntax error at line {line}, column {column}{at}: {explain(rest, token)}")
