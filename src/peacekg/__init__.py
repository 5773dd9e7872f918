"""peacekg: a knowledge graph of peace-process arguments.

Every statement in the graph is attributed to whoever asserts, proposes,
requests, rejects or reports it, and anchored in the exact words of its text.

>>> import peacekg
>>> peacekg.__version__ != ""
True
"""

from __future__ import annotations

from .errors import (
    EndpointError,
    EnvironmentProblem,
    ExportError,
    PeacekgError,
    Problem,
    QueryError,
    SourceError,
    UnknownQuery,
    ValidationFailed,
)
from .project import Project, find_project



def __getattr__(name: str):
    # __version__ is looked up on first use: importlib.metadata alone costs a
    # plain `peacekg query` tens of milliseconds.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("peacekg")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            return "0+unknown"
    raise AttributeError(f"module 'peacekg' has no attribute {name!r}")


def build(project: Project | None = None, **options):
    """Compile, validate and write the graph (see :func:`peacekg.build.build`)."""
    from .build import build as run_build

    return run_build(project, **options)


__all__ = [
    "EndpointError",
    "EnvironmentProblem",
    "ExportError",
    "PeacekgError",
    "Problem",
    "Project",
    "QueryError",
    "SourceError",
    "UnknownQuery",
    "ValidationFailed",
    "__version__",
    "build",
    "find_project",
]
