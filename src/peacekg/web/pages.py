"""The pages people read: home, essay, resource pages, entity index, query page, ontology.

Every peacekg IRI dereferences here: ``https://w3id.org/peacekg/id/nato`` is
``/id/nato``, a statement ``/statement/<id>``, its evidence ``/evidence/<id>``,
a document ``/doc/<id>`` (its essay page), the ontology ``/ontology``. A browser
gets HTML; a client asking for Turtle, N-Triples or JSON-LD gets RDF.
Templates are Jinja2 with autoescaping on for every page.
"""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, select_autoescape
from pyoxigraph import NamedNode, serialize
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..namespaces import BASE, ONTOLOGY_GRAPH, PKO, PKR, PREFIXES
from . import api, formats, linked
from .arguments import arguments_page
from .essay import documents, essay
from .essay_filters import filters
from .picture import picture
from .resources import describe, triples
from .terms import labels, local_href

templates = Environment(
    loader=PackageLoader("peacekg.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status)


def _rdf_answer(request: Request, iri: str) -> Response | None:
    """RDF for a client that prefers it to HTML; None for a browser."""
    accept, short = request.headers.get("accept"), request.query_params.get("format")
    if formats.wants_html(accept, short):
        return None
    fmt = formats.rdf_format(accept, short)
    if fmt is None:
        return PlainTextResponse(f"this resource is available as text/html, {', '.join(formats.RDF_FORMATS)}\n",
                                 status_code=406, headers=linked.VARY)
    data = triples(request.app.state.store, iri)
    if not data:
        raise HTTPException(404, f"the graph says nothing about {iri}")
    return Response(serialize(data, format=fmt, prefixes=PREFIXES), media_type=formats.media_type(fmt),
                    headers={"Vary": "Accept"})


async def resource(request: Request) -> Response:
    """The page of any peacekg IRI (``/id/x``, ``/statement/x``...) or of ``?iri=``."""
    if request.url.path == "/resource":
        iri = request.query_params.get("iri", "")
    else:
        iri = BASE + request.url.path.lstrip("/")
    try:
        NamedNode(iri)
    except ValueError:
        raise HTTPException(400, "not an IRI this server can look up") from None
    if not iri.startswith(("http://", "https://", "urn:")):
        raise HTTPException(400, "not an IRI this server can look up")
    if not formats.wants_html(request.headers.get("accept"), request.query_params.get("format")):
        rdf = await run_in_threadpool(_rdf_answer, request, iri)
        if rdf is not None:
            return rdf
    number = _page_number(request)
    html = _hit(request, ("resource", iri))  # a page rendered before: no thread needed
    if html is None:
        html = await run_in_threadpool(_cached, request, ("resource", iri), _resource_html,
                                       request.app.state.store, iri, _alternates(request), number)
    if html is None:
        raise HTTPException(404, f"the graph says nothing about {iri}")
    return HTMLResponse(html, headers=linked.VARY)


#: Statements listed on one page of a resource (``?page=2`` for the next ones).
PAGE_SIZE = 100


def _page_number(request: Request) -> int:
    text = request.query_params.get("page", "1")
    if not text.isdigit() or int(text) < 1:
        raise HTTPException(400, "page must be a whole number from 1")
    return int(text)


def _resource_html(store, iri: str, data_links, number: int = 1) -> str | None:
    page = describe(store, iri)
    if page is None:
        return None
    groups = picture(store, iri) if iri.startswith(PKR) else None
    total = len({s.statement.iri for s in page.statements})
    pages = max(1, -(-len(page.statements) // PAGE_SIZE))
    if number > pages:
        return None
    start = (number - 1) * PAGE_SIZE
    page.statements = page.statements[start:start + PAGE_SIZE]
    return templates.get_template("resource.html").render(
        page=page, groups=groups or [], left_out=groups.left_out if groups else 0, data_links=data_links,
        total=total, number=number, pages=pages, page_size=PAGE_SIZE, shown_from=start + 1,
        shown_to=start + len(page.statements))


#: Rendered pages kept per server: the store never changes while it runs.
CACHE_SIZE = 512


def _cached(request: Request, key: tuple, make, *args):
    """``make(*args)``, remembered under ``key`` (and the query string) for this server's life."""
    cache = request.app.state.pages
    key = (*key, request.url.query)
    if key not in cache:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[key] = make(*args)
    return cache[key]


def _hit(request: Request, key: tuple):
    """The page ``_cached`` keeps under ``key`` (and the query string), or None."""
    return request.app.state.pages.get((*key, request.url.query))


def _alternates(request: Request) -> list[tuple[str, str]]:
    sep = "&" if request.url.query else "?"
    base = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return [(name, f"{base}{sep}format={short}") for name, short in
            (("Turtle", "turtle"), ("N-Triples", "ntriples"), ("JSON-LD", "jsonld"))]


async def essay_page(request: Request) -> Response:
    iri = BASE + request.url.path.lstrip("/")
    if not formats.wants_html(request.headers.get("accept"), request.query_params.get("format")):
        rdf = await run_in_threadpool(_rdf_answer, request, iri)
        if rdf is not None:
            return rdf
    name = request.path_params["name"]
    html = _hit(request, ("essay", name)) or await run_in_threadpool(
        _cached, request, ("essay", name), _essay_html, request.app, request.app.state.project, name,
        _alternates(request))
    if html is None:
        raise HTTPException(404, f"no document {name!r}")
    return HTMLResponse(html, headers=linked.VARY)


def _essay_html(app, project, name: str, data_links) -> str | None:
    from .curate import page_context

    page = essay(app.state.store, project, name)
    if page is None:
        return None
    return templates.get_template("essay.html").render(essay=page, data_links=data_links,
                                                       curate=page_context(app, name),
                                                       filters=filters(app.state.store, page.iri))


async def documents_page(request: Request) -> Response:
    listed = await run_in_threadpool(documents, request.app.state.store, request.app.state.project)
    return render("documents.html", documents=listed)


ENTITIES = f"""
SELECT ?e ?type (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes) WHERE {{
  ?e a ?type . FILTER(STRSTARTS(STR(?e), "{PKR}"))
  FILTER(STRSTARTS(STR(?type), "{PKO}"))
  OPTIONAL {{ ?e <{PKO}instanceOf> ?class }}
}} GROUP BY ?e ?type ORDER BY ?type ?e"""

#: The index's kinds of entity, in the order a reader looks for them: each entity goes to the first
#: whose classes it belongs to (through the class closure, pko:instanceOf), the rest to "Other entities".
KINDS = (("States", ("State", "StateGroup")), ("Organisations", ("Organisation", "Delegation")),
         ("People", ("Person", "LeaderGroup", "PopulationGroup", "AuthorGroup")), ("Places", ("Place",)),
         ("Mechanisms", ("Mechanism",)))
OTHER = "Other entities"


def _index(store) -> dict[str, dict[str, list]]:
    """The entities by kind (:data:`KINDS`), then by class, each sorted regardless of case."""
    rows = list(store.query(ENTITIES, use_default_graph_as_union=True))
    names = labels(store, {r[k].value for r in rows for k in ("e", "type")})
    kinds: dict[str, dict[str, list]] = {title: {} for title, _ in KINDS}
    kinds[OTHER] = {}
    for r in rows:
        e, type_ = r["e"].value, r["type"].value
        classes = {type_, *(r["classes"].value.split() if r["classes"] is not None else ())}
        kind = next((title for title, locals_ in KINDS if any(PKO + c in classes for c in locals_)), OTHER)
        kinds[kind].setdefault(names.get(type_, type_), []).append((names.get(e, e), local_href(e)))
    return {kind: {name: sorted(items, key=lambda x: (x[0].casefold(), x[0]))
                   for name, items in sorted(groups.items(), key=lambda g: (g[0].casefold(), g[0]))}
            for kind, groups in kinds.items() if groups}


async def entities(request: Request) -> Response:
    if not formats.wants_html(request.headers.get("accept"), request.query_params.get("format")):
        return await run_in_threadpool(linked.entity_index_rdf, request)
    html = await run_in_threadpool(_cached, request, ("entities",), _entities_html, request.app.state.store)
    return HTMLResponse(html, headers=linked.VARY)


def _entities_html(store) -> str:
    return templates.get_template("entities.html").render(kinds=_index(store))


DOCUMENTS = f"SELECT ?d WHERE {{ ?d a <{PKO}Document> }} ORDER BY ?d"


async def home(request: Request) -> Response:
    if not formats.wants_html(request.headers.get("accept"), request.query_params.get("format")):
        return await linked.well_known_void(request)  # the base IRI, asked for as RDF: the dataset's description
    store = request.app.state.store
    docs = [r["d"].value for r in store.query(DOCUMENTS, use_default_graph_as_union=True)]
    from ..compile.counts import phrases
    from ..query.stats import store_counts

    page = render("home.html", documents=[(d.rsplit("/", 1)[-1], local_href(d)) for d in docs],
                  counts=phrases(store_counts(store)))
    page.headers["Vary"] = "Accept"
    return page


async def query_page(request: Request) -> Response:
    return render("query.html", prefixes=PREFIXES)


@functools.lru_cache(maxsize=4)
def _ontology_html(root) -> str:
    from .docs import ontology_html
    from ..project import Project

    html = ontology_html(Project(root))
    bar = templates.get_template("site-bar.html").render()  # this site's links and search box above pyLODE's page
    script = '<script src="/static/search.js"></script>'
    return html.replace("<body>", "<body>\n" + bar, 1).replace("</body>", script + "\n</body>", 1)


async def ontology(request: Request) -> Response:
    accept, short = request.headers.get("accept"), request.query_params.get("format")
    if not formats.wants_html(accept, short):
        fmt = formats.rdf_format(accept, short)
        if fmt is None:
            return PlainTextResponse(f"the ontology is available as text/html, {', '.join(formats.RDF_FORMATS)}\n",
                                     status_code=406, headers=linked.VARY)
        quads = request.app.state.store.quads_for_pattern(None, None, None, NamedNode(ONTOLOGY_GRAPH))
        return Response(serialize([q.triple for q in quads], format=fmt, prefixes=PREFIXES),
                        media_type=formats.media_type(fmt), headers={"Vary": "Accept"})
    html = await run_in_threadpool(_ontology_html, request.app.state.project.root)
    return HTMLResponse(html, headers=linked.VARY)


async def ontology_version(request: Request) -> Response:
    """The ontology's version IRI answers with the whole ontology; any other path under it, its page."""
    if BASE + request.url.path.lstrip("/") == linked.version_iri(request.app.state.store):
        return await ontology(request)
    return await resource(request)


async def health(request: Request) -> Response:
    """200 while SPARQL can be answered (some worker alive), 503 when no worker is."""
    pool = getattr(request.app.state, "pool", None)
    if pool is None:
        return PlainTextResponse("starting\n", status_code=503)
    alive, wanted = pool.status()
    text = f"sparql: {alive} of {wanted} workers ready"
    if pool.last_failure:
        text += f" ({pool.last_failure})"
    return PlainTextResponse(("ok\n" if alive else "failing\n") + text + "\n", status_code=200 if alive else 503)


def routes() -> list[Route]:
    return [
        Route("/", home),
        Route("/health", health),
        Route("/query", query_page),
        Route("/api/queries", api.saved_queries),
        Route("/api/queries/{name}", api.saved_query),
        Route("/ontology", ontology),
        Route("/ontology/{version:path}", ontology_version),
        Route("/.well-known/void", linked.well_known_void),
        Route("/id/", entities),
        Route("/doc/", documents_page),
        Route("/doc/{name}", essay_page),
        Route("/doc/{name}/arguments", arguments_page),
        Route("/resource", resource),
        *(Route(f"/{kind}/{{name:path}}", resource) for kind in ("id", "statement", "evidence", "graph")),
    ]


def fallback() -> Route:
    """Any other path under the graph's base IRI (``/mapping/...``): its resource page, or 404."""
    return Route("/{rest:path}", resource)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if formats.wants_html(request.headers.get("accept")):
        return render("error.html", status=exc.status_code, code=exc.status_code, message=exc.detail)
    return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code)


def exception_handlers() -> dict:
    return {HTTPException: _http_error}

