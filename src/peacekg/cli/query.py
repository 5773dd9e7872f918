"""Commands to ask the graph questions and move it around: queries, query, sparql, check, export, push.

Imports stay inside the commands, so that ``peacekg query`` loads pyoxigraph
and PyYAML but never rdflib, pySHACL, owlready2 or SPARQLWrapper (unless
``--endpoint`` asks for a server).
"""

from __future__ import annotations

import sys

import click

from .output import EXPORT_FORMATS, FORMATS, GRAPH_FORMATS

_format = click.option("--format", "fmt", type=click.Choice(FORMATS + GRAPH_FORMATS), default=None,
                       help="A table for people (the default for rows), a W3C SPARQL results format "
                            "(csv, tsv, json, xml), or for CONSTRUCT and DESCRIBE an RDF format "
                            "(turtle, the default, ntriples, nquads, trig, jsonld, xml: RDF/XML).")
_iris = click.option("--iris", is_flag=True, help="In the table, prefixed IRIs instead of labels.")
_columns = click.option("--columns", metavar="A,B", help="In the table, only these columns (by variable name).")
_limit = click.option("--limit", type=click.IntRange(min=0), metavar="N",
                      help="At most N rows: one page of the answer (with --offset), in every format.")
_offset = click.option("--offset", type=click.IntRange(min=0), metavar="N", help="Skip the first N rows.")
_endpoint = click.option("--endpoint", metavar="URL",
                         help="Run on this SPARQL 1.1 query endpoint instead of the embedded store.")
_timeout = click.option("--timeout", type=click.FloatRange(min=0.01), default=None, metavar="S",
                        help="Seconds a query may take: on an endpoint (default 30), or on the embedded "
                             "store, where it is then stopped at the limit (default none).")
_allow_service = click.option("--allow-service", is_flag=True,
                              help="Let the embedded store follow a query's SERVICE to another server.")



def _answer_options(command):
    """The options that ``query`` and ``sparql`` share: how the answer is shown and where it comes from."""
    for option in reversed((_format, _iris, _columns, _limit, _offset, _endpoint, _timeout, _allow_service)):
        command = option(command)
    return command

def _short(param) -> str:
    """A parameter's default as people type it (prefixed IRIs), or ? when it must be given."""
    from ..query.terms import compact

    if param.default is None:
        return "?"
    return compact(param.default) if param.kind == "iri" and "://" in param.default else param.default


def _print(result, fmt, **options) -> None:
    from .output import print_result

    print_result(result, fmt, **options)


def register(cli: click.Group) -> None:
    """Add the query commands to the ``peacekg`` group."""
    from .common import reports_errors, warnings_to_stderr

    @cli.command("queries")
    @click.option("--checks", is_flag=True, help="List the quality checks of queries/checks instead.")
    @click.option("-v", "--verbose", is_flag=True, help="Show descriptions, tags and defaults too.")
    @reports_errors
    def queries_command(checks: bool, verbose: bool) -> None:
        """List the saved queries: name, parameters, summary."""
        from ..query.catalogue import catalogue

        for query in catalogue(checks=checks):
            params = " ".join(f"{p.name}={_short(p)}" for p in query.params)
            click.echo(f"{query.name:<22} {query.summary}" + (f"  [{params}]" if params and not verbose else ""))
            if verbose:
                for param in query.params:
                    click.echo(f"    --param {param.name} ({param.kind}; default {_short(param)})")
                if query.tags:
                    click.echo(f"    tags: {', '.join(query.tags)}")
                click.echo(click.wrap_text(query.description, initial_indent="    ", subsequent_indent="    "))

    @cli.command("query")
    @click.argument("name")
    @click.option("--param", "params", type=(str, str), multiple=True, metavar="KEY VALUE",
                  help="A parameter value (repeatable); IRIs as pkr:id, a bare id, or a full IRI.")
    @_answer_options
    @reports_errors
    def query_command(name: str, params: tuple, fmt: str | None, iris: bool, columns: str | None,
                      limit: int | None, offset: int | None, endpoint: str | None, timeout: float | None,
                      allow_service: bool) -> None:
        """Run the saved query NAME (see `peacekg queries`).

        Values as the sources write them: a registry id (russia), a statement id,
        a term of the ontology (imputed, actor-only, Guarantee), or a prefixed
        name or IRI. A value that names nothing is said on stderr, with the
        closest names.
        """
        # A plain run is answered before click is imported, for speed (cli/fast.py); it prints the same.
        from ..query.run import run_query

        given: dict[str, list[str]] = {}
        for key, value in params:
            given.setdefault(key, []).append(value)
        values = {key: v[0] if len(v) == 1 else v for key, v in given.items()}
        with warnings_to_stderr():
            result = run_query(name, endpoint=endpoint, timeout=timeout, allow_service=allow_service,
                               limit=limit, offset=offset, **values)
        _print(result, fmt, iris=iris, columns=columns, limit=limit, endpoint=endpoint, timeout=timeout or 30.0)

    @cli.command("sparql")
    @click.argument("source", metavar="FILE|-")
    @_answer_options
    @reports_errors
    def sparql_command(source, fmt: str | None, iris: bool, columns: str | None, limit: int | None,
                       offset: int | None, endpoint: str | None, timeout: float | None,
                       allow_service: bool) -> None:
        """Run an ad hoc query (SELECT, ASK, CONSTRUCT, DESCRIBE) from FILE, or from stdin with -.

        The graph's prefixes (pko:, pkr:, rdfs:, ...) need no PREFIX declaration.
        """
        from ..query.guard import read_query_file
        from ..query.run import run_sparql

        text, shown = read_query_file(source)
        result = run_sparql(text, endpoint=endpoint, timeout=timeout, source=shown, allow_service=allow_service,
                            limit=limit, offset=offset)
        _print(result, fmt, iris=iris, columns=columns, limit=limit, endpoint=endpoint, timeout=timeout or 30.0)

    @cli.command("check")
    @_endpoint
    @_timeout
    @reports_errors
    def check_command(endpoint: str | None, timeout: float) -> None:
        """Run the quality checks of queries/checks; exit 1 if any returns rows."""
        from ..query.checks import run_checks
        from ..errors import ValidationFailed

        outcomes = run_checks(endpoint=endpoint, timeout=timeout)
        for outcome in outcomes:
            click.echo(f"{'ok  ' if outcome.passed else 'FAIL'} {outcome.name} "
                       f"({len(outcome.result)} violation{'s' if len(outcome.result) != 1 else ''})")
            if not outcome.passed:
                click.echo(f"     {outcome.query.description}")
                click.echo("\n".join("     " + line for line in outcome.result.table().splitlines()))
        failed = [o.name for o in outcomes if not o.passed]
        if failed:
            raise ValidationFailed(f"{len(failed)} of {len(outcomes)} checks found violations: {', '.join(failed)}")
        click.echo(f"all {len(outcomes)} checks passed")

    @cli.command("export")
    @click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True)
    @click.option("--out", type=click.Path(dir_okay=False, writable=True), help="File to write (default stdout).")
    @click.option("--with-ontology", is_flag=True, help="Include the ontology graph.")
    @click.option("--document", default="merged", show_default=True, metavar="ID|merged",
                  help="One document's graph, or every graph merged.")
    @reports_errors
    def export_command(fmt: str, out: str | None, with_ontology: bool, document: str) -> None:
        """Write the graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML."""
        from ..query.export import export, export_bytes

        if out is None:
            sys.stdout.buffer.write(export_bytes(fmt, document=document, with_ontology=with_ontology))
            sys.stdout.buffer.flush()
            return
        from ..query.export import ExportFormat

        count = export(fmt, out, document=document, with_ontology=with_ontology)
        unit = "quads" if ExportFormat(fmt).keeps_graphs else "triples"
        click.echo(f"wrote {count} {unit} to {out}", err=True)

    @cli.command("push")
    @click.option("--endpoint", required=True, metavar="URL",
                  help="The server's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store for Oxigraph.")
    @_timeout
    @reports_errors
    def push_command(endpoint: str, timeout: float | None) -> None:
        """Load the built graph into a SPARQL 1.1 server, one named graph per file (replacing them)."""
        from ..query.remote import push

        for graph, path in push(endpoint, timeout=30.0 if timeout is None else timeout):
            click.echo(f"  {path.name} -> <{graph}>")
