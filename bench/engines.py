"""The engines under test, each behind the same three calls: load, query, close.

- ``pyoxigraph``: the embedded store peacekg uses, in memory (``bulk_load``);
- ``pyoxigraph-disk``: pyoxigraph's on-disk store, built by ``bulk_load`` and
  then closed and reopened read-only (the reopen is what is timed);
- ``rdflib``: rdflib's in-memory ``Dataset`` with the default graph as union;
- ``oxigraph-server``: ``oxigraph serve`` (in memory) on 127.0.0.1, loaded
  over the Graph Store Protocol and queried through SPARQLWrapper, as
  ``peacekg query --endpoint`` does.

A query's answer is always consumed in full (every row, every term), so lazy
iterators are not mistaken for fast ones.
"""

from __future__ import annotations

import gc
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .catalogue import BenchQuery

#: Rows in one page of a one-entity query (``--limit``), as the web explorer lists them.
PAGE = 50


def _now() -> float:
    return time.perf_counter()


class Pyoxigraph:
    name = "pyoxigraph"

    def load(self, corpus: Path) -> dict:
        """The median of three loads as peacekg loads its own build output (``Store.load``, lenient:
        pyoxigraph's fastest), and beside it one strict ``bulk_load`` (every IRI validated)."""
        from pyoxigraph import RdfFormat, Store

        times = []
        for strict in (True, False, False, False):
            self.store = None
            gc.collect()
            start = _now()
            self.store = Store()
            if strict:
                self.store.bulk_load(path=str(corpus), format=RdfFormat.N_QUADS)
            else:
                self.store.load(path=str(corpus), format=RdfFormat.N_QUADS, lenient=True)
            times.append(_now() - start)
        return {"load_s": sorted(times[1:])[1], "load_runs_s": times[1:], "strict_load_s": times[0]}

    def query(self, q: BenchQuery) -> int:
        answer = self.store.query(q.text, use_default_graph_as_union=True)
        return sum(1 for _ in (tuple(row) for row in answer))

    def trailing(self, q: BenchQuery) -> int:
        answer = self.store.query(q.trailing_text, use_default_graph_as_union=True)
        return sum(1 for _ in (tuple(row) for row in answer))

    def peacekg(self, q: BenchQuery) -> int:
        """The same query through peacekg's own API (catalogue object, binding, Result), every term read."""
        from peacekg.query.run import run_query

        return len(run_query(q.saved, store=self.store))

    def paged(self, q: BenchQuery, offset: int = 0) -> int:
        """One page (:data:`PAGE` rows from ``offset``) through ``run_query(limit=, offset=)``."""
        from peacekg.query.run import run_query

        return len(run_query(q.saved, store=self.store, limit=PAGE, offset=offset))

    def close(self) -> None:
        self.store = None


class PyoxigraphDisk(Pyoxigraph):
    name = "pyoxigraph-disk"

    def __init__(self, location: Path):
        self.location = location

    def load(self, corpus: Path) -> dict:
        from pyoxigraph import RdfFormat, Store

        shutil.rmtree(self.location, ignore_errors=True)
        start = _now()
        store = Store(str(self.location))
        store.bulk_load(path=str(corpus), format=RdfFormat.N_QUADS, lenient=True)  # trusted, as peacekg's cache
        store.flush()
        loaded = _now() - start
        del store
        gc.collect()
        start = _now()
        self.store = Store.read_only(str(self.location))
        return {"load_s": loaded, "reopen_s": _now() - start}


class Rdflib:
    name = "rdflib"

    def load(self, corpus: Path) -> dict:
        from rdflib import Dataset

        start = _now()
        self.dataset = Dataset(default_union=True)
        self.dataset.parse(str(corpus), format="nquads")
        return {"load_s": _now() - start}

    def query(self, q: BenchQuery) -> int:
        result = self.dataset.query(q.text)
        if result.type == "ASK":
            return int(bool(result.askAnswer))
        return sum(1 for _ in (tuple(row) for row in result))

    def close(self) -> None:
        self.dataset = None


class OxigraphServer:
    name = "oxigraph-server"

    def __init__(self, timeout: float = 600.0):
        self.timeout = timeout

    def load(self, corpus: Path) -> dict:
        binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = _now() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if _now() > deadline or self.process.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start")
                time.sleep(0.05)
        start = _now()
        with corpus.open("rb") as body:  # streamed: at 10M the file is gigabytes
            request = urllib.request.Request(f"{self.url}/store", data=body, method="POST", headers={
                "Content-Type": "application/n-quads", "Content-Length": str(corpus.stat().st_size)})
            urllib.request.urlopen(request, timeout=max(self.timeout, 3600)).read()
        return {"load_s": _now() - start, "server_pid": self.process.pid}

    def query(self, q: BenchQuery) -> int:
        from peacekg.query.remote import query_endpoint
        from peacekg.query.results import Result

        return len(Result(query_endpoint(f"{self.url}/query", q.text, timeout=self.timeout)))

    def peak_rss_mb(self) -> float | None:
        """The server's own peak resident memory (VmHWM), read before it stops."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def close(self) -> None:
        stop_process(self.process, timeout=10)


def stop_process(process: subprocess.Popen, *, timeout: float) -> None:
    """Stop a server the benchmark started: politely, then by force."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def make(name: str, work: Path):
    """The engine called ``name``."""
    if name == "pyoxigraph":
        return Pyoxigraph()
    if name == "pyoxigraph-disk":
        return PyoxigraphDisk(work / "disk-store")
    if name == "rdflib":
        return Rdflib()
    if name == "oxigraph-server":
        return OxigraphServer()
    raise ValueError(f"unknown engine {name!r}")


ENGINES = ("pyoxigraph", "pyoxigraph-disk", "rdflib", "oxigraph-server")
