"""An answer as a table for people: labels rather than IRIs, columns that fit the terminal.

As Wikidata's label service does: a column ``x`` with a sibling ``xLabel``
shows the label (the ``xLabel`` column goes); an IRI without a label column
gets its label from the graph (``labels``, IRI -> label); a statement node
shows its short id, which ``--param statement`` takes; where two different
IRIs of a column have the same label, each gets its prefixed id beside it.
Literals show their plain value (``16``, not ``"16"^^xsd:integer``). A
column whose cells repeat another's on every row is left out, and so is an
empty one (the footer names it) unless ``columns`` asks for it; when the
columns cannot all fit ``width`` even squeezed, so is a column with the same
cell on every row (the footer gives it: "document carment-belo-ukraine"). Columns wider
than their share of ``width`` wrap (long quotes first); rows that wrap are set
apart by a blank line. ``iris=True`` shows prefixed IRIs instead of labels.
The W3C formats are not touched by any of this.

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
"""

from __future__ import annotations

import difflib
import textwrap
from typing import Callable, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode

from ..errors import QueryError
from ..namespaces import DOC, PKE, PKS
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


def _plain(term, iris: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return " ".join(term.value.split())
    return str(term)


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
    floor = [min(n, max(MIN_WIDTH, len(h))) for n, h in zip(natural, headers)]
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


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]


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
    if same:
        note = f"(the same on every row, left out: {', '.join(f'{h} {v}' for h, v in same)})"
        lines.extend(textwrap.wrap(note, width=width or len(note), break_long_words=True))
    return "\n".join(lines)


def _constant(headers: list[str], cells: list[list[str]], width: int | None) -> list[tuple[str, str]]:
    """(header, cell) of each column with one cell on every row, when the columns, each at its
    narrowest, do not fit ``width``; none otherwise.

    >>> columns = [["carment-belo-ukraine"] * 2, ["russia", "nato"]]
    >>> _constant(["document", "agent"], columns, 40), _constant(["document", "agent"], columns, 15)
    ([], [('document', 'carment-belo-ukraine')])
    """
    if width is None:
        return []
    narrowest = sum(min(max([len(h), 1, *map(len, c)]), max(MIN_WIDTH, len(h))) for h, c in zip(headers, cells))
    if narrowest + len(GAP) * (len(headers) - 1) <= width:
        return []
    return [(h, c[0]) for h, c in zip(headers, cells) if c and len(set(c)) == 1]
