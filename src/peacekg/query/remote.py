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


def query_endpoint(endpoint: str, text: str, *, timeout: float, form: str = "SELECT") -> bytes:
    """POST ``text`` (a query of ``form`` SELECT or ASK) to ``endpoint``; return its SPARQL JSON results."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

    client = SPARQLWrapper(endpoint, returnFormat=JSON)
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
    except QueryBadFormed as exc:
        raise QueryError(f"{endpoint} refused the query: {exc}") from None
    except SPARQLWrapperException as exc:
        raise EndpointError(f"{endpoint}: {str(exc).splitlines()[0]}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise EndpointError(f"{endpoint}: {_cause(exc, timeout)}") from None
    if not data.lstrip().startswith(b"{"):
        raise EndpointError(f"{endpoint}: the answer is not SPARQL JSON results: {data[:200]!r}")
    return data


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

    project = project or find_project()
    if not document_files(project):
        raise QueryError(f"no built graph in {project.relative(project.graph_dir)}: run `peacekg build` first")
    files = graph_files(project)
    for path, graph in files:
        put_graph(store_url, graph, path, timeout=timeout)
    return [(graph, path) for path, graph in files]
