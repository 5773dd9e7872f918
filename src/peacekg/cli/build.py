"""``peacekg build`` (compile, validate, write) and ``peacekg stats`` (coverage of the texts)."""

from __future__ import annotations

import click

from .common import reports_errors


def register(cli: click.Group) -> None:
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
        from ..compile.counts import summary
        from ..compile.pipeline import build as run_build

        result = run_build(reason=reason, shapes=shapes, write=not dry_run)
        steps = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        files = f"{len(result.outputs)} file{'s' if len(result.outputs) != 1 else ''}"
        if dry_run:
            click.echo(f"checked {files}: {summary(result.counts)} ({steps}); nothing written (--dry-run)")
        else:
            click.echo(f"built {files}: {summary(result.counts)} ({steps})")
        for path in result.written:
            click.echo(f"  wrote {path.name}")
        for path in result.removed:
            click.echo(f"  removed {path.name}: its document is no longer in the sources")
        if not shapes:
            click.echo("  skipped: SHACL validation (--no-shapes)")
        if not reason:
            click.echo("  skipped: the consistency check with HermiT (--no-reason)")
        for warning in result.warnings:
            click.echo(f"peacekg: warning: {warning}", err=True)

    @cli.command()
    @reports_errors
    def stats() -> None:
        """Counts by class and how statements cover each paragraph of the text."""
        from ..query.stats import compute_stats, format_stats

        click.echo(format_stats(compute_stats()))
