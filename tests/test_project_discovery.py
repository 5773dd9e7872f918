"""The project is where the user stands: PEACEKG_ROOT, else the cwd and its parents, never the checkout silently."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT, copy_project


def peacekg(*args, cwd, env=None):
    base = {k: v for k, v in os.environ.items() if k != "PEACEKG_ROOT"}
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True, cwd=cwd,
                          env={**base, **(env or {})}, timeout=60)


def _clone(tmp_path):
    project = copy_project(tmp_path / "other-clone")
    (project.queries / "only-in-the-other-clone.rq").write_text(
        "#+ summary: a query only the other clone has\nASK { ?s ?p ?o }\n", encoding="utf-8")
    return project


def test_the_project_of_the_current_directory_or_its_parents(tmp_path):
    project = _clone(tmp_path)
    for where in (project.root, project.root / "graph" / "statements"):
        run = peacekg("queries", cwd=where)
        assert run.returncode == 0, run.stderr
        assert "only-in-the-other-clone" in run.stdout, f"ran in {where} but used another project"
    run = peacekg("queries", cwd=ROOT)
    assert "only-in-the-other-clone" not in run.stdout


def test_peacekg_root_wins(tmp_path):
    project = _clone(tmp_path)
    run = peacekg("queries", cwd=ROOT, env={"PEACEKG_ROOT": str(project.root)})
    assert "only-in-the-other-clone" in run.stdout
    run = peacekg("queries", cwd=ROOT, env={"PEACEKG_ROOT": str(tmp_path / "nowhere")})
    assert run.returncode == 2 and "(PEACEKG_ROOT)" in run.stderr


def test_outside_any_project_says_so_and_does_not_use_the_checkout(tmp_path):
    run = peacekg("query", "proposals", cwd=tmp_path)
    assert run.returncode == 2 and run.stdout == ""
    assert f"no peacekg project in {tmp_path.resolve()} or any folder above it" in run.stderr
    assert "set PEACEKG_ROOT" in run.stderr and "Traceback" not in run.stderr
