"""The SPARQL 1.1 Service Description of ``/sparql``, answered to a GET without a query.

An ``sd:Service`` with its endpoint, the language it speaks (SPARQL 1.1 Query
only: it is read-only), the result formats it writes, its features and its
default dataset: the union of the named graphs as default graph, and each
named graph by name.

>>> text = describe("http://127.0.0.1:8000/sparql", ["https://w3id.org/peacekg/graph/entities"])
>>> "sd:SPARQL11Query" in text and "sd:UnionDefaultGraph" in text and "graph/entities" in text
True
"""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Namespace, URIRef

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
#: The W3C format IRIs of what the endpoint writes (results of SELECT/ASK, RDF of CONSTRUCT/DESCRIBE).
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def description(endpoint: str, named_graphs: list[str], *, federated: bool = False) -> Graph:
    """The description as an RDF graph."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = URIRef(endpoint + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    if federated:
        graph.add((service, SD.feature, SD.BasicFederatedQuery))
    # The dataset's VoID/DCAT description, where VoID says to look for it (peacekg.web.linked).
    graph.add((service, RDFS.seeAlso, URIRef(endpoint.rsplit("/", 1)[0] + "/.well-known/void")))
    dataset, default = BNode("dataset"), BNode("default")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    for number, name in enumerate(sorted(named_graphs)):
        named = BNode(f"graph{number}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
    return graph


def describe(endpoint: str, named_graphs: list[str], *, federated: bool = False, fmt: str = "turtle") -> str:
    """The description serialised (an rdflib format name)."""
    return description(endpoint, named_graphs, federated=federated).serialize(format=fmt)
