"""The graph a curating server shows, kept current after a save and after an outside build.

After a save, the files it changed are applied to the store the pages read (a
document's graph replaced; the closure by its difference, which has no blank
nodes) and handed to the query workers (:meth:`.pool.QueryPool.update`: each
applies them before its next query), and every answer kept from the old graph is
dropped: rendered pages, ``/sparql`` answers, the search index, the reconciliation
index. The pool keeps its limits (``--max-bytes``, ``--max-results``, the time limit).

A build made elsewhere (``peacekg build`` on the command line while the server
runs) changes the built files' sizes and modification times: the next request
sees it (at most every :data:`LOOK_EVERY` seconds), the server reloads the whole
graph with fresh workers, and the state endpoint says so (``outside_build``).
Each change of graph gives a new ``graph_version``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize

from ..project import BUILD_JOURNAL
from ..query.store import SPECIAL_FILES, open_store
from ..namespaces import ONTOLOGY_GRAPH, graph_iri
from .worker import apply_to

LOOK_EVERY = 0.5
_DELTA = {"closure.ttl"}  #: graphs without blank nodes, sent as their difference


def graph_of(project, path: Path) -> str:
    if path == project.ontology:
        return ONTOLOGY_GRAPH
    return SPECIAL_FILES.get(path.name) or graph_iri(path.stem)


def built_stamps(project) -> dict[str, tuple[int, int]]:
    """Size and modification time of each built file (and the ontology)."""
    stamps = {}
    for path in [project.ontology, *sorted(project.graph_dir.glob("*.ttl"))]:
        try:
            st = os.stat(path)
        except OSError:
            continue
        stamps[path.name] = (st.st_mtime_ns, st.st_size)
    return stamps


def init(app) -> None:
    state = app.state
    state.graph_version = 1
    state.outside_build = None
    state.built_stamps = built_stamps(state.project)
    state.last_look = time.monotonic()
    state.reload_lock = threading.Lock()


def forget_answers(app) -> None:
    """Drop every answer computed from the previous graph."""
    state = app.state
    state.pages.clear()
    state.answers.clear()
    state.search_index = None
    state.reconcile_index = None


def _ops(store, project, outputs: dict[Path, bytes], previous: dict[Path, bytes | None]) -> list[tuple]:
    from pyoxigraph import NamedNode

    from ..compile.closure import HEADER

    ops = []
    for path, data in sorted(outputs.items()):
        graph = graph_of(project, path)
        if path.name in _DELTA and previous.get(path) is not None:
            # One line per resource (compile.closure): the lines that differ are the difference.
            old, new = set(previous[path].splitlines()), set(data.splitlines())
            ops.append(("delta", graph, HEADER + b"\n".join(sorted(old - new)) + b"\n",
                        HEADER + b"\n".join(sorted(new - old)) + b"\n"))
        elif path.name in _DELTA:
            old = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None,
                                                                                         NamedNode(graph))}
            new = {(t.subject, t.predicate, t.object) for t in parse(data, format=RdfFormat.TURTLE)}
            ops.append(("delta", graph, _nt(old - new), _nt(new - old)))
        else:
            ops.append(("replace", graph, data))
    return ops


def _nt(triples: set) -> bytes:
    from pyoxigraph import Triple

    return serialize([Triple(*t) for t in triples], format=RdfFormat.N_TRIPLES) if triples else b""  # Turtle too


def apply_saved(app, outputs: dict[Path, bytes], previous: dict[Path, bytes | None] | None = None) -> None:
    """Show a save's files (already written; ``previous`` their bytes before): store, workers,
    caches, version."""
    state = app.state
    with state.reload_lock:
        if outputs:
            ops = _ops(state.store, state.project, outputs, previous or {})
            apply_to(state.store, ops)
            state.pool.update(ops)
            forget_answers(app)
        state.graph_version += 1
        state.built_stamps = built_stamps(state.project)


def look_outside(app) -> bool:
    """Reload the whole graph if a build made elsewhere changed the files; True if it did."""
    state = app.state
    now = time.monotonic()
    if now - state.last_look < LOOK_EVERY:
        return False
    state.last_look = now
    stamps = built_stamps(state.project)
    if stamps == state.built_stamps or (state.project.graph_dir / BUILD_JOURNAL).exists():
        return False
    with state.curate_lock, state.reload_lock:
        stamps = built_stamps(state.project)
        if stamps == state.built_stamps:
            return False
        from .pool import QueryPool

        settings = state.settings
        store = open_store(state.project)
        pool = QueryPool(state.project.root, workers=settings.workers, timeout=settings.timeout,
                         max_results=settings.max_results, allow_service=settings.allow_service,
                         max_bytes=settings.max_bytes, store=store)
        old, state.store, state.pool = state.pool, store, pool
        threading.Thread(target=old.close, daemon=True).start()
        forget_answers(app)
        state.built_stamps = stamps
        state.graph_version += 1
        state.outside_build = {"graph_version": state.graph_version,
                               "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        return True  # the curator's kept state checks the sources' own times (Incremental.fresh)


class OutsideBuilds:
    """ASGI middleware (curate mode): pick up a build made elsewhere before answering."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and getattr(scope["app"].state, "built_stamps", None) is not None:
            from starlette.concurrency import run_in_threadpool

            if time.monotonic() - scope["app"].state.last_look >= LOOK_EVERY:
                await run_in_threadpool(look_outside, scope["app"])
        await self.app(scope, receive, send)
