"""Pages for finding things: search (``/search``, ``/api/search``), the timeline (``/timeline``), labels (``/api/labels``).

>>> precise("2022-02-01T00:00:00Z", 10)
'February 2022'
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from pyoxigraph import NamedNode
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..namespaces import OA, PKO, RDFS
from .endpoint import BodyTooLarge, load_json, read_body
from .pages import render
from .search import index_of
from .terms import Term, labels, term

#: Suggestions shown as one types.
SUGGESTIONS = 8
#: At most this many IRIs per /api/labels request.
MAX_LABELS = 2000


async def search_page(request: Request) -> Response:
    text = request.query_params.get("q", "")[:200]
    index = await run_in_threadpool(index_of, request.app)
    return render("search.html", q=text, entities=index.entities(text), statements=index.statements(text))


async def suggest(request: Request) -> Response:
    """JSON suggestions for the search box: entities by name, then statements by quote."""
    text = request.query_params.get("q", "")[:200]
    index = await run_in_threadpool(index_of, request.app)
    entities = [{"label": h.label, "href": h.href, "kind": h.kind,
                 "matched": h.matched if h.matched != h.label else None} for h in index.entities(text, SUGGESTIONS)]
    statements = [{"label": h.summary or h.quote, "quote": h.quote, "href": h.href, "kind": h.kind}
                  for h in index.statements(text, max(2, SUGGESTIONS - len(entities)))]
    return JSONResponse({"q": text, "entities": entities, "statements": statements})


async def label_lookup(request: Request) -> Response:
    """``POST`` a JSON list of IRIs: their labels, as an object (IRIs without one left out)."""
    try:
        iris = load_json((await read_body(request, request.app.state.settings.max_body)) or b"[]")
    except BodyTooLarge:
        return JSONResponse({"error": "the request body is too large"}, status_code=413)
    except ValueError:
        return JSONResponse({"error": "the body must be a JSON list of IRIs"}, status_code=400)
    if not isinstance(iris, list) or len(iris) > MAX_LABELS or not all(isinstance(i, str) for i in iris):
        return JSONResponse({"error": f"the body must be a JSON list of at most {MAX_LABELS} IRIs"}, status_code=400)
    wanted = set()
    for iri in iris:
        try:
            NamedNode(iri)
            wanted.add(iri)
        except ValueError:
            continue
    return JSONResponse(await run_in_threadpool(labels, request.app.state.store, wanted))


# --- the timeline ---------------------------------------------------------------------------

TIMELINE = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT ?when ?precision ?role ?st ?class ?agent ?summary ?quote WHERE {{
  VALUES (?role ?precisionRole) {{ (pko:pointInTime pko:pointInTimePrecision)
                                  (pko:startTime pko:startTimePrecision) (pko:endTime pko:endTimePrecision) }}
  ?st ?role ?when ; ?precisionRole ?precision ; a ?class .
  ?class rdfs:subClassOf pko:Statement .
  OPTIONAL {{ ?st pko:agent ?agent }}  # a dated statement without a holder ("ongoing since 2014") is listed too
  OPTIONAL {{ ?st rdfs:label ?summary }}
  OPTIONAL {{ ?st pko:evidence/oa:hasSelector ?s . ?s a oa:TextQuoteSelector ; oa:exact ?quote }}
}} ORDER BY STR(?when) ?st ?role"""

ROLES = {PKO + "pointInTime": "", PKO + "startTime": "from", PKO + "endTime": "until"}


def precise(value: str, precision: int) -> str:
    """A date as the text gives it: a year (precision 9, as Wikidata has it), a month (10) or a day (11).

    >>> precise("2022-02-01T00:00:00Z", 10), precise("2022-02-24T00:00:00Z", 11), precise("2015-01-01T00:00:00Z", 9)
    ('February 2022', '24 February 2022', '2015')
    """
    try:
        year, month, day = value[:10].split("-")
        if precision == 9:
            return year
        if precision == 10:
            return f"{calendar.month_name[int(month)]} {year}"
        if precision == 11:
            return f"{int(day)} {calendar.month_name[int(month)]} {year}"
    except (ValueError, IndexError):
        pass
    return value


@dataclass(frozen=True)
class Dated:
    when: str  #: as the text gives it
    sort: str  #: the literal's lexical form (ISO: sorts by date)
    role: str  #: "", "from" or "until"
    statement: Term
    kind: Term
    agent: Term | None  #: the holder or doer, None for a statement without one
    quote: str | None


def timeline(store) -> list[Dated]:
    rows = list(store.query(TIMELINE, use_default_graph_as_union=True))
    names = labels(store, {r[k].value for r in rows for k in ("st", "class", "agent") if r[k] is not None})
    entries = []
    for r in rows:
        when = r["when"]
        statement = term(r["st"], names)
        if r["summary"]:
            statement = Term(r["summary"].value, statement.iri, statement.href)
        entries.append(Dated(precise(when.value, int(r["precision"].value)), when.value, ROLES[r["role"].value],
                             statement, term(r["class"], names), term(r["agent"], names) if r["agent"] else None,
                             r["quote"].value if r["quote"] else None))
    return sorted(dict.fromkeys(entries), key=lambda d: (d.sort, d.role != "from", d.statement.text))


async def timeline_page(request: Request) -> Response:
    entries = await run_in_threadpool(timeline, request.app.state.store)
    return render("timeline.html", entries=entries)


def routes() -> list[Route]:
    return [
        Route("/search", search_page),
        Route("/api/search", suggest),
        Route("/api/labels", label_lookup, methods=["POST"]),
        Route("/timeline", timeline_page),
    ]
