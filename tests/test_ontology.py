"""The ontology parses everywhere users load it, and documents every term."""

from __future__ import annotations

import io

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DC, DCTERMS  # dc:creator: dcterms:creator is the object property of documents

from peacekg.namespaces import PKO

ONTOLOGY_IRI = URIRef("https://w3id.org/peacekg/ontology")


@pytest.fixture(scope="module")
def ontology(project) -> Graph:
    return Graph().parse(project.ontology, format="turtle")


def pko_terms(graph: Graph, kind) -> list[URIRef]:
    return sorted(t for t in graph.subjects(RDF.type, kind) if str(t).startswith(PKO))


def test_parses_in_pyoxigraph(project):
    import pyoxigraph

    triples = list(pyoxigraph.parse(path=str(project.ontology), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 500


def test_loads_in_owlready2(ontology):
    import owlready2

    world = owlready2.World()
    onto = world.get_ontology(str(ONTOLOGY_IRI)).load(
        fileobj=io.BytesIO(ontology.serialize(format="nt", encoding="utf-8")), format="ntriples")
    names = {c.name for c in onto.classes()}
    assert {"Proposal", "DefensiveAlliance", "CollectiveSecurityOrganisation", "SecurityGuarantee"} <= names


def test_metadata(ontology):
    for prop in (OWL.versionIRI, DCTERMS.title, DCTERMS.description, DCTERMS.license, DC.creator):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty])
def test_every_term_has_label_and_definition(ontology, kind):
    missing = [t for t in pko_terms(ontology, kind)
               if ontology.value(t, RDFS.label) is None or ontology.value(t, SKOS.definition) is None]
    assert not missing


@pytest.mark.parametrize("kind", [OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_property_has_a_domain(ontology, kind):
    assert not [p for p in pko_terms(ontology, kind) if ontology.value(p, RDFS.domain) is None]


def test_alignments_to_standard_vocabularies(ontology):
    objects = {str(o) for o in ontology.objects(None, RDFS.subClassOf)} | \
              {str(o) for o in ontology.objects(None, RDFS.subPropertyOf)}
    for vocabulary in ("http://www.w3.org/ns/prov#", "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/",
                       "http://www.w3.org/ns/oa#", "http://www.w3.org/2004/02/skos/core#"):
        assert any(o.startswith(vocabulary) for o in objects), vocabulary


def test_security_organisations_are_told_apart(ontology):
    alliance, collective = URIRef(PKO + "DefensiveAlliance"), URIRef(PKO + "CollectiveSecurityOrganisation")
    parent = URIRef(PKO + "SecurityOrganisation")
    assert (alliance, RDFS.subClassOf, parent) in ontology
    assert (collective, RDFS.subClassOf, parent) in ontology


@pytest.mark.parametrize("name", [
    "PoliticalGuarantee", "MilitarySecurityGuarantee", "EconomicGuarantee", "SocialGuarantee", "LegalGuarantee",
    "Partition", "Autonomy", "InternationalOversight", "Referendum", "CitizenshipOffer", "SecondarySanction",
    "LethalAid", "DefenceSpending", "NatoEnlargement", "ForwardPresence", "NuclearUmbrella",
    "ConfidenceBuildingMeasure", "ComprehensiveApproach", "HumanitarianCorridor", "NegotiatedSettlement",
    "MediatedSettlement"])
def test_mechanism_taxonomy(ontology, name):
    mechanism = URIRef(PKO + "Mechanism")
    assert mechanism in set(ontology.transitive_objects(URIRef(PKO + name), RDFS.subClassOf))
