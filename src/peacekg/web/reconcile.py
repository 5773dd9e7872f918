"""A Reconciliation Service at ``/reconcile``: the W3C Entity Reconciliation Service API 0.2, as
OpenRefine speaks it, over the peacekg registry (:mod:`.matching`).

* ``GET /reconcile`` the manifest (with ``callback``, as JSONP);
* ``GET``/``POST /reconcile`` with ``queries`` (a JSON batch: ``query``, ``type``, ``limit``,
  ``properties`` with ``pid`` ``wikidata`` to match a Wikidata QID) the candidates, with
  score, features and ``match``;
* ``GET /reconcile/preview?id=`` a small HTML card;
* ``GET /reconcile/suggest/{entity,type,property}?prefix=`` auto-completion;
* ``extend`` (data extension): the ``wikidata`` property gives each entity's Wikidata QID,
  so a reconciled spreadsheet gets its QIDs in a column.
"""

from __future__ import annotations

import html
import json
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..namespaces import BASE, PKO
from .endpoint import BodyTooLarge, load_json, read_body
from .matching import Index

VERSION = "0.2"
#: Bounds of a request: queries in a batch, characters of a name, candidates (and types, properties) per query.
MAX_BATCH = 200
MAX_NAME = 200
MAX_LIMIT = 100
PROPERTIES = {"wikidata": "Wikidata item (QID)"}
DEFAULT_TYPES = ("Agent", "Place")


def _index(request: Request) -> Index:
    state = request.app.state
    if getattr(state, "reconcile_index", None) is None:
        state.reconcile_index = Index.from_store(state.store)
    return state.reconcile_index


def manifest(base: str, index: Index) -> dict:
    """The service manifest; ``base`` is the server's root URL."""
    service = base + "/reconcile"
    return {
        "versions": [VERSION], "name": "peacekg registry", "serviceVersion": VERSION,
        "identifierSpace": BASE + "id/", "schemaSpace": PKO,
        "documentation": base + "/ontology",
        "view": {"url": base + "/id/{{id}}"},
        "defaultTypes": [{"id": t, "name": t} for t in DEFAULT_TYPES if t in index.subclasses],
        "preview": {"url": service + "/preview?id={{id}}", "width": 400, "height": 120},
        "suggest": {kind: {"service_url": base, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": base, "service_path": "/reconcile/properties"},
                   "property_settings": []},
    }


def _answer(request: Request, payload: dict) -> Response:
    callback = request.query_params.get("callback")
    if callback and callback.replace("_", "").replace(".", "").isalnum():
        return Response(f"{callback}({json.dumps(payload)})", media_type="application/javascript")
    return JSONResponse(payload)


def query_problem(key: str, query: object) -> str | None:
    """Why one query of a batch cannot be answered (a wrong kind of value, a text past the bound), or None.

    >>> query_problem("q0", {"query": "Russia", "type": ["State"], "limit": 3})
    >>> query_problem("q1", {"query": "Russia", "limit": "abc"})
    'q1: `limit` must be a whole number from 0 to 100'
    """
    if not isinstance(query, dict):
        return f"{key}: a query must be a JSON object"
    text, types, limit, props = (query.get(k) for k in ("query", "type", "limit", "properties"))
    if text is not None and not isinstance(text, str):
        return f"{key}: `query` must be a string"
    if isinstance(text, str) and len(text) > MAX_NAME:
        return f"{key}: `query` is longer than the {MAX_NAME} characters a name may have here"
    if not (types is None or isinstance(types, str)
            or isinstance(types, list) and len(types) <= MAX_LIMIT and all(isinstance(t, str) for t in types)):
        return f"{key}: `type` must be a type's id or a list of them"
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT):
        return f"{key}: `limit` must be a whole number from 0 to {MAX_LIMIT}"
    if props is not None and not (isinstance(props, list) and len(props) <= MAX_LIMIT
                                  and all(isinstance(p, dict) and isinstance(p.get("pid"), str) for p in props)):
        return f"{key}: `properties` must be a list of objects with a `pid`"
    return None


def reconcile_one(index: Index, query: dict) -> dict:
    """The candidates of one query of a batch (checked by :func:`query_problem` first)."""
    types = query.get("type")
    wanted = {types} if isinstance(types, str) else set(types or [])
    qid = next((str(p.get("v", {}).get("id") if isinstance(p.get("v"), dict) else p.get("v"))
                for p in query.get("properties") or [] if p.get("pid") == "wikidata"), None)
    limit = int(query.get("limit") or 10)
    candidates = index.search(str(query.get("query") or ""), types=wanted or None, limit=limit, qid=qid)
    return {"result": [{
        "id": c.entity.id, "name": c.entity.name, "score": c.score, "match": c.match,
        "type": [{"id": t, "name": t} for t in c.entity.types],
        "description": f"{', '.join(c.entity.types)}" + (f"; Wikidata {c.entity.qid}" if c.entity.qid else ""),
        "features": [{"id": "name_similarity", "value": c.score}, {"id": "name_exact", "value": c.exact},
                     {"id": "type_match", "value": c.type_match},
                     {"id": "wikidata_match", "value": bool(qid) and c.entity.qid == qid}],
    } for c in candidates]}


async def service(request: Request) -> Response:
    params = dict(request.query_params)
    if request.method == "POST":  # a form, as OpenRefine sends it
        try:
            body = await read_body(request, request.app.state.settings.max_body)
        except BodyTooLarge:
            return PlainTextResponse("the request body is too large\n", status_code=413)
        params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    base = str(request.base_url).rstrip("/")
    index = _index(request)
    if "queries" in params:
        try:
            batch = load_json(params["queries"])
        except ValueError:
            batch = None
        if not isinstance(batch, dict):
            return PlainTextResponse("`queries` must be a JSON object of queries\n", status_code=400)
        if len(batch) > MAX_BATCH:
            return PlainTextResponse(f"a batch holds at most {MAX_BATCH} queries, not {len(batch)}\n", status_code=400)
        problem = next(filter(None, (query_problem(key, q) for key, q in batch.items())), None)
        if problem:
            return PlainTextResponse(problem + "\n", status_code=400)
        answer = await run_in_threadpool(lambda: {key: reconcile_one(index, q) for key, q in batch.items()})
        return _answer(request, answer)  # matched off the event loop: the server answers others meanwhile
    if "extend" in params:
        try:
            extend = load_json(params["extend"])
            ids = [str(i) for i in extend["ids"]][:MAX_BATCH * 10]
        except (ValueError, KeyError, TypeError):
            return PlainTextResponse("`extend` must be a JSON object with `ids`\n", status_code=400)
        rows = {i: {"wikidata": [{"str": index.by_id[i].qid}] if i in index.by_id and index.by_id[i].qid else []}
                for i in ids}
        return _answer(request, {"meta": [{"id": "wikidata", "name": PROPERTIES["wikidata"]}], "rows": rows})
    return _answer(request, manifest(base, index))


async def preview(request: Request) -> Response:
    entity = _index(request).by_id.get(request.query_params.get("id", ""))
    if entity is None:
        return PlainTextResponse("no such entity\n", status_code=404)
    qid = (f'<p>Wikidata <a href="https://www.wikidata.org/wiki/{entity.qid}" target="_blank">{entity.qid}</a></p>'
           if entity.qid else "<p>not linked to Wikidata</p>")
    aliases = f"<p>also: {html.escape(', '.join(entity.aliases))}</p>" if entity.aliases else ""
    return HTMLResponse(f'<!doctype html><html><body style="font:14px sans-serif;margin:4px">'
                        f'<b><a href="/id/{html.escape(entity.id)}" target="_blank">{html.escape(entity.name)}</a></b>'
                        f' ({html.escape(", ".join(entity.types))}){aliases}{qid}</body></html>')


async def suggest(request: Request) -> Response:
    kind, prefix = request.path_params["kind"], request.query_params.get("prefix", "")
    cursor = request.query_params.get("cursor", "0")
    if not cursor.isdigit() or len(cursor) > 9:
        return PlainTextResponse("cursor must be a whole number from 0\n", status_code=400)
    index = _index(request)
    if kind == "entity":
        result = [{"id": e.id, "name": e.name, "description": ", ".join(e.types)}
                  for e in index.suggest(prefix, cursor=int(cursor))]
    elif kind == "type":
        result = [{"id": t, "name": t} for t in index.types() if t.lower().startswith(prefix.lower())]
    elif kind == "property":
        result = [{"id": p, "name": n} for p, n in PROPERTIES.items() if prefix.lower() in n.lower() + p]
    else:
        return PlainTextResponse("suggest serves entity, type and property\n", status_code=404)
    return _answer(request, {"result": result})


async def properties(request: Request) -> Response:
    return _answer(request, {"type": request.query_params.get("type", ""),
                             "properties": [{"id": p, "name": n} for p, n in PROPERTIES.items()]})


def routes() -> list[Route]:
    return [Route("/reconcile", service, methods=["GET", "POST"]),
            Route("/reconcile/preview", preview),
            Route("/reconcile/properties", properties),
            Route("/reconcile/suggest/{kind}", suggest)]
