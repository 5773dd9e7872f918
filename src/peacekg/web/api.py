"""The saved queries as JSON, for the query page: ``/api/queries`` and ``/api/queries/<name>``.

The query page sends a saved query to ``/sparql`` as text; its parameters are
bound as RDF terms by issue 7's runner (:func:`peacekg.query.run.bind`) and written as
a ``VALUES`` clause that opens the query's WHERE group (:func:`peacekg.query.run.bound_text`),
the same way ``peacekg query --endpoint`` sends them to any endpoint: a value is never
pasted into the query's own text, and a parameter a FILTER reads (``paragraph-statements``'
``document``) is bound where the FILTER sees it.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from ..errors import QueryError, UnknownQuery


def _shown(param) -> str | None:
    """A default as people type it, as the CLI shows it: ``pkr:russia``, not the full IRI."""
    from ..query.terms import compact

    if param.default is None or param.kind != "iri" or "://" not in param.default:
        return param.default
    return compact(param.default)


def _describe(query) -> dict:
    from ..query.run import bind, bound_text

    try:
        bound = bound_text(query.text, bind(query, {}))
    except QueryError:  # a parameter without a default: the user fills it in first
        bound = query.text
    return {
        "name": query.name,
        "summary": query.summary,
        "description": query.description,
        "tags": list(query.tags),
        "params": [{"name": p.name, "kind": p.kind, "default": _shown(p)} for p in query.params],
        "text": query.text,
        "bound": bound,
    }


def _catalogue(project) -> list[dict]:
    from ..query.catalogue import catalogue

    return [_describe(q) for q in catalogue(project)]


def _bound(project, store, name: str, values: dict[str, str]) -> dict:
    """The query's text with ``values`` bound as the CLI binds them: bare ids and vocabulary terms
    (``imputed``, ``Guarantee``) resolved against this server's graph."""
    from ..query.catalogue import get_query
    from ..query.run import bind, bound_text, empty_notes, run_sparql

    query = get_query(name, project)

    def ask(text: str):
        return run_sparql(text, store=store, source="<check>")

    bindings = bind(query, values, ask=ask, project=project)
    # What the page says, where the results would be, if the answer has no rows: the CLI's warnings.
    notes = empty_notes(query, bindings, ask) if bindings else []
    return {"name": query.name, "text": bound_text(query.text, bindings), "notes": notes}


async def saved_queries(request: Request) -> JSONResponse:
    """Every saved query with its description, parameters and text (defaults bound)."""
    return JSONResponse(await run_in_threadpool(_catalogue, request.app.state.project))


async def saved_query(request: Request) -> JSONResponse:
    """One saved query's text with the parameters of the URL bound; 400 or 404 with a message."""
    try:
        answer = await run_in_threadpool(_bound, request.app.state.project, request.app.state.store,
                                         request.path_params["name"], dict(request.query_params))
    except UnknownQuery as exc:
        return JSONResponse({"error": str(exc)}, status_code=404)
    except QueryError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    return JSONResponse(answer)
