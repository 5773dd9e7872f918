"""``peacekg serve --curate``: write the curated sources from the document pages.

Only with ``--curate``, only on a loopback address. Every write is a JSON POST
carrying the server's per-session token in the ``X-Peacekg-Token`` header
(the page that shows the form holds it): a cross-site form cannot send a
custom header, and a cross-site script's request with one is not allowed
without a CORS answer, which this server never gives. A write that names
another origin is refused too. Each write is a curation transaction (see
:mod:`peacekg.curate.writes`): the build checks it, a refused one changes no
file and answers 422 with the build's ``file:line`` messages; a saved one
reloads the graph this server shows.
"""

from __future__ import annotations

import ipaddress
import secrets
import shutil
import threading

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import CurationError, PeacekgError, SourceError, ValidationFailed
from ..query.store import open_store

TOKEN_HEADER = "X-Peacekg-Token"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def _body(request: Request) -> dict:
    token = request.headers.get(TOKEN_HEADER, "")
    if not secrets.compare_digest(token.encode(), request.app.state.curate_token.encode()):
        raise HTTPException(403, "a write needs this session's token (open the document page of this server)")
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.headers.get('host')}":
        raise HTTPException(403, f"writes from {origin} are refused")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "a write is a JSON body (application/json)")
    raw = await request.body()
    if len(raw) > request.app.state.settings.max_body:
        raise HTTPException(413, "the request body is too large")
    try:
        import json

        data = json.loads(raw)
    except ValueError:
        raise HTTPException(400, "the body is not JSON") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "the body must be a JSON object")
    return data


def _reason() -> bool:
    return shutil.which("java") is not None  # the build's consistency check, where it can run


async def _write(request: Request, work, *args, **kwargs) -> Response:
    """Run one write (one at a time), answer with the build's messages or reload the graph."""
    app = request.app

    def locked():
        with app.state.curate_lock:
            return work(app.state.project, *args, **kwargs)

    try:
        result = await run_in_threadpool(locked)
    except SourceError as exc:
        return JSONResponse({"error": str(exc), "problems": [str(p) for p in exc.problems]}, status_code=422)
    except ValidationFailed as exc:
        return JSONResponse({"error": str(exc), "problems": [str(exc)]}, status_code=422)
    except PeacekgError as exc:
        return JSONResponse({"error": str(exc), "problems": [str(exc)]}, status_code=400)
    await _reload(app)
    return JSONResponse({"ok": True, "result": result if isinstance(result, (str, dict, list)) else None})


async def _reload(app) -> None:
    """Show the rebuilt graph: a fresh store for the pages, fresh workers for /sparql."""
    from .pool import QueryPool

    app.state.store = await run_in_threadpool(open_store, app.state.project)
    app.state.pages.clear()
    settings = app.state.settings
    old = app.state.pool
    app.state.pool = QueryPool(app.state.project.root, workers=settings.workers, timeout=settings.timeout,
                               max_results=settings.max_results, allow_service=settings.allow_service)
    threading.Thread(target=old.close, daemon=True).start()


def _doc(request: Request) -> str:
    return request.path_params["doc"]


async def save_statement(request: Request) -> Response:
    from ..curate.mapping import from_form
    from ..curate.writes import add_statements
    from ..sources.vocab import Vocabulary

    fields = await _body(request)
    doc = _doc(request)

    def work(project):
        record = from_form(fields, Vocabulary.load(project.ontology))
        add_statements(project, doc, [record], reason=_reason())
        return {"id": record["id"]}

    return await _write(request, work)


async def accept_suggestion(request: Request) -> Response:
    from ..curate.writes import accept

    body = await _body(request)
    sid = str(body.get("id", ""))
    return await _write(request, lambda project: (accept(project, _doc(request), [sid], reason=_reason()),
                                                  {"id": sid})[1])


async def reject_suggestion(request: Request) -> Response:
    from ..curate.writes import reject

    body = await _body(request)
    return await _write(request, lambda project: reject(project, _doc(request), str(body.get("id", ""))))


async def save_entity(request: Request) -> Response:
    from ..curate.writes import add_entity

    body = await _body(request)
    record = {k: body.get(k) for k in ("id", "type", "label", "aliases", "note") if body.get(k)}
    return await _write(request, lambda project: (add_entity(project, record, reason=_reason()),
                                                  {"id": record.get("id")})[1])


async def run_suggest(request: Request) -> Response:
    from ..curate.suggested import suggest_document

    await _body(request)
    return await _write(request, lambda project: (suggest_document(project, _doc(request)), None)[1])


def page_context(app, doc: str) -> dict | None:
    """What a document page adds in curate mode: the token, the suggestions, the vocabularies."""
    if not getattr(app.state, "curate_token", None):
        return None
    from ..curate.review import review

    try:
        data = review(app.state.project, doc)
    except (CurationError, SourceError):
        return None
    return {"token": app.state.curate_token, "review": data}


def routes() -> list[Route]:
    return [
        Route("/curate/{doc}/statement", save_statement, methods=["POST"]),
        Route("/curate/{doc}/accept", accept_suggestion, methods=["POST"]),
        Route("/curate/{doc}/reject", reject_suggestion, methods=["POST"]),
        Route("/curate/{doc}/suggest", run_suggest, methods=["POST"]),
        Route("/curate/entity", save_entity, methods=["POST"]),
    ]
