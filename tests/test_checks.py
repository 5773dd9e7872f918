"""The quality checks of queries/checks: silent on the built graph, and each fires on a graph broken on purpose."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from peacekg.query.checks import run_checks
from peacekg.query.catalogue import catalogue, query_names
from peacekg.query.run import load, run_query

from .conftest import copy_project
from .query_fixtures import CHECK_DATA, check_case

BROKEN = sorted(CHECK_DATA.glob("*.yaml"))


def test_every_check_has_a_broken_graph_fixture(project):
    assert query_names(project, checks=True) == [p.stem for p in BROKEN]


def test_checks_follow_the_robot_verify_convention(project):
    checks = catalogue(project, checks=True)
    assert len(checks) >= 5
    for check in checks:
        assert check.name.endswith("-violation"), check.name
        assert "**Problem:**" in check.description and "**Solution:**" in check.description, check.name


def test_no_violations_on_the_built_graph(project):
    found = {o.name: o.result.rows for o in run_checks(project) if not o.passed}
    assert found == {}


def test_no_violations_on_the_server(project, oxigraph):
    found = {o.name: o.result.rows for o in run_checks(project, endpoint=oxigraph.query) if not o.passed}
    assert found == {}


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_check_fires_on_a_broken_graph(project, path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    store = load(project)
    assert len(run_query(path.stem, store=store, project=project, checks=True)) == 0
    store.update(case["update"])
    result = run_query(path.stem, store=store, project=project, checks=True)
    assert len(result) > 0, f"{path.stem} did not fire"
    check_case(result, case, path.stem)


def test_check_command_exits_1_and_names_the_violation(tmp_path):
    broken = copy_project(tmp_path)
    document = broken.graph_dir / "carment-belo-ukraine.ttl"
    text = document.read_text(encoding="utf-8")
    line = "    pko:evidence pke:p26-ukraine-floats-guarantees ;\n"
    assert line in text
    document.write_text(text.replace(line, ""), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "peacekg", "check"], capture_output=True, text=True,
                         env={**os.environ, "PEACEKG_ROOT": str(broken.root)}, timeout=60)
    assert run.returncode == 1, run.stderr
    assert "FAIL statement-without-evidence-violation (1 violation)" in run.stdout
    assert "pks:p26-ukraine-floats-guarantees" in run.stdout
    assert "**Solution:**" in run.stdout
    assert "checks found violations: statement-without-evidence-violation" in run.stderr


def test_check_command_passes_on_the_built_graph():
    run = subprocess.run([sys.executable, "-m", "peacekg", "check"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "checks passed" in run.stdout
