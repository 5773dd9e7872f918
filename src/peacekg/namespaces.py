"""IRIs of peacekg's namespaces and named graphs, as plain strings.

Plain strings keep this module free of rdflib, so that the query path (which
uses pyoxigraph only) can import it without paying for rdflib.

>>> entity_iri("nato")
'https://w3id.org/peacekg/id/nato'
>>> graph_iri("carment-belo-ukraine")
'https://w3id.org/peacekg/graph/carment-belo-ukraine'
"""

from __future__ import annotations

BASE = "https://w3id.org/peacekg/"
ONTOLOGY = BASE + "ontology"
PKO = BASE + "ontology#"  #: classes, properties and concepts
PKR = BASE + "id/"  #: entities of the registry
PKS = BASE + "statement/"  #: statement nodes
PKE = BASE + "evidence/"  #: evidence spans and their selectors
DOC = BASE + "doc/"  #: source documents
GRAPH = BASE + "graph/"  #: named graphs

ONTOLOGY_GRAPH = GRAPH + "ontology"
ENTITIES_GRAPH = GRAPH + "entities"
LINKS_GRAPH = GRAPH + "links"
WIKIDATA_GRAPH = GRAPH + "wikidata"
CLOSURE_GRAPH = GRAPH + "closure"  #: the types the taxonomy implies (peacekg.compile.closure)
VOID_GRAPH = GRAPH + "void"  #: the dataset's VoID/DCAT description (peacekg.compile.void)
DATASET = BASE + "dataset"  #: the dataset as a whole (void:Dataset, dcat:Dataset)
#: The license of the data, the ontology and the mappings (the seed texts keep their authors' rights).
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

#: Files of graph/ that are not documents, and the named graph each goes to.
SPECIAL_FILES = {"entities.ttl": ENTITIES_GRAPH, "links.ttl": LINKS_GRAPH, "wikidata.ttl": WIKIDATA_GRAPH,
                 "closure.ttl": CLOSURE_GRAPH, "void.ttl": VOID_GRAPH}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
SSSOM = "https://w3id.org/sssom/"
SEMAPV = "https://w3id.org/semapv/vocab/"
MAPPING = BASE + "mapping/"  #: mapping nodes of graph/links.ttl

#: Prefixes bound in every Turtle file the build writes and every query page.
PREFIXES: dict[str, str] = {
    "pko": PKO,
    "pkr": PKR,
    "pks": PKS,
    "pke": PKE,
    "pkdoc": DOC,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
    "schema": SCHEMA,
    "time": TIME,
    "oa": OA,
    "wd": WD,
    "wdt": WDT,
    "sssom": SSSOM,
    "semapv": SEMAPV,
    "pkm": MAPPING + "wikidata/",
}


def entity_iri(entity_id: str) -> str:
    """The IRI of a registry entity."""
    return PKR + entity_id


def statement_iri(statement_id: str) -> str:
    """The IRI of a statement node."""
    return PKS + statement_id


def evidence_iri(statement_id: str) -> str:
    """The IRI of a statement's evidence span."""
    return PKE + statement_id


def document_iri(document_id: str) -> str:
    """The IRI of a source document."""
    return DOC + document_id


def graph_iri(name: str) -> str:
    """The IRI of a named graph: one per document, plus ontology, entities, links."""
    return GRAPH + name


def authors_iri(document_id: str) -> str:
    """The IRI of a document's author group, to which the authors' claims are attributed."""
    return PKR + "authors-" + document_id
