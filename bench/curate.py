"""Decision latency of ``serve --curate``: ``python -m bench.curate [--more 20] [--out FILE]``.

A copy of the project gets the made-up op-ed (tests/data/curate/oped.txt, added and
suggested as a user would) and, with ``--more N``, N more documents: copies of the
essay under new document and statement ids (each a full-size document of 189
statements, so the project holds N + 2 documents). A real server (``--curate``,
127.0.0.1) is started and, once its build state is ready, the scenario is played over
HTTP as the page sends it: each suggestion of the op-ed in text order is accepted
(its relations to suggestions not accepted yet dropped) or, one in four, rejected; a
new entity is created; the last decision is undone. Each decision's time is the POST's
round trip, answer received (the graph it answers from is the new one). The report
gives the median and the 95th percentile, and a query after the last save, to show
that the new graph answers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ESSAY = "carment-belo-ukraine"
DOC = "oped"


def copy_project(dest: Path) -> Path:
    for name in ("seeds", "ontology", "graph", "queries"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def run(root: Path, *args: str) -> None:
    env = {**os.environ, "PEACEKG_ROOT": str(root)}
    done = subprocess.run([sys.executable, "-m", "peacekg", *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"peacekg {' '.join(args)} failed: {done.stdout}{done.stderr}")


def statement_keys() -> set[str]:
    from peacekg.sources.vocab import STATEMENT, Vocabulary

    vocab = Vocabulary.load(ROOT / "ontology" / "peacekg.ttl")
    return {k for k, p in vocab.properties.items() if p.range is not None and vocab.is_a(p.range, STATEMENT)}


def add_copies(root: Path, count: int) -> None:
    """``count`` copies of the essay as documents of their own (new ids throughout)."""
    keys = statement_keys() | {"replaces"}
    record = yaml.safe_load((root / "seeds" / f"{ESSAY}.yaml").read_text(encoding="utf-8"))
    statements = yaml.safe_load((root / "graph" / "statements" / f"{ESSAY}.yaml").read_text(encoding="utf-8"))
    for n in range(1, count + 1):
        doc, prefix = f"bench-copy-{n:02d}", f"c{n:02d}-"
        shutil.copy(root / "seeds" / f"{ESSAY}.txt", root / "seeds" / f"{doc}.txt")
        (root / "seeds" / f"{doc}.yaml").write_text(yaml.safe_dump({**record, "id": doc, "file": f"{doc}.txt"},
                                                                   sort_keys=False), encoding="utf-8")
        renamed = []
        for s in statements["statements"]:
            s = dict(s, id=prefix + s["id"])
            for key in keys & set(s):
                s[key] = [prefix + v for v in s[key]] if isinstance(s[key], list) else prefix + s[key]
            renamed.append(s)
        (root / "graph" / "statements" / f"{doc}.yaml").write_text(
            yaml.safe_dump({"document": doc, "statements": renamed}, sort_keys=False, allow_unicode=True),
            encoding="utf-8")


def request(base: str, path: str, body: dict | None = None, token: str | None = None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Accept": "text/html"}
    if token:
        headers["X-Peacekg-Token"] = token
    req = urllib.request.Request(base + path, data=data, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=600) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its waited-for children (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def scenario(base: str, token: str, pid: int) -> tuple[list[float], list[str], list[float]]:
    state = json.loads(request(base, f"/api/curate/{DOC}/state")[1])
    times, notes, cpu = [], [], []

    def decide(path: str, body: dict) -> None:
        c, t = cpu_seconds(pid), time.perf_counter()
        status, answer = request(base, path, body, token)
        times.append(time.perf_counter() - t)
        cpu.append(cpu_seconds(pid) - c)
        notes.append(f"{path.rsplit('/', 1)[-1]} {body.get('id', '')} -> {status} in {times[-1] * 1000:.0f} ms "
                     f"({cpu[-1] * 1000:.0f} ms of the server's CPU)")
        if status != 200:
            raise SystemExit(f"decision refused: {path} {body}: {answer[:300]!r}")

    for index, suggestion in enumerate(state["suggestions"]):
        decide(f"/curate/{DOC}/reject" if index % 4 == 3 else f"/curate/{DOC}/accept", {"id": suggestion["id"]})
    decide("/curate/entity", {"id": "bench-monitoring-cell", "class": "Organisation", "label": "Bench Monitoring Cell"})
    decide(f"/curate/{DOC}/undo", {})
    return times, notes, cpu


def measure(more: int, workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="peacekg-bench-curate-") as tmp:
        root = copy_project(Path(tmp) / "p")
        run(root, "add", str(ROOT / "tests" / "data" / "curate" / "oped.txt"), "--id", DOC,
            "--author", "Lena Marsh", "--no-reason")
        run(root, "suggest", DOC)
        if more:
            add_copies(root, more)
            t = time.perf_counter()
            run(root, "build", "--no-reason")
            full_build = time.perf_counter() - t
        else:
            t = time.perf_counter()
            run(root, "build", "--no-reason")
            full_build = time.perf_counter() - t
        env = {**os.environ, "PEACEKG_ROOT": str(root)}
        process = subprocess.Popen([sys.executable, "-m", "peacekg", "serve", "--port", "0", "--curate",
                                    "--workers", str(workers)], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True)
        try:
            base = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline()).group(0)
            started = time.perf_counter()
            while True:
                try:
                    status, body = request(base, f"/api/curate/{DOC}/state")
                    if status == 200 and json.loads(body)["builder"] == "ready":
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            ready = time.perf_counter() - started
            page = request(base, f"/doc/{DOC}")[1].decode()
            token = re.search(r'name="peacekg-token" content="([^"]+)"', page).group(1)
            load = os.getloadavg()[0]
            times, notes, cpu = scenario(base, token, process.pid)
        finally:
            process.kill()
            process.wait()
        documents = len(list((root / "seeds").glob("*.yaml")))
    ordered = sorted(times)
    return {"documents": documents, "decisions": len(times), "median_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(ordered[max(0, int(round(0.95 * len(ordered))) - 1)] * 1000),
            "max_ms": round(ordered[-1] * 1000), "cpu_median_ms": round(statistics.median(cpu) * 1000),
            "load_average": round(load, 1), "full_build_s": round(full_build, 1),
            "server_ready_s": round(ready, 1), "notes": notes}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--more", type=int, action="append", help="documents added (repeatable; default 0 and 20)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    results = [measure(more, args.workers) for more in (args.more or [0, 20])]
    for r in results:
        print(f"{r['documents']} documents: {r['decisions']} decisions, median {r['median_ms']} ms, "
              f"p95 {r['p95_ms']} ms, max {r['max_ms']} ms; the server's CPU per decision, median "
              f"{r['cpu_median_ms']} ms (load average {r['load_average']}; full build {r['full_build_s']} s, "
              f"server ready in {r['server_ready_s']} s)")
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
