"""One SPARQL query run in a worker process, within a result-size limit.

The server hands each query of ``/sparql`` to a pool of worker processes
(see :mod:`peacekg.web.pool`), each holding its own copy of the embedded
store, so that a query past its time limit can be stopped by ending its
process: pyoxigraph offers no way to interrupt a running query.

>>> init_worker(None)
>>> answer = execute("SELECT ?s WHERE { ?s a pko:Proposal } LIMIT 2",
...                  results="text/csv", rdf=None, max_results=10)
>>> answer.media_type, answer.count
('text/csv; charset=utf-8', 2)
>>> execute("SELECT * WHERE { ?s ?p ?o }", results="text/csv", rdf=None, max_results=10)
Traceback (most recent call last):
...
peacekg.errors.ResultTooLarge: the result has more than 10 rows, the most this server returns: add a LIMIT, or narrow the query
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, QueryTriples, RdfFormat, Store, serialize

from ..errors import EndpointError, PeacekgError, QueryError, ResultTooLarge, ServiceRefused
from ..namespaces import PREFIXES
from ..project import find_project
from ..query.guard import check_query, scan
from ..query.store import open_store
from ..query.syntax import syntax_error
from .formats import RDF_FORMATS, RESULTS_FORMATS, media_type

_store: Store | None = None


class NotAcceptable(PeacekgError):
    """The client accepts none of the formats this kind of query can be answered in."""


def uses_service(query: str) -> bool:
    """True when the query has a SERVICE clause (federated query), by a lexical scan of its text.

    pyoxigraph would send the HTTP request itself; a server that answers anyone's
    query must not fetch anyone's URL unless told to (``--allow-service``).

    >>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service("SELECT * WHERE { ?s <http://example.org/service> 'SERVICE' }")
    False
    """
    return scan(query)[1]


@dataclass(frozen=True)
class Answer:
    """A serialised query result."""

    body: bytes
    media_type: str
    count: int  #: rows, triples, or 1 for ASK


def init_worker(root: str | None, snapshot: str | None = None) -> None:
    """Load the store into this process: the server's snapshot (N-Quads) when given, so every
    worker serves the graph the server started with, else the project at ``root``."""
    global _store
    if snapshot is not None:
        store = Store()
        store.bulk_load(path=snapshot, format=RdfFormat.N_QUADS)
        _store = store
    else:
        _store = open_store(find_project(root))


def apply(ops: list[tuple]) -> None:
    """Bring this worker's store to a save's graph (see :func:`apply_to`)."""
    assert _store is not None, "init_worker() first"
    apply_to(_store, ops)


def apply_to(store: Store, ops: list[tuple]) -> None:
    """Apply a save's changes to ``store``: ``("replace", graph, turtle)`` clears the named graph
    and loads the Turtle into it; ``("delta", graph, removed, added)`` removes and adds the triples
    of two Turtle texts (for graphs without blank nodes, such as the closure)."""
    from pyoxigraph import Quad, parse

    for op in ops:
        graph = NamedNode(op[1])
        if op[0] == "replace":
            store.remove_graph(graph)
            store.load(op[2], format=RdfFormat.TURTLE, to_graph=graph)
        else:
            for triple in parse(op[2], format=RdfFormat.TURTLE):
                store.remove(Quad(triple.subject, triple.predicate, triple.object, graph))
            store.load(op[3], format=RdfFormat.TURTLE, to_graph=graph)


def _run(query: str, default_graphs: tuple[str, ...], named_graphs: tuple[str, ...], base_iri: str | None = None):
    assert _store is not None, "init_worker() first"
    dataset = {"use_default_graph_as_union": True}
    if default_graphs:
        dataset = {"default_graph": [NamedNode(g) for g in default_graphs]}
    if named_graphs:
        dataset["named_graphs"] = [NamedNode(g) for g in named_graphs]
    try:
        return _store.query(query, prefixes=PREFIXES, base_iri=base_iri, **dataset)
    except SyntaxError as exc:
        raise syntax_error(exc, query, "malformed query") from None
    except ValueError as exc:  # a bad IRI in default-graph-uri / named-graph-uri
        raise QueryError(str(exc)) from None
    except OSError as exc:  # a SERVICE that failed (only with --allow-service)
        raise EndpointError(f"a SERVICE of the query failed: {exc}") from None


def _too_many(kind: str, max_results: int) -> ResultTooLarge:
    return ResultTooLarge(
        f"the result has more than {max_results} {kind}, the most this server returns: "
        "add a LIMIT, or narrow the query"
    )


def execute(
    query: str,
    *,
    results: str | None,
    rdf: str | None,
    max_results: int,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
    allow_service: bool = False,
    base_iri: str | None = None,
    max_bytes: int | None = None,
) -> Answer:
    """Run ``query`` and serialise its result in the negotiated format, at most ``max_bytes`` long.

    ``results`` and ``rdf`` are the media types negotiated for a SELECT/ASK and
    for a CONSTRUCT/DESCRIBE (None: the client accepts none). ``base_iri`` resolves
    relative IRIs of a query without BASE (the endpoint's URL, as the protocol allows).
    """
    answer = _execute(query, results, rdf, max_results, default_graphs, named_graphs, allow_service, base_iri)
    if max_bytes is not None and len(answer.body) > max_bytes:
        raise ResultTooLarge(f"the result is larger than {max_bytes:,} bytes, the most this server sends: "
                             "add a LIMIT, or narrow the query")
    return answer


def _execute(query: str, results: str | None, rdf: str | None, max_results: int,
             default_graphs: tuple[str, ...], named_graphs: tuple[str, ...], allow_service: bool,
             base_iri: str | None = None) -> Answer:
    check_query(query, "the query", allow_service=True)  # size and nesting, before the parser
    if not allow_service and uses_service(query):
        raise ServiceRefused("this server makes no requests elsewhere: a query with SERVICE is refused "
                             "(start it with --allow-service to permit federated queries)")
    outcome = _run(query, default_graphs, named_graphs, base_iri)
    if isinstance(outcome, QueryTriples):
        if rdf is None:
            raise NotAcceptable(f"a CONSTRUCT or DESCRIBE result can be sent as {', '.join(RDF_FORMATS)}")
        triples = list(islice(outcome, max_results + 1))
        if len(triples) > max_results:
            raise _too_many("triples", max_results)
        fmt = RDF_FORMATS[rdf]
        return Answer(serialize(triples, format=fmt, prefixes=PREFIXES), media_type(fmt), len(triples))
    if results is None:
        raise NotAcceptable(f"a SELECT or ASK result can be sent as {', '.join(RESULTS_FORMATS)}")
    fmt = RESULTS_FORMATS[results]
    if isinstance(outcome, QueryBoolean):
        return Answer(outcome.serialize(format=fmt), media_type(fmt), 1)
    assert isinstance(outcome, QuerySolutions)
    # Count first, then serialise a second run: pyoxigraph serialises only a
    # whole, unread result, and its rows can be read once.
    count = sum(1 for _ in islice(outcome, max_results + 1))
    if count > max_results:
        raise _too_many("rows", max_results)
    return Answer(_run(query, default_graphs, named_graphs, base_iri).serialize(format=fmt), media_type(fmt),
                  count)
