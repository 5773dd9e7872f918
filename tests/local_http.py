"""A stand-in HTTP server on 127.0.0.1 for tests that need a server to misbehave on purpose."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], *, release: Callable[[], None] | None = None) -> Iterator[str]:
    """Serve ``handler`` on a free port in a thread; yields the base URL.

    ``release`` runs before the server shuts down, so that a handler holding a
    connection open on purpose lets it go.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        if release is not None:
            release()
        server.shutdown()
        server.server_close()
