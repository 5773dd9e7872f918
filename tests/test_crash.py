"""kill -9 of build, export and push at random moments: never a truncated, mixed or lasting temporary file.

Each test runs the real command 20 times and kills it at a random moment of
its run (a seeded random generator: the same moments every run), with
``PEACEKG_FAULTS`` widening the windows between writes so the kills land
inside them. After each kill, what a reader sees is one whole earlier or newer
state, never a mix; the temporaries of the killed process are removed by the
next writer; a re-run converges. Bounded: about a minute in all.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from peacekg.compile.write import JOURNAL, clean_stale, recover
from peacekg.project import Project

from .conftest import copy_project
from .oxigraph_server import start, stop

RUNS = 20
OUTPUTS = ("carment-belo-ukraine.ttl", "entities.ttl", "links.ttl")
SLOW_WRITES = "build.write.*=sleep:0.08,build.rename.*=sleep:0.08,build.journal.rename=sleep:0.05"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "peacekg", *args]


def kill_at(argv: list[str], root: Path, moment: float, env: dict | None = None) -> int | None:
    """Run ``argv``; kill -9 it after ``moment`` seconds unless it ended; its exit code or None if killed."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PEACEKG_ROOT": str(root), **(env or {})})
    try:
        return process.wait(timeout=moment)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return None


def variant(project: Project, changed: bool) -> None:
    """Sources of one of two builds that differ in every output file but links.ttl."""
    pairs = [(project.entities_source, "label: Olaf Scholz\n", "label: Olaf Scholz (changed)\n"),
             (project.statements_dir / "carment-belo-ukraine.yaml",
              "summary: Germany announced a near doubling", "summary: Germany announced a doubling")]
    for path, old, new in pairs:
        text = path.read_text(encoding="utf-8")
        text = text.replace(new, old)
        path.write_text(text.replace(old, new) if changed else text, encoding="utf-8")


def outputs(project: Project) -> dict[str, bytes]:
    return {name: (project.graph_dir / name).read_bytes() for name in OUTPUTS}


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """A project copy and the complete outputs of each of its two variants."""
    project = copy_project(tmp_path_factory.mktemp("crash"))
    states = {}
    for changed in (True, False):
        variant(project, changed)
        run = subprocess.run(command("build", "--no-reason", "--no-shapes"), capture_output=True, text=True,
                             env={**os.environ, "PEACEKG_ROOT": str(project.root)}, timeout=120)
        assert run.returncode == 0, run.stderr
        states[changed] = outputs(project)
    assert states[True]["entities.ttl"] != states[False]["entities.ttl"]
    return project, states


def test_kill_9_during_build_never_leaves_a_mixed_or_temporary_file(two_builds):
    project, states = two_builds
    chance = random.Random(13)
    killed = 0
    for run in range(RUNS):
        changed = run % 2 == 0
        variant(project, changed)
        moment = chance.uniform(0.3, 1.6)
        code = kill_at(command("build", "--no-reason", "--no-shapes"), project.root, moment,
                       {"PEACEKG_FAULTS": SLOW_WRITES})
        killed += code is None
        if (project.graph_dir / JOURNAL).exists():  # committed: what the next build does first
            recover(project.graph_dir)
        clean_stale(project.graph_dir)
        seen = outputs(project)
        assert seen in (states[True], states[False]), f"run {run} (kill at {moment:.2f} s): a mixed set"
        assert temporaries(project.graph_dir) == []
        if code is not None:
            assert code == 0 and seen == states[changed]
    assert killed >= RUNS // 2, f"only {killed} of {RUNS} runs were killed before they ended"
    variant(project, False)
    final = subprocess.run(command("build", "--no-reason", "--no-shapes"), capture_output=True,
                           env={**os.environ, "PEACEKG_ROOT": str(project.root)}, timeout=120)
    assert final.returncode == 0 and outputs(project) == states[False]
    assert temporaries(project.graph_dir) == [] and not (project.graph_dir / JOURNAL).exists()


def test_kill_9_during_export_leaves_the_earlier_or_the_whole_file(two_builds, tmp_path):
    project, _states = two_builds
    out = tmp_path / "export.nt"
    whole = subprocess.run(command("export", "--format", "ntriples", "--with-ontology"), capture_output=True,
                           env={**os.environ, "PEACEKG_ROOT": str(project.root)}, timeout=60).stdout
    earlier = b"an earlier export\n"
    chance = random.Random(31)
    killed = 0
    for run in range(RUNS):
        out.write_bytes(earlier)
        moment = chance.uniform(0.2, 1.0)
        code = kill_at(command("export", "--format", "ntriples", "--with-ontology", "--out", str(out)),
                       project.root, moment, {"PEACEKG_FAULTS": "export.data=sleep:0.3,export.rename=sleep:0.2"})
        killed += code is None
        assert out.read_bytes() in (earlier, whole), f"run {run}: a truncated export"
        clean_stale(tmp_path)
        assert temporaries(tmp_path) == []
    assert killed >= RUNS // 2


def _graph_has(server, graph: str, pattern: str) -> bool:
    query = f"ASK {{ GRAPH <{graph}> {{ {pattern} }} }}"
    url = server.query + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return b"true" in answer.read()


def _count(server, graph: str) -> int:
    import json

    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    url = server.query + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return int(json.loads(answer.read())["results"]["bindings"][0]["n"]["value"])


ENTITIES = "https://w3id.org/peacekg/graph/entities"
DOCUMENT = "https://w3id.org/peacekg/graph/carment-belo-ukraine"
CHANGED = {ENTITIES: '?s ?p "Olaf Scholz (changed)"@en',
           DOCUMENT: '?s ?p ?o FILTER(CONTAINS(STR(?o), "Germany announced a doubling"))'}


def test_kill_9_during_push_leaves_whole_graphs_and_a_rerun_converges(two_builds, tmp_path):
    project, _states = two_builds
    other = copy_project(tmp_path / "other")
    variant(other, True)
    shutil.copytree(project.graph_dir, other.graph_dir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.yaml", "links"))
    built = subprocess.run(command("build", "--no-reason", "--no-shapes"), capture_output=True, timeout=120,
                           env={**os.environ, "PEACEKG_ROOT": str(other.root)})
    assert built.returncode == 0
    process, server = start(tmp_path / "store")
    try:
        roots = {False: project.root, True: other.root}
        assert kill_at(command("push", "--endpoint", server.store), project.root, 60) == 0
        counts = {g: _count(server, g) for g in CHANGED}
        chance = random.Random(7)
        killed = 0
        for run in range(RUNS):
            changed = run % 2 == 0
            code = kill_at(command("push", "--endpoint", server.store), roots[changed], chance.uniform(0.2, 1.2),
                           {"PEACEKG_FAULTS": "push.put.*=sleep:0.1"})
            killed += code is None
            for graph, pattern in CHANGED.items():  # each graph whole: one build's or the other's
                assert _count(server, graph) == counts[graph], f"run {run}: a partial graph <{graph}>"
            rerun = kill_at(command("push", "--endpoint", server.store), roots[changed], 60)
            assert rerun == 0
            assert all(_graph_has(server, g, p) == changed for g, p in CHANGED.items()), "no convergence"
        assert killed >= RUNS // 2
    finally:
        stop(process)


def test_a_server_killed_half_way_through_a_push_is_reported(two_builds, tmp_path):
    project, _states = two_builds
    process, server = start(tmp_path / "store")
    pushing = subprocess.Popen(command("push", "--endpoint", server.store, "--timeout", "5"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PEACEKG_ROOT": str(project.root),
                                    "PEACEKG_FAULTS": "push.put.2=sleep:1.5"})
    time.sleep(1.0 + 0.5)  # the first two graphs are in by now; the third waits
    stop(process)
    _out, err = pushing.communicate(timeout=30)
    assert pushing.returncode == 3, err
    assert "replaced: <" in err and "not replaced: <" in err and "run `peacekg push` again" in err
    assert "Traceback" not in err
