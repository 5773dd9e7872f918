"""One query worker process and the frames it speaks over its pipes.

The server's pool (:mod:`peacekg.web.pool`) starts each worker as
``python -m peacekg.web.process SNAPSHOT``: the worker loads the server's
snapshot of the graph (N-Quads written once at start), says it is ready, then
answers one query at a time. Frames are an 8-byte length and a pickle, over the
worker's stdin and stdout; nothing else is written there. Plain pipes and
processes, no multiprocessing: stopping the server leaves no helper process.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import time

_HEADER = struct.Struct(">Q")


class Expired(Exception):
    """The deadline passed before the frame was read."""


class Died(Exception):
    """The other side closed its pipe (a worker that ended)."""


def write_frame(fd: int, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, left = [], size
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise Expired
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise Died
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, *, deadline: float | None = None, limit: int | None = None) -> object:
    """The next frame from ``fd``; :class:`Expired` past ``deadline``, :class:`Died` at end of file."""
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    if limit is not None and size > limit:
        raise Died
    return pickle.loads(_read_exact(fd, size, deadline))


class WorkerProcess:
    """A started worker: its process and its two pipe ends (parent side)."""

    def __init__(self, snapshot: str, root: str | None):
        argv = [sys.executable, "-m", "peacekg.web.process", snapshot, root or ""]
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
                                        close_fds=True, start_new_session=True)
        self.to_fd, self.from_fd = self.process.stdin.fileno(), self.process.stdout.fileno()
        self.started: float | None = None  #: when the query it runs began (None: idle)
        self.generation = 0  #: the saves (QueryPool.update) applied to its store
        self.evicted = False

    def ready(self, timeout: float) -> None:
        """Wait for the worker to load the snapshot; raise if it fails or takes too long."""
        kind, detail = read_frame(self.from_fd, deadline=time.monotonic() + timeout)
        if kind != "ready":
            raise RuntimeError(detail)

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass


def main(argv: list[str]) -> int:
    """The worker's loop: load the snapshot, then answer frames until stdin closes."""
    from ..errors import PeacekgError
    from . import worker

    to_parent, from_parent = os.dup(1), 0
    os.dup2(2, 1)  # anything printed goes to stderr, never into the frames
    try:
        worker.init_worker(argv[2] or None, argv[1])
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        write_frame(to_parent, ("failed", f"{type(exc).__name__}: {exc}"))
        return 1
    write_frame(to_parent, ("ready", os.getpid()))
    while True:
        try:
            frame = read_frame(from_parent)
        except (Died, EOFError):
            return 0
        if len(frame) == 3 and frame[0] == "update":  # a save's changed graphs (see pool.QueryPool.update)
            try:
                worker.apply(frame[2])
                write_frame(to_parent, ("ok", frame[1]))
            except Exception as exc:  # noqa: BLE001 - the parent replaces a worker that cannot follow
                write_frame(to_parent, ("failed", f"{type(exc).__name__}: {exc}"))
            continue
        query, options = frame
        try:
            reply = ("ok", worker.execute(query, **options))
        except PeacekgError as exc:
            reply = ("error", (type(exc).__module__, type(exc).__name__, str(exc)))
        except Exception as exc:  # noqa: BLE001
            reply = ("error", ("peacekg.errors", "QueryError", f"the query failed: {type(exc).__name__}: {exc}"))
        write_frame(to_parent, reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
