"""Talk to a SPARQL 1.1 server: queries through SPARQLWrapper, uploads through the Graph Store Protocol.

Both wait at most ``timeout`` seconds and turn every failure (refused
connection, timeout, HTTP error, an answer that is not SPARQL results) into
:class:`~peacekg.errors.EndpointError`, which names the endpoint and the cause.
SPARQLWrapper is imported here only, so a plain embedded query never pays for it.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..errors import EndpointError, QueryError


def _cause(exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", None)
    if isinstance(exc, (TimeoutError, socket.timeout)) or isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within the timeout ({timeout:g} s)"
    if isinstance(reason, ConnectionRefusedError) or isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(exc, urllib.error.HTTPError):
        body = exc.read(500).decode("utf-8", "replace").strip()
        return f"HTTP {exc.code} {exc.reason}" + (f": {body}" if body else "")
    return str(reason or exc).strip() or type(exc).__name__


def check_url(endpoint: str) -> None:
    """Refuse, as bad input, an endpoint that is not an http(s) URL with a host.

    >>> check_url("not-a-url")
    Traceback (most recent call last):
    ...
    peacekg.errors.QueryError: --endpoint 'not-a-url' is not an http:// or https:// URL
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise QueryError(f"--endpoint {endpoint!r} is not an http:// or https:// URL")
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError:
        raise QueryError(f"--endpoint {endpoint!r} has a port that is not a number") from None


def query_endpoint(endpoint: str, text: str, *, timeout: float, form: str = "SELECT", media: bool = False):
    """POST ``text`` (a query of ``form`` SELECT, ASK, CONSTRUCT or DESCRIBE) to ``endpoint``.

    SELECT and ASK return the SPARQL JSON results; CONSTRUCT and DESCRIBE the
    RDF the server sent (Turtle asked for). With ``media=True``, the pair
    (bytes, media type of the answer).
    """
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

    check_url(endpoint)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    client = SPARQLWrapper(endpoint, returnFormat=TURTLE if graph else JSON)
    client.setMethod(POST)
    client.setTimeout(timeout)
    client.timeout = timeout  # setTimeout truncates to whole seconds; urlopen takes the float
    client.setQuery(text)
    # SPARQLWrapper guesses the form with regular expressions, and its comment
    # stripping skips every other line of a comment block, so a word such as
    # "add" in a header made it send the query as an update. The form comes
    # from parsing the query locally instead.
    client.queryType = form
    try:
        response = client.query().response
        data = response.read()
        content_type = response.headers.get("Content-Type", "") if hasattr(response, "headers") else ""
    except QueryBadFormed as exc:
        raise QueryError(f"{endpoint} refused the query: {exc}") from None
    except SPARQLWrapperException as exc:
        raise EndpointError(f"{endpoint}: {str(exc).splitlines()[0]}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise EndpointError(f"{endpoint}: {_cause(exc, timeout)}") from None
    if not graph and not data.lstrip().startswith(b"{"):
        raise EndpointError(f"{endpoint}: the answer is not SPARQL JSON results: {data[:200]!r}")
    return (data, content_type or "text/turtle") if media else data


def put_graph(store_url: str, graph: str, path: Path, *, timeout: float) -> None:
    """Replace named graph ``graph`` on a Graph Store Protocol service with the Turtle of ``path``."""
    url = f"{store_url}{'&' if '?' in store_url else '?'}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(url, data=path.read_bytes(), method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise EndpointError(f"{store_url}: cannot store graph <{graph}>: {_cause(exc, timeout)}") from None


def push(store_url: str, *, project=None, timeout: float = 30.0) -> list[tuple[str, Path]]:
    """Load the built graph into a Graph Store Protocol service, one named graph per file.

    Each graph (ontology, entities, links, each document) replaces the graph of
    the same IRI there (HTTP PUT), so pushing twice leaves the same data.
    """
    from ..project import find_project
    from .store import document_files, graph_files

    check_url(store_url)
    project = project or find_project()
    if not document_files(project):
        raise QueryError(f"no built graph in {project.relative(project.graph_dir)}: run `peacekg build` first")
    files = graph_files(project)
    for path, graph in files:
        put_graph(store_url, graph, path, timeout=timeout)
    return [(graph, path) for path, graph in files]
