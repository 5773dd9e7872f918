"""A save judged incrementally (only the changed document compiled, the shapes checked on its
nodes) writes the files a full ``peacekg build`` writes, byte for byte, and refuses what it
refuses, without writing anything."""

from __future__ import annotations

import shutil

import pytest
import yaml

from peacekg.compile.incremental import Incremental
from peacekg.compile.pipeline import build
from peacekg.curate import writes
from peacekg.curate.decisions import Curator, run
from peacekg.errors import CurationError, SourceError, ValidationFailed
from peacekg.project import Project

from .test_curate_flow import DOC, added, suggested  # noqa: F401 - the module's fixture


def graph_bytes(project: Project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(project.graph_dir.glob("*.ttl"))}


def sources(project: Project) -> dict[str, bytes]:
    return {str(p.relative_to(project.root)): p.read_bytes() for p in sorted(project.root.rglob("*"))
            if p.is_file() and ".peacekg-cache" not in p.parts}


@pytest.fixture
def copy(added, tmp_path):  # noqa: F811
    shutil.copytree(added.root, tmp_path / "p")
    return Project(tmp_path / "p")


def test_saves_judged_incrementally_give_the_full_builds_bytes(copy, tmp_path):
    builder = Incremental(copy)
    builder.prime()
    ids = [s["id"] for s in suggested(copy)["statements"]]
    assert len(ids) >= 8
    for sid in ids[:3]:  # one decision at a time, as the page sends them
        plan = writes.accept(copy, DOC, [sid], builder=builder)
        assert not plan.full and plan.outputs
    writes.add_entity(copy, {"id": "kyiv-monitoring-cell", "type": "Organisation",
                             "label": "Kyiv Monitoring Cell"}, builder=builder)
    writes.accept(copy, DOC, ids[3:6], builder=builder)
    curator = Curator(copy)
    curator.builder = builder
    run(curator, "accept", DOC, {"ids": ids[6:8]})
    run(curator, "undo", DOC, {})  # statements removed: still judged incrementally
    assert builder.ready
    incremental = graph_bytes(copy)
    again = tmp_path / "again"
    shutil.copytree(copy.root, again)
    build(Project(again), reason=False)
    assert graph_bytes(Project(again)) == incremental
    assert incremental[f"{DOC}.ttl"].count(b"pko:mode") >= 6


REFUSED = [
    ({"quote": "peace is at hand"}, SourceError, "not found"),
    ({"about": "atlantis"}, SourceError, "unknown entity 'atlantis'"),
    ({"type": "QuantityStatement", "amount": 3}, ValidationFailed, "unit"),
]


@pytest.mark.parametrize("edit, error, words", REFUSED, ids=[r[2] for r in REFUSED])
def test_a_refused_change_is_refused_as_the_full_build_refuses_it_and_writes_nothing(copy, edit, error, words):
    builder = Incremental(copy)
    builder.prime()
    sid = next(s["id"] for s in suggested(copy)["statements"] if s["type"] == "Claim")
    before = sources(copy)
    with pytest.raises(error) as caught:
        writes.accept(copy, DOC, [sid], edits={sid: edit}, builder=builder)
    assert words in str(caught.value)
    assert sources(copy) == before
    with pytest.raises(error):
        writes.accept(copy, DOC, [sid], edits={sid: edit}, reason=False)  # the full build agrees
    assert sources(copy) == before
