"""A batch accept whose suggestions relate to each other ("For example", "This is because"):
the relations among the batch are kept and checked against the batch, not refused as naming
statements that do not exist yet."""

from __future__ import annotations

import yaml

from peacekg.curate.decisions import Curator, run

from .test_serve_curate import DOC, with_oped


def test_a_batch_keeps_the_relations_among_its_own_suggestions(tmp_path):
    project = with_oped(tmp_path / "p")
    curator = Curator(project)
    ids = [f"{DOC}-p04-s1-claim-authors", f"{DOC}-p04-s2-claim-authors", f"{DOC}-p04-s3-claim-authors"]
    outcome = run(curator, "accept", DOC, {"ids": ids})
    assert outcome.id == ids
    curated = {s["id"]: s for s in yaml.safe_load((project.statements_dir / f"{DOC}.yaml").read_text())["statements"]}
    assert curated[ids[1]]["exampleOf"] == ids[0] and curated[ids[2]]["reasonFor"] == ids[1]
