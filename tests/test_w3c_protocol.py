"""The W3C SPARQL 1.1 Protocol tests (tests/data/w3c-protocol, from w3c/rdf-tests) against `peacekg serve`.

Each test of the manifest is one or more HTTP requests (method, path, headers,
body) with the response expected (status class, boolean, format). Those that
apply to a read-only endpoint serving a fixed dataset run here:

* every ``query_*`` test without ``ut:graphData`` (the server cannot be loaded
  with a test's data; the dataset tests that need data1-3 are not applicable);
* every ``bad_query_*`` test, and the ``bad_update_*`` tests (a read-only
  endpoint must answer them with a 4xx too, which it does: 403);
* not the ``update_*`` tests, which expect an update to succeed.
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from .serving import running_server

SUITE = Path(__file__).resolve().parent / "data" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
MANIFEST = Graph().parse(SUITE / "manifest.ttl", format="turtle")
FORMATS = {"boolean": ("application/sparql-results+xml", "application/sparql-results+json"),
           "tabular": ("application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                       "text/tab-separated-values"),
           "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples", "text/html")}


def local(node) -> str:
    return str(node).rsplit("#", 1)[1]


def applies(test: URIRef) -> bool:
    name = local(test)
    if name.startswith("update_"):
        return False
    return not (name.startswith("query_") and (test, UT.graphData, None) in MANIFEST)


TESTS = sorted((t for t in MANIFEST.subjects(RDF.type, MF.ProtocolTest)), key=local)
APPLICABLE = [t for t in TESTS if applies(t)]


def requests_of(test: URIRef) -> list:
    action = MANIFEST.value(test, MF.action)
    return list(Collection(MANIFEST, MANIFEST.value(action, HT.requests)))


def send(base: str, request) -> tuple[int, str, bytes]:
    path = str(MANIFEST.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    headers = {}
    listed = MANIFEST.value(request, HT.headers)
    for header in (Collection(MANIFEST, listed) if listed else []):
        headers[str(MANIFEST.value(header, HT.fieldName))] = str(MANIFEST.value(header, HT.fieldValue))
    body = MANIFEST.value(request, HT.body)
    data = None
    if body is not None:
        encoding = str(MANIFEST.value(body, CNT.characterEncoding) or "UTF-8")
        data = str(MANIFEST.value(body, CNT.chars)).encode(encoding.lower())
    method = str(MANIFEST.value(request, HT.methodName))
    # http.client, not urllib: urllib would add a form Content-Type the test means to leave out
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def check(test: URIRef, base: str) -> list[str]:
    """What went wrong in one test (nothing: it passed)."""
    wrong = []
    for request in requests_of(test):
        status, media, body = send(base, request)
        expected = MANIFEST.value(request, HT.resp)
        classes = {local(c) for c in MANIFEST.objects(expected, MF.expectedStatus)}
        if f"StatusCode{str(status)[0]}xx" not in classes:
            wrong.append(f"status {status}, expected {sorted(classes)}: {body[:200]!r}")
            continue
        fmt = MANIFEST.value(expected, MF.expectedFormat)
        media = media.split(";")[0].strip()
        if fmt is not None and media not in FORMATS[str(fmt)]:
            wrong.append(f"content type {media}, expected one of {FORMATS[str(fmt)]}")
        boolean = MANIFEST.value(expected, MF.expectedBoolean)
        if boolean is not None:
            answer = (json.loads(body)["boolean"] if "json" in media else b"<boolean>true</boolean>" in body)
            if answer != boolean.toPython():
                wrong.append(f"boolean {answer}, expected {boolean}")
    return wrong


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root, "--workers", "1") as base:
        yield base


def test_the_suite_is_all_there():
    assert len(TESTS) >= 32 and len(APPLICABLE) >= 18


@pytest.mark.parametrize("test", APPLICABLE, ids=[local(t) for t in APPLICABLE])
def test_w3c_protocol(server, test):
    wrong = check(test, server)
    assert not wrong, "\n".join(wrong)
