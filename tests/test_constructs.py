"""The hard constructs of a text compile to their patterns and yield no direct triple the text does not assert.

Each case in tests/data/constructs/ is one tiny text written for the test, its
statements and the registry entities it needs: a condition, a choice, an
exception, a double negation, a question and its answer, a group tied to its
state. All are built once as documents of a copy of the project; each case
names triples its graph must hold (``expect``) and direct triples it must not
(``absent``), and ``broken`` types one of the withheld triples in by hand, which
the check ``direct-triple-not-asserted-violation`` must then report with the
statement and the reason.
"""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml
from pyoxigraph import Literal, NamedNode, Quad

from peacekg.compile.pipeline import build
from peacekg.namespaces import PREFIXES
from peacekg.query.run import load, run_query

from .conftest import DATA, copy_project
from .query_fixtures import shown

CASES = sorted((DATA / "constructs").glob("*.yaml"))
CHECK = "direct-triple-not-asserted-violation"
WRITER = {"id": "fixture-writer", "type": "Person", "label": "Fixture Writer"}


def _case(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _term(text: str):
    """A prefixed name as an IRI, anything else as a plain literal."""
    match = re.fullmatch(r"([a-z]+):(\S+)", str(text))
    if match and match.group(1) in PREFIXES:
        return NamedNode(PREFIXES[match.group(1)] + match.group(2))
    return Literal(str(text))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("constructs"))
    registry = project.root / "graph" / "entities.yaml"
    entities = [WRITER] + [e for path in CASES for e in _case(path)["entities"]]
    with registry.open("a", encoding="utf-8") as out:
        for entity in entities:
            out.write("  - " + yaml.safe_dump(entity, default_flow_style=True, width=10_000).strip() + "\n")
    for path in CASES:
        case, doc = _case(path), f"fixture-{path.stem}"
        text = case["text"].encode("utf-8")
        (project.root / "seeds" / f"{doc}.txt").write_bytes(text)
        record = {"id": doc, "file": f"{doc}.txt", "sha256": hashlib.sha256(text).hexdigest(), "title": None,
                  "date": None, "url": None, "language": "en",
                  "authors": [{"entity": WRITER["id"], "name": WRITER["label"]}]}
        (project.root / "seeds" / f"{doc}.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
        statements = {"document": doc, "statements": case["statements"]}
        (project.root / "graph" / "statements" / f"{doc}.yaml").write_text(
            yaml.safe_dump(statements, sort_keys=False, allow_unicode=True), encoding="utf-8")
    build(project, reason=False)
    return project


def _holds(store, triple) -> bool:
    s, p, o = (_term(t) for t in triple)
    return any(True for _ in store.quads_for_pattern(s, p, o, None))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_construct_compiles_to_its_pattern(built, path):
    case = _case(path)
    store = load(built)
    for triple in case["expect"]:
        assert _holds(store, triple), f"{path.stem}: no triple {triple}"
    for triple in case["absent"]:
        assert not _holds(store, triple), f"{path.stem}: the graph says {triple}, which the text does not assert"
    assert len(run_query(CHECK, store=store, project=built, checks=True)) == 0


@pytest.mark.parametrize("path", [p for p in CASES if "broken" in _case(p)],
                         ids=[p.stem for p in CASES if "broken" in _case(p)])
def test_the_check_reports_a_withheld_triple_typed_in(built, path):
    broken = _case(path)["broken"]
    store = load(built)
    s, p, o = (_term(t) for t in broken["triple"])
    store.add(Quad(s, p, o, NamedNode(f"https://w3id.org/peacekg/graph/fixture-{path.stem}")))
    rows = shown(run_query(CHECK, store=store, project=built, checks=True))
    subject, predicate, obj = broken["triple"]
    assert {"statement": broken["statement"], "reason": broken["reason"], "subject": subject,
            "predicate": predicate, "object": obj} in rows, rows


def test_a_question_about_the_state_finds_its_groups(built):
    case = _case(DATA / "constructs" / "group.yaml")["about"]
    store = load(built)
    about = {r["statement"] for r in shown(run_query("statements-about", store=store, project=built,
                                                     entity=case["entity"]))}
    actors = {r["statement"] for r in shown(run_query("actor-statements", store=store, project=built,
                                                      actor=case["entity"]))}
    assert set(case["statements"]) <= about
    assert set(case["statements"]) <= actors
