"""The build: conforms to the shapes, is consistent, exact, and deterministic."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef

from peacekg.compile.pipeline import build, compile_sources
from peacekg.compile.write import serialise
from peacekg.errors import ValidationFailed
from peacekg.namespaces import OA, PKO
from peacekg.compile.validate import check_consistency, check_shapes, java_available

PKO_NS, OA_NS = Namespace(PKO), Namespace(OA)


@pytest.fixture(scope="module")
def compiled(project):
    return compile_sources(project)


@pytest.fixture(scope="module")
def merged(compiled):
    _vocab, ontology, graphs, _docs = compiled
    graph = Graph()
    for g in (ontology, *graphs.values()):
        graph += g
    return graph


def test_rebuild_gives_the_committed_bytes(project, compiled):
    _vocab, _ontology, graphs, _docs = compiled
    for path, graph in graphs.items():
        assert path.exists(), f"{path.name} is not built: run peacekg build"
        assert serialise(graph) == path.read_bytes(), f"{path.name} differs from a fresh build"


def test_conforms_to_shapes(project, merged):
    check_shapes(merged, project.shapes)


@pytest.mark.reasoner
@pytest.mark.skipif(not java_available(), reason="HermiT needs Java")
def test_hermit_finds_it_consistent(merged):
    check_consistency(merged)


def test_every_evidence_span_equals_the_seed_text(project, merged):
    texts = {f"https://w3id.org/peacekg/doc/{p.stem}": p.read_text(encoding="utf-8")
             for p in project.seeds.glob("*.txt")}
    spans = list(merged.subjects(OA_NS.hasSource, None))
    assert spans
    for evidence in spans:
        text = texts[str(merged.value(evidence, OA_NS.hasSource))]
        selectors = list(merged.objects(evidence, OA_NS.hasSelector))
        exact = next(merged.value(s, OA_NS.exact) for s in selectors if merged.value(s, OA_NS.exact))
        start = next(int(merged.value(s, OA_NS.start)) for s in selectors if merged.value(s, OA_NS.start) is not None)
        end = next(int(merged.value(s, OA_NS.end)) for s in selectors if merged.value(s, OA_NS.end) is not None)
        assert text[start:end] == str(exact), evidence


def test_every_statement_has_one_speaker_one_mode_and_evidence(merged):
    statements = set(merged.subjects(PKO_NS.mode, None))
    assert len(statements) > 150
    for statement in statements:
        assert len(list(merged.objects(statement, PKO_NS.assertedBy))) == 1, statement
        assert len(list(merged.objects(statement, PKO_NS.mode))) == 1, statement
        assert len(list(merged.objects(statement, PKO_NS.evidence))) >= 1, statement
    occupation = URIRef("https://w3id.org/peacekg/statement/p20-russia-occupies")
    assert len(list(merged.objects(occupation, PKO_NS.evidence))) == 2  # said twice (paragraphs 20 and 27)


def test_direct_triple_beside_statement_node(merged):
    russia = URIRef("https://w3id.org/peacekg/id/russia")
    guarantees = URIRef("https://w3id.org/peacekg/id/legal-security-guarantees-for-minorities")
    usa = URIRef("https://w3id.org/peacekg/id/united-states")
    sanctions = URIRef("https://w3id.org/peacekg/id/sanctions-on-russia")
    regime_change = URIRef("https://w3id.org/peacekg/id/regime-change-in-russia")
    assert (russia, PKO_NS.proposes, guarantees) in merged
    assert (usa, PKO_NS.rejects, guarantees) in merged  # a rejection is a statement of its own
    assert (usa, PKO_NS.proposes, guarantees) not in merged
    assert (usa, PKO_NS.pursues, sanctions) in merged and (usa, PKO_NS.proposes, sanctions) not in merged
    assert not list(merged.triples((usa, None, regime_change)))  # an imputed goal has no truthy triple


def test_a_renamed_statement_keeps_its_iri_deprecated(merged):
    from rdflib import OWL, Literal
    from rdflib.namespace import DCTERMS

    old = URIRef("https://w3id.org/peacekg/statement/p04-most-nations-oppose-sanctions")
    new = URIRef("https://w3id.org/peacekg/statement/p04-most-nations-do-not-support-sanctions")
    assert (old, OWL.deprecated, Literal(True)) in merged
    assert (old, DCTERMS.isReplacedBy, new) in merged
    assert (new, PKO_NS.mode, None) in merged and (old, PKO_NS.mode, None) not in merged


def test_shapes_catch_a_statement_without_evidence(project, merged):
    broken = Graph()
    broken += merged
    statement = URIRef("https://w3id.org/peacekg/statement/p26-russia-requests-legal-guarantees")
    broken.remove((statement, PKO_NS.evidence, None))
    with pytest.raises(ValidationFailed, match="at least one evidence span"):
        check_shapes(broken, project.shapes)


@pytest.mark.reasoner
@pytest.mark.skipif(not java_available(), reason="HermiT needs Java")
def test_hermit_catches_a_person_typed_as_an_organisation(scratch_project):
    registry = scratch_project.entities_source
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  - id: olaf-scholz\n    type: Person",
                                     "  - id: olaf-scholz\n    type: [Person, Organisation]"), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="inconsistent"):
        build(scratch_project, write=False)


def test_shapes_catch_a_statement_with_two_speakers(project, merged):
    broken = Graph()
    broken += merged
    statement = URIRef("https://w3id.org/peacekg/statement/p26-russia-requests-legal-guarantees")
    broken.add((statement, PKO_NS.assertedBy, URIRef("https://w3id.org/peacekg/id/russia")))
    with pytest.raises(ValidationFailed, match="exactly one speaker"):
        check_shapes(broken, project.shapes)


def test_shapes_catch_a_part_of_cycle(project, merged):
    broken = Graph()
    broken += merged
    whole = URIRef("https://w3id.org/peacekg/statement/p10-threefold-answer")
    part = URIRef("https://w3id.org/peacekg/statement/p11-war-since-2014")
    broken.add((whole, PKO_NS.partOf, part))
    with pytest.raises(ValidationFailed, match="acyclic"):
        check_shapes(broken, project.shapes)


def test_missing_java_is_reported_plainly(scratch_project, monkeypatch):
    from peacekg.errors import EnvironmentProblem

    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EnvironmentProblem, match="--no-reason"):
        build(scratch_project, write=False)


def test_shapes_catch_a_position_the_authors_claim(project, merged):
    broken = Graph()
    broken += merged
    statement = URIRef("https://w3id.org/peacekg/statement/p04-most-nations-do-not-support-sanctions")
    broken.remove((statement, PKO_NS.mode, None))
    broken.add((statement, PKO_NS.mode, PKO_NS.claim))
    with pytest.raises(ValidationFailed, match="A position is reported"):
        check_shapes(broken, project.shapes)


def test_shapes_catch_a_double_negation_marked_denied(project, merged):
    broken = Graph()
    broken += merged
    statement = URIRef("https://w3id.org/peacekg/statement/p15-not-without-provocation")
    broken.add((statement, PKO_NS.polarity, PKO_NS.denied))
    with pytest.raises(ValidationFailed, match="double negation is affirmed"):
        check_shapes(broken, project.shapes)


def test_shapes_catch_an_option_of_no_choice_and_an_answer_to_no_question(project, merged):
    broken = Graph()
    broken += merged
    option = URIRef("https://w3id.org/peacekg/statement/p23-west-supports-process")
    answer = URIRef("https://w3id.org/peacekg/statement/p10-threefold-answer")
    broken.add((option, PKO_NS.optionOf, URIRef("https://w3id.org/peacekg/statement/p22-partition-succeeds")))
    broken.add((answer, PKO_NS.answers, URIRef("https://w3id.org/peacekg/statement/p11-war-since-2014")))
    with pytest.raises(ValidationFailed, match="option of a choice") as failure:
        check_shapes(broken, project.shapes)
    assert "answers a question" in str(failure.value)
