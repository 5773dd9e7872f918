"""Start the server: uvicorn running the application on a socket bound before it starts.

Binding first lets ``--port 0`` pick a free port and still tell the user which.
"""

from __future__ import annotations

import socket
from typing import Callable

from ..errors import CurationError, EnvironmentProblem
from .app import Settings, create_app, start
from .curate import is_loopback


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port``, not yet listening.

    Its protocol is IPPROTO_TCP by name, not left 0: asyncio sets TCP_NODELAY only
    on connections of a socket whose protocol says TCP, and without it every small
    response on a kept-alive connection waited some 40 ms for the client's delayed
    ACK (Nagle's algorithm; bench/RESULTS.md, *The endpoint under load*).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise EnvironmentProblem(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


def serve(*, host: str, port: int, announce: Callable[[str], None] = print, **limits) -> None:
    """Serve until interrupted; ``limits`` are the fields of :class:`Settings`."""
    import uvicorn

    from .connections import BoundedH11, more_files

    if limits.get("curate") and not is_loopback(host):
        raise CurationError(f"--curate writes the sources, so it serves only on a loopback address "
                            f"(127.0.0.1, ::1, localhost), not on {host}")
    app = create_app(Settings(**limits))
    start(app)  # load the graph and start the workers first: any failure is an error with a message
    try:
        sock = listening_socket(host, port)
    except EnvironmentProblem:
        app.state.pool.close()
        raise
    bound_port = sock.getsockname()[1]
    app.state.listen = (host, bound_port)  # the address writes must name (web.curate_checks)
    shown = f"[{host}]" if sock.family == socket.AF_INET6 else host
    mode = "curating: writes need this session's token" if limits.get("curate") else "read-only"
    announce(f"peacekg: serving on http://{shown}:{bound_port}/ (SPARQL at /sparql; {mode}); Ctrl-C stops")
    more_files()  # each connection holds a file: a few hundred idle ones must not stop the server accepting
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=5,
                            http=BoundedH11, h11_max_incomplete_event_size=256_000)  # then 414/431 (app.RequestLimits)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        app.state.pool.close()  # the lifespan closes it too; closing twice is harmless
