"""The endpoint under load: ``peacekg serve`` on 127.0.0.1, many clients at once, for a bounded time.

    python -m bench.load --seconds 3

starts ``peacekg serve --port 0`` on the project, then for each target (a saved
query through ``/sparql``, an entity page, a page with a query string) and each
number of clients, opens that many kept-alive HTTP/1.1 connections and has each
send its next request as soon as the last answer has been read, for
``--seconds``. It reports the median and 99th percentile latency, the requests
answered per second and the errors (any status but 200, or a broken
connection). The clients are Python (asyncio streams) on the same machine:
they take CPU from the server, so the figures are a floor of what the server
does, not a ceiling.

>>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
2.5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from .engines import stop_process

ROOT = Path(__file__).resolve().parents[1]


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values``, interpolated between the two nearest."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    at = (len(ordered) - 1) * q
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def targets(project) -> dict[str, tuple[str, str]]:
    """Name -> (path and query string, Accept header) of what the clients ask for."""
    from peacekg.query.catalogue import get_query
    from peacekg.query.run import bind, bound_text

    saved = get_query("proposals", project)
    text = bound_text(saved.text, bind(saved, {}))
    return {
        "saved query `proposals` (/sparql, JSON)": ("/sparql?query=" + urllib.parse.quote(text),
                                                     "application/sparql-results+json"),
        "entity page /id/russia": ("/id/russia", "text/html"),
        "page with a query string /resource?iri=...": (
            "/resource?iri=" + urllib.parse.quote("https://w3id.org/peacekg/id/russia", safe=""), "text/html"),
        "search by prefix /api/search?q=Rus (as one types)": ("/api/search?q=Rus", "application/json"),
    }


async def _client(host: str, port: int, request: bytes, stop: float, latencies: list, errors: list) -> None:
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError as exc:
        errors.append(f"connect: {exc}")
        return
    try:
        while time.perf_counter() < stop:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            match = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
            if match:
                await reader.readexactly(int(match.group(1)))
            else:  # chunked: read to the last chunk
                while True:
                    size = int((await reader.readline()).strip(), 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(f"HTTP {status}")
    except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def _run(host: str, port: int, target: str, accept: str, clients: int, seconds: float) -> dict:
    request = (f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: {accept}\r\n"
               "Connection: keep-alive\r\n\r\n").encode()
    latencies: list[float] = []
    errors: list[str] = []
    begin = time.perf_counter()
    stop = begin + seconds
    await asyncio.gather(*(_client(host, port, request, stop, latencies, errors) for _ in range(clients)))
    wall = time.perf_counter() - begin
    return {"clients": clients, "requests": len(latencies), "seconds": wall, "rps": len(latencies) / wall,
            "p50_s": percentile(latencies, 0.5), "p99_s": percentile(latencies, 0.99),
            "errors": len(errors), "error_kinds": sorted(set(errors))[:3]}


def start_server(root: Path, workers: int) -> tuple[subprocess.Popen, int]:
    env = {**os.environ, "PEACEKG_ROOT": str(root)}
    process = subprocess.Popen([sys.executable, "-m", "peacekg", "serve", "--host", "127.0.0.1", "--port", "0",
                                "--workers", str(workers)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env=env)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise RuntimeError(f"peacekg serve did not start: {line!r}")
    port = int(match.group(1))
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5).read()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("peacekg serve did not answer")
            time.sleep(0.1)


def measure(root: Path, *, clients: tuple[int, ...] = (10, 50), seconds: float = 3.0, workers: int = 4) -> dict:
    """Every target at every number of clients, on one server (warmed by one request each first)."""
    from peacekg.project import Project

    process, port = start_server(root, workers)
    try:
        out = {"workers": workers, "seconds": seconds, "targets": {}}
        for name, (target, accept) in targets(Project(root)).items():
            request = urllib.request.Request(f"http://127.0.0.1:{port}{target}", headers={"Accept": accept})
            urllib.request.urlopen(request, timeout=30).read()  # the page cache and the workers warm
            out["targets"][name] = [asyncio.run(_run("127.0.0.1", port, target, accept, n, seconds))
                                    for n in clients]
        return out
    finally:
        stop_process(process, timeout=15)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", default="10,50")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    return measure(ROOT, clients=tuple(int(n) for n in args.clients.split(",")), seconds=args.seconds,
                   workers=args.workers)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), indent=1))
