"""One engine on one corpus, in its own process, so that peak memory is this engine's own.

    python -m bench.worker --engine pyoxigraph --corpus bench/work/corpus-10k.nq

prints one JSON object: load figures, per query the cold time, the median of
the warm runs and the row count (or a timeout), and the process's peak RSS.
Each query runs once cold, then ``--repeats`` times warm (fewer when one run
is slow); a query still running after ``--cap`` seconds is stopped, and once
``--budget`` seconds have passed the remaining queries are not started.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .catalogue import load_queries
from .engines import PAGE, make


class QueryTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Interrupt Python code after ``seconds`` (rdflib's engine is Python, so this stops it)."""
    def expire(signum, frame):
        raise QueryTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: Warm runs of a query that takes under 10 ms: a median of three such runs moves by a tenth from
#: one run of the benchmark to the next on a shared machine, and these runs cost nothing.
FAST_REPEATS = 21


def warm_runs(cold: float, repeats: int) -> int:
    """Fewer repeats for slow queries, more for fast ones: the figure is a median, the budget is finite."""
    if cold < 0.01:
        return max(repeats, FAST_REPEATS)
    if cold < 1:
        return repeats
    return min(repeats, 2) if cold < 10 else 0


def measure(run, query, *, repeats: int, cap: float, deadline: float) -> dict:
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return {"status": "budget"}
    limit = min(cap, remaining)
    times: list[float] = []
    rows = None

    def once():
        nonlocal rows
        with time_limit(limit):
            start = time.perf_counter()
            rows = run(query)
            times.append(time.perf_counter() - start)

    try:
        once()
        for _ in range(warm_runs(times[0], repeats)):
            once()
    except QueryTimeout:
        if not times:
            return {"status": "timeout", "limit_s": limit}
    except Exception as exc:  # noqa: BLE001 - an engine that fails a query is a result too
        return {"status": "error", "error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    warm = times[1:]
    return {"status": "ok", "rows": rows, "cold_s": times[0], "median_s": statistics.median(warm or times[:1]),
            "runs": len(warm)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("--engine", required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--queries-dir", type=Path)
    parser.add_argument("--names", default="")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cap", type=float, default=180.0)
    parser.add_argument("--budget", type=float, default=1e9)
    parser.add_argument("--skip", default="{}", help="JSON: query name -> the figures to report instead of running it")
    parser.add_argument("--first", default="", help="names of queries to run first, in this order")
    parser.add_argument("--light", action="store_true",
                        help="only the engine's own times and the pages (no run_query or trailing-VALUES runs)")
    args = parser.parse_args(argv)
    skip = json.loads(args.skip)
    first = [n for n in args.first.split(",") if n]
    started = time.perf_counter()
    queries = load_queries(args.queries_dir, [n for n in args.names.split(",") if n])
    queries.sort(key=lambda q: first.index(q.name) if q.name in first else len(first))
    engine = make(args.engine, args.corpus.parent)
    result: dict = {"engine": args.engine, "corpus": args.corpus.name,
                    "rss_start_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    result.update(engine.load(args.corpus))
    deadline = started + args.budget
    result["queries"] = {}
    result["cap_s"] = args.cap
    for query in queries:
        if query.name in skip:
            result["queries"][query.name] = skip[query.name] | {"one_entity": query.one_entity}
            continue
        figures = measure(engine.query, query, repeats=args.repeats, cap=args.cap, deadline=deadline)
        figures["one_entity"] = query.one_entity
        # One page of a one-entity query, the first and one from the middle of its answer.
        if hasattr(engine, "paged") and query.one_entity and figures["status"] == "ok":
            middle = (figures["rows"] // 2) // PAGE * PAGE
            first = measure(engine.paged, query, repeats=args.repeats, cap=args.cap, deadline=deadline)
            deep = measure(lambda q: engine.paged(q, middle), query, repeats=args.repeats, cap=args.cap,
                           deadline=deadline)
            figures.update(paged_median_s=first.get("median_s"), paged_rows=first.get("rows"),
                           deep_paged_median_s=deep.get("median_s"), deep_offset=middle)
        # The same query through peacekg's run_query; not for a query that alone takes over 10 s.
        if not args.light and hasattr(engine, "peacekg") and figures["status"] == "ok" and figures["cold_s"] < 10:
            own = measure(engine.peacekg, query, repeats=args.repeats, cap=args.cap, deadline=deadline)
            figures["peacekg_median_s"] = own.get("median_s")
            if query.one_entity:
                before = measure(engine.trailing, query, repeats=args.repeats, cap=args.cap, deadline=deadline)
                figures["trailing_median_s"], figures["trailing_rows"] = before.get("median_s"), before.get("rows")
        result["queries"][query.name] = figures
    if hasattr(engine, "peak_rss_mb"):
        result["server_peak_rss_mb"] = engine.peak_rss_mb()
    engine.close()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["wall_s"] = time.perf_counter() - started
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
