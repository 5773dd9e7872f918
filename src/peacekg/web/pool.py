"""The worker processes that run the server's SPARQL queries, each within a time limit.

pyoxigraph cannot interrupt a query, so each runs in a worker process that is
killed (SIGKILL, at once) when the query passes ``timeout``; the client gets a
503 within a fraction of a second of the limit. The pool heals: a worker that
dies for any reason (killed, out of memory, a crash of the engine) is replaced,
idle or busy, and :meth:`QueryPool.status` says how many are ready, for
``/health``. Every worker loads the same snapshot of the graph, written once
when the server starts from the store its pages read, never ``graph/*.ttl``
again, so pages and SPARQL always answer from one graph.

Slow queries cannot take every worker: a query that finds no idle worker waits
at most ``timeout``; when every worker is held by a query running longer than
``slow_after`` seconds and another is waiting, the longest-running one is
stopped to make room (503, ``Retry-After``); and when ``workers + queue``
queries are already in hand (``queue`` is 64 by default) a new one is refused
at once (503, ``Retry-After``).

>>> with QueryPool(None, workers=1, timeout=5, max_results=100) as pool:
...     answer = pool.submit("ASK { ?s a pko:Proposal }", results="application/sparql-results+json", rdf=None)
...     answer.result(timeout=30).body
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import asyncio
import importlib
import queue
import shutil
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from ..errors import EnvironmentProblem, PeacekgError, QueryError, QueryTimeout, ServerBusy
from ..project import find_project
from ..query.store import open_store
from .process import Died, Expired, WorkerProcess, read_frame, write_frame


class QueryPool:
    """Runs queries on ``workers`` processes holding one snapshot of the graph."""

    def __init__(self, root: Path | str | None, *, workers: int, timeout: float, max_results: int,
                 allow_service: bool = False, max_bytes: int | None = None, store: Store | None = None,
                 queue_size: int | None = None, slow_after: float | None = None, start_timeout: float = 120.0):
        self.timeout, self.max_results, self.allow_service = timeout, max_results, allow_service
        self.max_bytes, self.size = max_bytes, workers
        self.slow_after = min(1.0, timeout / 2) if slow_after is None else slow_after
        self._max_inflight = workers + (64 if queue_size is None else queue_size)
        self._root = None if root is None else str(root)
        self._start_timeout = start_timeout
        self._dir = tempfile.mkdtemp(prefix="peacekg-snapshot-")
        self._snapshot = str(Path(self._dir) / "graph.nq")
        (store if store is not None else open_store(find_project(root))).dump(
            self._snapshot, format=RdfFormat.N_QUADS)
        self._lock = threading.Lock()
        self._idle: queue.Queue[WorkerProcess] = queue.Queue()
        self._workers: set[WorkerProcess] = set()
        self._replacing = 0
        self._inflight = 0
        self._closed = False
        self._updates: list[list[tuple]] = []  #: every save's changes since the snapshot, in order
        self.last_failure: str | None = None
        self._threads = ThreadPoolExecutor(max_workers=self._max_inflight, thread_name_prefix="sparql")
        try:
            started = [WorkerProcess(self._snapshot, self._root) for _ in range(workers)]
            for process in started:
                self._workers.add(process)
                process.ready(start_timeout)
                self._idle.put(process)
        except (Died, Expired, RuntimeError, OSError, EOFError) as exc:
            self.close()
            raise EnvironmentProblem(f"the SPARQL workers could not start: {exc or type(exc).__name__}") from None
        except BaseException:
            self.close()
            raise
        self._monitor = threading.Thread(target=self._watch, name="sparql-pool-monitor", daemon=True)
        self._monitor.start()

    # --- running a query ------------------------------------------------------------
    def submit(self, query: str, **options) -> Future:
        """Schedule a query; the future holds a :class:`worker.Answer` or the error it raised."""
        return self._threads.submit(self._execute, query, options)

    async def run(self, query: str, **options):
        """Run a query without blocking the event loop; 503 errors when busy or past the limit."""
        with self._lock:
            if self._inflight >= self._max_inflight:
                raise ServerBusy(f"the server is busy: {self._inflight} queries are in hand, the most it takes; "
                                 "try again shortly")
            self._inflight += 1
        try:
            return await asyncio.wrap_future(self.submit(query, **options))
        finally:
            with self._lock:
                self._inflight -= 1

    def _execute(self, query: str, options: dict):
        options = {"max_results": self.max_results, "allow_service": self.allow_service,
                   "max_bytes": self.max_bytes, **options}
        worker = self._acquire()
        worker.started = time.monotonic()
        try:
            self._catch_up(worker)
        except (Died, Expired, OSError, EOFError, ValueError, RuntimeError):
            self._discard(worker)
            raise ServerBusy("a worker could not load the saved graph and was replaced; try again") from None
        limit = None if self.max_bytes is None else self.max_bytes + 1_000_000
        try:
            write_frame(worker.to_fd, (query, options))
            kind, value = read_frame(worker.from_fd, deadline=worker.started + self.timeout, limit=limit)
        except Expired:
            self._discard(worker)
            raise QueryTimeout.after(self.timeout) from None
        except (Died, OSError, EOFError, ValueError):
            evicted = worker.evicted
            code = worker.process.poll()
            self._discard(worker)
            if evicted:
                raise ServerBusy("the query was stopped to make room: every worker was held by a slow query; "
                                 "try again shortly, or narrow the query") from None
            raise ServerBusy(f"the worker running the query stopped ({_ending(code)}) and was replaced; "
                             "try again") from None
        worker.started = None
        self._idle.put(worker)
        if kind == "ok":
            return value
        raise _rebuilt(*value)

    def update(self, ops: list[tuple]) -> None:
        """A save's changes (see :func:`.worker.apply_to`): each worker applies them before its next
        query, and a worker started later (from the snapshot) applies all of them first."""
        with self._lock:
            self._updates.append(ops)

    def _catch_up(self, worker: WorkerProcess) -> None:
        while True:
            with self._lock:
                pending = self._updates[worker.generation:]
                done = len(self._updates)
            if not pending:
                return
            for ops in pending:
                write_frame(worker.to_fd, ("update", worker.generation, ops))
                kind, detail = read_frame(worker.from_fd, deadline=time.monotonic() + self._start_timeout)
                if kind != "ok":
                    raise RuntimeError(detail)
                worker.generation += 1
            if worker.generation >= done:
                return

    def _acquire(self) -> WorkerProcess:
        deadline = time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerBusy(f"the server is busy: no worker was free within {self.timeout:g} s; "
                                 "try again shortly")
            try:
                worker = self._idle.get(timeout=min(left, 0.1))
            except queue.Empty:
                self._make_room()
                continue
            if worker.alive():
                return worker
            self._discard(worker)  # died while idle

    def _make_room(self) -> None:
        """With every worker held by a slow query and a query waiting, stop the longest-running one."""
        now = time.monotonic()
        with self._lock:
            busy = [w for w in self._workers if w.started is not None and not w.evicted]
            if self._replacing or len(busy) < self.size or not all(now - w.started > self.slow_after for w in busy):
                return
            oldest = min(busy, key=lambda w: w.started)
            oldest.evicted = True
        oldest.process.kill()

    # --- healing -------------------------------------------------------------------
    def _discard(self, worker: WorkerProcess) -> None:
        worker.kill()
        with self._lock:
            if worker not in self._workers:
                return
            self._workers.discard(worker)
            self._replacing += 1
        threading.Thread(target=self._replace, name="sparql-pool-replace", daemon=True).start()

    def _replace(self) -> None:
        delay = 0.5
        try:
            while not self._closed:
                process = WorkerProcess(self._snapshot, self._root)
                try:
                    process.ready(self._start_timeout)
                except (Died, Expired, RuntimeError, OSError, EOFError) as exc:
                    process.kill()
                    self.last_failure = f"a new worker could not start: {exc or type(exc).__name__}"
                    time.sleep(delay)
                    delay = min(delay * 2, 10)
                    continue
                with self._lock:
                    if self._closed:
                        process.kill()
                        return
                    self._workers.add(process)
                self._idle.put(process)
                self.last_failure = None
                return
        finally:
            with self._lock:
                self._replacing -= 1

    def _watch(self) -> None:
        """Replace idle workers that died (the OOM killer, a kill), so status() stays truthful."""
        while not self._closed:
            time.sleep(0.5)
            with self._lock:
                dead = [w for w in self._workers if w.started is None and not w.alive()]
            for worker in dead:
                self._discard(worker)

    def status(self) -> tuple[int, int]:
        """(workers alive and ready or busy, workers wanted)."""
        with self._lock:
            return sum(1 for w in self._workers if w.alive()), self.size

    async def warm_up(self, count: int) -> None:
        """The workers have loaded the snapshot by the time the pool exists; kept for callers."""

    def close(self) -> None:
        """Stop the workers now (a running query is not waited for) and remove the snapshot."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
        self._threads.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _ending(code: int | None) -> str:
    if code is None:
        return "for an unknown reason"
    return f"signal {-code}" if code < 0 else f"exit {code}"


def _rebuilt(module: str, name: str, message: str) -> PeacekgError:
    """The error a worker raised, as its own class where it is one of ours."""
    try:
        kind = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        kind = None
    if isinstance(kind, type) and issubclass(kind, PeacekgError):
        try:
            return kind(message)
        except TypeError:
            pass
    return QueryError(message)
