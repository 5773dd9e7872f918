"""Run the whole benchmark and write bench/RESULTS.md.

    python -m bench                      # 10k, 100k, 1M and 10M triples, every saved query
    python -m bench --quick              # 10k only, fewer repeats: a check that it all works
    python -m bench --sizes 10k,100k --engines pyoxigraph,rdflib

Steps, each in fresh processes: cold ``peacekg query`` / ``oxigraph query`` /
``peacekg build`` on the essay graph and the store cache on it; the endpoint
under load (``bench/load.py``); then for each size, generate the corpus (or
reuse the same one), run every engine on it (rdflib last, under what is left of
``--budget``), and at the largest size up to 1M time the store cache there too.
Past 1M only the engines that keep the data on disk or in a server run
(:data:`BIG_ENGINES`): rdflib took 65 s and 2.2 GB to load 1M and misses most
caps there already, and pyoxigraph in memory is measured up to 1M.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from . import cold, report
from .catalogue import load_queries
from .engines import ENGINES
from .generate import WORK, generate, parse_size, read_template, size_label

ROOT = Path(__file__).resolve().parents[1]

#: The engines run on corpora over 1M triples.
BIG_ENGINES = ("pyoxigraph-disk", "oxigraph-server")


def cap_at(size: int, cap: float) -> float:
    """The time limit of one query at ``size``: ``cap`` at 1M triples, in proportion below, 10 s at least."""
    return min(cap, max(10.0, cap * size / 1_000_000))


def predictions(history: dict, size: int, cap: float) -> tuple[dict, list[str]]:
    """Queries not worth running at ``size``, from an earlier size, and the order to run the rest.

    A query stopped at a smaller size, or measured there at a time that, grown
    in proportion to the data, passes this size's cap, is not run again: it is
    reported as over the cap, with the figure it comes from. The rest run
    fastest first, so that a budget running out cuts the slowest.
    """
    skip, expected = {}, {}
    for name, (earlier, figures) in history.items():
        factor = size / earlier
        if figures.get("status") == "timeout":
            bound, kind = figures["limit_s"] * factor, "stopped"
        elif figures.get("status") == "predicted":  # keep the measurement it came from
            bound = figures["predicted_s"] * factor
            expected[name] = bound
            if bound >= cap:
                skip[name] = figures | {"predicted_s": bound, "limit_s": cap}
            continue
        elif figures.get("status") == "ok":
            bound, kind = figures["cold_s"] * factor, "measured"
        else:
            continue
        expected[name] = bound
        if bound >= cap:
            skip[name] = {"status": "predicted", "predicted_s": bound, "limit_s": cap, "from": size_label(earlier),
                          "basis": kind, "basis_s": figures.get("limit_s") if kind == "stopped" else figures.get("cold_s")}
    order = sorted((n for n in expected if n not in skip), key=expected.get)
    return skip, order


def run_worker(engine: str, corpus: Path, args, budget: float, cap: float, skip: dict, order: list[str],
               repeats: int, light: bool = False) -> dict:
    argv = [sys.executable, "-m", "bench.worker", "--engine", engine, "--corpus", str(corpus),
            "--repeats", str(repeats), "--cap", str(cap), "--budget", str(max(budget, 1)),
            "--skip", json.dumps(skip), "--first", ",".join(order), *(["--light"] if light else [])]
    if args.queries_dir:
        argv += ["--queries-dir", str(args.queries_dir)]
    try:  # the worker stops itself at its budget; this is a backstop for a hung load
        done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=budget + 300)
    except subprocess.TimeoutExpired:
        return {"engine": engine, "error": f"killed after {budget + 300:.0f} s"}
    if done.returncode:
        return {"engine": engine, "error": done.stderr.strip()[-500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def store_at(corpus: Path, project, queries, label: str, runs: int) -> dict:
    """The store cache on a project made of the corpus: parse, build, reopen, a query on each."""
    root = cold.corpus_project(corpus, project.ontology, WORK / f"project-{label}")
    figures = cold.store_figures(root, runs=runs)
    one = next((q for q in queries if q.one_entity), queries[0])
    figures["query"] = one.name
    figures["query_memory_s"] = cold.query_on(root, one, cache=False)
    figures["query_reopened_s"] = cold.query_on(root, one, cache=True)
    return figures


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m,10m", help="corpus sizes in triples (default 10k,100k,1m,10m)")
    parser.add_argument("--quick", action="store_true", help="10k only, 3 repeats, 3 cold runs")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--repeats", type=int, default=5, help="warm runs per query after the cold one")
    parser.add_argument("--cap", type=float, default=180.0,
                        help="seconds before a query is stopped at 1M triples (in proportion below, 10 s at least)")
    parser.add_argument("--budget", type=float, default=1800.0, help="seconds for the whole run")
    parser.add_argument("--rdflib-cap", type=float, default=60.0,
                        help="seconds before an rdflib query is stopped at 1M triples (in proportion below)")
    parser.add_argument("--rdflib-budget", type=float, default=360.0, help="seconds for rdflib at one size, at most")
    parser.add_argument("--big-cap", type=float, default=60.0, help="seconds before a query is stopped past 1M")
    parser.add_argument("--load-seconds", type=float, default=3.0, help="seconds of each endpoint load run")
    parser.add_argument("--cold-runs", type=int, default=10)
    parser.add_argument("--cli-query", default="proposals", help="the saved query of the cold CLI timing")
    parser.add_argument("--queries-dir", type=Path, help="benchmark the .rq files of this folder instead")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeats, args.cold_runs, args.load_seconds = "10k", 3, 3, 1.0
    started = time.perf_counter()
    deadline = started + args.budget
    sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    engines = [e for e in ENGINES if e in args.engines.split(",")]
    queries = load_queries(args.queries_dir)
    from peacekg.project import find_project

    project = find_project(ROOT)
    WORK.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": report.machine(),
                     "command": " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)]),
                     "args": vars(args) | {"out": str(args.out), "queries_dir": str(args.queries_dir or "")},
                     "queries": {q.name: {"one_entity": q.one_entity, "summary": q.saved.summary} for q in queries},
                     "sizes": {},
                     "federated": [q.name for q in load_queries(args.queries_dir, federated=True) if q.federated]}
    cli_query = next((q for q in queries if q.name == args.cli_query), queries[0])
    say(f"cold CLI on the essay graph ({cli_query.name})")
    results["cli"] = cold.cli_figures(project, cli_query, WORK, runs=args.cold_runs,
                                      build_runs=1 if args.quick else 3)
    say("store cache on the essay graph")
    results["store_essay"] = cold.store_figures(project.root, runs=args.cold_runs)
    if args.load_seconds > 0:
        say(f"the endpoint under load ({args.load_seconds:g} s a run)")
        from . import load

        try:
            results["load_run"] = load.measure(project.root, seconds=args.load_seconds)
        except (OSError, RuntimeError) as exc:
            results["load_run"] = {"error": str(exc)}
    cache_size = max([s for s in sizes if s <= 1_000_000] or sizes[:1])
    template = read_template(project)
    history: dict[str, dict] = {}  # engine -> query -> (size, figures) of the last size it ran at
    for size in sizes:
        label = size_label(size)
        say(f"{label}: generating")
        t = time.perf_counter()
        corpus, count = generate(size, template=template, seed=args.seed)
        entry = results["sizes"][label] = {"triples": count, "generate_s": time.perf_counter() - t,
                                           "bytes": corpus.stat().st_size, "engines": {}}
        # rdflib, slowest, runs last at each size, on what the budget leaves for it and the sizes after.
        big = size > 1_000_000
        chosen = [e for e in engines if not big or e in BIG_ENGINES]
        for engine in [e for e in chosen if e != "rdflib"] + ["store"] + [e for e in chosen if e == "rdflib"]:
            if engine == "store":
                if size == cache_size:
                    say(f"{label}: store cache")
                    entry["store"] = store_at(corpus, project, queries, label, args.cold_runs if size < 1_000_000 else 3)
                continue
            later = len([s for s in sizes if s > size])
            left = deadline - time.perf_counter()
            if engine == "rdflib":
                budget = min(left / (1 + later), args.rdflib_budget)
                cap = cap_at(size, args.rdflib_cap)
            elif big:  # the engines left at this size share what is left
                budget = left / (len([e for e in chosen if e not in entry["engines"]]) or 1)
                cap = args.big_cap
            else:
                budget, cap = left, cap_at(size, args.cap)
            if big and budget < 120:  # loading alone would take longer, and cannot be stopped
                say(f"{label}: {engine} not run: {budget:.0f} s of the budget left")
                entry["engines"][engine] = {"engine": engine, "error": f"not run: {budget:.0f} s of the budget left"}
                continue
            skip, order = predictions(history.get(engine, {}), size, cap)
            say(f"{label}: {engine} (budget {budget:.0f} s, cap {cap:.0f} s, {len(skip)} predicted over it)")
            # At 1M, engines other than peacekg's get 2 warm runs, and 1 past 1M: the budget is finite.
            repeats = (args.repeats if engine == "pyoxigraph" or size < 1_000_000 else
                       min(args.repeats, 1 if big else 2))
            entry["engines"][engine] = figures = run_worker(engine, corpus, args, budget, cap, skip, order, repeats,
                                                            light=big)
            for name, q in (figures.get("queries") or {}).items():
                history.setdefault(engine, {})[name] = (size, q)
        (WORK / "results.json").write_text(json.dumps(results, indent=1))
    results["wall_s"] = time.perf_counter() - started
    (WORK / "results.json").write_text(json.dumps(results, indent=1))
    args.out.write_text(report.render(results), encoding="utf-8")
    say(f"wrote {args.out} in {results['wall_s']:.0f} s")
    return args.out


if __name__ == "__main__":
    main()
