"""A pool of worker processes that run SPARQL queries, each within a time limit.

pebble's ProcessPool ends a worker whose task passes its timeout and starts a
fresh one, which is what a query that cannot be interrupted needs. Workers are
spawned (not forked) so that they never inherit the server's threads.

>>> from peacekg.web.worker import Answer
>>> with QueryPool(None, workers=1, timeout=5, max_results=100) as pool:
...     answer = pool.submit("ASK { ?s a pko:Proposal }", results="application/sparql-results+json", rdf=None)
...     answer.result(timeout=30).body
b'{"head":{},"boolean":true}'
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from pebble import ProcessPool

from ..errors import QueryTimeout
from . import worker


class QueryPool:
    """Runs queries on ``workers`` processes holding the store of the project at ``root``."""

    def __init__(self, root: Path | str | None, *, workers: int, timeout: float, max_results: int,
                 allow_service: bool = False):
        self.timeout = timeout
        self.max_results = max_results
        self.allow_service = allow_service
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=worker.init_worker,
            initargs=(None if root is None else str(root),),
            context=multiprocessing.get_context("spawn"),
        )

    def submit(self, query: str, *, results: str | None, rdf: str | None,
               default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
               base_iri: str | None = None) -> Future:
        """Schedule a query; the future holds a :class:`worker.Answer` or the error it raised."""
        return self._pool.schedule(
            worker.execute,
            args=(query,),
            kwargs=dict(results=results, rdf=rdf, max_results=self.max_results,
                        default_graphs=default_graphs, named_graphs=named_graphs,
                        allow_service=self.allow_service, base_iri=base_iri),
            timeout=self.timeout,
        )

    async def run(self, query: str, **options) -> worker.Answer:
        """Run a query without blocking the event loop; raise QueryTimeout past the limit.

        The time limit counts from when a worker takes the query up; a query that
        waits longer than that for a free worker is given up too, so that a client
        never waits for more than about twice the limit.
        """
        future = self.submit(query, **options)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout=2 * self.timeout + 1)
        except (FutureTimeout, asyncio.TimeoutError, TimeoutError):
            future.cancel()  # pebble ends the worker running it, if any
            raise QueryTimeout(
                f"the query ran past the time limit of {self.timeout:g} s set for this server"
            ) from None

    async def warm_up(self, count: int) -> None:
        """Wait until the workers have loaded the store (each started one answers a query)."""
        await asyncio.gather(*(self.run("ASK {}", results="application/sparql-results+json", rdf=None)
                               for _ in range(count)))

    def close(self) -> None:
        """Stop the workers now (a running query is not waited for)."""
        self._pool.stop()
        self._pool.join(timeout=10)

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
