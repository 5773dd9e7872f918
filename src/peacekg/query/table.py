"""An answer as a table for people: labels rather than IRIs, columns that fit the terminal.

As Wikidata's label service does: a column ``x`` with a sibling ``xLabel``
shows the label (the ``xLabel`` column goes); an IRI without a label column
gets its label from the graph (``labels``, IRI -> label); a statement node
shows its short id, which ``--param statement`` takes; where two different
IRIs of a column have the same label, each gets its prefixed id beside it.
Literals show their plain value (``16``, not ``"16"^^xsd:integer``). A
column whose cells repeat another's on every row is left out, and so is an
empty one (the footer names it) unless ``columns`` asks for it; when the
columns do not all fit ``width`` at their natural widths, so is a column with
the same cell on every row (the footer gives it: "document carment-belo-ukraine"). Columns wider
than their share of ``width`` wrap at word boundaries (long quotes first); rows
that wrap are set apart by a blank line. An id, an IRI or any one-word value is
never split across lines: its column keeps its width when the table can, and
where it cannot the value is cut with an ellipsis, which the footer says (with
``--columns`` or ``--format csv`` to see it whole). Integers are grouped by
thousands (``100,000,000,000``). ``iris=True`` shows prefixed IRIs instead of
labels. The W3C formats (CSV, TSV, JSON, XML) are not touched by any of this.

>>> from pyoxigraph import Store
>>> result = Store().query('''SELECT ?who ?whoLabel ?quote WHERE { VALUES (?who ?whoLabel ?quote) {
...   (<https://w3id.org/peacekg/id/russia> "Russia" "a long quote that will not fit in the width given")
...   (<https://w3id.org/peacekg/id/nato> UNDEF "short") } }''')
>>> from peacekg.query.results import Result
>>> answer = Result.from_query(result)
>>> print(render(answer, width=30, labels={"https://w3id.org/peacekg/id/nato": "NATO"}.get))
who     quote
------  ----------------------
Russia  a long quote that will
        not fit in the width
        given
<BLANKLINE>
NATO    short
>>> print(render(answer, width=80, iris=True, columns=["who"]))
who         whoLabel
----------  --------
pkr:russia  Russia
pkr:nato
>>> ids = Result.from_query(Store().query('''SELECT ?statement ?n WHERE { VALUES (?statement ?n) {
...   (<https://w3id.org/peacekg/statement/p20-negotiated-settlement-needed> 100000000000) } }'''))
>>> print(render(ids, width=36))
statement            n
-------------------  ---------------
p20-negotiated-set…  100,000,000,000
(1 value cut short with …:
statement; --columns statement or
--format csv shows it whole)
"""

from __future__ import annotations

import difflib
import textwrap
from typing import Callable, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode

from ..errors import QueryError
from ..namespaces import DOC, PKE, PKS, XSD
from .terms import compact

#: The columns' separator.
GAP = "  "
#: A column is not squeezed below this width (or its header's, or its widest cell's if narrower).
MIN_WIDTH = 10
#: Columns whose text is prose: they give up width first.
PROSE = ("quote", "summary", "description", "comment", "exact", "prefix", "suffix", "note")
#: A prose column may be this many times as wide as the others when they must wrap.
PROSE_WEIGHT = 3

Labels = Callable[[str], "str | None"]
#: What marks a value cut short to fit its column.
ELLIPSIS = "…"
_INTEGERS = {XSD + t for t in ("integer", "positiveInteger", "nonNegativeInteger", "negativeInteger",
                               "nonPositiveInteger", "int", "long", "short", "unsignedInt", "unsignedLong")}


def _number(term: Literal) -> str | None:
    """An integer or decimal grouped by thousands (``100,000,000,000``), else None.

    >>> _number(Literal("1234567.50", datatype=NamedNode(XSD + "decimal"))), _number(Literal("2014"))
    ('1,234,567.50', None)
    """
    datatype = term.datatype.value
    if datatype not in _INTEGERS and datatype != XSD + "decimal":
        return None
    whole, dot, fraction = term.value.strip().partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("+-")
    if not digits.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return f"{sign}{int(digits):,}{dot}{fraction}"


def _plain(term, iris: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return _number(term) or " ".join(term.value.split())
    return str(term)


def _whole(text: str) -> bool:
    """A value never split across lines: one word (an id, an IRI, a number, a date)."""
    return bool(text) and not any(c.isspace() for c in text)


def _short_id(iri: str) -> str | None:
    for namespace in (PKS, PKE, DOC):
        if iri.startswith(namespace):
            return iri[len(namespace):]
    return None


def _column(values: list, given: list, labels: Labels | None) -> list[str]:
    """The cells of one column: the given labels, else the graph's, else a short or prefixed id."""
    cells, by_label = [], {}
    for term, label in zip(values, given):
        if isinstance(term, NamedNode):
            text = label.value if isinstance(label, Literal) else None
            short = _short_id(term.value)
            if text is None and short is None and labels is not None:
                text = labels(term.value)
            text = " ".join(text.split()) if text else (short or compact(term.value))
            by_label.setdefault(text, set()).add(term.value)
            cells.append((text, term.value))
        else:
            cells.append((_plain(term, False), None))
    clashes = {text for text, iris in by_label.items() if len(iris) > 1}
    return [f"{text} ({compact(iri)})" if iri and text in clashes else text for text, iri in cells]


def _layout(variables: list[str], terms: list[tuple], iris: bool, labels: Labels | None) -> tuple[list, list]:
    """The columns shown and their cells, after merging ``x``/``xLabel`` pairs."""
    index = {v: i for i, v in enumerate(variables)}
    shown, columns = [], []
    for i, name in enumerate(variables):
        base = name[:-len("Label")] if name.endswith("Label") else None
        if not iris and base in index:
            continue  # shown in its IRI's column
        values = [row[i] for row in terms]
        if iris:
            cells = [_plain(t, True) for t in values]
        else:
            sibling = index.get(name + "Label")
            given = [row[sibling] for row in terms] if sibling is not None else [None] * len(terms)
            cells = _column(values, given, labels)
        if not iris and any(cells) and any(cells == other for other in columns):
            continue  # the same cells as a column already shown
        shown.append(name)
        columns.append(cells)
    return shown, columns


def _widths(headers: list[str], columns: list[list[str]], width: int | None) -> list[int]:
    natural = [max([len(h), 1, *map(len, cells)]) for h, cells in zip(headers, columns)]
    if width is None:
        return natural
    room = width - len(GAP) * (len(headers) - 1)
    if sum(natural) <= room:
        return natural
    plain = [min(n, max(MIN_WIDTH, len(h))) for n, h in zip(natural, headers)]
    while sum(plain) > room and max(plain) > 4:  # many columns: the widest floors give way, one at a time
        plain[plain.index(max(plain))] -= 1
    floor, spare = list(plain), room - sum(plain)
    # Room for the longest word of each column: first the values never split (ids, IRIs, numbers),
    # then the words of prose; within each, the shorter first, so the longest is the one cut.
    for unsplit in (True, False):
        words = [min(n, max(p, _widest_word(cells, unsplit))) for n, p, cells in zip(natural, plain, columns)]
        for i in sorted(range(len(words)), key=lambda i: words[i]):
            extra = max(0, min(words[i] - floor[i], spare))
            floor[i] += extra
            spare -= extra
    weight = [PROSE_WEIGHT if any(h.lower().endswith(p) for p in PROSE) else 1 for h in headers]

    def capped(cap: int) -> list[int]:
        return [max(f, min(n, cap * w)) for f, n, w in zip(floor, natural, weight)]

    low, high = 1, max(natural)  # the widest cap that fits: every column at most cap (prose twice that)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if sum(capped(middle)) <= room else (low, middle - 1)
    widths = capped(low)
    spare = room - sum(widths)  # what rounding left: to the prose, then to any column still wrapping
    for i in sorted(range(len(widths)), key=lambda i: (-weight[i], i)):
        extra = min(spare, natural[i] - widths[i]) if spare > 0 else 0
        widths[i] += extra
        spare -= extra
    return widths


def _widest_word(cells: list[str], unsplit: bool) -> int:
    """The longest one-word value of the column (``unsplit``), or its longest word."""
    if unsplit:
        return max([len(c) for c in cells if _whole(c)] or [0])
    return max([len(word) for c in cells for word in c.split()] or [0])


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken at spaces only.

    A one-word value (an id, an IRI, a number) or an IRI within prose that is too
    long for the column is cut with an ellipsis, never split across lines; only a
    long word of prose is broken where the column ends.
    """
    if len(text) <= width:
        return [text]
    if _whole(text):
        return [text[:max(width - 1, 0)] + ELLIPSIS]
    words = []
    for word in text.split():
        if len(word) <= width:
            words.append(word)
        elif ":" in word or "/" in word:  # an IRI or a prefixed name quoted in prose
            words.append(word[:max(width - 1, 0)] + ELLIPSIS)
        else:
            words += [word[i:i + width] for i in range(0, len(word), width)]
    return textwrap.wrap(" ".join(words), width=width, break_long_words=False, break_on_hyphens=False) or [""]


def pick_columns(variables: list[str], wanted: Sequence[str]) -> list[int]:
    """The indexes of the ``--columns`` asked for (``x`` or ``xLabel``); an unknown name is an error."""
    chosen = []
    for name in wanted:
        if name not in variables:
            close = difflib.get_close_matches(name, variables, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise QueryError(f"--columns: no column {name!r} (the columns: {', '.join(variables)}){hint}")
        chosen.append(variables.index(name))
        if name + "Label" in variables:
            chosen.append(variables.index(name + "Label"))
    return list(dict.fromkeys(chosen))


def render(result, *, width: int | None = 160, iris: bool = False, columns: Sequence[str] | None = None,
           limit: int | None = None, labels: Labels | None = None) -> str:
    """``result`` (anything with ``variables``, ``terms`` and ``boolean``) as an aligned text table."""
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    variables, terms = list(result.variables), list(result.terms)
    if columns:
        keep = pick_columns(variables, columns)
        variables, terms = [variables[i] for i in keep], [tuple(row[i] for i in keep) for row in terms]
    total = len(terms)
    if limit is not None:
        terms = terms[:limit]
    headers, cells = _layout(variables, terms, iris, labels)
    empty = [h for h, column in zip(headers, cells) if terms and not any(column)] if not columns else []
    if empty:  # a column with nothing in it takes room and says nothing
        kept = [i for i, h in enumerate(headers) if h not in empty]
        headers, cells = [headers[i] for i in kept], [cells[i] for i in kept]
    same = _constant(headers, cells, width) if not columns and len(terms) > 1 else []
    if same:  # the same cell on every row, said once in the footer rather than on each row
        kept = [i for i, h in enumerate(headers) if h not in dict(same)]
        headers, cells = [headers[i] for i in kept], [cells[i] for i in kept]
    widths = _widths(headers, cells, width)
    rows = [[_wrap(column[r], w) for column, w in zip(cells, widths)] for r in range(len(terms))]
    cut = {}
    for row in rows:
        for header, cell in zip(headers, row):
            cut[header] = cut.get(header, 0) + sum(line.endswith(ELLIPSIS) for line in cell)
    cut = {h: n for h, n in cut.items() if n}
    tall = any(len(cell) > 1 for row in rows for cell in row)
    lines = [GAP.join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(),
             GAP.join("-" * w for w in widths)]
    for number, row in enumerate(rows):
        if tall and number:
            lines.append("")
        for k in range(max([1, *map(len, row)])):
            lines.append(GAP.join((cell[k] if k < len(cell) else "").ljust(w)
                                  for cell, w in zip(row, widths)).rstrip())
    if not total:
        lines.append("(no rows)")
    elif len(terms) < total:
        lines.append(f"({len(terms)} of {total} rows shown)")
    if empty:
        lines.append(f"(empty column{'s' if len(empty) > 1 else ''} left out: {', '.join(empty)})")
    if cut:
        n = sum(cut.values())
        names = ", ".join(cut)
        note = (f"({n:,} value{'s' if n > 1 else ''} cut short with {ELLIPSIS}: {names}; "
                f"--columns {','.join(cut)} or --format csv shows {'them' if n > 1 else 'it'} whole)")
        lines += textwrap.wrap(note, width=width, break_long_words=False) if width else [note]
    if same:
        note = f"(the same on every row, left out: {', '.join(f'{h} {v}' for h, v in same)})"
        lines.extend(textwrap.wrap(note, width=width or len(note), break_long_words=True))
    return "\n".join(lines)


def _constant(headers: list[str], cells: list[list[str]], width: int | None) -> list[tuple[str, str]]:
    """(header, cell) of each column with one cell on every row, when the columns do not all fit
    ``width`` at their natural widths (some would wrap or be cut); none otherwise.

    >>> columns = [["carment-belo-ukraine"] * 2, ["russia", "nato"]]
    >>> _constant(["document", "agent"], columns, 40), _constant(["document", "agent"], columns, 25)
    ([], [('document', 'carment-belo-ukraine')])
    """
    if width is None:
        return []
    natural = sum(max([len(h), 1, *map(len, c)]) for h, c in zip(headers, cells))
    if natural + len(GAP) * (len(headers) - 1) <= width:
        return []
    return [(h, c[0]) for h, c in zip(headers, cells) if c and len(set(c)) == 1]
