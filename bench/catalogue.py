"""The saved queries the benchmark runs, read through peacekg's own catalogue API.

Every engine runs the same text with the same default parameters: the text
peacekg itself runs, on its embedded store and on an endpoint alike, the saved
query with a VALUES clause that binds each parameter to its term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from peacekg.namespaces import PKR, PKS
from peacekg.query.catalogue import SavedQuery, catalogue, load_query
from peacekg.query.run import bind, bound_text, values_clause


@dataclass(frozen=True)
class BenchQuery:
    """A saved query with its default parameters bound."""

    saved: SavedQuery
    bindings: dict  #: variable name (without ?) -> pyoxigraph term

    @property
    def name(self) -> str:
        return self.saved.name

    @property
    def federated(self) -> bool:
        """It asks a remote service (SERVICE): not run here, where there is no network."""
        return bool(re.search(r"^[^#\n]*\bSERVICE\s*<", self.saved.text, re.MULTILINE | re.IGNORECASE))

    @property
    def text(self) -> str:
        """The query as peacekg runs it: a VALUES clause of the parameters opens its WHERE group."""
        return bound_text(self.saved.text, self.bindings)

    @property
    def one_entity(self) -> bool:
        """A query about one entity or statement: an IRI parameter whose default is one (not a class)."""
        return any(getattr(term, "value", "").startswith((PKR, PKS)) for term in self.bindings.values()
                   if type(term).__name__ == "NamedNode")


    @property
    def trailing_text(self) -> str:
        """For comparison: the parameters in a VALUES clause trailing the query (peacekg's binding before)."""
        return self.saved.text + values_clause(self.bindings)


def load_queries(folder: Path | None = None, names: list[str] | None = None, *,
                 federated: bool = False) -> list[BenchQuery]:
    """The saved queries of the project (or of ``folder``), with their defaults bound.

    Federated queries (SERVICE) are left out unless ``federated`` is true.
    """
    saved = [load_query(p) for p in sorted(folder.glob("*.rq"))] if folder else catalogue()
    if names:
        saved = [q for q in saved if q.name in names]
    queries = [BenchQuery(q, bind(q, {})) for q in saved]
    return [q for q in queries if federated or not q.federated]
