"""Typed errors of peacekg. The library raises these; the CLI maps them to exit codes.

Exit codes (see README): 0 success, 1 the data failed a check (shapes, consistency,
a quality query returned rows), 2 bad input (a source file, a seed, a query, a
parameter), 3 the environment is missing something (Java, an endpoint).
"""

from __future__ import annotations

from collections import namedtuple


class PeacekgError(Exception):
    """Base class of every error peacekg raises on purpose."""

    exit_code = 2


class Problem(namedtuple("Problem", "path line message")):
    """One problem found in a source file (``path``, ``line``, ``message``), ordered by them in turn.

    A named tuple of :mod:`collections`, not a dataclass nor a ``typing.NamedTuple``:
    dataclasses import ``inspect``, and typing takes milliseconds to import, which a
    plain ``peacekg query`` should not pay for (tests/test_query_cli.py).
    """

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class SourceError(PeacekgError):
    """The curated sources have problems; every one found in the run is listed."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the sources; nothing was written"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class ValidationFailed(PeacekgError):
    """The compiled graph does not conform to the shapes, or is inconsistent.

    ``results`` holds the shapes' findings, each a dict with ``focus``, ``path`` and
    ``component`` (IRIs as text or None) and ``message``, for a caller that says them
    next to the field they concern (the curation form)."""

    exit_code = 1

    def __init__(self, message: str, results: list[dict] | None = None):
        super().__init__(message)
        self.results = results or []


class EnvironmentProblem(PeacekgError):
    """Something the command needs is missing from the machine (Java, a server)."""

    exit_code = 3


class QueryError(PeacekgError):
    """A query could not be found, parsed, bound or run."""

    exit_code = 2


class UnknownQuery(QueryError):
    """No saved query has that name."""


class EndpointError(PeacekgError):
    """A remote SPARQL endpoint could not be reached, or answered with an error."""

    exit_code = 3


class ExportError(PeacekgError):
    """An export could not be written."""

    exit_code = 2


class OutputError(PeacekgError):
    """An output could not be written: a full disk, a read-only folder (exit 3), or a
    destination leaving the project through a symlink (exit 2)."""

    exit_code = 3

    def __init__(self, message: str, *, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class IncompleteBuild(PeacekgError):
    """graph/ holds a build's journal: a build is replacing its files, or was stopped doing so."""

    exit_code = 3


class UpdateRefused(QueryError):
    """The text is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...): peacekg answers queries only."""


class ServiceRefused(PeacekgError):
    """The query calls a remote SERVICE and outside requests were not allowed (``--allow-service``)."""

    exit_code = 2


class ServerBusy(PeacekgError):
    """The server cannot take the query now (every worker busy, or the one running it was lost);
    answered 503 with ``Retry-After``."""

    exit_code = 3
    retry_after = 1


class QueryTimeout(QueryError):
    """A query ran past the time limit set for it (``--timeout``), and was stopped.

    >>> str(QueryTimeout.after(5))
    'the query ran past the time limit of 5 s and was stopped: add a LIMIT, narrow it, or allow more time'
    """

    @classmethod
    def after(cls, seconds: float) -> "QueryTimeout":
        """The same message on the command line, in Python and on a server."""
        return cls(f"the query ran past the time limit of {seconds:g} s and was stopped: "
                   "add a LIMIT, narrow it, or allow more time")


class ResultTooLarge(QueryError):
    """A query's result has more rows or triples than the limit set for it."""


class CurationError(PeacekgError):
    """A curation write (``peacekg add``, an accepted suggestion, a save in ``serve --curate``)
    was refused; no file was changed. ``fields`` are (field, words) pairs: what a form shows
    next to each field."""

    exit_code = 2

    def __init__(self, message: str, fields: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.fields = fields or []


class ExtractorUnavailable(PeacekgError):
    """The extractor or the spaCy pipeline asked for is not installed (nothing is downloaded)."""

    exit_code = 2


class PeacekgWarning(UserWarning):
    """Something a user probably did not mean, though not an error (a value that names nothing)."""
