"""The on-disk store cache: same answers as parsing, rebuilt when a file changes, never stale."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from peacekg.query.store import open_store

from .conftest import copy_project

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def quads(store) -> list[str]:
    """The quads, sorted, with blank node labels (which differ between loads) blanked."""
    return sorted(re.sub(r"_:\w+", "_:", str(q)) for q in store)


def count(store) -> int:
    return int(next(iter(store.query(COUNT)))["n"].value)


def test_cached_store_holds_what_parsing_gives(tmp_path):
    project = copy_project(tmp_path)
    parsed = open_store(project, cache=False)
    built = open_store(project, cache=True)  # builds the cache
    reopened = open_store(project, cache=True)  # reopens it
    assert quads(built) == quads(parsed) == quads(reopened)
    assert len(list((project.root / ".peacekg-cache" / "store").iterdir())) == 1


def test_a_changed_file_makes_a_new_store(tmp_path):
    project = copy_project(tmp_path)
    before = count(open_store(project, cache=True))
    extra = project.graph_dir / "entities.ttl"
    extra.write_text(extra.read_text(encoding="utf-8")
                     + '\n<https://w3id.org/peacekg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n',
                     encoding="utf-8")
    after = open_store(project, cache=True)
    assert count(after) == before + 1
    assert len(list((project.root / ".peacekg-cache" / "store").iterdir())) == 1, "the old store is removed"


def test_cached_store_is_read_only(tmp_path):
    project = copy_project(tmp_path)
    store = open_store(project, cache=True)
    with pytest.raises((OSError, RuntimeError)):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_environment_forces_the_choice(tmp_path):
    project = copy_project(tmp_path)
    code = "from peacekg.query.store import open_store; open_store(cache=None)"
    env = {**os.environ, "PEACEKG_ROOT": str(project.root), "PEACEKG_STORE_CACHE": "1"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert (project.root / ".peacekg-cache" / "store").is_dir()
    project2 = copy_project(tmp_path / "two")
    env.update(PEACEKG_ROOT=str(project2.root), PEACEKG_STORE_CACHE="0")
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert not (project2.root / ".peacekg-cache").exists()


def test_the_essay_stays_in_memory(project):
    """The essay parses as fast as a store reopens (bench/RESULTS.md), so even a one-shot run parses it."""
    store = open_store(project, cache=None)
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")  # an in-memory store is writable


def test_a_cache_that_cannot_be_written_falls_back_to_parsing(tmp_path):
    project = copy_project(tmp_path)
    (project.root / ".peacekg-cache").write_text("a file where the cache folder would go")
    assert count(open_store(project, cache=True)) == count(open_store(project, cache=False)) > 0


def test_a_cli_query_reopens_the_cache(tmp_path):
    """`peacekg query` is a one-shot run: it builds the cache once (forced here) and answers the same."""
    project = copy_project(tmp_path)
    env = {**os.environ, "PEACEKG_ROOT": str(project.root), "PEACEKG_STORE_CACHE": "1"}
    peacekg = [sys.executable, "-m", "peacekg", "query", "proposals", "--format", "csv"]
    first = subprocess.run(peacekg, env=env, capture_output=True, text=True, check=True).stdout
    assert (project.root / ".peacekg-cache" / "store").is_dir()
    second = subprocess.run(peacekg, env=env, capture_output=True, text=True, check=True).stdout
    env["PEACEKG_STORE_CACHE"] = "0"
    parsed = subprocess.run(peacekg, env=env, capture_output=True, text=True, check=True).stdout
    assert first == second == parsed and len(first.splitlines()) > 1
