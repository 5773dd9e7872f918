"""The answer to a CONSTRUCT or DESCRIBE query: triples, in any RDF format.

Serialisation is pyoxigraph's, with the graph's prefixes; the triples are
sorted, so the same query gives the same bytes.

>>> from pyoxigraph import Store
>>> answer = GraphResult.from_query(Store().query("CONSTRUCT { <urn:a> <urn:b> 'c' } WHERE {}"))
>>> len(answer), answer.boolean
(1, None)
>>> answer.serialize("ntriples")
b'<urn:a> <urn:b> "c" .\\n'
>>> print(answer.table())
subject  predicate  object
-------  ---------  ------
<urn:a>  <urn:b>    c
"""

from __future__ import annotations

from typing import Iterable, Iterator

from pyoxigraph import QueryTriples, RdfFormat, Triple, parse, serialize

from ..errors import EndpointError
from ..namespaces import PREFIXES
from .export import ExportFormat
from .terms import display

#: A graph has no rows: what ``Result`` calls variables are the three positions of a triple.
POSITIONS = ("subject", "predicate", "object")


class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE answer."""

    boolean = None
    variables = list(POSITIONS)

    def __init__(self, triples: Iterable[Triple]):
        self.triples: list[Triple] = sorted(set(triples), key=str)

    @classmethod
    def from_query(cls, answer: QueryTriples) -> "GraphResult":
        return cls(answer)

    @classmethod
    def from_bytes(cls, data: bytes, media_type: str, *, source: str = "the endpoint") -> "GraphResult":
        """Parse a server's answer; ``media_type`` says its format (Turtle when unknown)."""
        fmt = RdfFormat.from_media_type(media_type.split(";")[0].strip()) or RdfFormat.TURTLE
        try:
            return cls(parse(data, format=fmt))
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{source}: the answer is not RDF ({fmt.name}): {exc}") from None

    @property
    def terms(self) -> list[tuple]:
        """Each triple as (subject, predicate, object), as ``Result.terms`` gives rows."""
        return [(t.subject, t.predicate, t.object) for t in self.triples]

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def __bool__(self) -> bool:
        return bool(self.triples)

    def __repr__(self) -> str:
        return f"<GraphResult {len(self.triples)} triples>"

    def serialize(self, fmt: ExportFormat | str = ExportFormat.TURTLE) -> bytes:
        """The triples in an RDF format: turtle, ntriples, nquads, trig, jsonld or xml (RDF/XML)."""
        return serialize(self.triples, format=ExportFormat(fmt).rdf_format, prefixes=PREFIXES)

    def table(self) -> str:
        """Subject, predicate and object of each triple, aligned."""
        cells = [[display(t).replace("\n", " ") for t in row] for row in self.terms]
        widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(POSITIONS)]
        lines = [list(POSITIONS), ["-" * w for w in widths], *cells]
        text = "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)
        return text if self.triples else text + "\n(no triples)"
