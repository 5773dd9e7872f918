"""The SPARQL endpoint of ``peacekg serve``, over HTTP, against a real server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from peacekg.query.store import open_store

from .serving import running_server

PROPOSALS = """SELECT ?s ?agent WHERE { ?s a pko:Proposal ; pko:agent ?agent } ORDER BY ?s"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours on this graph


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root, "--timeout", "2", "--max-results", "500", "--max-body", "4000",
                        "--workers", "2") as base:
        yield base


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get(base: str, query: str, accept: str | None = None, **extra):
    params = urllib.parse.urlencode({"query": query, **extra})
    return fetch(f"{base}/sparql?{params}", headers={"Accept": accept} if accept else {})


def embedded_rows(query: str) -> list[tuple]:
    from peacekg.namespaces import PREFIXES

    store = open_store()
    return sorted(tuple(str(v) for v in row) for row in store.query(query, prefixes=PREFIXES,
                                                                    use_default_graph_as_union=True))


def rows_of(body: bytes, fmt: QueryResultsFormat) -> list[tuple]:
    return sorted(tuple(str(v) for v in row) for row in parse_query_results(body, format=fmt))


def test_sparqlwrapper_queries_it_like_any_endpoint(server):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("PREFIX pko: <https://w3id.org/peacekg/ontology#>\n" + PROPOSALS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    got = sorted((f"<{b['s']['value']}>", f"<{b['agent']['value']}>") for b in bindings)
    assert got == embedded_rows(PROPOSALS) and len(got) > 3

    client.setReturnFormat(XML)
    client.setMethod(POST)
    assert len(client.query().convert().getElementsByTagName("result")) == len(got)

    client.setQuery("ASK { <https://w3id.org/peacekg/id/russia> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True

    client.setQuery("CONSTRUCT WHERE { <https://w3id.org/peacekg/id/russia> ?p ?o }")
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    triples = list(parse(turtle, format=RdfFormat.TURTLE))
    assert len(triples) == len(list(open_store().query(
        "CONSTRUCT WHERE { <https://w3id.org/peacekg/id/russia> ?p ?o }", use_default_graph_as_union=True)))


def test_get_post_form_and_post_direct_give_the_same_rows(server):
    accept = {"Accept": "application/sparql-results+json"}
    _, _, by_get = get(server, PROPOSALS, accept["Accept"])
    form = urllib.parse.urlencode({"query": PROPOSALS}).encode()
    status, _, by_form = fetch(server + "/sparql", data=form,
                               headers={**accept, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200
    status, _, direct = fetch(server + "/sparql", data=PROPOSALS.encode(),
                              headers={**accept, "Content-Type": "application/sparql-query"})
    assert status == 200
    expected = embedded_rows(PROPOSALS)
    for body in (by_get, by_form, direct):
        assert rows_of(body, QueryResultsFormat.JSON) == expected


@pytest.mark.parametrize("accept, fmt", [
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", QueryResultsFormat.XML),
])
def test_select_results_in_each_w3c_format(server, accept, fmt):
    status, headers, body = get(server, PROPOSALS, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == fmt.media_type.split(";")[0]
    if fmt == QueryResultsFormat.CSV:  # CSV drops the term kinds: compare the values
        got = sorted(tuple(line.split(",")) for line in body.decode().splitlines()[1:])
        assert got == sorted(tuple(v.strip("<>") for v in row) for row in embedded_rows(PROPOSALS))
    else:
        assert rows_of(body, fmt) == embedded_rows(PROPOSALS)


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD),
])
def test_construct_and_describe_in_each_rdf_format(server, accept, fmt):
    query = "DESCRIBE <https://w3id.org/peacekg/id/nato>"
    expected = {str(t) for t in open_store().query(query, use_default_graph_as_union=True)}
    status, headers, body = get(server, query, accept)
    assert status == 200 and headers["Content-Type"].startswith(fmt.media_type)
    assert {str(t) for t in parse(body, format=fmt)} == expected and expected


def test_no_acceptable_format_is_406(server):
    status, _, body = get(server, PROPOSALS, "image/png")
    assert status == 406 and b"text/csv" in body
    status, _, _ = get(server, "DESCRIBE <https://w3id.org/peacekg/id/nato>", "text/csv")
    assert status == 406


def test_malformed_query_is_400_with_the_parsers_message(server):
    status, _, body = get(server, "SELECT ?x WHERE { ?x ?y }")
    assert status == 400
    assert body.startswith(b"malformed query: syntax error at line 1, column ") and b"expected" in body
    assert body.count(b"\n") == 1 and b"\\u{" not in body  # one line, no character classes


def test_updates_are_refused_and_change_nothing(server):
    before = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")[2]
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:x> <urn:y> <urn:z> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    status, _, body = fetch(server + "/sparql", data=b"DROP ALL",
                            headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, _ = fetch(server + "/sparql?update=DROP%20ALL")
    assert status == 403
    status, _, _ = get(server, "DELETE WHERE { ?s ?p ?o }")  # an update sent as a query: 403 as any update
    assert status == 403
    assert get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")[2] == before


def test_a_body_over_the_limit_is_413(server):
    padding = "#" * 5000 + "\nASK {}"
    status, _, body = fetch(server + "/sparql", data=padding.encode(),
                            headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and b"4000 bytes" in body
    status, _, _ = fetch(server + "/sparql", data=urllib.parse.urlencode({"query": padding}).encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413


def test_a_result_over_the_limit_is_422_and_a_limited_one_passes(server):
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"more than 500 rows" in body
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 500", "application/sparql-results+json")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 500
    status, _, body = get(server, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert status == 422 and b"triples" in body


def test_a_slow_query_is_stopped_and_others_are_answered_meanwhile(server):
    slow: dict = {}

    def run_slow():
        started = time.monotonic()
        slow["status"], _, slow["body"] = get(server, SLOW)
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)  # the slow query is running now
    fast = []
    while thread.is_alive() and len(fast) < 5:
        started = time.monotonic()
        status, _, body = get(server, "ASK { ?s a pko:Proposal }", "application/sparql-results+json")
        fast.append((status, json.loads(body)["boolean"], time.monotonic() - started))
        status, _, _ = fetch(server + "/id/russia")
        assert status == 200
    thread.join(timeout=30)
    assert slow["status"] == 503 and b"time limit of 2 s" in slow["body"]
    assert slow["seconds"] < 10
    assert fast and all(status == 200 and answer for status, answer, _ in fast)
    assert max(seconds for *_, seconds in fast) < 1.5
    assert get(server, "ASK {}", "application/sparql-results+json")[0] == 200  # the pool recovered


def test_dataset_parameters_select_graphs(server):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    entities = "https://w3id.org/peacekg/graph/entities"
    _, _, body = get(server, query, "text/csv", **{"default-graph-uri": entities})
    store = open_store()
    from pyoxigraph import NamedNode

    expected = len(list(store.quads_for_pattern(None, None, None, NamedNode(entities))))
    assert body.decode().splitlines()[1] == str(expected)


def test_no_query_sends_a_browser_to_the_query_page_and_a_client_the_service_description(server):
    status, _, body = fetch(server + "/sparql", headers={"Accept": "text/html"})
    assert status == 200 and b"yasgui" in body
    status, _, body = fetch(server + "/sparql", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and b"a sd:Service" in body  # in Turtle: the description is RDF
    status, _, body = fetch(server + "/sparql", method="POST", data=b"",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"no query" in body


def test_a_federated_query_is_refused_without_any_request_elsewhere(server):
    import socket

    listener = socket.socket()  # a "remote" service on loopback: it must never be called
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        status, _, body = get(server, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
        assert status == 403 and b"--allow-service" in body
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()
    status, _, _ = get(server, "SELECT ?service WHERE { ?service a pko:Proposal } LIMIT 1", "text/csv")
    assert status == 200  # the word alone is no SERVICE


def test_an_answer_asked_again_comes_in_the_format_asked_each_time(server):
    """The endpoint keeps answers (the store does not change), by query, format and dataset."""
    query = "PREFIX pko: <https://w3id.org/peacekg/ontology#>\n" + PROPOSALS
    kinds = []
    for accept in ("application/sparql-results+json", "application/sparql-results+xml",
                   "application/sparql-results+json", "text/csv"):
        status, headers, body = get(server, query, accept)
        assert status == 200
        kinds.append(headers["Content-Type"].split(";")[0])
        fmt = {"application/sparql-results+json": QueryResultsFormat.JSON,
               "application/sparql-results+xml": QueryResultsFormat.XML}.get(kinds[-1])
        if fmt:
            assert rows_of(body, fmt) == embedded_rows(PROPOSALS)
    assert kinds == ["application/sparql-results+json", "application/sparql-results+xml",
                     "application/sparql-results+json", "text/csv"]
    named = get(server, query, "application/sparql-results+json",
                **{"default-graph-uri": "https://w3id.org/peacekg/graph/entities"})
    assert named[0] == 200 and rows_of(named[2], QueryResultsFormat.JSON) == []  # no proposal in the registry
