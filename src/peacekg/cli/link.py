"""``peacekg link``: propose, check and refresh the links to Wikidata."""

from __future__ import annotations

import sys

import click

from .common import reports_errors

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"


def _progress(length: int, label: str, show: bool):
    """A click progress bar (to stderr), or a do-nothing stand-in."""
    if show:
        return click.progressbar(length=length, label=label, file=sys.stderr)

    class _Quiet:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def update(self, n):
            pass

    return _Quiet()


@click.command()
@click.option("--check", "mode", flag_value="check", help="Verify the curated links against the endpoint and report drift.")
@click.option("--check-local", "mode", flag_value="check-local", help="Offline checks of the curated links only.")
@click.option("--refresh-cache", "mode", flag_value="refresh-cache",
              help="Fetch the linked items' facts into graph/wikidata.ttl.")
@click.option("--endpoint", default=DEFAULT_ENDPOINT, show_default=True, help="SPARQL endpoint URL.")
@click.option("--entity", "only", multiple=True, metavar="ID", help="Reconcile only these entities (repeatable).")
@click.option("--batch-size", type=click.IntRange(1, 200), default=20, show_default=True,
              help="Names (or items) per request.")
@click.option("--limit", type=click.IntRange(1, 20), default=3, show_default=True, help="Candidates kept per entity.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=60.0, show_default=True,
              help="Seconds to wait for an answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=4, show_default=True,
              help="Retries after 429 or 503.")
@click.option("--max-wait", type=click.FloatRange(0, 3600), default=120.0, show_default=True,
              help="Longest pause accepted from Retry-After, in seconds.")
@click.option("--contact", envvar="PEACEKG_CONTACT", help="Contact (e-mail or URL) for the User-Agent, as Wikimedia asks.")
@click.option("--language", default="en", show_default=True, help="Language of labels to match and keep.")
@click.option("--strict-type", is_flag=True,
              help="Drop candidates whose kind (P31) does not fit the entity's class, instead of ranking them low.")
@click.option("--fresh", is_flag=True, help="Forget batches fetched by earlier runs and ask again.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
@reports_errors
def link(mode, endpoint, only, batch_size, limit, timeout, retries, max_wait, contact, language, strict_type, fresh,
         progress):
    """Propose Wikidata candidates for unlinked entities, or check the curated links.

    \b
    Without an option: ask the endpoint for candidates for every entity that has
    no curated link (by label and alias, scored by name and type) and write them
    to graph/links/candidates.sssom.tsv for a curator; the curated
    graph/links/wikidata.sssom.tsv is never changed. Batches answered before an
    interruption are kept in .peacekg-cache/ and not asked again.
    """
    from ..project import find_project
    from ..wikidata import run
    from ..wikidata.client import SparqlClient

    project = find_project()
    if mode == "check-local":
        rows = run.check_offline(project)
        click.echo(f"{rows} mapping rows: no problems")
        return
    client = SparqlClient(endpoint, timeout=timeout, retries=retries, max_wait=max_wait, contact=contact,
                          cache_dir=run.cache_dir(project))
    if mode == "check":
        mset, _ = run.load_links(project)
        with _progress(sum(1 for m in mset.mappings if m.qid), "checking links", progress) as bar:
            checked, drifts = run.check(project, client, batch_size=max(batch_size, 1), language=language,
                                        progress=bar.update)
        shown = project.relative(project.links_dir / "wikidata.sssom.tsv")
        for drift in drifts:
            click.echo(f"drift: {shown}:{drift}")
        click.echo(f"{checked} links checked, {len(drifts)} drift{'s' if len(drifts) != 1 else ''} "
                   f"({client.requests} requests)")
        if drifts:
            sys.exit(1)
        return
    if mode == "refresh-cache":
        mset, _ = run.load_links(project)
        with _progress(sum(1 for m in mset.mappings if m.qid), "fetching facts", progress) as bar:
            path, triples, changed = run.refresh_cache(project, client, language=language, progress=bar.update)
        click.echo(f"{'wrote' if changed else 'unchanged:'} {project.relative(path)} ({triples} triples)")
        return
    entities, vocab = run.load_registry(project)
    from ..wikidata.reconcile import linkable, names

    if fresh:
        click.echo(f"forgot {run.clear_cache(project)} fetched batches")

    mset, _ = run.load_links(project)
    linked = {m.entity_id for m in mset.mappings if m.qid}
    todo = [e for e in entities.values() if e.id not in linked and linkable(e, vocab) and (not only or e.id in only)]
    with _progress(sum(len(names(e)) for e in todo), "asking for candidates", progress) as bar:
        result = run.suggest(project, client, only=list(only), batch_size=batch_size, language=language,
                             limit=limit, strict_type=strict_type, progress=bar.update)
    for c in result.candidates:
        click.echo(f"{c.entity.id}\twd:{c.qid}\t{c.score:g}\t{c.label}\t{c.features()}")
    click.echo(f"{len(result.candidates)} candidates for {len(result.entities)} unlinked entities "
               f"({result.requests} requests) -> {project.relative(result.path)}")


def register(cli: click.Group) -> None:
    cli.add_command(link)
