"""``peacekg serve`` (the SPARQL endpoint and the web explorer) and ``peacekg docs``."""

from __future__ import annotations

from pathlib import Path

import click


def register(cli: click.Group) -> None:
    from .common import reports_errors

    @cli.command()
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on; anything but loopback exposes the server to the network.")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
    @click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
                  help="Seconds a SPARQL query may run before it is stopped (503).")
    @click.option("--max-results", default=10_000, show_default=True, type=click.IntRange(min=1),
                  help="Rows or triples a query may return (more: 422).")
    @click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(min=1),
                  help="Bytes a request body may hold (more: 413).")
    @click.option("--workers", default=4, show_default=True, type=click.IntRange(min=1),
                  help="Processes running SPARQL queries side by side.")
    @click.option("--allow-service", is_flag=True,
                  help="Let queries call remote SPARQL services (SERVICE); off, such queries get 403.")
    @click.option("--curate", is_flag=True,
                  help="Let the document pages write the curated sources (loopback only; writes need "
                       "the session's token, and every save goes through the build's checks).")
    @reports_errors
    def serve(host: str, port: int, timeout: float, max_results: int, max_body: int, workers: int,
              allow_service: bool, curate: bool) -> None:
        """Serve the graph: SPARQL at /sparql, the essay, entity pages, the query page, the ontology.

        \b
        The SPARQL 1.1 Protocol (GET, POST form, POST direct), read-only, with
        JSON, XML, CSV and TSV results and Turtle, N-Triples and JSON-LD for
        CONSTRUCT and DESCRIBE. Every page and asset comes from this server.
        """
        from ..web.serve import serve as run

        run(host=host, port=port, timeout=timeout, max_results=max_results, max_body=max_body,
            workers=workers, allow_service=allow_service, curate=curate, announce=click.echo)

    @cli.command()
    @click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Folder to write the static site to.")
    @reports_errors
    def docs(out: Path) -> None:
        """Write the ontology's documentation (pyLODE) as a static site."""
        from ..web.docs import write_docs

        for path in write_docs(out):
            click.echo(f"wrote {path}")
