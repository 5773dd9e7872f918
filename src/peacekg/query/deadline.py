"""Run an embedded query within a time limit: in a child process, stopped at the deadline.

pyoxigraph cannot interrupt a running query (its Python API has no timeout), so
a query given ``timeout`` runs in a forked child, which inherits the store
already loaded (copy on write: no second load) and sends back the serialised
answer through a pipe. At the deadline the child is killed, as the server's
workers are, and :class:`~peacekg.errors.QueryTimeout` says so with the
server's message. A child that dies otherwise (a crash of the engine) is a
:class:`~peacekg.errors.QueryError`, never a crash of the caller. Without a
timeout nothing of this runs: the query runs in the caller's process.

>>> within(lambda: b"answer", timeout=5)
b'answer'
>>> import time
>>> within(lambda: time.sleep(10), timeout=0.2)
Traceback (most recent call last):
...
peacekg.errors.QueryTimeout: the query ran past the time limit of 0.2 s and was stopped: add a LIMIT, narrow it, or allow more time
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from typing import Callable

from .. import errors
from ..errors import PeacekgError, QueryError, QueryTimeout


def _child(work: Callable[[], bytes], out: int) -> None:
    try:
        payload = ("ok", work())
    except PeacekgError as exc:
        payload = ("error", (type(exc).__name__, str(exc), exc.exit_code))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent as an error, never raised here
        payload = ("error", ("QueryError", f"the query failed: {type(exc).__name__}: {exc}", 2))
    data = pickle.dumps(payload)
    view = memoryview(data)
    while view:
        written = os.write(out, view[:1 << 20])
        view = view[written:]


def _error(name: str, message: str, exit_code: int) -> PeacekgError:
    kind = getattr(errors, name, None)
    if isinstance(kind, type) and issubclass(kind, PeacekgError) and kind is not errors.SourceError:
        try:
            return kind(message)
        except TypeError:
            pass
    error = PeacekgError(message)
    error.exit_code = exit_code
    return error


def within(work: Callable[[], bytes], *, timeout: float | None) -> bytes:
    """``work()`` run in a child process; killed, and :class:`QueryTimeout` raised, past ``timeout``.

    Without a timeout the child only shields the caller: a crash of the engine is a :class:`QueryError`.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the answer, leave without any cleanup of the parent's
        code = 0
        try:
            os.close(read)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _child(work, write)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    chunks: list[bytes] = []
    deadline = time.monotonic() + (timeout or 0)
    try:
        while True:
            left = None if timeout is None else deadline - time.monotonic()
            if left is not None and (left <= 0 or not select.select([read], [], [], left)[0]):
                os.kill(pid, signal.SIGKILL)
                raise QueryTimeout.after(timeout)
            chunk = os.read(read, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except BaseException:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) or not chunks:
        cause = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
        hint = ": the query nests or chains deeper than its parser can follow" if os.WIFSIGNALED(status) else ""
        raise QueryError(f"the query engine stopped without an answer ({cause}){hint}")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "error":
        raise _error(*value)
    return value
