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
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..project import Project, find_project
from ..query.store import open_store
from . import curate, endpoint, explore, pages, reconcile
from .cors import QueryCors
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
    cors_origins: tuple[str, ...] = ("*",)  #: origins the query routes answer (see :mod:`.cors`)
    curate: bool = False  #: serve the curation writes (loopback only, with a per-session token)
    max_bytes: int = 20_000_000  #: bytes a SPARQL answer may hold (more: 422)


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


#: The longest request target (path and query string) and the most header bytes a request may have.
MAX_TARGET = 16_384
MAX_HEADERS = 32_768


class RequestLimits:
    """414 for a request target over :data:`MAX_TARGET` bytes, 431 for headers over :data:`MAX_HEADERS`
    (uvicorn reads up to its own, larger bound, then this answers with the right status)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            headers = sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))
            if target > MAX_TARGET or headers > MAX_HEADERS:
                status, what = (414, f"the request target is longer than {MAX_TARGET:,} bytes") \
                    if target > MAX_TARGET else (431, f"the request headers are larger than {MAX_HEADERS:,} bytes")
                response = PlainTextResponse(f"{what}, the most this server reads: send the query by POST\n",
                                             status_code=status)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def start(app: Starlette) -> None:
    """Load the store and start the workers (each loads this very store's snapshot).

    ``peacekg serve`` calls it before the server listens, so that a graph that
    cannot be loaded is a plain error (exit 3), not a failed startup; otherwise
    the application's startup does.
    """
    settings, project = app.state.settings, app.state.project
    app.state.store = open_store(project)
    app.state.pool = QueryPool(project.root, workers=settings.workers,
                               timeout=settings.timeout, max_results=settings.max_results,
                               allow_service=settings.allow_service, max_bytes=settings.max_bytes,
                               store=app.state.store)


def create_app(settings: Settings) -> Starlette:
    """The application; the store is loaded and the workers started by :func:`start`."""
    project: Project = find_project(settings.root)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        if getattr(app.state, "pool", None) is None:
            start(app)
        try:
            yield
        finally:
            app.state.pool.close()

    app = Starlette(
        routes=[
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            *reconcile.routes(),
            *pages.routes(),
            *(curate.routes() if settings.curate else []),
            *explore.routes(),
            Mount("/static", StaticFiles(packages=[("peacekg.web", "static")]), name="static"),
            pages.fallback(),
        ],
        middleware=[Middleware(RequestLimits), *_curating(settings), Middleware(QueryCors, origins=settings.cors_origins),
                    Middleware(SecurityHeaders)],
        lifespan=lifespan,
        exception_handlers=pages.exception_handlers(),
    )
    app.state.settings = settings
    app.state.project = project
    app.state.pages = {}  # rendered pages (see pages._cached)
    app.state.answers = {}  # answers of /sparql (see endpoint.sparql)
    app.state.curate_token = curate.new_token() if settings.curate else None
    app.state.curate_lock = threading.Lock()
    app.state.graph_version = 1
    if settings.curate:
        from ..curate.decisions import Curator
        from . import livegraph

        app.state.curator = Curator(project)
        livegraph.init(app)
        # The first save needs what a full compile computes: computed now, while the page loads.
        threading.Thread(target=_prime, args=(app.state.curator,), name="curate-prime", daemon=True).start()
    return app


def _prime(curator) -> None:
    try:
        curator.prime()
    except Exception:  # noqa: BLE001 - the first save compiles again and says what is wrong
        pass


def _curating(settings: Settings) -> list[Middleware]:
    """In curate mode: every request under the server's own address, outside builds picked up."""
    if not settings.curate:
        return []
    from .curate_checks import HostGuard
    from .livegraph import OutsideBuilds

    return [Middleware(HostGuard), Middleware(OutsideBuilds)]
