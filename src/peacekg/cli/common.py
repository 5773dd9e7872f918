"""What every command shares: turning a library error into its message and exit code.

Exit codes: 0 success; 1 the data failed a check; 2 bad input (a source file,
a seed, a query, a parameter); 3 something the command needs is missing (Java,
an endpoint).
"""

from __future__ import annotations

import contextlib
import functools
import sys
import warnings

import click

from ..errors import PeacekgError


def reports_errors(command):
    """Turn a library error into its message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except PeacekgError as exc:
            click.echo(f"peacekg: error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


@contextlib.contextmanager
def warnings_to_stderr():
    """Show the library's :class:`~peacekg.errors.PeacekgWarning` as ``peacekg: warning: ...`` lines."""
    from ..errors import PeacekgWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PeacekgWarning)
        try:
            yield
        finally:
            for warning in caught:
                if issubclass(warning.category, PeacekgWarning):
                    click.echo(f"peacekg: warning: {warning.message}", err=True)
                else:
                    warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
