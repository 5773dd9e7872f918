"""``peacekg serve --curate``: the curation API the document pages call.

Only with ``--curate``, only on a loopback address, and only under the server's own
address (``Host`` and ``Origin`` checked against it: :mod:`.curate_checks`).

The contract (the page, ``static/curate.js``, relies on it)
------------------------------------------------------------
``GET /api/curate/<doc>/state`` -> 200 ``{"document", "graph_version", "outside_build",
"undo", "suggestions" (text order; each its YAML keys plus ``start``, ``end``,
``inParagraph``, ``confidence``), "incomplete", "statements" (the curated records),
"entities" and "mechanisms" (``{"id", "label", "classes", "aliases"}``),
"proposedEntities", "vocab" (``modes``, ``statementKinds``, ``statuses`` by status
class, ``units``, ``polarity``, ``modality``, ``amountQualifiers``, ``roles``,
``restatementKinds``, ``kinds``, ``entityClasses``, ``mechanismClasses``, ``fields`` by
kind, ``properties`` with what values each takes), "builder" ("priming" while the server
still compiles what saves reuse, then "ready")}``. ``outside_build`` is null, or
``{"graph_version", "at"}`` once a build made elsewhere was picked up.

Writes are ``POST`` with ``Content-Type: application/json``, the session token in
``X-Peacekg-Token`` (the document page's ``<meta name="peacekg-token">``), a JSON
object of at most 64 KB. Fields use the YAML's keys (``id``, ``type``, ``agent``,
``assertedBy``, ``mode``, ``status``, ``mechanism``, ``about``, ``amount``, ``unit``, ...;
the form's ``kind``/``holder``/``speaker`` are read as ``type``/``agent``/``assertedBy``):

- ``/curate/<doc>/statement`` ``{...statement fields, "entities": [new entity, ...]}``
- ``/curate/<doc>/accept`` ``{"id": sid, "edits": {...}, "entities": [...]}``, or
  ``{"ids": [...], "edits": {sid: {...}}}``, or ``{"above": 0.8}`` (every suggestion at
  or above that confidence)
- ``/curate/<doc>/reject`` ``{"id": sid}``; ``/curate/<doc>/undo`` ``{}`` (the last
  decision on the document, undone); ``/curate/<doc>/suggest`` ``{}``
- ``/curate/entity`` ``{"id", "class", "label", "aliases"?, "note"?, "sameLabel"?}``
  (a new mechanism is an entity whose class is one of ``mechanismClasses``)

(each also under ``/api/curate/...``). Answers:

- 200 ``{"ok": true, "id": <id or ids>, "graph_version": <int, new at every save or
  outside build>, "undo": <decisions that can be undone>, "written": [paths]}``
- 422 ``{"error": "<one-line summary>", "errors": [{"field": "<key as the YAML writes it,
  e.g. unit, amount, agent, mode, id; empty for the whole record>", "message": "<words a
  person reads, e.g. 'a figure needs a unit'>"}]}``: the model or the build refused it;
  no file changed. A new entity's field is named ``entities[<i>].<field>``; an edit may
  empty a field (null or "") to remove it
- 400 (not JSON, a key twice, nested too deep, not UTF-8), 403 (token, Host, Origin),
  404 (no such document or suggestion), 413 (body too large), 415 (not JSON):
  ``{"error": "..."}``

A refused write leaves every file byte for byte as it was, even if the server is
killed while judging it: the change is judged from memory before any file holds it
(:mod:`peacekg.curate.transaction`), only what it touches compiled and checked
(:mod:`peacekg.compile.incremental`). After a save every answer comes from the new
graph (:mod:`.livegraph`).
"""

from __future__ import annotations

import ipaddress
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import CurationError, PeacekgError, SourceError, ValidationFailed
from .curate_checks import TOKEN_HEADER, Refused, read_write  # noqa: F401 - TOKEN_HEADER for templates

__all__ = ["TOKEN_HEADER", "is_loopback", "new_token", "page_context", "routes"]


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


def _refused(exc: Exception, texts: dict | None = None, kinds: dict | None = None) -> JSONResponse:
    from ..curate.explain import explain

    if isinstance(exc, Refused):
        return exc.response()
    if isinstance(exc, CurationError) and not exc.fields and str(exc).startswith(("no document", "no suggestion")):
        return JSONResponse({"error": str(exc)}, status_code=404)
    summary, errors = explain(exc, texts, kinds)
    return JSONResponse({"error": summary, "errors": errors}, status_code=422)


async def _decide(request: Request, action: str, *, doc: str | None = None) -> Response:
    """Read the write, run ``action`` under the curation lock, show the new graph, answer."""
    from ..curate import decisions

    try:
        body = await read_write(request)
    except Refused as refused:
        return refused.response()
    app = request.app

    def run():
        with app.state.curate_lock:
            outcome = decisions.run(app.state.curator, action, doc, body)
            from .livegraph import apply_saved

            apply_saved(app, outcome.outputs, outcome.previous)
            return outcome

    try:
        outcome = await run_in_threadpool(run)
    except (CurationError, SourceError, ValidationFailed, Refused) as exc:
        context = getattr(exc, "context", None) or ({}, {})
        return _refused(exc, *context)
    except PeacekgError as exc:
        return JSONResponse({"error": str(exc).splitlines()[0], "errors": [{"field": "", "message": str(exc)}]},
                            status_code=422)
    return JSONResponse({"ok": True, "id": outcome.id, "graph_version": app.state.graph_version,
                         "undo": outcome.undo, "written": outcome.written})


async def save_statement(request: Request) -> Response:
    return await _decide(request, "statement", doc=request.path_params["doc"])


async def accept_suggestion(request: Request) -> Response:
    return await _decide(request, "accept", doc=request.path_params["doc"])


async def reject_suggestion(request: Request) -> Response:
    return await _decide(request, "reject", doc=request.path_params["doc"])


async def undo_decision(request: Request) -> Response:
    return await _decide(request, "undo", doc=request.path_params["doc"])


async def run_suggest(request: Request) -> Response:
    return await _decide(request, "suggest", doc=request.path_params["doc"])


async def save_entity(request: Request) -> Response:
    return await _decide(request, "entity")


async def state(request: Request) -> Response:
    """GET the document's curation state (see the module's contract)."""
    from ..curate.page_state import page_state

    app, doc = request.app, request.path_params["doc"]
    try:
        data = await run_in_threadpool(page_state, app.state.curator, doc)
    except CurationError as exc:
        return JSONResponse({"error": str(exc)}, status_code=404)
    except SourceError as exc:
        return JSONResponse({"error": str(exc).splitlines()[0], "errors": [{"field": "", "message": str(p)}
                                                                           for p in exc.problems]}, status_code=422)
    data.update(graph_version=app.state.graph_version, outside_build=app.state.outside_build,
                undo=app.state.curator.undoable(doc), builder="ready" if app.state.curator.builder.ready else "priming")
    return JSONResponse(data)


def page_context(app, doc: str) -> dict | None:
    """What a document page adds in curate mode: the token, the suggestions, the vocabularies."""
    if not getattr(app.state, "curate_token", None):
        return None
    from ..curate.review import review

    try:
        curator = getattr(app.state, "curator", None)
        data = review(app.state.project, doc, curator.registry() if curator else None)
    except (CurationError, SourceError):
        return None
    return {"token": app.state.curate_token, "review": data, "graph_version": app.state.graph_version}


def routes() -> list[Route]:
    found = [Route("/api/curate/{doc}/state", state, methods=["GET"])]
    for prefix in ("/curate", "/api/curate"):
        found += [
            Route(prefix + "/{doc}/statement", save_statement, methods=["POST"]),
            Route(prefix + "/{doc}/accept", accept_suggestion, methods=["POST"]),
            Route(prefix + "/{doc}/reject", reject_suggestion, methods=["POST"]),
            Route(prefix + "/{doc}/undo", undo_decision, methods=["POST"]),
            Route(prefix + "/{doc}/suggest", run_suggest, methods=["POST"]),
            Route(prefix + "/entity", save_entity, methods=["POST"]),
        ]
    return found
