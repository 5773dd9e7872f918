"""What every command shares: turning a library error into its message and exit code.

Exit codes: 0 success; 1 the data failed a check; 2 bad input (a source file,
a seed, a query, a parameter); 3 something the command needs is missing (Java,
an endpoint).
"""

from __future__ import annotations

import functools
import sys

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
