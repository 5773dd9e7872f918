"""The Starlette application of ``peacekg serve``: the endpoint, the pages, the assets.

Pages read the embedded store in this process (pyoxigraph releases the GIL
while it queries, so threads serve them side by side); queries sent to
``/sparql`` run in worker processes that can be stopped at their time limit.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..project import Project, find_project
from ..query.store import open_store
from . import curate, endpoint, explore, pages
from .pool import QueryPool

#: What the pages may load: only this server's own scripts, styles and data.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class Settings:
    """The limits and the project of one server."""

    root: Path | None = None
    timeout: float = 10.0  #: seconds a query may run
    max_results: int = 10_000  #: rows (or triples) a query may return
    max_body: int = 1_000_000  #: bytes a request body may hold
    workers: int = 4  #: query worker processes
    allow_service: bool = False  #: let queries call remote SERVICEs (outside requests)
    curate: bool = False  #: serve the curation writes (loopback only, with a per-session token)


_SECURITY = ((b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
             (b"referrer-policy", b"no-referrer"))


class SecurityHeaders:
    """Adds the security headers a response has not set itself.

    Plain ASGI, not Starlette's BaseHTTPMiddleware, which runs every response
    through a stream of its own: a third of a cached page's time under load.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in _SECURITY if n not in present]
                if extra:
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings) -> Starlette:
    """The application; the store is loaded and the workers started when it starts up."""
    project: Project = find_project(settings.root)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        app.state.store = open_store(project)
        app.state.pool = QueryPool(project.root, workers=settings.workers,
                                   timeout=settings.timeout, max_results=settings.max_results,
                                   allow_service=settings.allow_service)
        await app.state.pool.warm_up(settings.workers)  # answer the first query as fast as the next
        try:
            yield
        finally:
            app.state.pool.close()

    app = Starlette(
        routes=[
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            *pages.routes(),
            *(curate.routes() if settings.curate else []),
            *explore.routes(),
            Mount("/static", StaticFiles(packages=[("peacekg.web", "static")]), name="static"),
            pages.fallback(),
        ],
        middleware=[Middleware(SecurityHeaders)],
        lifespan=lifespan,
        exception_handlers=pages.exception_handlers(),
    )
    app.state.settings = settings
    app.state.project = project
    app.state.pages = {}  # rendered pages (see pages._cached)
    app.state.answers = {}  # answers of /sparql (see endpoint.sparql)
    app.state.curate_token = curate.new_token() if settings.curate else None
    app.state.curate_lock = threading.Lock()
    return app
