"""Every writer gives a new file the umask's modes and keeps an existing file's mode.

Each writer runs in a child process whose umask is set first (022, then 077),
as a person's shell would: ``add``, ``suggest``, a curation save, ``build``,
``export``, ``docs`` and ``link --refresh-cache``. Files the run creates must
have ``0666 & ~umask``; files it rewrites must keep the mode they had (0640
here, a mode neither umask gives), never narrowed to 0600 by a temporary file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, copy_project
from .linkkit import HEADER, mapping_row, oxigraph_endpoint  # noqa: F401

UMASKS = [0o022, 0o077]
KEPT = 0o640  #: the mode given to existing files beforehand: neither umask makes it

RUN = """import os, runpy, sys
os.umask(int(sys.argv[1], 8))
sys.argv = ["peacekg", *sys.argv[2:]]
runpy.run_module("peacekg", run_name="__main__")
"""
SAVE = """import os, sys
os.umask(int(sys.argv[1], 8))
from peacekg.project import Project
from peacekg.curate.writes import add_entity
from pathlib import Path
add_entity(Project(Path(sys.argv[2])), {"id": "lake-forum", "type": "Organisation", "label": "Lake Forum"}, reason=False)
"""


def peacekg(umask: int, root: Path, *args: str) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-c", RUN, oct(umask), *args], capture_output=True, text=True,
                         timeout=180, env={**os.environ, "PEACEKG_ROOT": str(root)})
    assert run.returncode == 0, run.stderr
    return run


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def new_mode(umask: int) -> int:
    return 0o666 & ~umask


@pytest.fixture(params=UMASKS, ids=lambda m: f"umask-{m:03o}")
def umask(request) -> int:
    return request.param


def test_add_suggest_and_a_curation_save(tmp_path, umask):
    project = copy_project(tmp_path / "p")
    for path in (project.entities_source, project.entities_output):
        path.chmod(KEPT)
    peacekg(umask, project.root, "add", str(DATA / "curate" / "oped.txt"), "--id", "oped",
            "--author", "Lena Marsh", "--no-reason")
    for created in (project.seeds / "oped.txt", project.seeds / "oped.yaml",
                    project.statements_dir / "oped.yaml", project.graph_dir / "oped.ttl"):
        assert mode(created) == new_mode(umask), created
    assert mode(project.entities_source) == KEPT  # `add` registered an author in it: rewritten, same mode
    assert mode(project.entities_output) == KEPT

    peacekg(umask, project.root, "suggest", "oped")
    assert mode(project.statements_dir / "oped.suggested.yaml") == new_mode(umask)
    suggested = project.statements_dir / "oped.suggested.yaml"
    suggested.chmod(KEPT)
    peacekg(umask, project.root, "suggest", "oped")  # written again: keeps its mode
    assert mode(suggested) == KEPT

    before = project.entities_source.read_bytes()
    run = subprocess.run([sys.executable, "-c", SAVE, oct(umask), str(project.root)], capture_output=True,
                         text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    assert project.entities_source.read_bytes() != before and b"lake-forum" in project.entities_source.read_bytes()
    assert mode(project.entities_source) == KEPT


def test_build_export_and_docs(tmp_path, umask):
    project = copy_project(tmp_path / "p")
    project.entities_output.chmod(KEPT)
    (project.graph_dir / "closure.ttl").unlink()  # the build makes it anew
    path = project.entities_source
    path.write_text(path.read_text(encoding="utf-8").replace("label: Olaf Scholz", "label: Olaf Scholz (x)"),
                    encoding="utf-8")
    peacekg(umask, project.root, "build", "--no-reason", "--no-shapes")
    assert b"Olaf Scholz (x)" in project.entities_output.read_bytes()
    assert mode(project.entities_output) == KEPT
    assert mode(project.graph_dir / "closure.ttl") == new_mode(umask)

    out = tmp_path / "export.ttl"
    peacekg(umask, project.root, "export", "--out", str(out))
    assert mode(out) == new_mode(umask)
    out.chmod(KEPT)
    peacekg(umask, project.root, "export", "--out", str(out), "--format", "ntriples")
    assert mode(out) == KEPT

    site = tmp_path / "site"
    peacekg(umask, project.root, "docs", "--out", str(site))
    assert {p.name: mode(p) for p in site.iterdir()} == {"index.html": new_mode(umask),
                                                         "peacekg.ttl": new_mode(umask)}


def test_link_refresh_cache(tmp_path, umask, oxigraph_endpoint):  # noqa: F811 - the fixture
    project = copy_project(tmp_path / "p")
    (project.links_dir / "wikidata.sssom.tsv").write_text(HEADER + mapping_row("ukraine", "Q212", "Ukraine"),
                                                          encoding="utf-8")
    peacekg(umask, project.root, "link", "--refresh-cache", "--endpoint", oxigraph_endpoint, "--no-progress")
    cache = project.graph_dir / "wikidata.ttl"
    assert mode(cache) == new_mode(umask)
    cache.chmod(KEPT)
    cache.write_text(cache.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # so that it is written again
    run = peacekg(umask, project.root, "link", "--refresh-cache", "--endpoint", oxigraph_endpoint, "--no-progress")
    assert run.stdout.startswith("wrote"), run.stdout
    assert mode(cache) == KEPT
