"""The answer to a query: variables and rows, as Python values or RDF terms, in any W3C format.

A :class:`Result` keeps the answer as W3C SPARQL JSON results, written and
read by pyoxigraph's own serialisers, so the same object comes from the
embedded store and from a remote endpoint, and turns into the JSON, XML, CSV
or TSV results formats without code of ours.

>>> from pyoxigraph import Store
>>> result = Result.from_query(Store().query("SELECT ?n ?s WHERE { VALUES (?n ?s) { (1 'one') (2 'two') } }"))
>>> result.variables
['n', 's']
>>> [row["n"] for row in result]
[1, 2]
>>> result.serialize("csv").decode().splitlines()
['n,s', '1,one', '2,two']
>>> print(result.table())
n  s
-  ---
1  one
2  two
"""

from __future__ import annotations

import io
from enum import Enum
from typing import Iterator

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, parse_query_results

from ..errors import QueryError
from .terms import display, python_value


class ResultFormat(str, Enum):
    """Formats a result prints in: a table for people, or a W3C SPARQL results format."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    XML = "xml"

    @property
    def sparql_format(self) -> QueryResultsFormat:
        return getattr(QueryResultsFormat, self.name)


class Result:
    """Variables and rows of a SELECT answer, or the boolean of an ASK answer."""

    def __init__(self, data: bytes):
        self._json = data
        parsed = parse_query_results(data, format=QueryResultsFormat.JSON)
        if isinstance(parsed, QueryBoolean):
            self.boolean: bool | None = bool(parsed)
            self.variables: list[str] = []
            self.terms: list[tuple] = []
        else:
            self.boolean = None
            self.variables = [v.value for v in parsed.variables]
            self.terms = [tuple(solution[v] for v in self.variables) for solution in parsed]

    @classmethod
    def from_query(cls, answer: QuerySolutions | QueryBoolean) -> "Result":
        """Take the answer of ``Store.query``; graphs (CONSTRUCT, DESCRIBE) are refused."""
        if not isinstance(answer, (QuerySolutions, QueryBoolean)):
            raise QueryError("only SELECT and ASK queries give rows; use `peacekg export` for graphs")
        return cls(cls.json_of(answer))

    @staticmethod
    def json_of(answer: QuerySolutions | QueryBoolean) -> bytes:
        """The answer of ``Store.query`` as SPARQL JSON results (graphs refused, as above)."""
        if not isinstance(answer, (QuerySolutions, QueryBoolean)):
            raise QueryError("only SELECT and ASK queries give rows; use `peacekg export` for graphs")
        buffer = io.BytesIO()
        answer.serialize(buffer, format=QueryResultsFormat.JSON)
        return buffer.getvalue()

    # --- rows ----------------------------------------------------------------
    @property
    def rows(self) -> list[dict]:
        """Each row as a dict of variable to Python value (None where unbound)."""
        return [dict(zip(self.variables, map(python_value, row))) for row in self.terms]

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.terms)

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else bool(self.terms)

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"<Result ask={self.boolean}>"
        return f"<Result {len(self.terms)} rows: {', '.join(self.variables)}>"

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is imported only here, and not installed by peacekg)."""
        try:
            import pandas
        except ImportError:
            raise QueryError("to_dataframe() needs pandas: pip install pandas") from None
        return pandas.DataFrame(self.rows, columns=self.variables)

    # --- output --------------------------------------------------------------
    def serialize(self, fmt: ResultFormat | str = ResultFormat.JSON) -> bytes:
        """The result in a W3C SPARQL results format (json, xml, csv, tsv), or as a table."""
        fmt = ResultFormat(fmt)
        if fmt is ResultFormat.TABLE:
            return (self.table() + "\n").encode()
        if fmt is ResultFormat.JSON:
            return self._json
        buffer = io.BytesIO()
        parsed = parse_query_results(self._json, format=QueryResultsFormat.JSON)
        parsed.serialize(buffer, format=fmt.sparql_format)
        return buffer.getvalue()

    def table(self) -> str:
        """An aligned text table with prefixed IRIs; nothing is cut off."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        cells = [[display(t).replace("\n", " ") for t in row] for row in self.terms]
        widths = [max([len(v), 1, *(len(r[i]) for r in cells)]) for i, v in enumerate(self.variables)]
        lines = [self.variables, ["-" * w for w in widths], *cells]
        text = "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)
        return text if self.terms else text + "\n(no rows)"
