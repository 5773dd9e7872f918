"""The dataset as a citizen of the Linked Data web (issue 23): it describes itself (VoID, DCAT),
says its license, and every IRI it mints dereferences, with content negotiation."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from peacekg.errors import PeacekgWarning
from peacekg.namespaces import BASE, DATASET, LICENSE, ONTOLOGY_GRAPH, VOID_GRAPH
from peacekg.query.run import EMPTY_CACHE, run_query
from peacekg.query.store import open_store

from .conftest import copy_project
from .serving import running_server

SHAPES = Path(__file__).parent / "data" / "void-dcat-shapes.ttl"
HTACCESS = Path(__file__).parents[1] / "docs" / "w3id" / "peacekg" / ".htaccess"
TURTLE = "text/turtle"


def described(project) -> Graph:
    return Graph().parse(project.graph_dir / "void.ttl")


def test_void_counts_equal_the_graphs(project):
    store, void = open_store(project), described(project)
    subsets = set(void.objects(URIRef(DATASET), VOID.subset))
    named = {g.value for g in store.named_graphs()} - {VOID_GRAPH}
    assert {str(s) for s in subsets} == named
    total = 0
    for subset in subsets:
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(str(subset))))
        assert int(void.value(subset, VOID.triples)) == count, subset
        total += count
    assert int(void.value(URIRef(DATASET), VOID.triples)) == total


def test_void_conforms_to_shapes_from_the_dcat_and_void_specifications(project):
    from pyshacl import validate

    conforms, _, text = validate(described(project), shacl_graph=Graph().parse(SHAPES), advanced=True)
    assert conforms, text


def test_the_shapes_refuse_a_description_without_its_license(project):
    from pyshacl import validate

    void = described(project)
    void.remove((URIRef(DATASET), DCTERMS.license, None))
    conforms, _, _ = validate(void, shacl_graph=Graph().parse(SHAPES))
    assert not conforms


def test_every_graph_the_ontology_and_the_mappings_say_their_license(project):
    void = described(project)
    for subset in void.objects(URIRef(DATASET), VOID.subset):
        assert void.value(subset, DCTERMS.license) == URIRef(LICENSE), subset
    ontology = Graph().parse(project.ontology)
    assert ontology.value(URIRef(BASE + "ontology"), DCTERMS.license) == URIRef(LICENSE)
    links = Graph().parse(project.graph_dir / "links.ttl")
    for name in ("wikidata", "ontology"):
        header = (project.links_dir / f"{name}.sssom.tsv").read_text(encoding="utf-8")
        license_ = re.search(r"^#license: (\S+)$", header, re.M).group(1)
        assert links.value(URIRef(f"{BASE}links/{name}.sssom.tsv"), DCTERMS.license) == URIRef(license_)


def test_the_build_date_comes_from_source_date_epoch_only(tmp_path):
    copy = copy_project(tmp_path / "p")
    run = subprocess.run([sys.executable, "-m", "peacekg", "build", "--no-reason"], cwd=copy.root,
                         capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1733443200"})
    assert run.returncode == 0, run.stderr
    assert described(copy).value(URIRef(DATASET), DCTERMS.modified).toPython().isoformat() == "2024-12-06"
    assert described(copy_project(tmp_path / "q")).value(URIRef(DATASET), DCTERMS.modified) is None


# --- dereferencing --------------------------------------------------------------------------
def minted_iris(project) -> list[str]:
    """A sample of each kind of IRI the build mints (up to three of each first path segment)."""
    store = open_store(project)
    seen: dict[str, list[str]] = {}
    for quad in store:
        for term in (quad.subject, quad.object, quad.graph_name):
            iri = getattr(term, "value", None)
            if not isinstance(iri, str) or not iri.startswith(BASE) or "#" in iri:
                continue
            kind = iri[len(BASE):].split("/")[0]
            bucket = seen.setdefault(kind, [])
            if iri not in bucket and len(bucket) < 3:
                bucket.append(iri)
    return sorted(i for bucket in seen.values() for i in bucket)


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root) as base:
        yield base


def fetch(url: str, accept: str | None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_every_kind_of_minted_iri_dereferences_in_html_and_turtle(project, server):
    iris = minted_iris(project)
    kinds = {i[len(BASE):].split("/")[0] for i in iris}
    assert {"id", "statement", "evidence", "doc", "graph", "mapping", "links", "dataset", "ontology"} <= kinds
    for iri in iris:
        path = "/" + iri[len(BASE):]
        for accept in ("text/html", TURTLE):
            status, headers, body = fetch(server + path, accept)
            assert status == 200, (iri, accept, status, body[:200])
            assert "Accept" in headers.get("Vary", ""), (iri, accept)
            if accept == TURTLE:
                assert headers["Content-Type"].startswith(TURTLE)
                assert list(parse(body, format=RdfFormat.TURTLE)), iri


def test_the_version_iri_gives_the_whole_ontology(project, server):
    store = open_store(project)
    version = next(store.quads_for_pattern(NamedNode(BASE + "ontology"),
                                           NamedNode("http://www.w3.org/2002/07/owl#versionIRI"), None)).object.value
    status, headers, body = fetch(server + "/" + version[len(BASE):], TURTLE)
    assert status == 200 and headers["Vary"] == "Accept"
    whole = sum(1 for _ in store.quads_for_pattern(None, None, None, NamedNode(ONTOLOGY_GRAPH)))
    assert len(list(parse(body, format=RdfFormat.TURTLE))) == whole


def test_the_entity_index_in_rdf(project, server):
    status, headers, body = fetch(server + "/id/", TURTLE)
    assert status == 200 and headers["Vary"] == "Accept"
    graph = Graph().parse(data=body, format="turtle")
    members = set(graph.objects(URIRef(BASE + "id/"), URIRef("http://www.w3.org/2000/01/rdf-schema#member")))
    registry = Graph().parse(project.entities_output)
    assert {s for s in registry.subjects(RDF.type) if str(s).startswith(BASE + "id/")} <= members


def test_well_known_void_names_this_endpoint(server):
    status, headers, body = fetch(server + "/.well-known/void", TURTLE)
    assert status == 200 and headers["Vary"] == "Accept"
    graph = Graph().parse(data=body, format="turtle")
    assert graph.value(URIRef(DATASET), VOID.sparqlEndpoint) == URIRef(server + "/sparql")
    from pyshacl import validate

    conforms, _, text = validate(graph, shacl_graph=Graph().parse(SHAPES))
    assert conforms, text
    request = urllib.request.Request(server + "/.well-known/void", headers={"Accept": "text/html"})
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 303 and redirect.value.headers["Location"] == "/dataset"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.parametrize("accept", ["*/*", None, "application/json, */*;q=0.5"])
def test_sparql_without_a_query_gives_the_service_description_to_non_browsers(server, accept):
    status, headers, body = fetch(server + "/sparql", accept)
    assert status == 200 and "Accept" in headers["Vary"]
    text = body.decode()
    assert "SPARQL11Query" in text and "/.well-known/void" in text


def test_a_browser_still_gets_the_query_page(server):
    status, headers, body = fetch(server + "/sparql", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and b"<html" in body.lower()


# --- the w3id.org redirects -----------------------------------------------------------------
def rewrite_rules() -> list[tuple[re.Pattern, str]]:
    rules = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        if line.startswith("RewriteRule "):
            _, pattern, target, flags = line.split()
            assert flags == "[R=303,L]", line
            rules.append((re.compile(pattern), target))
    return rules


def redirect(path: str) -> str | None:
    """Where w3id.org sends ``https://w3id.org/peacekg/<path>`` (the first matching rule, as Apache's [L])."""
    for pattern, target in rewrite_rules():
        match = pattern.search(path)
        if match:
            return re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))), target)
    return None


def test_the_w3id_rules_send_every_minted_iri_to_the_same_path_on_the_hosted_copy(project):
    iris = minted_iris(project) + [BASE, BASE + "id/"]
    for iri in iris:
        path = iri[len(BASE):]
        assert redirect(path) == "https://peacekg.example.org/" + path, iri
    assert redirect("../etc/passwd") is None and redirect("id") is None


# --- reconciliation suggest, and the empty Wikidata cache --------------------------------
def get_json(url: str):
    import json

    status, _, body = fetch(url, "application/json")
    assert status == 200, body
    return json.loads(body)


def test_suggest_puts_prefix_matches_first_and_pages_by_cursor(project, server):
    assert get_json(server + "/reconcile/suggest/entity?prefix=Rus")["result"][0]["id"] == "russia"
    assert get_json(server + "/reconcile/suggest/entity?prefix=nato")["result"][0]["id"] == "nato"
    reached, cursor = set(), 0
    while True:
        page = get_json(server + f"/reconcile/suggest/entity?prefix=&cursor={cursor}")["result"]
        if not page:
            break
        reached |= {e["id"] for e in page}
        cursor += len(page)
    registry = Graph().parse(project.entities_output)
    entities = {str(s)[len(BASE + "id/"):] for s in registry.subjects(RDF.type) if str(s).startswith(BASE + "id/")}
    assert entities <= reached
    status, _, body = fetch(server + "/reconcile/suggest/entity?prefix=a&cursor=-1", None)
    assert status == 400 and b"cursor" in body


def test_wikidata_queries_say_the_cache_is_empty(project):
    assert not (project.graph_dir / "wikidata.ttl").exists()
    for name in ("wikidata-facts", "wikidata-place-population"):
        with pytest.warns(PeacekgWarning, match="Wikidata cache is empty"):
            assert len(run_query(name, project=project)) == 0
    run = subprocess.run([sys.executable, "-m", "peacekg", "query", "wikidata-facts"], cwd=project.root,
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stderr.strip() == f"peacekg: warning: {EMPTY_CACHE}"
