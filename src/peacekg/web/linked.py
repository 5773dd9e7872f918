"""Linked Data answers that are not one resource's page: the VoID description, the entity index
in RDF, the ontology by its version IRI.

Every answer here is negotiated, so every one says ``Vary: Accept`` (a cache must not hand the
Turtle to a browser). ``/.well-known/void`` is where VoID says a dataset's description is
looked for (VoID, section 7.2): the description the build wrote (``graph/void.ttl``) with the
SPARQL endpoint this server answers on, which only the running server knows; a browser is sent
to the dataset's page.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple, serialize
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ..namespaces import BASE, DATASET, DCTERMS, LICENSE, ONTOLOGY_GRAPH, OWL, PKO, PKR, PREFIXES, RDF, RDFS, VOID_GRAPH
from . import formats

VARY = {"Vary": "Accept"}
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
#: The entity index's own IRI (``/id/``).
INDEX = PKR


def _rdf(request: Request, triples: list[Triple], what: str) -> Response:
    fmt = formats.rdf_format(request.headers.get("accept"), request.query_params.get("format"))
    if fmt is None:
        return PlainTextResponse(f"{what} is available as text/html, {', '.join(formats.RDF_FORMATS)}\n",
                                 status_code=406, headers=VARY)
    prefixes = {**PREFIXES, "void": VOID, "dcat": DCAT}
    return Response(serialize(sorted(triples, key=str), format=fmt, prefixes=prefixes),
                    media_type=formats.media_type(fmt), headers=VARY)


def endpoint_triples(endpoint: str) -> list[Triple]:
    """What a server adds to the description: its SPARQL endpoint, as VoID and as a DCAT data service.

    >>> sorted({t.predicate.value.rsplit("#", 1)[-1] for t in endpoint_triples("http://127.0.0.1:8000/sparql")})[:3]
    ['accessService', 'accessURL', 'distribution']
    """
    dataset, url = NamedNode(DATASET), NamedNode(endpoint)
    service, distribution = NamedNode(endpoint + "#service"), NamedNode(endpoint + "#distribution")
    license_ = NamedNode(LICENSE)
    return [
        Triple(dataset, NamedNode(VOID + "sparqlEndpoint"), url),
        Triple(dataset, NamedNode(DCAT + "distribution"), distribution),
        Triple(distribution, NamedNode(RDF + "type"), NamedNode(DCAT + "Distribution")),
        Triple(distribution, NamedNode(DCAT + "accessURL"), url),
        Triple(distribution, NamedNode(DCAT + "accessService"), service),
        Triple(distribution, NamedNode(DCTERMS + "license"), license_),
        Triple(service, NamedNode(RDF + "type"), NamedNode(DCAT + "DataService")),
        Triple(service, NamedNode(DCAT + "endpointURL"), url),
        Triple(service, NamedNode(DCTERMS + "title"), Literal("peacekg's SPARQL 1.1 endpoint", language="en")),
        Triple(service, NamedNode(DCAT + "servesDataset"), dataset),
        Triple(service, NamedNode(DCTERMS + "conformsTo"), NamedNode("https://www.w3.org/TR/sparql11-protocol/")),
        Triple(service, NamedNode(DCTERMS + "license"), license_),
    ]


def void_triples(store, endpoint: str) -> list[Triple]:
    """The built description and this server's endpoint."""
    built = [q.triple for q in store.quads_for_pattern(None, None, None, NamedNode(VOID_GRAPH))]
    return built + endpoint_triples(endpoint) if built else []


async def well_known_void(request: Request) -> Response:
    if formats.wants_html(request.headers.get("accept"), request.query_params.get("format")):
        return RedirectResponse("/" + DATASET.removeprefix(BASE), status_code=303, headers=VARY)
    endpoint = str(request.url.replace(path="/sparql", query=""))
    triples = void_triples(request.app.state.store, endpoint)
    if not triples:
        return PlainTextResponse("this graph was built without its description: run `peacekg build`\n",
                                 status_code=404, headers=VARY)
    return _rdf(request, triples, "the dataset's description")


INDEX_QUERY = f"""
SELECT DISTINCT ?e ?type ?label WHERE {{
  ?e a ?type . FILTER(STRSTARTS(STR(?e), "{PKR}") && STRSTARTS(STR(?type), "{PKO}"))
  OPTIONAL {{ ?e <{RDFS}label> ?label }}
}}"""


def index_triples(store) -> list[Triple]:
    """The entity index as RDF: ``<…/id/> rdfs:member`` each entity, with its class and label."""
    index = NamedNode(INDEX)
    triples = [Triple(index, NamedNode(RDFS + "label"), Literal("Entities of peacekg", language="en")),
               Triple(index, NamedNode(DCTERMS + "isPartOf"), NamedNode(DATASET))]
    for row in store.query(INDEX_QUERY, use_default_graph_as_union=True):
        entity = row["e"]
        triples.append(Triple(index, NamedNode(RDFS + "member"), entity))
        triples.append(Triple(entity, NamedNode(RDF + "type"), row["type"]))
        if row["label"] is not None:
            triples.append(Triple(entity, NamedNode(RDFS + "label"), row["label"]))
    return list(dict.fromkeys(triples))


def entity_index_rdf(request: Request) -> Response:
    return _rdf(request, index_triples(request.app.state.store), "the entity index")


def version_iri(store) -> str | None:
    for quad in store.quads_for_pattern(NamedNode(BASE + "ontology"), NamedNode(OWL + "versionIRI"), None,
                                        NamedNode(ONTOLOGY_GRAPH)):
        return quad.object.value
    return None
