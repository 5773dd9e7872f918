"""A new document end to end, in a temporary copy of the project: add, suggest, accept, build,
ask. The fixture is a short made-up op-ed (tests/data/curate/oped.txt)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.curate import writes
from peacekg.errors import CurationError, SourceError
from peacekg.project import Project
from peacekg.query.run import run_query

from .conftest import DATA, copy_project

OPED = DATA / "curate" / "oped.txt"
DOC = "oped-ceasefire"


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, list(args), env={"PEACEKG_ROOT": str(root)}, catch_exceptions=False)


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("flow"))
    result = run(project.root, "add", str(OPED), "--id", DOC, "--author", "Lena Marsh", "--no-reason")
    assert result.exit_code == 0, result.output
    result = run(project.root, "suggest", DOC, "--extractor", "rules")  # the rules' cues (test_extract: spaCy's)
    assert result.exit_code == 0, result.output
    assert f"wrote graph/statements/{DOC}.suggested.yaml" in result.output
    return project


@pytest.fixture
def project(added, tmp_path):
    """A fresh copy of the added project for each test that writes."""
    shutil.copytree(added.root, tmp_path / "p")
    return Project(tmp_path / "p")


def suggested(project) -> dict:
    return yaml.safe_load((project.statements_dir / f"{DOC}.suggested.yaml").read_text(encoding="utf-8"))


def test_mentions_cover_possessives_metonyms_and_plurals(added):
    found = {(m["exact"], m["entity"]) for m in suggested(added)["mentions"]}
    assert ("Russia’s", "russia") in found
    assert ("NATO", "nato") in found
    assert ("Washington", "government-of-the-united-states") in found  # a metonym the registry records
    assert ("Kyiv", "government-of-ukraine") in found
    assert ("Moscow", "government-of-russia") in found
    assert ("Russians", "russia") in found  # "The Russians"
    assert ("Europe", "europe") in found


def test_new_entities_are_proposed_with_a_class_and_no_unverified_qid(added):
    entities = {e["label"]: e for e in suggested(added)["entities"]}
    forum = entities["Helsinki Mediation Forum"]
    assert forum["type"] == "Organisation" and forum["id"] == "helsinki-mediation-forum"
    assert "Q" not in str(forum["wikidata"]).split()[0]  # no QID, only a note to run peacekg link
    assert "Russia" not in entities and "NATO" not in entities


def test_statements_carry_cue_confidence_and_the_model(added):
    statements = {s["id"]: s for s in suggested(added)["statements"]}
    imputed = statements[f"{DOC}-p03-s2-position-government-of-the-united-states"]
    assert imputed["agent"] == "government-of-the-united-states" and imputed["status"] == "view"
    assert imputed["mode"] == "imputed" and "safe to say" in imputed["cue"]
    example = statements[f"{DOC}-p04-s2-claim-authors"]
    assert example["exampleOf"] == f"{DOC}-p04-s1-claim-authors"  # "For example"
    reason = statements[f"{DOC}-p04-s3-claim-authors"]
    assert reason["reasonFor"] == f"{DOC}-p04-s2-claim-authors"  # "This is because"
    assert all(0 < s["confidence"] <= 1 and s["cue"] for s in statements.values())
    incomplete = {s["id"]: s for s in suggested(added)["incomplete"]}
    russia = incomplete[f"{DOC}-p02-s2-proposal-russia"]  # "Russia's insistence on neutrality"
    assert russia["status"] == "requested" and "needs mechanism" in russia["refused"][0]


def test_suggest_is_deterministic_and_never_writes_the_curated_file(added, tmp_path):
    first = (added.statements_dir / f"{DOC}.suggested.yaml").read_bytes()
    out = tmp_path / "again.yaml"
    assert run(added.root, "suggest", DOC, "--extractor", "rules", "--out", str(out)).exit_code == 0
    assert out.read_bytes() == first
    refused = run(added.root, "suggest", DOC, "--out", str(added.statements_dir / f"{DOC}.yaml"))
    assert refused.exit_code == 2 and "is the curated file" in refused.output
    assert run(added.root, "suggest", "no-such-doc").exit_code == 2


def test_every_suggestion_builds_as_it_is(project):
    ids = [s["id"] for s in suggested(project)["statements"]]
    result = writes.accept(project, DOC, ids, reason=False)
    assert result.triples > 0
    assert suggested(project)["statements"] == []


def test_accepted_suggestions_become_curated_and_the_queries_see_both_documents(project):
    chosen = [f"{DOC}-p03-s2-position-government-of-the-united-states", f"{DOC}-p02-s3-claim-authors"]
    writes.accept(project, DOC, chosen, reason=False)
    curated = yaml.safe_load((project.statements_dir / f"{DOC}.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in curated["statements"]] == chosen
    assert not any(k in s for s in curated["statements"] for k in ("confidence", "cue", "pending"))
    assert (project.statements_dir / f"{DOC}.yaml").read_text(encoding="utf-8").startswith("# Statements of")
    documents = {(r["identifier"], r["statements"]) for r in run_query("documents", project=project)}
    assert documents == {("carment-belo-ukraine", 199), (DOC, 2)}
    shared = [r for r in run_query("shared-entities", project=project)]
    assert {r["entity"].rsplit("/", 1)[-1] for r in shared} == {
        "nato", "government-of-the-united-states", "government-of-russia"}  # "Washington sees ... Moscow"
    assert all(r["otherDocument"].endswith(DOC) for r in shared)


BAD = [
    ("span not in the text", lambda p: writes.add_statements(
        p, DOC, [{"id": "x-1", "type": "Claim", "agent": "authors", "quote": "words the op-ed never says"}],
        reason=False), SourceError, f"graph/statements/{DOC}.yaml:7: x-1: quote not found in the text"),
    ("unknown entity", lambda p: writes.add_statements(
        p, DOC, [{"id": "x-2", "type": "Claim", "agent": "authors", "about": "atlantis",
                  "quote": "Kyiv, for its part"}], reason=False),
     SourceError, "unknown entity 'atlantis'"),
    ("existing statement id", lambda p: writes.add_statements(
        p, DOC, [{"id": "p26-russia-requests-legal-guarantees", "type": "Claim", "agent": "authors",
                  "quote": "Kyiv"}], reason=False), CurationError, "exists already"),
    ("existing entity id", lambda p: writes.add_entity(p, {"id": "nato", "type": "Organisation",
                                                           "label": "NATO again"}, reason=False),
     CurationError, "exists already"),
    ("hostile label", lambda p: writes.add_entity(
        p, {"id": "forum", "type": "Organisation", "label": "<script>alert(1)</script>"}, reason=False),
     CurationError, "markup"),
    ("hostile key", lambda p: writes.add_statements(
        p, DOC, [{"id": "x-3", "type": "Claim", "agent": "authors", "quote": "Kyiv", "a: b\nc": "d"}],
        reason=False), CurationError, "not a property name"),
    ("unknown class", lambda p: writes.add_entity(
        p, {"id": "forum", "type": "Spaceship", "label": "Helsinki Mediation Forum"}, reason=False),
     SourceError, "unknown class 'Spaceship'"),
    ("unknown suggestion", lambda p: writes.accept(p, DOC, ["nope"], reason=False), CurationError,
     "no suggestion 'nope'"),
]


@pytest.mark.parametrize("name, write, error, message", BAD, ids=[b[0] for b in BAD])
def test_a_refused_write_changes_no_file(project, name, write, error, message):
    before = tree(project.root)
    with pytest.raises(error) as caught:
        write(project)
    assert message in str(caught.value)
    assert tree(project.root) == before


def test_a_new_entity_is_registered_and_usable(project):
    writes.add_entity(project, {"id": "helsinki-mediation-forum", "type": "Organisation",
                                "label": "Helsinki Mediation Forum"}, reason=False)
    registry = project.entities_source.read_text(encoding="utf-8")
    assert registry.startswith("# The entity registry")
    assert registry.endswith("  - id: helsinki-mediation-forum\n    type: Organisation\n"
                             "    label: Helsinki Mediation Forum\n")
    writes.add_statements(project, DOC, [{
        "id": "oped-forum-reports-ceasefire-line", "type": "Claim", "agent": "helsinki-mediation-forum",
        "assertedBy": "helsinki-mediation-forum", "mode": "reported",
        "quote": "both delegations floated a ceasefire line in early talks"}], reason=False)
    rows = run_query("statements-about", project=project, entity="helsinki-mediation-forum")
    assert any(r["statement"].endswith("oped-forum-reports-ceasefire-line") for r in rows)
