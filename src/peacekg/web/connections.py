"""Connections that hold the server without asking anything are closed; enough of them can be open.

A client that connects and sends no request, or the start of one and no more (a
half-open connection, slowloris), holds a file descriptor for as long as it
likes: uvicorn times out only connections idle *between* requests. Enough of
them (1,100 at the usual limit of 1,024 open files) left the server unable to
accept anyone. So each connection must have sent a whole request head within
:data:`HEAD_TIMEOUT` seconds of opening (or of its last answer), or it is
closed; and the server raises its own limit of open files to the most allowed.
"""

from __future__ import annotations

import resource

from uvicorn.protocols.http.h11_impl import H11Protocol

#: Seconds a connection has to send a request's line and headers (a browser sends them at once).
HEAD_TIMEOUT = 5.0
#: The most open files asked for when the hard limit is unlimited.
FILES = 65_536


def more_files() -> int:
    """Raise the soft limit of open files to the hard limit (each connection holds one); the new limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = FILES if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            return wanted
        except (ValueError, OSError):
            pass
    return soft


class BoundedH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head does not come in time."""

    _head_timer = None

    def connection_made(self, transport) -> None:  # noqa: ANN001 - asyncio's signature
        super().connection_made(transport)
        self._await_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        super().connection_lost(exc)

    def _await_head(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        waiting_after = self.cycle  # a new request replaces the cycle; none came if it is still this one
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._close_if_silent, waiting_after)

    def _close_if_silent(self, waiting_after) -> None:  # noqa: ANN001
        if self.cycle is waiting_after and not self.transport.is_closing():
            self.transport.close()
