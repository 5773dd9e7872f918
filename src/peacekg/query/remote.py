"""Talk to a SPARQL 1.1 server: queries (Protocol) and uploads (Graph Store Protocol), bounded.

Only ``http`` and ``https`` URLs are accepted. Every request is bounded in time
as a whole, not per read (a watchdog shuts the socket at the deadline, so a
server trickling a byte a second is given up at ``timeout``), and in size (an
answer over :data:`MAX_ANSWER_BYTES` is refused before it is all read). Every
failure (refused connection, timeout, HTTP error, an answer that is not SPARQL
JSON results) becomes :class:`~peacekg.errors.EndpointError`, naming the
endpoint and the cause; a query the server refuses (HTTP 400) is a
:class:`~peacekg.errors.QueryError`. Only the standard library is used.

>>> check_url("file:///etc/passwd")
Traceback (most recent call last):
...
peacekg.errors.QueryError: 'file:///etc/passwd' is not an http(s) URL: an endpoint is a SPARQL server's address, such as http://127.0.0.1:7878/query
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.parse
from pathlib import Path

from ..errors import EndpointError, QueryError

#: The most bytes of an answer read from an endpoint.
MAX_ANSWER_BYTES = 64_000_000
_CHUNK = 65536


def check_url(url: str) -> urllib.parse.SplitResult:
    """The parts of an endpoint URL; anything but ``http(s)://host...`` is refused (exit 2)."""
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or any(c in url for c in "\0\r\n "):
        raise QueryError(f"{url!r} is not an http(s) URL: an endpoint is a SPARQL server's address, "
                         "such as http://127.0.0.1:7878/query")
    try:
        parts.port
    except ValueError:
        raise QueryError(f"{url!r} has a port that is not a number") from None
    return parts


class _Deadline:
    """Shuts the connection's socket when the time is up, whatever read it is blocked in."""

    def __init__(self, connection: http.client.HTTPConnection, timeout: float):
        self.connection, self.expired = connection, False
        self.end = time.monotonic() + timeout
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def _expire(self) -> None:
        self.expired = True
        sock = self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> "_Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        self.connection.close()


def _request(url: str, method: str, body: bytes, headers: dict[str, str], *, timeout: float,
             limit: int = MAX_ANSWER_BYTES, with_type: bool = False) -> tuple:
    """Status, reason and body (at most ``limit`` bytes) of one request, within ``timeout`` in all
    (and the answer's Content-Type, with ``with_type``)."""
    parts = check_url(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    options = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
    connection = kind(parts.hostname, parts.port, timeout=timeout, **options)
    deadline = _Deadline(connection, timeout)
    try:
        with deadline:
            connection.request(method, path, body=body, headers={"User-Agent": "peacekg", **headers})
            response = connection.getresponse()
            data = bytearray()
            while True:
                chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
                if not chunk:
                    break
                data += chunk
                if len(data) > limit:
                    raise EndpointError(f"{url}: the answer is larger than {limit:,} bytes, the most read "
                                        "from an endpoint: add a LIMIT, or narrow the query")
                if deadline.expired:
                    break
            if deadline.expired:
                raise TimeoutError
            if with_type:
                return response.status, response.reason, bytes(data), response.getheader("Content-Type", "")
            return response.status, response.reason, bytes(data)
    except EndpointError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if deadline.expired or isinstance(exc, (TimeoutError, socket.timeout)):
            raise EndpointError(f"{url}: no answer within the timeout ({timeout:g} s)") from None
        raise EndpointError(f"{url}: {_cause(exc)}") from None


def _cause(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host ({exc.strerror})"
    if isinstance(exc, http.client.HTTPException):
        return f"not an HTTP answer ({type(exc).__name__}: {str(exc)[:200]})"
    return (getattr(exc, "strerror", None) or str(exc)).strip() or type(exc).__name__


def _http_error(status: int, reason: str, body: bytes) -> str:
    text = body[:500].decode("utf-8", "replace").strip()
    return f"HTTP {status} {reason}" + (f": {text}" if text else "")


def query_endpoint(endpoint: str, text: str, *, timeout: float, form: str = "SELECT",
                   limit: int = MAX_ANSWER_BYTES, media: bool = False):
    """POST ``text`` (a query of ``form`` SELECT, ASK, CONSTRUCT or DESCRIBE) to ``endpoint``.

    SELECT and ASK return the SPARQL JSON results; CONSTRUCT and DESCRIBE the
    RDF the server sent (Turtle asked for). With ``media=True``, the pair
    (bytes, media type of the answer). The form comes from parsing the query
    locally (see :func:`peacekg.query.run.run_sparql`), never from guessing at the text.
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    body = urllib.parse.urlencode({"query": text}).encode()
    accept = "text/turtle, application/n-triples;q=0.9" if graph else "application/sparql-results+json"
    status, reason, data, content_type = _request(endpoint, "POST", body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": accept}, timeout=timeout, limit=limit, with_type=True)
    if status == 400:
        raise QueryError(f"{endpoint} refused the query: {_http_error(status, reason, data)}")
    if status != 200:
        raise EndpointError(f"{endpoint}: {_http_error(status, reason, data)}")
    if not graph and not data.lstrip().startswith(b"{"):
        raise EndpointError(f"{endpoint}: the answer is not SPARQL JSON results: {data[:200]!r}")
    return (data, content_type or "text/turtle") if media else data


def put_graph(store_url: str, graph: str, data: bytes, *, timeout: float) -> None:
    """Replace named graph ``graph`` on a Graph Store Protocol service with the Turtle ``data``."""
    url = f"{store_url}{'&' if '?' in store_url else '?'}{urllib.parse.urlencode({'graph': graph})}"
    try:
        status, reason, body = _request(url, "PUT", data, {"Content-Type": "text/turtle; charset=utf-8"},
                                        timeout=timeout, limit=1_000_000)
    except EndpointError as exc:
        raise EndpointError(f"{store_url}: cannot store graph <{graph}>: "
                            f"{str(exc).removeprefix(url + ': ')}") from None
    if not 200 <= status < 300:
        raise EndpointError(f"{store_url}: cannot store graph <{graph}>: {_http_error(status, reason, body)}")


def push(store_url: str, *, project=None, timeout: float = 30.0) -> list[tuple[str, Path]]:
    """Load the built graph into a Graph Store Protocol service, one named graph per file.

    Each graph (ontology, entities, links, each document) replaces the graph of
    the same IRI there (HTTP PUT), so pushing again converges on the same data.
    Every file is read before the first request, so the set pushed is one build's.
    A push that fails half-way says which graphs were replaced and which not.
    """
    from ..compile.files import fault_point
    from ..project import find_project
    from .store import document_files, graph_files

    check_url(store_url)
    project = project or find_project()
    if not document_files(project):
        raise QueryError(f"no built graph in {project.relative(project.graph_dir)}: run `peacekg build` first")
    files = graph_files(project)
    try:
        contents = [(path, graph, path.read_bytes()) for path, graph in files]
    except OSError as exc:
        raise EndpointError(f"cannot read {exc.filename}: {exc.strerror}") from None
    done: list[str] = []
    for index, (path, graph, data) in enumerate(contents):
        fault_point(f"push.put.{index}")
        try:
            put_graph(store_url, graph, data, timeout=timeout)
        except EndpointError as exc:
            left = [g for _, g, _ in contents[index:]]
            raise EndpointError(
                f"{exc}\n  replaced: {', '.join(f'<{g}>' for g in done) or 'none'}"
                f"\n  not replaced: {', '.join(f'<{g}>' for g in left)}"
                + ("\n  the server now holds graphs of two builds: run `peacekg push` again" if done else "")
            ) from None
        done.append(graph)
    return [(graph, path) for path, graph, _ in contents]
