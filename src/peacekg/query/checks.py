"""Quality checks: the queries of ``queries/checks/``, each of which must return no rows.

This is ROBOT's ``verify`` convention: a check file is named
``<what>-violation.rq``, its header says the **Problem** and the **Solution**,
and every row it returns is one violation.

>>> outcomes = run_checks()
>>> len(outcomes) >= 5, [o.name for o in outcomes if o.result]
(True, [])
"""

from __future__ import annotations

from dataclasses import dataclass

from ..project import Project
from .catalogue import SavedQuery, catalogue
from .results import Result
from .run import run_query


@dataclass(frozen=True)
class CheckOutcome:
    """A check and what it found (its rows are the violations)."""

    query: SavedQuery
    result: Result

    @property
    def name(self) -> str:
        return self.query.name

    @property
    def passed(self) -> bool:
        return len(self.result) == 0


def run_checks(project: Project | None = None, *, store=None, endpoint: str | None = None,
               timeout: float | None = None) -> list[CheckOutcome]:
    """Run every check on the embedded store (or ``store``, or ``endpoint``)."""
    return [CheckOutcome(q, run_query(q, store=store, project=project, endpoint=endpoint, timeout=timeout))
            for q in catalogue(project, checks=True)]
