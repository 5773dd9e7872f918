"""peacekg: a knowledge graph of peace-process arguments.

Every statement in the graph is attributed to whoever asserts, proposes,
requests, rejects or reports it, and anchored in the exact words of its text.

>>> import peacekg
>>> peacekg.__version__ != ""
True

Ask the graph with a saved query (see ``peacekg.catalogue()``), iterate over
the rows, or turn them into a pandas DataFrame with ``.to_dataframe()``:

>>> result = peacekg.run_query("proposals")
>>> [(r["status"].rsplit("#", 1)[1], r["rejectedByLabel"]) for r in result
...  if r["proposer"].endswith("/russia") and r["mechanism"].endswith("/legal-security-guarantees-for-minorities")]
[('requested', 'United States')]
>>> "proposals" in [q.name for q in peacekg.catalogue()]
True

Parameters are given by name; values are bound as RDF terms:

>>> [r["class"].rsplit("#", 1)[1] for r in peacekg.run_query("find-entity", name="EU")]
['CollectiveSecurityOrganisation']

``peacekg.load()`` gives the graph itself, an in-memory pyoxigraph store:

>>> store = peacekg.load()
>>> bool(store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True))
True
"""

from __future__ import annotations

from .errors import (
    EndpointError,
    EnvironmentProblem,
    ExportError,
    PeacekgError,
    PeacekgWarning,
    Problem,
    QueryError,
    SourceError,
    UnknownQuery,
    ValidationFailed,
)
from .project import Project, find_project


def __getattr__(name: str):
    # The version is looked up on first use: importlib.metadata costs tens of
    # milliseconds, which a plain `peacekg query` should not pay.
    if name == "__version__":
        from .project import package_version

        return package_version()
    if name in ("Result", "ResultFormat"):
        from .query import results

        return getattr(results, name)
    if name == "SavedQuery":
        from .query.catalogue import SavedQuery

        return SavedQuery
    if name == "GraphResult":
        from .query.graphs import GraphResult

        return GraphResult
    raise AttributeError(f"module 'peacekg' has no attribute {name!r}")


def build(project: Project | None = None, **options):
    """Compile, validate and write the graph (see :func:`peacekg.compile.pipeline.build`)."""
    from .compile.pipeline import build as run_build

    return run_build(project, **options)


def load(project: Project | None = None):
    """The graph as an in-memory pyoxigraph store (see :func:`peacekg.query.run.load`)."""
    from .query.run import load as run_load

    return run_load(project)


def run_query(name, /, **options):
    """Run a saved query; returns a :class:`Result` (see :func:`peacekg.query.run.run_query`)."""
    from .query.run import run_query as run

    return run(name, **options)


def run_sparql(text: str, /, **options):
    """Run an ad hoc query; the graph's prefixes need no declaration.

    SELECT and ASK give a :class:`Result`, CONSTRUCT and DESCRIBE a :class:`GraphResult`
    (see :func:`peacekg.query.run.run_sparql`).
    """
    from .query.run import run_sparql as run

    return run(text, **options)


def catalogue(project: Project | None = None, *, checks: bool = False):
    """The saved queries, or the checks (see :func:`peacekg.query.catalogue.catalogue`)."""
    from .query.catalogue import catalogue as queries

    return queries(project, checks=checks)


def get_query(name: str, project: Project | None = None):
    """One saved query by name (see :func:`peacekg.query.catalogue.get_query`)."""
    from .query.catalogue import get_query as get

    return get(name, project)


def export(fmt, out, **options):
    """Write the graph in an RDF format, atomically (see :func:`peacekg.query.export.export`)."""
    from .query.export import export as write

    return write(fmt, out, **options)


__all__ = [
    "EndpointError",
    "EnvironmentProblem",
    "ExportError",
    "GraphResult",
    "PeacekgError",
    "PeacekgWarning",
    "Problem",
    "Project",
    "Result",
    "ResultFormat",
    "SavedQuery",
    "QueryError",
    "SourceError",
    "UnknownQuery",
    "ValidationFailed",
    "__version__",
    "build",
    "catalogue",
    "export",
    "find_project",
    "get_query",
    "load",
    "run_query",
    "run_sparql",
]
