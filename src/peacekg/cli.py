"""The ``peacekg`` command line: thin commands that call the library and format its result.

Exit codes: 0 success; 1 the data failed a check; 2 bad input (a source file,
a seed, a query, a parameter); 3 something the command needs is missing (Java,
an endpoint).
"""

from __future__ import annotations

import functools
import sys

import click

from .errors import PeacekgError


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="peacekg")
def cli() -> None:
    """peacekg: a knowledge graph of peace-process arguments, every statement anchored in its text."""


@cli.command()
@click.option("--reason/--no-reason", default=True, show_default=True,
              help="Check consistency with HermiT (needs Java).")
@click.option("--shapes/--no-shapes", default=True, show_default=True, help="Validate with the SHACL shapes.")
@click.option("--dry-run", is_flag=True, help="Check everything but write nothing.")
@reports_errors
def build(reason: bool, shapes: bool, dry_run: bool) -> None:
    """Compile graph/*.yaml into graph/*.ttl, validate, and check consistency.

    \b
    Every problem in the sources is reported at once, with file and line, and
    nothing is written unless the whole build succeeds.
    """
    from .build import build as run_build

    result = run_build(reason=reason, shapes=shapes, write=not dry_run)
    steps = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    click.echo(f"built {len(result.outputs)} files, {result.triples} triples ({steps})")
    for path in result.written:
        click.echo(f"  wrote {path.name}")
    for warning in result.warnings:
        click.echo(f"peacekg: warning: {warning}", err=True)


@cli.command()
@reports_errors
def stats() -> None:
    """Counts by class and how statements cover each paragraph of the text."""
    from .stats import compute_stats, format_stats

    click.echo(format_stats(compute_stats()))


# Feature commands live in their own modules (cli_<feature>.py), each adding
# itself here with one line, so that features stay apart.
from .cli_link import register as _register_link; _register_link(cli)  # noqa: E402,E702
from .cli_query import register as _register_query; _register_query(cli)  # noqa: E402,E702
from .cli_serve import register as _register_serve; _register_serve(cli)  # noqa: E402,E702


def main() -> None:  # pragma: no cover - console script entry point
    cli()
