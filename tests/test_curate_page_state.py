"""The curation page's state from the curating server's kept build is the same JSON as the one
read from the files (peacekg.curate.page_state against peacekg.curate.review.state), before and
after decisions (one creating an entity, a batch whose suggestions relate to each other)."""

from __future__ import annotations

import pytest

from peacekg.curate.decisions import Curator, run
from peacekg.curate.page_state import page_state
from peacekg.curate.review import state
from peacekg.errors import CurationError

from .test_serve_curate import DOC, with_oped


@pytest.fixture(scope="module")
def curator(tmp_path_factory):
    project = with_oped(tmp_path_factory.mktemp("page-state") / "p")
    curator = Curator(project)
    curator.prime()
    return curator


def test_the_kept_state_is_the_state_read_from_the_files(curator):
    fast = page_state(curator, DOC)
    assert fast["suggestions"] and fast["entities"] and fast["mechanisms"]
    assert fast == state(curator.project, DOC)


def test_after_a_decision_with_a_new_entity_the_states_agree(curator):
    first = page_state(curator, DOC)["suggestions"][0]["id"]
    run(curator, "accept", DOC, {"id": first, "entities": [{"id": "nordic-forum", "class": "Organisation",
                                                            "label": "Nordic Forum"}]})
    fast = page_state(curator, DOC)
    assert first in [s["id"] for s in fast["statements"]]
    assert "nordic-forum" in [e["id"] for e in fast["entities"]]
    assert fast == state(curator.project, DOC)


def test_a_batch_keeps_the_relations_among_its_own_suggestions(curator):
    ids = [f"{DOC}-p04-s1-claim-authors", f"{DOC}-p04-s2-claim-authors", f"{DOC}-p04-s3-claim-authors"]
    assert run(curator, "accept", DOC, {"ids": ids}).id == ids  # "For example", "This is because"
    fast = page_state(curator, DOC)
    curated = {s["id"]: s for s in fast["statements"]}
    assert curated[ids[1]]["exampleOf"] == ids[0] and curated[ids[2]]["reasonFor"] == ids[1]
    assert fast == state(curator.project, DOC)


def test_an_unknown_document_is_refused(curator):
    with pytest.raises(CurationError):
        page_state(curator, "no-such-doc")
