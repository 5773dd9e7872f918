"""Every SPARQL Update form is refused in one line that says peacekg answers queries, not updates.

Fixtures: ``tests/data/updates/*.ru``, one update form each (the prologue,
comments and lower case included). The CLI exits 2 with the one line; the API
raises :class:`~peacekg.errors.UpdateRefused` (a QueryError); neither reaches
the parser, whose answer was "expected CONSTRUCT".
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from peacekg.errors import QueryError, UpdateRefused
from peacekg.query.guard import update_keyword
from peacekg.query.run import run_sparql

from .conftest import DATA, ROOT

UPDATES = sorted((DATA / "updates").glob("*.ru"))
SAYS = "peacekg answers queries, not updates"


@pytest.mark.parametrize("path", UPDATES, ids=lambda p: p.stem)
def test_the_cli_refuses_an_update_in_one_line(path):
    text = path.read_text(encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "peacekg", "sparql", "-"], input=text, capture_output=True,
                         text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and SAYS in lines[0] and "<stdin>" in lines[0], run.stderr
    keyword = path.stem.split("-")[0].upper()
    assert f"{keyword} is SPARQL Update" in lines[0]
    assert "expected" not in lines[0]


@pytest.mark.parametrize("path", UPDATES, ids=lambda p: p.stem)
def test_the_api_raises_a_typed_error(path):
    with pytest.raises(UpdateRefused, match=SAYS) as caught:
        run_sparql(path.read_text(encoding="utf-8"))
    assert isinstance(caught.value, QueryError)


@pytest.mark.parametrize("text", [
    "SELECT ?insert WHERE { ?insert ?p ?o } LIMIT 1",
    "PREFIX delete: <urn:x#>\nASK { ?s ?p ?o }",
    "# DELETE WHERE { ?s ?p ?o }\nASK { ?s ?p ?o }",
    "BASE <urn:clear>\nASK { ?s ?p ?o }",
])
def test_queries_that_mention_update_words_still_run(text):
    assert update_keyword(text) is None
    run_sparql(text)


def test_the_check_reads_a_long_text_in_one_pass():
    """A megabyte of ``<`` or of unclosed prologue is read once, not once per character."""
    for text in ("<" * 1_000_000, "PREFIX a: " + "<" * 999_000, "PREFIX a: <x> " * 70_000 + "DELETE WHERE {}"):
        update_keyword(text)  # returns: a quadratic check would not within the suite's time
    assert update_keyword("PREFIX a: <x> " * 70_000 + "DELETE WHERE {}") == "DELETE"
