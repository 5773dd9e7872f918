"""Printing an answer: a table for people, a W3C results format, or an RDF format for a graph.

No click here: :mod:`.fast` prints ``peacekg query`` with it without importing click,
and :mod:`.query` with it under click, so both print the same bytes.
"""

from __future__ import annotations

import sys

FORMATS = ["table", "csv", "tsv", "json", "xml"]
EXPORT_FORMATS = ["turtle", "ntriples", "nquads", "trig", "jsonld", "xml"]
GRAPH_FORMATS = ["turtle", "ntriples", "nquads", "trig", "jsonld"]


def _width() -> int:
    """The terminal's width (``COLUMNS`` if set); 160 when the output is not a terminal."""
    import shutil

    return shutil.get_terminal_size((160, 24)).columns


def print_result(result, fmt: str | None, *, iris: bool = False, columns: str | None = None, limit: int | None = None,
           endpoint: str | None = None, timeout: float = 30.0) -> None:
    from ..errors import QueryError
    from ..query.results import Result

    graph = not isinstance(result, Result)  # a GraphResult: not imported for rows (it imports the exporters)
    if fmt is None:
        fmt = "turtle" if graph else "table"
    if fmt == "table":
        from ..query.table import render

        labels = None
        if not iris:
            from ..query.labels import graph_labels
            from pyoxigraph import NamedNode

            found = graph_labels({t.value for row in result.terms for t in row if isinstance(t, NamedNode)},
                                 endpoint=endpoint, timeout=timeout)
            labels = found.get
        wanted = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
        sys.stdout.write(render(result, width=_width(), iris=iris, columns=wanted, limit=limit, labels=labels) + "\n")
        sys.stdout.flush()
        return
    if graph:
        fmt = {"json": "jsonld"}.get(fmt, fmt)
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE answer is a graph: --format table, "
                             f"{', '.join(EXPORT_FORMATS)} (xml is RDF/XML), not {fmt}")
    elif fmt not in FORMATS:
        raise QueryError(f"a SELECT or ASK answer has rows: --format {', '.join(FORMATS)}, not {fmt} "
                         "(RDF formats are for CONSTRUCT and DESCRIBE)")
    sys.stdout.buffer.write(result.serialize(fmt))
    sys.stdout.buffer.flush()
