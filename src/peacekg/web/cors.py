"""CORS for the read-only query routes (``/sparql``, ``/reconcile``), so that YASGUI, Sparnatural
or OpenRefine on another origin can use them; the pages stay same-origin.

On by default for every origin (``*``: the routes only read, and take no
credentials); ``peacekg serve --cors-origin URL`` (repeatable) allows only those
origins, ``--cors-origin none`` none. A preflight ``OPTIONS`` gets 204 with the
methods and headers allowed.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PATHS = ("/sparql", "/reconcile")
METHODS = "GET, POST, OPTIONS"
HEADERS = "Accept, Content-Type"
MAX_AGE = "600"


def allowed(origin: str | None, origins: tuple[str, ...]) -> str | None:
    """The ``Access-Control-Allow-Origin`` value for a request's origin, or None.

    >>> allowed("https://yasgui.org", ("*",)), allowed("https://a.example", ("https://b.example",))
    ('*', None)
    >>> allowed("https://b.example", ("https://b.example",))
    'https://b.example'
    """
    if not origin or not origins or origins == ("none",):
        return None
    if "*" in origins:
        return "*"
    return origin if origin in origins else None


class QueryCors:
    """ASGI middleware adding CORS headers on :data:`PATHS` and answering their preflights."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...] = ("*",)):
        self.app, self.origins = app, origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PATHS):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = allowed(headers.get("origin"), self.origins)
        if scope["method"] == "OPTIONS" and headers.get("access-control-request-method"):
            extra = {"Access-Control-Allow-Methods": METHODS, "Access-Control-Max-Age": MAX_AGE,
                     "Access-Control-Allow-Headers": headers.get("access-control-request-headers") or HEADERS,
                     "Vary": "Origin"}
            if origin:
                extra["Access-Control-Allow-Origin"] = origin
            await Response(status_code=204 if origin else 403, headers=extra)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start" and origin:
                raw = list(message.get("headers", []))
                raw.append((b"access-control-allow-origin", origin.encode("latin-1")))
                raw.append((b"access-control-expose-headers", b"X-Result-Count"))
                if origin != "*":
                    raw.append((b"vary", b"Origin"))
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_cors)
