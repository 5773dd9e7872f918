"""Competency questions of the speaker/holder model, asked of the built graph.

The cases are data (tests/data/competency.yaml): a question, its SPARQL and its
full expected answer, so that misfiling a statement (an imputed goal stored as
declared, a rejection as a proposal, a framing as a registry type) fails a test.
At least two questions for each numbered point of the model.
"""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from peacekg.query.store import open_store

from .conftest import DATA
from .test_paragraphs import HEADER, compact

CASES = yaml.safe_load((DATA / "competency.yaml").read_text(encoding="utf-8"))["cases"]
PREAMBLE = HEADER + "PREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


@pytest.fixture(scope="module")
def store(project):
    return open_store(project)


@pytest.mark.parametrize("case", CASES, ids=[f"point{c['point']}-{i}" for i, c in enumerate(CASES)])
def test_competency_question(store, case):
    rows = store.query(PREAMBLE + case["query"], use_default_graph_as_union=True)
    answer = Counter(tuple(compact(t) for t in row) for row in rows)
    expected = Counter(tuple(row) for row in case["expect"])
    assert answer == expected, case["question"]


def test_at_least_25_questions_two_for_each_point():
    assert len(CASES) >= 25
    per_point = Counter(c["point"] for c in CASES)
    assert sorted(per_point) == list(range(1, 10)) and min(per_point.values()) >= 2, per_point
