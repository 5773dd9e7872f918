"""No alignment lets a reasoner infer a falsehood: an RDFS closure (owlrl) over the
ontology, the built graph and PROV-O's, ORG's and FOAF's own axioms
(tests/data/vocab/prov-org-axioms.ttl) yields none of a list of false inferences,
and does yield the attribution the text makes."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from peacekg.namespaces import PKO, PKR, PKS

from .conftest import DATA

PROV, ORG = Namespace("http://www.w3.org/ns/prov#"), Namespace("http://www.w3.org/ns/org#")
R, S, O = Namespace(PKR), Namespace(PKS), Namespace(PKO)

FALSE = [
    (S["p15-russian-invasion"], PROV.wasAttributedTo, R.russia),      # Russia did it; the authors say it
    (S["p08-finland-considered"], PROV.wasAttributedTo, R.finland),
    (S["p01-us-goal-end-putin-regime"], PROV.wasAttributedTo, R["united-states"]),  # imputed, not declared
    (R["exiting-the-fragility-trap"], RDF.type, ORG.Organization),   # books are not organisations
    (R["political-turmoil-in-a-tumultuous-world"], RDF.type, ORG.Organization),
    (R["canadian-foreign-policy-journal"], RDF.type, ORG.Organization),
    (R["canada-and-international-affairs"], RDF.type, ORG.Organization),
    (R.russia, RDF.type, ORG.Organization),                           # a state, not an organisation
    (S["p15-russian-invasion"], RDF.type, ORG.Membership),           # events and facts are no memberships
    (S["p32-belo-teacher-scholar"], RDF.type, ORG.Membership),
    (S["p08-finland-considered"], RDF.type, ORG.Membership),
    (S["p02-mccain-senator"], RDF.type, ORG.Membership),
    (R.nato, RDF.type, O.DefensiveAlliance),                         # framings are statements, not types
    (R["european-union"], RDF.type, O.CollectiveSecurityOrganisation),
]


@pytest.fixture(scope="module")
def closure(project):
    import owlrl

    graph = Graph()
    graph.parse(project.ontology, format="turtle")
    for path in sorted(project.graph_dir.glob("*.ttl")):
        graph.parse(path, format="turtle")
    graph.parse(DATA / "vocab" / "prov-org-axioms.ttl", format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph)
    return graph


@pytest.mark.parametrize("triple", FALSE, ids=[f"{t[0].rsplit('/', 1)[-1]}-{t[2].rsplit('#', 1)[-1]}" for t in FALSE])
def test_false_inference_does_not_follow(closure, triple):
    assert triple not in closure


def test_prov_attribution_is_the_speaker_and_only_the_speaker(closure):
    statements = set(closure.subjects(O.mode, None))
    assert len(statements) > 150
    for statement in statements:
        assert set(closure.objects(statement, PROV.wasAttributedTo)) == set(closure.objects(statement, O.assertedBy))
    assert (S["p15-close-contact-incidents"], PROV.wasAttributedTo, R["biden-administration"]) in closure


def test_no_statement_or_publication_becomes_an_organisation(closure):
    organisations = set(closure.subjects(RDF.type, ORG.Organization))
    wrong = {x for x in organisations if str(x).startswith(PKS)
             or (x, RDF.type, O.Publication) in closure or (x, RDF.type, O.State) in closure}
    assert wrong == set()
    assert R.nato in organisations  # what is one stays one


def test_only_actual_memberships_are_org_memberships(closure):
    assert (R.germany, ORG.memberOf, R["european-union"]) in closure  # "EU countries like Germany": true
    assert (R.finland, ORG.memberOf, R.nato) not in closure           # considered, not a member
    assert (R.ukraine, ORG.memberOf, R.nato) not in closure           # desired, not a member
