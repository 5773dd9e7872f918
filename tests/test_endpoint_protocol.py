"""The endpoint as clients expect: CORS, the Service Description, Accept when format= names nothing
known, SPARQLWrapper's return formats, every update form refused (against a real server on 127.0.0.1)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef
from SPARQLWrapper import CSV, JSONLD, N3, RDFXML, TSV, TURTLE, SPARQLWrapper

from .serving import running_server
from .test_serve_endpoint import fetch, get

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
CONSTRUCT = ("CONSTRUCT { ?s a pko:Proposal } WHERE { ?s a pko:Proposal }")
PREFIXED = "PREFIX pko: <https://w3id.org/peacekg/ontology#>\n" + CONSTRUCT


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root, "--workers", "1") as base:
        yield base


@pytest.fixture(scope="module")
def strict(project):
    with running_server(project.root, "--workers", "1", "--cors-origin", "https://yasgui.example") as base:
        yield base


def test_a_preflight_from_another_origin_is_allowed(server):
    status, headers, _ = fetch(server + "/sparql", method="OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*" and "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, _ = fetch(server + "/sparql?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


def test_pages_get_no_cors(server):
    _, headers, _ = fetch(server + "/id/nato", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in headers


def test_cors_origin_restricts_the_origins(strict):
    _, headers, _ = fetch(strict + "/sparql?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example"})
    assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    _, headers, _ = fetch(strict + "/sparql?query=ASK%7B%7D", headers={"Origin": "https://other.example"})
    assert "Access-Control-Allow-Origin" not in headers
    status, _, _ = fetch(strict + "/sparql", method="OPTIONS", headers={
        "Origin": "https://other.example", "Access-Control-Request-Method": "GET"})
    assert status == 403


def test_get_without_a_query_is_the_service_description(server, project):
    status, headers, body = fetch(server + "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    service = next(graph.subjects(None, SD.Service))
    assert (service, SD.endpoint, URIRef(server + "/sparql")) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph  # read-only
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle"} <= formats
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert "https://w3id.org/peacekg/graph/carment-belo-ukraine" in names and len(names) >= 3
    status, headers, _ = fetch(server + "/sparql", headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")


def test_accept_decides_when_format_names_nothing_known(server):
    status, headers, _ = get(server, "ASK {}", "text/csv", format="sparql-please")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, headers, _ = get(server, "ASK {}", "text/csv", format="json")  # a known name still wins
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize("fmt, media", [(RDFXML, "application/rdf+xml"), (N3, "text/turtle"),
                                        (TURTLE, "text/turtle"), (JSONLD, "application/ld+json")])
def test_sparqlwrapper_rdf_return_formats(server, fmt, media):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(PREFIXED)
    client.setReturnFormat(fmt)
    response = client.query()
    assert response.info()["content-type"].startswith(media)
    graph = response.convert()
    data = graph if isinstance(graph, Graph) else Graph().parse(data=graph, format="turtle" if fmt != JSONLD
                                                                else "json-ld")
    assert len(data) > 10


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_sparqlwrapper_table_formats(server, fmt):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("SELECT ?s WHERE { ?s a <https://w3id.org/peacekg/ontology#Proposal> } LIMIT 3")
    client.setReturnFormat(fmt)
    assert len(client.query().convert().decode().strip().splitlines()) == 4


@pytest.mark.parametrize("how", ["get-query", "get-update", "post-form-update", "post-form-query",
                                 "post-direct", "post-update"])
def test_every_update_form_is_403(server, how):
    update = "DELETE WHERE { ?s ?p ?o }"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    import urllib.parse

    requests = {
        "get-query": (f"{server}/sparql?query={urllib.parse.quote(update)}", None, {}),
        "get-update": (f"{server}/sparql?update={urllib.parse.quote(update)}", None, {}),
        "post-form-update": (server + "/sparql", b"update=" + urllib.parse.quote(update).encode(), form),
        "post-form-query": (server + "/sparql", b"query=" + urllib.parse.quote(update).encode(), form),
        "post-direct": (server + "/sparql", update.encode(), {"Content-Type": "application/sparql-query"}),
        "post-update": (server + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"}),
    }
    url, data, headers = requests[how]
    status, _, body = fetch(url, data=data, headers=headers)
    assert status == 403 and b"read-only" in body
