"""The answer to a query: variables and rows, as Python values or RDF terms, in any W3C format.

A :class:`Result` keeps what pyoxigraph gives: the solutions of the embedded
store as they come (read once, on first use), or the W3C results document of
a remote endpoint as it came. It serialises on request, with pyoxigraph's own
serialisers: an answer not yet read is written straight to the format asked
for; one whose rows were read is handed back to pyoxigraph as SPARQL TSV,
whose cells are the terms in pyoxigraph's own N-Triples form, and written
from there. So reading rows costs what iterating the solutions costs, and no
answer is turned into JSON and parsed back unless someone asks for JSON.

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
from collections.abc import Iterator

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


#: Formats pyoxigraph reads back without loss (CSV drops the kinds of terms).
_LOSSLESS = (ResultFormat.JSON, ResultFormat.XML, ResultFormat.TSV)


class Result:
    """Variables and rows of a SELECT answer, or the boolean of an ASK answer.

    ``Result(data)`` reads a W3C results document (SPARQL JSON unless ``fmt``
    says otherwise), as a remote endpoint sends it.
    """

    def __init__(self, data: bytes, fmt: ResultFormat | str = ResultFormat.JSON):
        fmt = ResultFormat(fmt)
        if fmt not in _LOSSLESS:
            raise QueryError(f"a result cannot be read back from {fmt.value}")
        try:
            parsed = parse_query_results(data, format=fmt.sparql_format)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"not a SPARQL {fmt.value} results document: {exc}") from None
        self._kept: tuple[bytes, ResultFormat] | None = (data, fmt)
        self._take(parsed)

    @classmethod
    def from_query(cls, answer: QuerySolutions | QueryBoolean) -> "Result":
        """Take the answer of ``Store.query``; graphs (CONSTRUCT, DESCRIBE) are refused."""
        if not isinstance(answer, (QuerySolutions, QueryBoolean)):
            raise QueryError("only SELECT and ASK queries give rows; use `peacekg export` for graphs")
        result = cls.__new__(cls)
        result._kept = None
        result._take(answer)
        return result

    def _take(self, answer: QuerySolutions | QueryBoolean) -> None:
        self._live: QuerySolutions | None = None
        self._solutions: list | None = None  # pyoxigraph's solutions, read whole: their terms are made on demand
        self._terms: list[tuple] | None = None
        if isinstance(answer, QueryBoolean):
            self.boolean: bool | None = bool(answer)
            self._variables: list[str] | None = []
            self._solutions = self._terms = []
        else:
            self.boolean = None
            self._variables = None  # asked of pyoxigraph when first wanted: it costs a small query a tenth
            self._answer = self._live = answer

    @property
    def variables(self) -> list[str]:
        """The names of the answer's variables, in the order of its SELECT clause."""
        if self._variables is None:
            self._variables = [v.value for v in self._answer.variables]
            self._answer = None
        return self._variables

    @staticmethod
    def json_of(answer: QuerySolutions | QueryBoolean) -> bytes:
        """The answer of ``Store.query`` as SPARQL JSON results, read whole (for a child process, or
        after a SERVICE, whose failure surfaces while the answer is read)."""
        if not isinstance(answer, (QuerySolutions, QueryBoolean)):
            raise QueryError("only SELECT and ASK queries give rows; use `peacekg export` for graphs")
        buffer = io.BytesIO()
        answer.serialize(buffer, format=QueryResultsFormat.JSON)
        return buffer.getvalue()

    # --- rows ----------------------------------------------------------------
    def _read(self) -> list:
        """The solutions, read to the last (the query has then run to its end); their terms stay in pyoxigraph."""
        if self._solutions is None:
            if self._live is None:  # written out before any row was read: read back what was written
                data, fmt = self._kept
                self._live = parse_query_results(data, format=fmt.sparql_format)
            live, self._live = self._live, None
            try:
                self._solutions = list(live)
            except OSError as exc:  # the store failed while the answer was being read
                raise QueryError(f"the query failed while its answer was read: {exc}") from None
        return self._solutions

    @property
    def terms(self) -> list[tuple]:
        """Each row as a tuple of pyoxigraph terms, in the order of :attr:`variables` (None where unbound)."""
        if self._terms is None:
            self._terms = [tuple(solution) for solution in self._read()]
        return self._terms

    @property
    def rows(self) -> list[dict]:
        """Each row as a dict of variable to Python value (None where unbound)."""
        variables = self.variables
        return [dict(zip(variables, map(python_value, row))) for row in self.terms]

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self._read())

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else bool(self._read())

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"<Result ask={self.boolean}>"
        return f"<Result {len(self)} rows: {', '.join(self.variables)}>"

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is imported only here, and not installed by peacekg)."""
        try:
            import pandas
        except ImportError:
            raise QueryError("to_dataframe() needs pandas: pip install pandas") from None
        return pandas.DataFrame(self.rows, columns=self.variables)

    # --- output --------------------------------------------------------------
    def serialize(self, fmt: ResultFormat | str = ResultFormat.JSON) -> bytes:
        """The result in a W3C SPARQL results format (json, xml, csv, tsv), or as a table.

        >>> from pyoxigraph import Store
        >>> result = Result.from_query(Store().query("SELECT ?x WHERE { VALUES ?x { <urn:a> } }"))
        >>> len(result), result.serialize("tsv")
        (1, b'?x\\n<urn:a>\\n')
        """
        fmt = ResultFormat(fmt)
        if fmt is ResultFormat.TABLE:
            return (self.table() + "\n").encode()
        if self._kept and self._kept[1] is fmt:
            return self._kept[0]
        if self._live is not None:  # unread: pyoxigraph writes it straight out, and we keep what it wrote
            live, self._live = self._live, None
            first = fmt if fmt in _LOSSLESS else ResultFormat.JSON
            try:
                self._kept = (live.serialize(format=first.sparql_format), first)
            except OSError as exc:
                raise QueryError(f"the query failed while its answer was read: {exc}") from None
            if first is fmt:
                return self._kept[0]
        return self._reread().serialize(format=fmt.sparql_format)

    def _reread(self) -> QuerySolutions | QueryBoolean:
        """The answer again, as pyoxigraph's own object, from what this result keeps."""
        if self.boolean is not None:
            return parse_query_results(b'{"head":{},"boolean":%s}' % (b"true" if self.boolean else b"false"),
                                       format=QueryResultsFormat.JSON)
        if self._kept:
            data, fmt = self._kept
            return parse_query_results(data, format=fmt.sparql_format)
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in self.terms]
        self._kept = (("\n".join(lines) + "\n").encode(), ResultFormat.TSV)
        return parse_query_results(self._kept[0], format=QueryResultsFormat.TSV)

    def table(self) -> str:
        """An aligned text table with prefixed IRIs; nothing is cut off."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        cells = [[display(t).replace("\n", " ") for t in row] for row in self.terms]
        widths = [max([len(v), 1, *(len(r[i]) for r in cells)]) for i, v in enumerate(self.variables)]
        lines = [self.variables, ["-" * w for w in widths], *cells]
        text = "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)
        return text if self.terms else text + "\n(no rows)"
