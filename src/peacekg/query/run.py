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
>>> ("pkr:russia", "legal security guarantees for minorities") in {
...     (r["proposer"].replace("https://w3id.org/peacekg/id/", "pkr:"), r["mechanisms"]) for r in result}
True
>>> len(run_query("statement-counts", document='x" } ; DROP ALL ; #'))
0
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings

from pyoxigraph import QueryBoolean, QueryTriples, Store

from ..errors import EndpointError, PeacekgWarning, QueryError
from ..namespaces import PKO, PREFIXES, WIKIDATA_GRAPH, statement_iri
from ..project import Project, find_project
from .catalogue import SavedQuery, get_query
from .guard import check_query, scan
from .results import Result
from .syntax import syntax_error, with_prefixes
from .store import graph_files, open_store
from .terms import to_term
from .values import check_paragraphs, explain_empty, is_bare, is_vocabulary, matching_literals, resolve_bare_ids

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


def _given(query: SavedQuery, name: str, raw) -> list[str]:
    """The values given for one parameter; several only where the query takes several."""
    if isinstance(raw, (list, tuple)):
        values = [str(v) for v in raw]
        if len(values) > 1 and name not in query.multiple:
            raise QueryError(f"--param {name} is given {len(values)} times ({', '.join(map(repr, values))}), "
                             f"but query {query.name!r} takes one value for it")
        if not values:
            raise QueryError(f"--param {name}: no value given")
        return values
    return [str(raw)]


def _default(query: SavedQuery, name: str):
    """The default of the parameter ``name``, None when the query has no such parameter or no default."""
    return next((p.default for p in query.params if p.name == name), None)


def bind(query: SavedQuery, values: dict[str, object], *, ask=None, project=None) -> dict[str, object]:
    """The term of each parameter of ``query`` (variable name -> term, or list of terms), defaults filled in.

    With ``ask`` (a callable running a query where the answer will come from),
    bare ids resolve in the namespace where they name something, names the
    query matches regardless of case bind every spelling the graph has, and
    with ``project`` (a :class:`Project`, or a callable giving one when it is
    needed) a paragraph no text has is refused.
    """
    for name in values:
        query.param(name)  # raises for a name the query does not take
    bound: dict[str, object] = {}
    bare = []
    for param in query.params:
        raw = values.get(param.name, param.default)
        if raw is None:
            raise QueryError(f"query {query.name!r} needs a value for {param.name!r} ({param.kind}): "
                             f"--param {param.name} VALUE")
        given = _given(query, param.name, raw)
        terms = [to_term(value, param.kind) for value in given]
        if param.kind == "iri":
            for value, term in zip(given, terms):
                if is_bare(value):
                    bare.append((param.variable, param.name, value))
            if ask is None and param.name == "statement":
                terms = [to_term(statement_iri(v), "iri") if is_bare(v) else t for v, t in zip(given, terms)]
            elif ask is None and is_vocabulary(param):  # a term as the YAML writes it: imputed, Guarantee
                terms = [to_term(PKO + v.strip(), "iri") if is_bare(v) else t for v, t in zip(given, terms)]
        if project is not None and param.name == "paragraph" and param.kind in ("positiveInteger", "integer"):
            document = values.get("document", _default(query, "document"))
            check_paragraphs(param.name, [int(t.value) for t in terms], project() if callable(project) else project,
                             document=document if isinstance(document, str) else None)
        if ask is not None and param.name in query.ignore_case:
            terms = list(dict.fromkeys(m for t in terms for m in matching_literals(t, ask)))
        bound[param.variable] = terms
    if ask is not None and bare:
        resolved = resolve_bare_ids(bare, ask, {p.name for p in query.params if is_vocabulary(p)})
        for param in query.params:
            if param.variable in resolved:
                given = _given(query, param.name, values.get(param.name, param.default))
                iris = iter(resolved[param.variable])
                bound[param.variable] = [next(iris) if is_bare(v) else t
                                         for v, t in zip(given, bound[param.variable])]
    return {variable: terms[0] if len(terms) == 1 else terms for variable, terms in bound.items()}


def values_clause(bindings: dict[str, object]) -> str:
    """A trailing ``VALUES`` clause binding each variable to its term (or terms), in N-Triples syntax."""
    if not bindings:
        return ""
    names = " ".join(f"?{v}" for v in bindings)
    choices = [t if isinstance(t, list) else [t] for t in bindings.values()]
    rows = " ".join("(" + " ".join(str(t) for t in row) + ")" for row in itertools.product(*choices))
    return f"\nVALUES ({names}) {{ {rows} }}\n"


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
    return _bound(text, tuple((name, tuple(map(str, t)) if isinstance(t, list) else str(t))
                              for name, t in bindings.items()))


@functools.lru_cache(maxsize=256)
def _bound(text: str, pairs: tuple) -> str:
    """:func:`bound_text` of terms in N-Triples form, remembered: finding WHERE cost a third of a small query."""
    bindings = {name: list(t) if isinstance(t, tuple) else t for name, t in pairs}
    offset = 0
    for line in text.splitlines(keepends=True):
        match = None if line.lstrip().startswith("#") else _WHERE.search(line)
        if match:
            at = offset + match.end()
            return f"{text[:at]} {values_clause(bindings).strip()}{text[at:]}"
        offset += len(line)
    return text + values_clause(bindings)



def _answer(text: str, source, store: Store, service: bool, *, as_bytes: bool = False):
    """Run the query and take its answer, every error of either step turned into ours.

    Rows are kept as pyoxigraph gives them (read when asked), except after a
    SERVICE: one that fails surfaces while the answer is read, so that answer
    is read here, inside the ``try``. With ``as_bytes`` (for a child process)
    the answer is ``("rows", SPARQL JSON)`` or ``("graph", N-Triples)``.
    """
    try:
        try:  # the graph's prefixes only for a query that needs them: passing them costs a small query a seventh
            answer = store.query(text, use_default_graph_as_union=True)
        except SyntaxError:
            answer = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        if isinstance(answer, QueryTriples):
            from .graphs import GraphResult  # here: it imports the exporters, which rows do not need

            graph = GraphResult.from_query(answer)
            return ("graph", graph.serialize("ntriples")) if as_bytes else graph
        if as_bytes:
            return "rows", Result.json_of(answer)
        return Result(Result.json_of(answer)) if service else Result.from_query(answer)
    except SyntaxError as exc:
        raise syntax_error(exc, text, _named(source)) from None
    except OSError as exc:  # a SERVICE that failed surfaces here, even while serialising
        if service:
            raise EndpointError(f"{_named(source)}: a SERVICE of the query failed: {exc}") from None
        raise QueryError(f"{_named(source)}: {exc}") from None
    except (ValueError, RuntimeError) as exc:
        raise QueryError(f"{_named(source)}: the query failed: {exc}") from None


#: A query longer than this many characters runs in a child process even without a time limit: the
#: parser recurses once per item of a long chain (``?a && ?b && ...``, 6,000 ``+``), and its stack
#: overflowing must end the query with a message, not the caller with a segfault.
SHIELDED = 8_192


def _embedded(text: str, source, store: Store | None, project: Project | None, *,
              timeout: float | None = None, allow_service: bool = False) -> Result | GraphResult:
    check_query(text, source, allow_service=allow_service)
    store = store if store is not None else _shared_store(project or find_project())
    service = allow_service and scan(text)[1]
    if timeout is None and len(text) <= SHIELDED:  # the common case: in this process, no fork
        return _answer(text, source, store, service)
    from .deadline import within  # only when a limit is asked: the common case never forks nor pays this
    from .graphs import GraphResult

    kind, data = within(lambda: _answer(text, source, store, service, as_bytes=True), timeout=timeout)
    return GraphResult.from_bytes(data, "application/n-triples") if kind == "graph" else Result(data)


def _named(source) -> str:
    """The name of a query's source, worked out only for a message (it resolves paths)."""
    return source() if callable(source) else source


_PAGE = re.compile(r"(?:\b(LIMIT|OFFSET)\s+(\d+)\s*){1,2}\Z", re.IGNORECASE)


def paged_text(text: str, *, limit: int | None = None, offset: int | None = None) -> str:
    r"""The query with ``LIMIT``/``OFFSET`` for one page of its answer, combined with its own if it has them.

    >>> paged_text("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", limit=10, offset=20)
    'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\nLIMIT 10 OFFSET 20\n'
    >>> paged_text("SELECT ?s WHERE { ?s ?p ?o }\nLIMIT 25 # at most\n", limit=10, offset=20)
    'SELECT ?s WHERE { ?s ?p ?o }\nLIMIT 5 OFFSET 20\n'
    """
    if limit is None and not offset:
        return text
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise QueryError(f"{name} must be a whole number, 0 or more (got {value!r})")
    lines = text.rstrip().splitlines()
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    body = "\n".join(lines)
    if lines:  # a comment at the end of the last line
        body = re.sub(r"#[^\n<>\"']*\Z", "", body).rstrip()
    own_limit, own_offset = None, 0
    match = _PAGE.search(body)
    if match:
        for keyword, number in re.findall(r"(LIMIT|OFFSET)\s+(\d+)", match.group(0), re.IGNORECASE):
            if keyword.upper() == "LIMIT":
                own_limit = int(number)
            else:
                own_offset = int(number)
        body = body[:match.start()].rstrip()
    offset = offset or 0
    if own_limit is not None:
        left = max(0, own_limit - offset)
        limit = left if limit is None else min(limit, left)
    parts = [] if limit is None else [f"LIMIT {limit}"]
    if own_offset + offset:
        parts.append(f"OFFSET {own_offset + offset}")
    return f"{body}\n{' '.join(parts)}\n"


def _local_form(text: str, source) -> str:
    """The query's form (CONSTRUCT, ASK or SELECT) as the parser sees it on an empty store; a syntax error."""
    try:  # parsed locally first: a syntax error gets line and column; the form is the parser's
        local = Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise syntax_error(exc, text, _named(source)) from None
    except OSError:  # a SERVICE the empty store could not reach: the form is still SELECT or ASK
        return "SELECT"
    return "CONSTRUCT" if isinstance(local, QueryTriples) else "ASK" if isinstance(local, QueryBoolean) else "SELECT"


def _remote(text: str, source, endpoint: str, timeout: float) -> Result | GraphResult:
    from .remote import check_url, query_endpoint

    check_url(endpoint)
    check_query(text, source, allow_service=True)  # the server decides on SERVICE
    if len(text) <= SHIELDED:
        form = _local_form(text, source)
    else:  # a long query is parsed in a child: a chain too long for the parser's stack ends it, not us
        from .deadline import within

        form = within(lambda: _local_form(text, source), timeout=timeout)
    text = with_prefixes(text)  # the server may not know the graph's prefixes
    if form == "CONSTRUCT":
        from .graphs import GraphResult

        data, media = query_endpoint(endpoint, text, timeout=timeout, form="CONSTRUCT", media=True)
        return GraphResult.from_bytes(data, media, source=endpoint)
    data = query_endpoint(endpoint, text, timeout=timeout, form=form)
    try:
        result = Result(data)
        len(result)  # read now: a malformed answer is the endpoint's fault, and said so here
    except (SyntaxError, ValueError, OSError) as exc:
        raise EndpointError(f"{endpoint}: the answer is not valid SPARQL JSON results: "
                            f"{str(exc).splitlines()[0][:300]}") from None
    if (result.boolean is None) != (form == "SELECT"):
        raise EndpointError(f"{endpoint}: the answer is of the wrong kind: {form} results were expected")
    return result


def run_sparql(text: str, *, endpoint: str | None = None, timeout: float | None = None,
               store: Store | None = None, project: Project | None = None,
               bindings: dict | None = None, source: str = "<query>", allow_service: bool = False,
               limit: int | None = None, offset: int | None = None) -> Result | GraphResult:
    """Run a query over the union of all graphs, embedded or on ``endpoint``.

    SELECT and ASK give a :class:`Result`, CONSTRUCT and DESCRIBE a
    :class:`GraphResult`. The graph's prefixes (``pko:``, ``pkr:``, ``rdfs:``...)
    need no declaration; a query's own PREFIX wins. ``timeout`` bounds the
    query in seconds: on an endpoint (30 s when not given), and on the embedded
    store, where the query then runs in a child process stopped at the deadline
    (no limit when not given). The embedded store refuses a ``SERVICE`` (a
    request elsewhere) unless ``allow_service``.

    >>> run_sparql("ASK { ?s a pko:Proposal }").boolean
    True
    >>> len(run_sparql("DESCRIBE pkr:nato")) > 3
    True
    >>> run_sparql("SELECT ?x WHERE {\\n  ?x ?y\\n}")
    Traceback (most recent call last):
    ...
    peacekg.errors.QueryError: <query>: syntax error at line 3, column 2, at '}': expected one of LATERAL, SERVICE

    ``limit`` and ``offset`` ask for one page of the answer (see :func:`paged_text`).
    """
    text = bound_text(paged_text(text, limit=limit, offset=offset), bindings or {})
    if endpoint:
        return _remote(text, source, endpoint, DEFAULT_TIMEOUT if timeout is None else timeout)
    return _embedded(text, source, store, project, timeout=timeout, allow_service=allow_service)


def run_query(name: str | SavedQuery, /, *, endpoint: str | None = None, timeout: float | None = None,
              store: Store | None = None, project: Project | None = None, checks: bool = False,
              allow_service: bool = False, limit: int | None = None, offset: int | None = None,
              **params) -> Result:
    """Run the saved query ``name`` with its parameters given by bare name (``actor="russia"``).

    ``checks=True`` looks ``name`` up among the quality checks of ``queries/checks``;
    ``limit`` and ``offset`` ask for one page of the answer (rows ``offset`` to ``offset + limit``).
    A list gives several values, where the query's header says it takes them
    (``multiple``). Values are checked against the graph (see
    :mod:`peacekg.query.values`): an answer without rows warns
    (:class:`~peacekg.errors.PeacekgWarning`) about each value that names nothing.
    ``timeout`` and ``allow_service`` are as for :func:`run_sparql`.

    >>> rows = run_query("actor-statements", actor="ukraine")
    >>> ("https://w3id.org/peacekg/ontology#floated", "https://w3id.org/peacekg/id/security-guarantees") in {
    ...     (r["status"], r["mechanism"]) for r in rows}
    True
    >>> n = len(run_query("timeline"))
    >>> [len(run_query("timeline", limit=3, offset=o)) for o in (0, 3, n - 1, n)]
    [3, 3, 1, 0]
    """
    found = [project]

    def the_project() -> Project:  # looked for only when needed: with a query and a store, never
        if found[0] is None:
            found[0] = find_project()
        return found[0]

    if not isinstance(name, SavedQuery):  # the header (PyYAML) is read only if a default is needed
        several = any(isinstance(v, (list, tuple)) for v in params.values())
        name = get_query(name, the_project(), checks=checks, metadata=several, given=params)
    query = name
    if store is None and not endpoint:
        the_project()  # the store is the project's

    def source() -> str:  # for messages only: resolving the path costs more than a small query
        return the_project().relative(query.path)

    def ask(text: str):
        return run_sparql(text, endpoint=endpoint, timeout=timeout, store=store, project=found[0], source="<check>")

    bindings = bind(query, params, ask=ask, project=the_project)
    result = run_sparql(query.text, endpoint=endpoint, timeout=timeout, store=store, project=found[0],
                        bindings=bindings, source=source, allow_service=allow_service,
                        limit=limit, offset=offset)
    if result.boolean is None and not len(result) and bindings:
        for note in empty_notes(query, bindings, ask):
            warnings.warn(note, PeacekgWarning, stacklevel=2)
    if result.boolean is None and not len(result) and f"<{WIKIDATA_GRAPH}>" in query.text:
        cache = ask(f"ASK {{ GRAPH <{WIKIDATA_GRAPH}> {{ ?s ?p ?o }} }}")
        if not cache.boolean:
            warnings.warn(EMPTY_CACHE, PeacekgWarning, stacklevel=2)
    return result


def empty_notes(query: SavedQuery, bindings: dict[str, object], ask) -> list[str]:
    """What may make ``query``'s answer empty: each bound value that names nothing, with the closest
    names (a vocabulary parameter's closest terms); the CLI's warnings, the query page's hints."""
    names = {p.variable: p.name for p in query.params}
    terms = [(names[v], t) for v, ts in bindings.items() for t in (ts if isinstance(ts, list) else [ts])]
    vocabularies = {p.name: to_term(p.default, "iri") if p.default else None
                    for p in query.params if is_vocabulary(p)}
    return explain_empty(terms, ask, vocabularies)


#: Said when a query reads the Wikidata cache and the project has none (a fresh clone).
EMPTY_CACHE = ("the Wikidata cache is empty (graph/wikidata.ttl is not there), so this query has no rows: "
               "`peacekg link --refresh-cache` fills it (it needs the internet)")
