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


def test_security_organisations_are_kinds_no_one_disputes_and_not_disjoint(ontology):
    parent = URIRef(PKO + "SecurityOrganisation")
    for name in ("MilitaryAlliance", "CollectiveSecurityOrganisation"):
        assert (URIRef(PKO + name), RDFS.subClassOf, parent) in ontology
    assert not list(ontology.triples((None, OWL.disjointWith, None)))


def test_every_object_property_has_a_range(ontology):
    assert not [p for p in pko_terms(ontology, OWL.ObjectProperty) if ontology.value(p, RDFS.range) is None]


def test_no_definition_cites_a_document(ontology):
    cites = [t for t, d in ontology.subject_objects(SKOS.definition) if any(w in str(d).lower() for w in ("the essay", "this essay", "(paragraph", "(p. "))]
    assert cites == []


def test_speaker_is_prov_attribution_and_the_holder_is_not(ontology):
    prov = URIRef("http://www.w3.org/ns/prov#wasAttributedTo")
    assert (URIRef(PKO + "assertedBy"), RDFS.subPropertyOf, prov) in ontology
    agent = URIRef(PKO + "agent")
    assert ontology.value(agent, RDFS.subPropertyOf) is None
    assert (agent, RDF.type, OWL.FunctionalProperty) not in ontology
    assert (URIRef(PKO + "evidence"), RDF.type, OWL.FunctionalProperty) not in ontology


def test_every_concept_is_a_top_concept_or_has_a_broader_one(ontology):
    concepts = set(ontology.subjects(SKOS.inScheme, None))
    assert len(concepts) > 70
    for concept in concepts:
        scheme = ontology.value(concept, SKOS.inScheme)
        broader = ontology.value(concept, SKOS.broader)
        top = (concept, SKOS.topConceptOf, scheme) in ontology and (scheme, SKOS.hasTopConcept, concept) in ontology
        assert top != (broader is not None), concept
        if broader is not None:
            assert ontology.value(broader, SKOS.inScheme) == scheme, concept


def test_modes_and_their_direct_triples(ontology):
    modes = {str(c).rsplit("#", 1)[1] for c in ontology.subjects(RDF.type, URIRef(PKO + "Mode"))}
    assert modes == {"reported", "imputed", "claim", "assessment", "recommendation", "prediction", "hypothetical"}
    withheld = {str(c).rsplit("#", 1)[1] for c in ontology.subjects(URIRef(PKO + "withoutDirectTriple"), None)}
    assert {"imputed", "assessment", "prediction", "hypothetical", "denied"} <= withheld
    # the qualifiers of a statement that does not hold outright: a condition, an exception, an option
    assert {"conditionalOn", "exceptFor", "optionOf"} <= withheld


def test_argument_relations_align_with_aif_by_annotation_only(ontology):
    aif = "http://www.arg.dundee.ac.uk/aif#"
    assert (URIRef(PKO + "attacks"), SKOS.relatedMatch, URIRef(aif + "CA-node")) in ontology
    assert (URIRef(PKO + "exampleOf"), RDFS.subPropertyOf, URIRef(PKO + "supports")) in ontology
    axioms = [o for p in (RDFS.subPropertyOf, RDFS.subClassOf, OWL.equivalentClass, OWL.equivalentProperty)
              for o in ontology.objects(None, p) if str(o).startswith(aif)]
    assert axioms == []


def test_guarantees_other_than_security_are_not_security_guarantees(ontology):
    security = URIRef(PKO + "SecurityGuarantee")
    for name in ("PoliticalGuarantee", "EconomicGuarantee", "SocialGuarantee"):
        ancestors = set(ontology.transitive_objects(URIRef(PKO + name), RDFS.subClassOf))
        assert security not in ancestors and URIRef(PKO + "Guarantee") in ancestors, name


@pytest.mark.parametrize("name", [
    "PoliticalGuarantee", "MilitarySecurityGuarantee", "EconomicGuarantee", "SocialGuarantee", "LegalGuarantee",
    "Partition", "Autonomy", "InternationalOversight", "Referendum", "CitizenshipOffer", "SecondarySanction",
    "LethalAid", "DefenceSpending", "NatoEnlargement", "ForwardPresence", "NuclearUmbrella",
    "ConfidenceBuildingMeasure", "ComprehensiveApproach", "HumanitarianCorridor", "NegotiatedSettlement",
    "MediatedSettlement"])
def test_mechanism_taxonomy(ontology, name):
    mechanism = URIRef(PKO + "Mechanism")
    assert mechanism in set(ontology.transitive_objects(URIRef(PKO + name), RDFS.subClassOf))
