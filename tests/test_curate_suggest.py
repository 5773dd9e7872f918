"""`peacekg suggest`'s rules and cues on the essay (cues learned from every curated paragraph,
so these check the machinery, not the quality: bench/suggest.py measures that, held out), and
Wikidata candidates from the offline cache only."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.extract.corpus import load_corpus
from peacekg.extract.cues import learn
from peacekg.extract.ruled import Suggester

from .conftest import DATA, copy_project

DOC = "carment-belo-ukraine"


@pytest.fixture(scope="module")
def suggested(project):
    corpus = load_corpus(project)
    return {s.id: s for s in Suggester(corpus, learn(corpus)).suggest(DOC).statements}


def test_a_learned_cue_gives_kind_status_and_holder(suggested):
    s = suggested[f"{DOC}-p26-s1-proposal-russia"]  # "Russia's insistence on legal security guarantees"
    assert (s.kind, s.holder, s.status, s.speaker, s.mode) == ("Proposal", "russia", "requested", "authors",
                                                               "reported")
    assert s.mechanism == "legal-security-guarantees-for-minorities"
    assert "insistence on" in s.cue


def test_according_to_makes_the_source_the_speaker(suggested):
    s = suggested[f"{DOC}-p15-s2-quantitystatement-biden-administration"]
    assert (s.holder, s.speaker) == ("biden-administration", "biden-administration")
    assert f"{DOC}-p15-s2-claim-authors" not in suggested  # not the authors' own claim


def test_it_is_safe_to_say_is_the_authors_imputation(suggested):
    s = suggested[f"{DOC}-p14-s2-position-russia"]
    assert (s.holder, s.speaker, s.mode) == ("russia", "authors", "imputed")
    assert f"{DOC}-p14-s2-position-ukraine" not in suggested  # only the actor after the phrase


def test_for_example_links_to_the_claim_before(suggested):
    claims = [s for s in suggested.values() if s.sentence.text.startswith("For example") and s.kind == "Claim"]
    assert len(claims) >= 3
    for claim in claims:  # the sentence's claim is an example of the claim of the sentence before
        (relation, target), = claim.relations
        assert relation == "example" and suggested[target].kind == "Claim"
        assert suggested[target].sentence.end <= claim.sentence.start


def test_wikidata_candidates_come_only_from_the_offline_cache(tmp_path):
    project = copy_project(tmp_path / "p")
    env = {"PEACEKG_ROOT": str(project.root)}
    runner = CliRunner()
    assert runner.invoke(cli, ["add", str(DATA / "curate" / "oped.txt"), "--id", "oped", "--author",
                               "Lena Marsh", "--no-reason"], env=env).exit_code == 0
    # a made-up cached item (Q0 is no Wikidata item), labelled as the op-ed's forum
    (project.graph_dir / "wikidata.ttl").write_text(
        '<http://www.wikidata.org/entity/Q0> <http://www.w3.org/2000/01/rdf-schema#label> '
        '"Helsinki Mediation Forum"@en .\n', encoding="utf-8")
    assert runner.invoke(cli, ["suggest", "oped"], env=env).exit_code == 0
    data = yaml.safe_load((project.statements_dir / "oped.suggested.yaml").read_text(encoding="utf-8"))
    forum = next(e for e in data["entities"] if e["label"] == "Helsinki Mediation Forum")
    assert forum["wikidata"] == [{"qid": "Q0", "label": "Helsinki Mediation Forum", "description": None,
                                  "source": "graph/wikidata.ttl", "verified": False,
                                  "note": "a candidate by name from the offline cache; verify it before "
                                          "linking (peacekg link)"}]
    others = [e for e in data["entities"] if e["label"] != "Helsinki Mediation Forum"]
    assert all(isinstance(e["wikidata"], str) for e in others)  # none cached: a note, no QID
