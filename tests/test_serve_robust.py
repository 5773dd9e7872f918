"""The server heals and degrades gracefully: dead workers, changed files, slow queries, big requests.

Real servers on 127.0.0.1 (``peacekg serve --port 0``), real kills of their
worker processes, and real oversized requests.
"""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from .conftest import copy_project
from .serving import running_server
from .test_serve_endpoint import fetch, get

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = "ASK { ?s a pko:Proposal }"
JSON = "application/sparql-results+json"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def worker_pids(server_pid: int) -> list[int]:
    """The query workers of a server: its children running peacekg.web.process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server_pid and b"peacekg.web.process" in cmdline:
            found.append(int(entry.name))
    return sorted(found)


def server_pid(base: str) -> int:
    """The process listening on the port of ``base`` (by the socket's inode in /proc)."""
    port = int(base.rsplit(":", 1)[1])
    inodes = {line.split()[9] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
              if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            return int(entry.name)
    raise RuntimeError(f"no process listens on port {port}")


def wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def count(base: str) -> str:
    status, _, body = get(base, COUNT, "text/csv")
    assert status == 200, body
    return body.decode().splitlines()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("robust"))
    with running_server(project.root, "--timeout", "2", "--workers", "2", "--max-bytes", "100000") as base:
        yield base, project


def test_a_killed_worker_is_replaced_and_health_tells_the_truth(server):
    base, _project = server
    pid = server_pid(base)
    before = worker_pids(pid)
    assert len(before) == 2
    for worker in before:  # killed outside any query, as the OOM killer would
        os.kill(worker, signal.SIGKILL)
    assert wait_for(lambda: len(set(worker_pids(pid)) - set(before)) == 2)
    assert wait_for(lambda: b"2 of 2 workers ready" in fetch(base + "/health")[2])
    for _ in range(6):
        status, _, body = get(base, ASK, JSON)
        assert status == 200 and b"true" in body


def test_workers_serve_the_snapshot_the_server_started_with(server):
    base, project = server
    before = count(base)
    with open(project.entities_output, "a", encoding="utf-8") as graph:  # the files change under the server
        graph.write('<https://w3id.org/peacekg/id/added> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n')
    pid = server_pid(base)
    old = worker_pids(pid)
    for worker in old:
        os.kill(worker, signal.SIGKILL)
    assert wait_for(lambda: len(set(worker_pids(pid)) - set(old)) == 2)
    assert wait_for(lambda: b"2 of 2" in fetch(base + "/health")[2])
    assert count(base) == before  # the new workers loaded the snapshot, not the changed file


def test_the_time_limit_holds_within_a_second(server):
    base, _ = server
    start = time.monotonic()
    status, headers, body = get(base, SLOW, JSON)
    took = time.monotonic() - start
    assert status == 503 and b"time limit of 2 s" in body and headers["Retry-After"] == "1"
    assert took < 3.0, took


def test_slow_queries_cannot_take_every_worker(server):
    base, _ = server
    slow: list = []

    def run_slow():
        slow.append(get(base, SLOW, JSON)[0])

    threads = [threading.Thread(target=run_slow) for _ in range(4)]  # twice the workers
    for thread in threads:
        thread.start()
    time.sleep(1.2)  # every worker is held by a slow query by now
    fast = []
    for _ in range(5):
        start = time.monotonic()
        status, headers, body = get(base, ASK, JSON)
        fast.append((status, time.monotonic() - start, headers.get("Retry-After")))
    for thread in threads:
        thread.join(timeout=30)
    assert all(status in (200, 503) for status in slow)
    assert all(status == 200 for status, _, _ in fast), fast  # a fast query got a worker each time
    assert max(seconds for _, seconds, _ in fast) < 3.0


def test_nesting_and_size_are_bounded_before_any_worker(server):
    base, _ = server
    pid = server_pid(base)
    workers = worker_pids(pid)
    deep = "SELECT * WHERE " + "{" * 10000 + "}" * 10000
    status, _, body = fetch(base + "/sparql", data=deep.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"nested 10000 deep" in body
    assert worker_pids(pid) == workers  # no worker died


def test_a_response_over_max_bytes_is_422(server):
    base, _ = server
    status, _, body = get(base, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000", "text/csv")
    assert status == 422 and b"larger than 100,000 bytes" in body


def _raw(base: str, target: str, headers: dict) -> int:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", target, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_oversized_request_line_and_headers_get_414_and_431(server):
    base, _ = server
    assert _raw(base, "/sparql?query=" + "x" * 20_000, {}) == 414
    assert _raw(base, "/health", {"X-Big": "y" * 40_000}) == 431
    assert _raw(base, "/health", {}) == 200


def test_no_process_is_left_after_a_stop(tmp_path):
    project = copy_project(tmp_path)
    with running_server(project.root, "--workers", "2") as base:
        pid = server_pid(base)
        workers = worker_pids(pid)
        assert len(workers) == 2
    assert wait_for(lambda: not any(Path(f"/proc/{p}").exists() and b"zombie" not in Path(f"/proc/{p}/status")
                                    .read_bytes().lower() for p in workers), timeout=10)
    leftovers = [e.name for e in Path("/proc").iterdir() if e.name.isdigit() and _cmd(e).find(b"resource_tracker") >= 0
                 and _parent(e) in (pid, *workers)]
    assert leftovers == []


def _cmd(entry: Path) -> bytes:
    try:
        return (entry / "cmdline").read_bytes()
    except OSError:
        return b""


def _parent(entry: Path) -> int:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def test_a_graph_that_cannot_be_served_is_an_error_before_listening(tmp_path):
    import subprocess
    import sys

    project = copy_project(tmp_path)
    (project.graph_dir / ".build-journal").write_text("[]")  # a build stopped half-way
    run = subprocess.run([sys.executable, "-m", "peacekg", "serve", "--port", "0"], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "PEACEKG_ROOT": str(project.root)})
    assert run.returncode == 3 and "run `peacekg build` to finish" in run.stderr
    assert "Traceback" not in run.stderr and "serving on" not in run.stdout
