"""The extractors on texts written for these tests (tests/data/extract/*.txt): each through `add` and
`suggest`, quotes anchored, every suggestion compiled or listed incomplete with the build's message;
the rules fallback without spaCy; names whole in any script; the spaCy reading of attribution,
stance, figures, verb classes and connectives."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.curate.suggested import records
from peacekg.extract.base import NO_SPACY, available, load
from peacekg.extract.corpus import load_corpus
from peacekg.sources.evidence import Anchorer

from .conftest import DATA, copy_project

TEXTS = sorted((DATA / "extract").glob("*.txt"))
HAS_SPACY = importlib.util.find_spec("spacy") is not None
needs_spacy = pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed (pip install -e '.[nlp]')")


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A project copy with every fixture text added (one build each, once for the module)."""
    project = copy_project(tmp_path_factory.mktemp("extract") / "p")
    env = {"PEACEKG_ROOT": str(project.root)}
    for path in TEXTS:
        result = CliRunner().invoke(cli, ["add", str(path), "--id", path.stem, "--author", "Test Writer",
                                          "--no-reason"], env=env)
        assert result.exit_code == 0, result.output
    return project, env


@pytest.fixture(scope="module")
def spacy_extracted(added):
    if not HAS_SPACY:
        pytest.skip("spaCy is not installed (pip install -e '.[nlp]')")
    from peacekg.extract.parsed import SpacyExtractor

    corpus = load_corpus(added[0])
    extractor = SpacyExtractor(corpus)
    return corpus, {p.stem: extractor.extract(p.stem) for p in TEXTS}


def _by_quote(found, words: str):
    hits = [s for s in found.statements if words in s.sentence.text]
    assert hits, f"no suggestion holds {words!r}: {[s.sentence.text for s in found.statements]}"
    return hits[0]


def test_both_extractors_are_registered_as_entry_points():
    assert {"rules", "spacy"} <= set(available())
    assert load("rules")[0].name == "rules"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_add_then_suggest_anchors_and_compiles_every_suggestion(added, path):
    project, env = added
    result = CliRunner().invoke(cli, ["suggest", path.stem], env=env)
    assert result.exit_code == 0, result.output
    assert ("extractor: spacy" in result.output) == HAS_SPACY
    data = yaml.safe_load((project.statements_dir / f"{path.stem}.suggested.yaml").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    anchorer = Anchorer(text)
    assert data["statements"] or data["incomplete"]
    for record in data["statements"] + data["incomplete"]:
        assert anchorer.find_all(record["quote"]), record["quote"]
    for record in data["incomplete"]:  # refused by the build's own code, with its message
        assert record["refused"] and all(record["id"] in m for m in record["refused"])


@pytest.mark.parametrize("extractor", ["rules", pytest.param("spacy", marks=needs_spacy)])
def test_every_quote_is_the_text_at_its_offsets(added, extractor):
    corpus = load_corpus(added[0])
    cls, _ = load(extractor)
    for path in TEXTS:
        found = cls(corpus).extract(path.stem)
        text = corpus.documents[path.stem].text
        for s in found.statements:
            assert s.sentence.text == text[s.start:s.end]
        good, bad = records(corpus, found)
        assert len(good) + len(bad) == len(found.statements)


def test_the_rules_run_when_spacy_cannot_be_imported(added):
    """Runs everywhere: spaCy is made unimportable in a child process."""
    project, env = added
    code = ("import sys; sys.modules['spacy'] = None; from peacekg.cli import main; "
            "sys.argv = ['peacekg', 'suggest', 'cyprus-oped']; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == NO_SPACY
    explicit = subprocess.run([sys.executable, "-c", code.replace("'cyprus-oped']", "'cyprus-oped', "
                                                                  "'--extractor', 'spacy']")],
                              capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    assert explicit.returncode == 2 and explicit.stderr.count("\n") == 1 and "spaCy is not installed" in explicit.stderr


@pytest.mark.skipif(HAS_SPACY, reason="spaCy is installed here: test_the_rules_run_when_spacy_cannot_be_imported "
                                      "covers the fallback")
def test_without_spacy_the_default_is_the_rules():
    cls, note = load()
    assert cls.name == "rules" and note == NO_SPACY


@needs_spacy
def test_a_pipeline_that_is_not_installed_is_one_clear_error(added):
    project, env = added
    result = CliRunner().invoke(cli, ["suggest", "names", "--model", "xx_no_such_pipeline"], env=env)
    assert result.exit_code == 2
    assert "no spaCy pipeline 'xx_no_such_pipeline' is installed" in result.output


@needs_spacy
def test_names_in_any_script_come_out_whole(spacy_extracted):
    _, found = spacy_extracted
    labels = {e.label: e for e in found["names"].entities}
    for name in ("Jean-Luc O'Brien", "Zoë Müller-Lüdenscheidt", "Ahmet Ağaoğlu", "Đorđe Vučić",
                 "Αλέξης Παπαδόπουλος"):
        assert name in labels, sorted(labels)
        assert labels[name].type == "Person"
    assert "Names From Many Places" not in labels  # a heading
    oped = {e.label: e for e in found["cyprus-oped"].entities}
    assert oped["António Guterres"].id == "antonio-guterres" and oped["Mustafa Akıncı"].type == "Person"
    assert oped["Turkey"].type == "State"


def test_the_rules_find_names_whole_too():
    from peacekg.extract.newentities import new_entities
    from peacekg.sources.seeds import Document, paragraph_starts

    text = (DATA / "extract" / "names.txt").read_text(encoding="utf-8")
    doc = Document("d", text, "", (), paragraph_starts=paragraph_starts(text))
    labels = {e.label for e in new_entities(doc, [], {})}
    assert {"Jean-Luc O'Brien", "Zoë Müller-Lüdenscheidt", "Ahmet Ağaoğlu", "Đorđe Vučić"} <= labels


@needs_spacy
def test_verb_classes_attribution_and_stance(spacy_extracted):
    _, found = spacy_extracted
    oped, judged = found["cyprus-oped"], found["assessment"]
    s = _by_quote(oped, "António Guterres proposed")
    assert (s.kind, s.holder, s.mode, s.status, s.mechanism) == ("Proposal", "antonio-guterres", "reported",
                                                                 "proposed", "six-point-framework")
    s = _by_quote(oped, "Turkey rejected")
    assert (s.kind, s.holder) == ("Rejection", "turkey")
    s = _by_quote(oped, "Akıncı said")
    assert (s.kind, s.speaker, s.holder, s.mode) == ("Claim", "mustafa-akinci", "mustafa-akinci", "reported")
    assert s.relations and s.relations[0][0] == "contrastsWith"  # ", but"
    s = _by_quote(oped, "Ankara probably believes")
    assert (s.kind, s.holder, s.mode, s.status, s.hedges) == ("Position", "turkey", "imputed", "belief",
                                                              ["probably"])
    s = _by_quote(oped, "We believe that the parties must")
    assert (s.holder, s.mode) == ("authors", "recommendation")
    s = _by_quote(oped, "about 1,000 peacekeepers")
    assert (s.kind, s.amount, s.unit, s.approximation) == ("QuantityStatement", "1000", "count", "approximately")
    s = _by_quote(oped, "2 billion euros")
    assert (s.amount, s.unit, s.holder) == ("2000000000", "euro", "european-union")
    s = _by_quote(oped, "did not want a referendum")
    assert (s.kind, s.holder, s.mode, s.polarity) == ("Position", "nikos-christodoulides", "imputed", "denied")
    reason = _by_quote(oped, "the guarantees were vague")
    assert reason.relations == [("reasonFor", _by_quote(oped, "the talks collapsed").id)]
    s = _by_quote(judged, "Moscow views")
    assert (s.kind, s.holder, s.mode) == ("Position", "government-of-russia", "imputed")
    s = _by_quote(judged, "Putin probably believes")
    assert (s.holder, s.mode, s.hedges) == ("vladimir-putin", "imputed", ["probably"])
    assert s.relations[0][0] == "contrastsWith"  # "Nevertheless"
    s = _by_quote(judged, "failed to secure")
    assert s.polarity == "denied"
    s = _by_quote(judged, "unwilling to cede")
    assert (s.kind, s.holder, s.polarity) == ("Position", "government-of-ukraine", "denied")
    s = _by_quote(judged, "According to Ukrainian officials")
    assert (s.speaker, s.mode) == ("government-of-ukraine", "reported")
    s = _by_quote(judged, "hundreds of drones")
    assert (s.kind, s.speaker, s.approximation, s.amount) == ("QuantityStatement", "government-of-ukraine",
                                                              "hundreds", None)
    assert not any(s.sentence.text.startswith("Key Judgments") for s in judged.statements)  # a heading
    bullets = [s for s in judged.statements if s.sentence.text.startswith(("Moscow views", "We assess"))]
    assert len(bullets) == 2  # each bullet its own unit
