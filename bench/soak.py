"""Load and soak a running ``peacekg serve`` on 127.0.0.1: saved queries, pages and slow queries.

``python -m bench.soak [--minutes 5] [--clients 20] [--slow-clients 2]`` starts a
server on a free loopback port, drives it with a bounded number of client
threads for a bounded time, samples the memory (RSS) of the server and its
workers every few seconds, stops the server and prints requests/s,
p50/p95/p99 latencies, errors and memory at start and end as Markdown for
bench/RESULTS.md. Fast requests (pages, saved queries) must never fail; slow
queries are expected to end in 503 at the server's time limit. Nothing but
127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from .engines import stop_process

#: A query that runs for hours on the essay: a slow client's request, stopped at the time limit.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PAGES = ["/", "/id/russia", "/id/nato", "/id/", "/doc/carment-belo-ukraine", "/statement/p26-russia-requests-legal-guarantees",
         "/health"]


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)  #: seconds, fast requests
    errors: list[str] = field(default_factory=list)  #: fast requests that failed
    slow: dict[int, int] = field(default_factory=dict)  #: status -> count, slow requests
    seconds: float = 0.0
    memory: list[tuple[float, int]] = field(default_factory=list)  #: (t, RSS bytes of server and workers)

    def add_slow(self, status: int) -> None:
        self.slow[status] = self.slow.get(status, 0) + 1

    def summary(self) -> dict:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0

        return {"requests": len(ordered), "per_second": len(ordered) / self.seconds if self.seconds else 0.0,
                "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "errors": len(self.errors),
                "slow": dict(self.slow),
                "mean_ms": statistics.fmean(ordered) * 1000 if ordered else 0.0}


def saved_queries(root: Path | None = None) -> list[str]:
    """The saved queries' texts with their defaults bound (no federated one: no outside requests)."""
    from peacekg.project import find_project
    from peacekg.query.catalogue import catalogue
    from peacekg.query.guard import scan
    from peacekg.query.run import bind, bound_text

    project = find_project(root)
    texts = []
    for query in catalogue(project):
        if scan(query.text)[1]:
            continue
        try:
            texts.append(bound_text(query.text, bind(query, {})))
        except Exception:  # noqa: BLE001 - a query needing a value without a default: left out
            continue
    return texts


def _client(base: str, stop: float, work, stats: Stats, lock: threading.Lock, slow: bool) -> None:
    host, port = urllib.parse.urlsplit(base).netloc.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    for method, target, body, headers in work:
        if time.monotonic() >= stop:
            break
        started = time.monotonic()
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            status, detail = -1, f"{type(exc).__name__}: {exc}"
        else:
            detail = f"HTTP {status} for {method} {target[:80]}"
        took = time.monotonic() - started
        with lock:
            if slow:
                stats.add_slow(status)
            elif status == 200:
                stats.latencies.append(took)
            else:
                stats.errors.append(detail)
    connection.close()


def _fast_work(index: int, queries: list[str]):
    form = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    for n in itertools.count(index):
        if n % 2:
            yield "GET", PAGES[n % len(PAGES)], None, {"Accept": "text/html"}
        else:
            yield "POST", "/sparql", queries[n % len(queries)].encode(), form


def _slow_work():
    form = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
    while True:
        yield "POST", "/sparql", SLOW.encode(), form


def rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def family(pid: int) -> list[int]:
    """A process and its children (the server and its workers)."""
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                pass
    return found


def run_load(base: str, *, clients: int, slow_clients: int, seconds: float, root: Path | None = None,
             server_pid: int | None = None, sample_every: float = 5.0) -> Stats:
    """Drive the server at ``base`` (127.0.0.1 only) for ``seconds``; return what happened."""
    if urllib.parse.urlsplit(base).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("load runs against loopback servers only")
    queries = saved_queries(root)
    stats, lock = Stats(), threading.Lock()
    start = time.monotonic()
    stop = start + seconds
    threads = [threading.Thread(target=_client, args=(base, stop, _fast_work(i, queries), stats, lock, False))
               for i in range(clients)]
    threads += [threading.Thread(target=_client, args=(base, stop, _slow_work(), stats, lock, True))
                for _ in range(slow_clients)]
    for thread in threads:
        thread.start()
    while server_pid is not None and time.monotonic() < stop:
        stats.memory.append((time.monotonic() - start, rss(family(server_pid))))
        time.sleep(min(sample_every, max(0.0, stop - time.monotonic())))
    for thread in threads:
        thread.join(timeout=seconds + 120)
    stats.seconds = time.monotonic() - start
    if server_pid is not None:
        stats.memory.append((stats.seconds, rss(family(server_pid))))
    return stats


def main(argv: list[str] | None = None) -> None:
    import contextlib
    import re
    import subprocess
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--slow-clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args(argv)
    process = subprocess.Popen([sys.executable, "-m", "peacekg", "serve", "--port", "0", "--workers",
                                str(args.workers), "--timeout", str(args.timeout)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = re.search(r"127\.0\.0\.1:(\d+)/", process.stdout.readline()).group(1)
        base = f"http://127.0.0.1:{port}"
        import urllib.request

        for _ in range(600):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "/health", timeout=2).read()
                break
            time.sleep(0.1)
        stats = run_load(base, clients=args.clients, slow_clients=args.slow_clients, seconds=args.minutes * 60,
                         server_pid=process.pid)
    finally:
        stop_process(process, timeout=20)
    s = stats.summary()
    mem = stats.memory
    print(f"| {args.minutes:g} min, {args.clients} clients + {args.slow_clients} slow, {args.workers} workers, "
          f"--timeout {args.timeout:g} | {s['requests']:,} fast requests | {s['per_second']:.0f}/s | "
          f"p50 {s['p50_ms']:.1f} ms | p95 {s['p95_ms']:.1f} ms | p99 {s['p99_ms']:.1f} ms | "
          f"{s['errors']} errors | slow: {s['slow']} | RSS start {mem[0][1] / 2**20:.0f} MB, "
          f"end {mem[-1][1] / 2**20:.0f} MB, max {max(m for _, m in mem) / 2**20:.0f} MB |")
    for error in stats.errors[:10]:
        print("  error:", error)


if __name__ == "__main__":
    main()
