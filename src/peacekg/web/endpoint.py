"""The SPARQL 1.1 Protocol at ``/sparql``: query by GET, POST form or POST direct; no update.

Errors answer in plain text: 400 a malformed query (the parser's message),
403 an update, or a federated query (SERVICE) unless ``--allow-service``;
406 no acceptable format, 413 a body over the size limit, 415 an unknown body
type, 422 a result over the row limit, 502 a SERVICE that failed, 503 a query
past the time limit.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ..errors import EndpointError, QueryError, QueryTimeout, ResultTooLarge
from . import formats
from .worker import NotAcceptable, ServiceRefused

#: The HTTP status of each error a query can end in; the first that fits wins
#: (QueryTimeout and ResultTooLarge are kinds of QueryError).
_STATUS = {QueryTimeout: 503, ResultTooLarge: 422, QueryError: 400, NotAcceptable: 406,
           ServiceRefused: 403, EndpointError: 502}

#: Answers kept per server (the store never changes while it runs), and the largest kept.
ANSWERS = 256
ANSWER_BYTES = 256_000

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge
    return bytes(body)


def _error(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


async def _parameters(request: Request, limit: int) -> list[tuple[str, str]] | Response:
    """The protocol's parameters from the URL and, for a POST, from the body."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == UPDATE:
        return _error(403, READ_ONLY)
    if media not in (FORM, DIRECT):
        return _error(415, f"a POST to /sparql must be {FORM} or {DIRECT}, not {media or 'untyped'}")
    try:
        body = (await read_body(request, limit)).decode("utf-8")
    except BodyTooLarge:
        return _error(413, f"the request body is larger than {limit} bytes, the most this server reads")
    except UnicodeDecodeError:
        return _error(400, "the request body is not UTF-8")
    if media == DIRECT:
        return params + [("query", body)]
    return params + parse_qsl(body, keep_blank_values=True)


async def sparql(request: Request) -> Response:
    """Answer one SPARQL Protocol request."""
    settings = request.app.state.settings
    params = await _parameters(request, settings.max_body)
    if isinstance(params, Response):
        return params
    names = {name for name, _ in params}
    if "update" in names:
        return _error(403, READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if not queries:
        if formats.wants_html(request.headers.get("accept")):
            return RedirectResponse("/query", status_code=303)
        return _error(400, "no query: send one in the `query` parameter (SPARQL 1.1 Protocol)")
    if len(queries) > 1:
        return _error(400, "more than one `query` parameter")
    short = next((value for name, value in params if name in ("format", "output")), None)
    accept = request.headers.get("accept")
    results, rdf = formats.results_format(accept, short), formats.rdf_format(accept, short)
    options = dict(results=_media(results, formats.RESULTS_FORMATS), rdf=_media(rdf, formats.RDF_FORMATS),
                   default_graphs=tuple(v for n, v in params if n == "default-graph-uri"),
                   named_graphs=tuple(v for n, v in params if n == "named-graph-uri"))
    # The same query asked again (a saved query, a page's request) is answered from memory: the
    # store does not change while the server runs. Not a query that asks a remote SERVICE.
    key = (queries[0], *options.values())
    cache = request.app.state.answers
    answer = cache.get(key)
    if answer is None:
        try:
            answer = await request.app.state.pool.run(queries[0], **options)
        except tuple(_STATUS) as exc:
            return _error(next(code for kind, code in _STATUS.items() if isinstance(exc, kind)), str(exc))
        if len(answer.body) <= ANSWER_BYTES and "SERVICE" not in queries[0].upper():
            if len(cache) >= ANSWERS:
                cache.clear()
            cache[key] = answer
    return Response(answer.body, media_type=answer.media_type,
                    headers={"Vary": "Accept", "X-Result-Count": str(answer.count)})


def _media(fmt, table: dict) -> str | None:
    """The first media type of ``table`` naming ``fmt`` (formats cannot cross processes)."""
    return next((media for media, f in table.items() if f == fmt), None) if fmt else None
