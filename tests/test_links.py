"""The curated links: their checks (file and line), their compilation, and the committed mapping set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rdflib import DCTERMS, SKOS, Graph, URIRef

from peacekg.compile.pipeline import build, compile_sources
from peacekg.errors import SourceError
from peacekg.sources import sssom
from peacekg.sources.links import MAPPING, SSSOM

from .conftest import DATA
from .linkkit import add_entities

BAD = sorted((DATA / "links" / "bad").glob("*.tsv"))
WD = "http://www.wikidata.org/entity/"


def expected(path: Path) -> str:
    header = "".join(line[1:] for line in path.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    return yaml.safe_load(header)["expect"]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_rows_are_problems_with_file_and_line(path):
    problems = []
    sssom.parse(path.read_text(encoding="utf-8"), path.name, problems)
    assert any(str(p).startswith(f"{path.name}:{expected(path)}") for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("path", BAD[:4], ids=[p.stem for p in BAD[:4]])
def test_the_build_refuses_bad_rows_and_writes_nothing(scratch_project, path):
    target = scratch_project.links_dir / "wikidata.sssom.tsv"
    target.write_bytes(path.read_bytes())
    before = {p.name: p.read_bytes() for p in scratch_project.graph_dir.glob("*.ttl")}
    with pytest.raises(SourceError) as info:
        build(scratch_project, reason=False, shapes=False)
    assert f"graph/links/wikidata.sssom.tsv:{expected(path)}" in str(info.value)
    assert {p.name: p.read_bytes() for p in scratch_project.graph_dir.glob("*.ttl")} == before


def test_a_subject_missing_from_the_registry_is_a_warning_with_file_and_line(scratch_project):
    path = scratch_project.links_dir / "wikidata.sssom.tsv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    stray = "pkr:no-such-entity\tx\tskos:exactMatch\twd:Q7184\tx\tsemapv:ManualMappingCuration\t0.9\t2026-11-25\t\tSources: s\n"
    path.write_text("".join(lines) + stray, encoding="utf-8")
    result = build(scratch_project, reason=False, shapes=False, write=False)
    registry = yaml.safe_load(scratch_project.entities_source.read_text(encoding="utf-8"))
    known = {e["id"] for e in registry["entities"]}
    absent = [m for m in sssom.read(path).mappings if m.entity_id not in known]
    assert absent[-1].entity_id == "no-such-entity" and absent[-1].line == len(lines) + 1
    assert [(w.path, w.line) for w in result.warnings] == [("graph/links/wikidata.sssom.tsv", m.line) for m in absent]
    assert "subject pkr:no-such-entity is not in graph/entities.yaml" in str(result.warnings[-1])
    links = Graph().parse(data=result.outputs[scratch_project.graph_dir / "links.ttl"], format="turtle")
    subjects = set(links.subjects())
    assert all(URIRef("https://w3id.org/peacekg/id/" + m.entity_id) not in subjects for m in absent)


def test_links_compile_with_their_provenance(scratch_project):
    add_entities(scratch_project)
    _vocab, _onto, graphs, _docs = compile_sources(scratch_project)
    links = graphs[scratch_project.graph_dir / "links.ttl"]
    crimea = URIRef("https://w3id.org/peacekg/id/crimea")
    assert (crimea, SKOS.closeMatch, URIRef(WD + "Q7835")) in links
    assert (crimea, SKOS.exactMatch, None) not in links
    node = URIRef(MAPPING + "crimea")
    assert float(links.value(node, SSSOM.confidence)) == 0.8
    assert str(links.value(node, SSSOM.mapping_justification)) == "https://w3id.org/semapv/vocab/ManualMappingCuration"
    assert any("OpenASNPipeline" in str(s) for s in links.objects(node, DCTERMS.source))
    assert (URIRef("https://w3id.org/peacekg/id/donbas"), None, None) not in links  # searched, nothing verifiable


# -- the committed mapping set ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def curated(project):
    return sssom.read(project.links_dir / "wikidata.sssom.tsv")


def test_every_link_carries_its_verification(curated):
    links = [m for m in curated.mappings if m.qid]
    assert len(links) >= 30
    for m in links:
        assert m.sources, m.get("subject_id")
        evidence = m.get("comment").partition("Evidence:")[2]
        assert m.qid in evidence, f"{m.get('subject_id')}: the evidence excerpt does not show {m.qid}"
        assert m.get("object_label"), m.get("subject_id")
        assert m.get("mapping_justification") == "semapv:ManualMappingCuration"
        assert m.confidence is not None


def test_no_item_is_linked_from_two_entities(curated):
    qids = [m.qid for m in curated.mappings if m.qid]
    assert len(qids) == len(set(qids))  # e.g. a country and its government never share an item


def test_the_close_calls(curated):
    rows = curated.by_entity()
    assert (rows["crimea"].qid, rows["crimea"].get("predicate_id")) == ("Q7835", "skos:closeMatch")
    all_qids = {m.qid for m in curated.mappings}
    assert not all_qids & {"Q756294", "Q15966495", "Q15925436"}  # not the ARC, nor the Russian subject
    assert rows["donbas"].qid is None  # not an oblast, not a people's republic
    assert not all_qids & {"Q2012050", "Q171965", "Q16150196", "Q16746854", "Q114334914", "Q114327408"}
    assert rows["novorossiya"].confidence < 0.5  # a candidate queries can filter out
    assert "2014 confederation project" in rows["novorossiya"].get("comment")  # the item's kind, not the territory
    # the federal government of all three branches, close to the executive the essay's "Washington" means
    assert (rows["government-of-the-united-states"].qid, rows["government-of-the-united-states"].get("predicate_id")) == (
        "Q48525", "skos:closeMatch")
    assert rows["united-states"].qid != "Q48525"
    # the Bundesregierung, which "Berlin" stands for; not the country, not the city
    assert (rows["government-of-germany"].qid, rows["government-of-germany"].get("predicate_id")) == (
        "Q313827", "skos:exactMatch")
    assert "Q313827" in rows["government-of-germany"].get("comment") and rows["government-of-germany"].see_also
    # the cabinets, close to the governments the essay names by their capitals, never the capitals or countries
    assert (rows["government-of-russia"].qid, rows["government-of-russia"].get("predicate_id")) == (
        "Q1140115", "skos:closeMatch")
    assert (rows["government-of-ukraine"].qid, rows["government-of-ukraine"].get("predicate_id")) == (
        "Q613729", "skos:closeMatch")
    assert rows["baltic-states"].qid == "Q39731"


def test_persons_and_states_link_to_what_the_sources_call_them(curated):
    rows = curated.by_entity()
    persons = ["vladimir-putin", "volodymyr-zelensky", "angela-merkel", "olaf-scholz", "john-mccain",
               "emmanuel-macron"]
    for pid in persons:
        assert re.fullmatch(r"Q\d+", rows[pid].qid) and "human" in rows[pid].get("comment")
    states = ["united-states", "russia", "ukraine", "germany", "france", "finland", "sweden", "libya", "somalia",
              "syria", "yemen", "iraq", "afghanistan"]
    for sid in states:
        assert "sovereign state" in rows[sid].get("comment") and any("owid" in s for s in rows[sid].sources)


def test_the_war_the_west_and_the_mechanisms(curated):
    rows = curated.by_entity()
    assert (rows["war-in-ukraine"].qid, rows["war-in-ukraine"].get("predicate_id")) == ("Q15860072", "skos:exactMatch")
    assert rows["the-west"].get("predicate_id") == "skos:closeMatch"  # an actor, the item a group of countries
    all_qids = {m.qid for m in curated.mappings}
    assert not all_qids & {"Q110999040", "Q113149305"}  # the essay's war began in 2014, not the 2022 invasion
    assert "Q618779" not in all_qids  # 'award', which two harvesters call an economic sanction
    for instance in ("partition", "autonomy", "secession", "secondary-sanctions", "humanitarian-corridors",
                     "regime-change-in-russia", "local-referenda", "american-nuclear-umbrella"):
        assert instance not in rows or rows[instance].qid is None  # never linked to the general concept


def test_a_candidate_is_no_triple_of_the_graph(project):
    """Novorossiya's link (0.4) is a sssom:Mapping record, not a skos triple a query could join through."""
    links = Graph().parse(project.graph_dir / "links.ttl")
    novorossiya = URIRef("https://w3id.org/peacekg/id/novorossiya")
    assert (novorossiya, None, None) not in links
    record = URIRef(MAPPING + "novorossiya")
    assert (record, SSSOM.subject_id, novorossiya) in links
    assert (record, SSSOM.object_id, URIRef(WD + "Q16912926")) in links
    assert float(links.value(record, SSSOM.confidence)) < 0.5


def test_the_ontology_alignments_compile_with_their_predicates(project):
    links = Graph().parse(project.graph_dir / "links.ttl")
    PKO = "https://w3id.org/peacekg/ontology#"
    assert (URIRef(PKO + "DefensiveAlliance"), SKOS.broadMatch, URIRef(WD + "Q1127126")) in links
    assert (URIRef(PKO + "Conflict"), SKOS.narrowMatch, URIRef(WD + "Q350604")) in links
    assert (URIRef(PKO + "Agent"), SKOS.closeMatch, None) not in links
    schema_work = URIRef("https://schema.org/CreativeWork")  # a source text is one kind of creative work
    assert (URIRef(PKO + "Document"), SKOS.broadMatch, schema_work) in links
    assert (URIRef(PKO + "Document"), SKOS.closeMatch, schema_work) not in links
    assert (URIRef(PKO + "startTime"), None, None) not in links  # no OWL-Time datatype property to align with
    ontology = Graph().parse(project.ontology)
    assert not any(str(o).startswith(WD) for o in ontology.objects())  # the alignments left the Turtle
