"""Cold starts: ``peacekg query`` and ``oxigraph query`` from a fresh process, ``peacekg build``,
and ``open_store`` parsing the graph against reopening its cached on-disk store.

Every figure here is the wall time of a new process (or of one call in a new
process), so imports and start-up count, as they do for a user at a shell.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .catalogue import BenchQuery


def tool(name: str) -> str:
    """A console script of this environment (peacekg, oxigraph), or from PATH."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def user_env(extra: dict | None = None) -> dict:
    """The environment of a user's shell: Python caches bytecode (this machine's sandbox turns that off)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | (extra or {})


def wall_times(argv: list[str], runs: int, *, env: dict | None = None, cwd: Path | None = None) -> dict:
    """Median and all wall times of ``runs`` fresh runs of ``argv`` (output discarded)."""
    env = env or user_env()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
        times.append(time.perf_counter() - start)
        if done.returncode:
            return {"error": f"exit {done.returncode}: {done.stderr.decode(errors='replace').strip()[-300:]}"}
    return {"median_s": statistics.median(times), "first_s": times[0], "runs": runs}


def rows_of(argv: list[str], *, cwd: Path | None = None) -> int | None:
    """Data rows of a CSV answer (header excluded)."""
    done = subprocess.run(argv, capture_output=True, cwd=cwd)
    if done.returncode:
        return None
    return max(0, len(done.stdout.decode().strip().splitlines()) - 1)


def oxigraph_location(files: list[tuple[Path, str]], location: Path) -> Path:
    """An oxigraph CLI store holding these Turtle files, one named graph each."""
    shutil.rmtree(location, ignore_errors=True)
    for path, graph in files:
        subprocess.run([tool("oxigraph"), "load", "--location", str(location), "--file", str(path),
                        "--graph", graph], check=True, capture_output=True)
    return location


def cli_figures(project, query: BenchQuery, work: Path, *, runs: int = 10, build_runs: int = 3) -> dict:
    """Cold ``peacekg query NAME`` beside the Rust ``oxigraph query`` on the same data and query."""
    from peacekg.query.store import graph_files

    env = user_env({"PEACEKG_ROOT": str(project.root)})
    figures = {"query": query.name, "python_pass": wall_times([sys.executable, "-c", "pass"], runs)}
    figures["imports"] = wall_times([sys.executable, "-c", "import peacekg.cli.fast, peacekg.query.run"], runs)
    figures["peacekg"] = wall_times([tool("peacekg"), "query", query.name], runs, env=env)
    figures["peacekg_rows"] = rows_of([tool("peacekg"), "query", query.name, "--format", "csv"], cwd=project.root)
    location = oxigraph_location(graph_files(project), work / "essay-oxigraph")
    text_file = work / f"{query.name}.rq"
    text_file.write_text(query.text, encoding="utf-8")
    argv = [tool("oxigraph"), "query", "--location", str(location), "--query-file", str(text_file),
            "--results-format", "csv", "--union-default-graph"]
    figures["oxigraph"] = wall_times(argv, runs)
    figures["oxigraph_rows"] = rows_of(argv)
    documents = sorted(p.stem for p in project.seeds.glob("*.yaml"))
    if documents:  # suggestions for a whole essay, written aside (never the curated file)
        figures["suggest"] = wall_times([tool("peacekg"), "suggest", documents[0], "--out",
                                         str(work / "suggested.yaml")], build_runs, env=env)
        figures["suggest_document"] = documents[0]
    figures["build"] = wall_times([tool("peacekg"), "build"], build_runs, env=env)
    figures["build_no_reason"] = wall_times([tool("peacekg"), "build", "--no-reason"], build_runs, env=env)
    return figures


_OPEN = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from peacekg.project import Project
from peacekg.query.store import open_store
t1 = time.perf_counter()
store = open_store(Project(Path(sys.argv[1])), cache=sys.argv[2] == "1")
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "triples": len(store)}))
"""


def open_times(root: Path, cache: bool, runs: int) -> dict:
    """``open_store`` in ``runs`` fresh processes: median of the open itself."""
    out = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", _OPEN, str(root), "1" if cache else "0"],
                              capture_output=True, text=True)
        if done.returncode:
            return {"error": done.stderr.strip()[-300:]}
        out.append(json.loads(done.stdout))
    return {"median_s": statistics.median(o["open_s"] for o in out), "first_s": out[0]["open_s"],
            "import_s": statistics.median(o["import_s"] for o in out), "triples": out[0]["triples"], "runs": runs}


def store_figures(root: Path, *, runs: int = 5) -> dict:
    """Parse every time vs build the cache once and reopen it, on the project at ``root``."""
    shutil.rmtree(root / ".peacekg-cache", ignore_errors=True)
    figures = {"parse": open_times(root, False, runs)}
    figures["cache_build"] = open_times(root, True, 1)
    figures["reopen"] = open_times(root, True, runs)
    figures["bytes"] = sum(p.stat().st_size for p in [root / "ontology" / "peacekg.ttl", *(root / "graph").glob("*.ttl")])
    return figures


def query_on(root: Path, query: BenchQuery, cache: bool, repeats: int = 5) -> float:
    """Median warm time of one query on the parsed or the reopened store (same process)."""
    from peacekg.project import Project
    from peacekg.query.store import open_store

    store = open_store(Project(root), cache=cache)
    times = []
    for _ in range(1 + repeats):
        start = time.perf_counter()
        sum(1 for _ in store.query(query.text, use_default_graph_as_union=True))
        times.append(time.perf_counter() - start)
    del store
    return statistics.median(times[1:])


def corpus_project(corpus: Path, ontology: Path, root: Path) -> Path:
    """A project folder holding a corpus as peacekg's store reads it: graph/<name>.ttl per named graph."""
    from peacekg.namespaces import ENTITIES_GRAPH, GRAPH, ONTOLOGY_GRAPH

    shutil.rmtree(root, ignore_errors=True)
    (root / "ontology").mkdir(parents=True)
    (root / "graph").mkdir()
    shutil.copy(ontology, root / "ontology" / "peacekg.ttl")
    graphs: dict[str, list[str]] = {}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            body, _, graph = line.rstrip(" .\n").rpartition(" ")
            graphs.setdefault(graph[1:-1], []).append(body + " .\n")
    for graph, lines in graphs.items():
        if graph == ONTOLOGY_GRAPH:
            continue
        name = "entities" if graph == ENTITIES_GRAPH else graph.removeprefix(GRAPH)
        (root / "graph" / f"{name}.ttl").write_text("".join(lines), encoding="utf-8")
    return root
