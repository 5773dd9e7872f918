"""The saved queries the benchmark runs, read through peacekg's own catalogue API.

Every engine runs the same query text with the same default parameters: the
embedded store and rdflib bind them as terms, the HTTP server gets the text
that ``peacekg query --endpoint`` sends (the query plus a trailing VALUES).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peacekg.queries import SavedQuery, catalogue, load_query
from peacekg.run import bind, values_clause


@dataclass(frozen=True)
class BenchQuery:
    """A saved query with its default parameters bound."""

    saved: SavedQuery
    bindings: dict  #: variable name (without ?) -> pyoxigraph term

    @property
    def name(self) -> str:
        return self.saved.name

    @property
    def text(self) -> str:
        return self.saved.text

    @property
    def one_entity(self) -> bool:
        """A query about one entity: it takes an IRI parameter."""
        return any(p.kind == "iri" for p in self.saved.params)

    @property
    def endpoint_text(self) -> str:
        return self.saved.text + values_clause(self.bindings)


def load_queries(folder: Path | None = None, names: list[str] | None = None) -> list[BenchQuery]:
    """The saved queries of the project (or of ``folder``), with their defaults bound."""
    saved = [load_query(p) for p in sorted(folder.glob("*.rq"))] if folder else catalogue()
    if names:
        saved = [q for q in saved if q.name in names]
    return [BenchQuery(q, bind(q, {})) for q in saved]
