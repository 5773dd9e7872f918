"""The SPARQL 1.1 Protocol at ``/sparql``: query by GET, POST form or POST direct; no update.

A GET without a query answers the Service Description (:mod:`.description`),
or sends a browser to the query page. The result format is the one ``format``
(or ``output``) names when it names one this server knows, else the one
``Accept`` asks for.

Errors answer in plain text: 400 a malformed query (the parser's message),
403 an update in any form (``update=``, ``application/sparql-update``, or an
update sent as ``query``), or a federated query (SERVICE) unless ``--allow-service``;
406 no acceptable format, 413 a body over the size limit, 415 an unknown body
type, 422 a result over the row or byte limit, 502 a SERVICE that failed, 503 a
query past the time limit or a server too busy to take it (with Retry-After).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ..errors import EndpointError, QueryError, QueryTimeout, ResultTooLarge, ServerBusy
from ..query.guard import check_query
from ..query.syntax import prologue
from . import description, formats
from .worker import NotAcceptable, ServiceRefused

#: The HTTP status of each error a query can end in; the first that fits wins
#: (QueryTimeout and ResultTooLarge are kinds of QueryError).
_STATUS = {QueryTimeout: 503, ResultTooLarge: 422, QueryError: 400, NotAcceptable: 406,
           ServiceRefused: 403, EndpointError: 502, ServerBusy: 503}

#: Answers kept per server (the store never changes while it runs), and the largest kept.
ANSWERS = 256
ANSWER_BYTES = 256_000

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "peacekg answers queries, not updates: this endpoint is read-only, SPARQL Update is not accepted"
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def is_update(text: str) -> bool:
    """True when ``text`` is a SPARQL Update (its first keyword after the prologue is an update's).

    >>> is_update("PREFIX ex: <http://e/> # a comment\\nDELETE WHERE { ?s ?p ?o }"), is_update("SELECT * {}")
    (True, False)
    """
    return bool(_UPDATE.match(text, prologue(text)[1]))  # one pass: linear in the text, whatever it holds


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


def load_json(data: bytes | str) -> object:
    """JSON of a request; ValueError for anything that is not (bad UTF-8, nesting past the parser's recursion too).

    >>> load_json("[" * 5000 + "]" * 5000)
    Traceback (most recent call last):
    ...
    ValueError: the JSON nests too deeply
    """
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("the JSON nests too deeply") from None


def _error(status: int, message: str) -> Response:
    headers = {"Retry-After": "1"} if status == 503 else None
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


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
    short = formats.known_short([value for name, value in params if name in ("format", "output")])
    accept = request.headers.get("accept")
    if not queries:
        # A browser (it names HTML) gets the query page; any other client, even one that sends
        # */* or no Accept at all, gets the Service Description, as SPARQL 1.1 SD section 2 says.
        if request.method == "GET" and (short == "html" or (not short and formats.names_html(accept))):
            return RedirectResponse("/query", status_code=303, headers={"Vary": "Accept"})
        if request.method == "GET":
            return _service_description(request, accept, short)
        return _error(400, "no query: send one in the `query` parameter (SPARQL 1.1 Protocol)")
    if len(queries) > 1:
        return _error(400, "more than one `query` parameter")
    if is_update(queries[0]):
        return _error(403, READ_ONLY)
    results, rdf = formats.results_format(accept, short), formats.rdf_format(accept, short)
    try:
        check_query(queries[0], "the query", allow_service=True)  # size and nesting, before any worker
    except tuple(_STATUS) as exc:
        return _error(next(code for kind, code in _STATUS.items() if isinstance(exc, kind)), str(exc))
    options = dict(results=_media(results, formats.RESULTS_FORMATS), rdf=_media(rdf, formats.RDF_FORMATS),
                   default_graphs=tuple(v for n, v in params if n == "default-graph-uri"),
                   named_graphs=tuple(v for n, v in params if n == "named-graph-uri"),
                   base_iri=str(request.url.replace(query="")))  # the service's BASE: its own URL
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


def _service_description(request: Request, accept: str | None, short: str | None) -> Response:
    """The sd:Service of this endpoint, in the RDF format asked for (Turtle by default)."""
    fmt = formats.rdf_format(accept, short) or formats.RdfFormat.TURTLE  # RDF whatever else was asked

    names = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
             "application/rdf+xml": "xml"}
    graphs = sorted(g.value for g in request.app.state.store.named_graphs())
    endpoint = str(request.url.replace(query=""))
    body = description.describe(endpoint, graphs, federated=request.app.state.settings.allow_service,
                                fmt=names[fmt.media_type])
    return Response(body, media_type=formats.media_type(fmt), headers={"Vary": "Accept"})


def _media(fmt, table: dict) -> str | None:
    """The first media type of ``table`` naming ``fmt`` (formats cannot cross processes)."""
    return next((media for media, f in table.items() if f == fmt), None) if fmt else None
