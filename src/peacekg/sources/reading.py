"""Read a file only if it is a regular file, and only up to a bound.

``peacekg add /dev/zero`` grew to 24 GB before the kernel killed it, and a
named pipe (FIFO) put where a source was hung ``add`` and ``build`` for good. So
every file peacekg reads as a source is opened without waiting (a FIFO opens at
once), looked at (a device, a pipe, a socket or a folder is refused by name) and
read to at most one byte past its bound (more is refused by the caller, who
names the bound).

>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> os.mkfifo(os.path.join(folder, "pipe"))
>>> read_regular(os.path.join(folder, "pipe"), 10)
Traceback (most recent call last):
...
peacekg.sources.reading.NotRegularFile: [Errno 22] is a named pipe (FIFO), not a regular file
>>> read_regular("/dev/zero", 10)
Traceback (most recent call last):
...
peacekg.sources.reading.NotRegularFile: [Errno 22] is a character device, not a regular file
"""

from __future__ import annotations

import errno
import os
import stat

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


class NotRegularFile(OSError):
    """The path names something other than a regular file (its ``strerror`` says what)."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The first ``limit + 1`` bytes at most of the regular file at ``path`` (OSError otherwise)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotRegularFile(errno.EINVAL, f"is {kind}, not a regular file")
        os.set_blocking(fd, True)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
