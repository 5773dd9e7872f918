"""Run saved or ad hoc queries on the embedded store or on a SPARQL 1.1 endpoint.

Parameters are bound as RDF terms, through a ``VALUES`` clause written from
serialised terms (pyoxigraph's N-Triples form) that opens the query's WHERE
group (:func:`bound_text`), on the embedded store and on an endpoint alike. The query text is never edited with a value, so a value
cannot change what the query means. (pyoxigraph's ``substitutions`` would bind
only variables of the SELECT clause, where grlc, which pastes values into the
text, would leave a constant and break the query; a VALUES clause needs the
parameter only in the top-level pattern, and both engines then give the same
answer by the same route. Opening the group rather than trailing the query, it
is seen by the optimiser before it orders the joins: a trailing VALUES is
joined last, after a scan of every statement, hundreds of times slower for a
one-statement query at a million triples; bench/RESULTS.md.)

>>> result = run_query("proposals")
>>> ("pkr:russia", "pkr:legal-security-guarantees-for-minorities") in {
...     (r["proposer"].replace("https://w3id.org/peacekg/id/", "pkr:"),
...      r["mechanism"].replace("https://w3id.org/peacekg/id/", "pkr:")) for r in result}
True
>>> len(run_query("statement-counts", document='x" } ; DROP ALL ; #'))
0
"""

from __future__ import annotations

import re

from pyoxigraph import QueryBoolean, QuerySolutions, Store

from ..errors import EndpointError, QueryError
from ..project import Project, find_project
from .catalogue import SavedQuery, get_query
from .guard import check_query, scan
from .results import Result
from .store import graph_files, open_store
from .terms import to_term

#: Seconds to wait for a remote endpoint before giving up, when no timeout is given.
DEFAULT_TIMEOUT = 30.0

_cache: dict[tuple, Store] = {}


def load(project: Project | None = None) -> Store:
    """The graph as a fresh in-memory pyoxigraph store, one named graph per file.

    Query it with ``use_default_graph_as_union=True`` to see every graph at once.

    >>> store = load()
    >>> len(store) > 500
    True
    """
    return open_store(project)


def _shared_store(project: Project) -> Store:
    """A store loaded once per process and reused while the built files stay unchanged."""
    key = (project.root, *((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p, _ in graph_files(project)))
    if key not in _cache:
        _cache.clear()
        _cache[key] = open_store(project, cache=None)  # a big graph is reopened, not parsed again
    return _cache[key]


def bind(query: SavedQuery, values: dict[str, object]) -> dict[str, object]:
    """The term of each parameter of ``query`` (variable name -> term), defaults filled in."""
    for name in values:
        query.param(name)  # raises for a name the query does not take
    bound = {}
    for param in query.params:
        raw = values.get(param.name, param.default)
        if raw is None:
            raise QueryError(f"query {query.name!r} needs a value for {param.name!r} ({param.kind}): "
                             f"--param {param.name} VALUE")
        bound[param.variable] = to_term(str(raw), param.kind)
    return bound


def values_clause(bindings: dict[str, object]) -> str:
    """A trailing ``VALUES`` clause binding each variable to its term, in N-Triples syntax."""
    if not bindings:
        return ""
    names = " ".join(f"?{v}" for v in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bound_text(text: str, bindings: dict[str, object]) -> str:
    """The query with a VALUES clause of ``bindings`` opening its WHERE group, on the same line.

    A query without the WHERE keyword gets the clause at its end instead.

    >>> from pyoxigraph import NamedNode
    >>> print(bound_text("# where {\\nSELECT ?s WHERE {\\n  ?s ?p ?_o_iri\\n}", {"_o_iri": NamedNode("urn:x")}))
    # where {
    SELECT ?s WHERE { VALUES (?_o_iri) { (<urn:x>) }
      ?s ?p ?_o_iri
    }
    """
    if not bindings:
        return text
    offset = 0
    for line in text.splitlines(keepends=True):
        match = None if line.lstrip().startswith("#") else _WHERE.search(line)
        if match:
            at = offset + match.end()
            return f"{text[:at]} {values_clause(bindings).strip()}{text[at:]}"
        offset += len(line)
    return text + values_clause(bindings)


def _syntax_error(exc: SyntaxError, source: str) -> QueryError:
    """The parser's own message, with its line and column spelled out."""
    message = str(exc)
    where = re.match(r"error at (\d+):(\d+): ", message)
    if where:
        line, column = where.groups()
        message = f"line {line}, column {column}: {message[where.end():]}"
    return QueryError(f"{source}: syntax error at {message}")


def _answer(text: str, source: str, store: Store, service: bool) -> bytes:
    """Run the query and serialise its answer, every error of either step turned into ours."""
    try:
        return Result.json_of(store.query(text, use_default_graph_as_union=True))
    except SyntaxError as exc:
        raise _syntax_error(exc, source) from None
    except OSError as exc:  # a SERVICE that failed surfaces here, even while serialising
        if service:
            raise EndpointError(f"{source}: a SERVICE of the query failed: {exc}") from None
        raise QueryError(f"{source}: {exc}") from None
    except (ValueError, RuntimeError) as exc:
        raise QueryError(f"{source}: the query failed: {exc}") from None


def _embedded(text: str, source: str, store: Store | None, project: Project | None, *,
              timeout: float | None = None, allow_service: bool = False) -> Result:
    check_query(text, source, allow_service=allow_service)
    store = store if store is not None else _shared_store(project or find_project())
    service = allow_service and scan(text)[1]
    if timeout is None:  # the common case: in this process, no fork
        return Result(_answer(text, source, store, service))
    from .deadline import within  # only when a limit is asked: the common case never forks nor pays this

    return Result(within(lambda: _answer(text, source, store, service), timeout=timeout))


def _remote(text: str, source: str, endpoint: str, timeout: float) -> Result:
    from .remote import check_url, query_endpoint

    check_url(endpoint)
    check_query(text, source, allow_service=True)  # the server decides on SERVICE
    try:  # parse locally first (on an empty store): a syntax error gets line and column
        local = Store().query(text)
    except SyntaxError as exc:
        raise _syntax_error(exc, source) from None
    except OSError:  # a SERVICE the empty store could not reach: the form is still SELECT or ASK
        local = None
    if local is not None and not isinstance(local, (QuerySolutions, QueryBoolean)):
        raise QueryError("only SELECT and ASK queries give rows; use `peacekg export` for graphs")
    form = "ASK" if isinstance(local, QueryBoolean) else "SELECT"
    data = query_endpoint(endpoint, text, timeout=timeout, form=form)
    try:
        result = Result(data)
    except (SyntaxError, ValueError, OSError) as exc:
        raise EndpointError(f"{endpoint}: the answer is not valid SPARQL JSON results: "
                            f"{str(exc).splitlines()[0][:300]}") from None
    if (result.boolean is None) != (form == "SELECT"):
        raise EndpointError(f"{endpoint}: the answer is of the wrong kind: {form} results were expected")
    return result


def run_sparql(text: str, *, endpoint: str | None = None, timeout: float | None = None,
               store: Store | None = None, project: Project | None = None,
               bindings: dict | None = None, source: str = "<query>", allow_service: bool = False) -> Result:
    """Run a SELECT or ASK query over the union of all graphs, embedded or on ``endpoint``.

    ``timeout`` bounds the query in seconds: on an endpoint (30 s when not given),
    and on the embedded store, where the query then runs in a child process stopped
    at the deadline (no limit when not given). The embedded store refuses a
    ``SERVICE`` (a request elsewhere) unless ``allow_service``.

    >>> run_sparql("ASK { ?s a <https://w3id.org/peacekg/ontology#Proposal> }").boolean
    True
    >>> run_sparql("SELECT ?x WHERE {\\n  ?x ?y\\n}")
    Traceback (most recent call last):
    ...
    peacekg.errors.QueryError: <query>: syntax error at line 3, column 2: expected ...
    """
    text = bound_text(text, bindings or {})
    if endpoint:
        return _remote(text, source, endpoint, DEFAULT_TIMEOUT if timeout is None else timeout)
    return _embedded(text, source, store, project, timeout=timeout, allow_service=allow_service)


def run_query(name: str | SavedQuery, /, *, endpoint: str | None = None, timeout: float | None = None,
              store: Store | None = None, project: Project | None = None, checks: bool = False,
              allow_service: bool = False, **params) -> Result:
    """Run the saved query ``name`` with its parameters given by bare name (``actor="russia"``).

    ``checks=True`` looks ``name`` up among the quality checks of ``queries/checks``;
    ``timeout`` and ``allow_service`` are as for :func:`run_sparql`.

    >>> rows = run_query("actor-statements", actor="ukraine")
    >>> ("https://w3id.org/peacekg/ontology#floated", "https://w3id.org/peacekg/id/security-guarantees") in {
    ...     (r["status"], r["mechanism"]) for r in rows}
    True
    """
    project = project or find_project()
    if not isinstance(name, SavedQuery):  # the header (PyYAML) is read only if a default is needed
        name = get_query(name, project, checks=checks, metadata=False, given=params)
    query = name
    source = project.relative(query.path)
    return run_sparql(query.text, endpoint=endpoint, timeout=timeout, store=store, project=project,
                      bindings=bind(query, params), source=source, allow_service=allow_service)
