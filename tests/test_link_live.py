"""Against the real Wikidata Query Service: skipped unless `pytest --with-network`."""

from __future__ import annotations

import pytest

from peacekg.wikidata import run
from peacekg.wikidata.client import WIKIDATA_SPARQL, SparqlClient


@pytest.mark.network
def test_the_curated_links_point_at_live_items_of_the_right_kind(project):
    client = SparqlClient(WIKIDATA_SPARQL, timeout=60)
    checked, drifts = run.check(project, client)
    assert checked > 0
    serious = [str(d) for d in drifts if d.kind in ("missing", "redirect", "type")]
    assert not serious, "\n".join(serious)  # label drift is reported by `peacekg link --check`, not failed here
