"""Files written safely: beside their target, renamed into place, with the umask's modes.

Shared by the build (:mod:`.write`), exports and pushes: temporary files named
``.<name>.<pid>.<random>.tmp`` (so the ones of a dead process can be told and
removed), a folder check against symlinks leaving the project, and the
``PEACEKG_FAULTS`` hook the crash tests use to stop or fail a write at a named point.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import signal
import time
from pathlib import Path
from typing import BinaryIO, Callable

from ..errors import OutputError

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp\Z")


# --- fault injection (tests only) ------------------------------------------------
_ERRNOS = {"enospc": errno.ENOSPC, "erofs": errno.EROFS, "eacces": errno.EACCES, "eio": errno.EIO}


def fault_point(name: str) -> None:
    """Do what ``PEACEKG_FAULTS`` asks at this point: ``pattern=sleep:S|kill|enospc|erofs|eacces|eio``.

    Patterns are shell-style (``build.rename.*``), entries comma-separated.

    >>> os.environ["PEACEKG_FAULTS"] = "demo.*=enospc"
    >>> fault_point("demo.1")
    Traceback (most recent call last):
    ...
    OSError: [Errno 28] No space left on device (injected at demo.1)
    >>> del os.environ["PEACEKG_FAULTS"]
    """
    spec = os.environ.get("PEACEKG_FAULTS")
    if not spec:
        return
    for item in spec.split(","):
        pattern, _, action = item.strip().partition("=")
        if not fnmatch.fnmatchcase(name, pattern):
            continue
        if action.startswith("sleep:"):
            time.sleep(float(action[6:]))
        elif action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif action in _ERRNOS:
            code = _ERRNOS[action]
            raise OSError(code, f"{os.strerror(code)} (injected at {name})")


# --- files beside their target -----------------------------------------------------
def file_mode() -> int:
    """The mode a new file gets under the current umask (0644 under the usual 022).

    Read from ``/proc/self/status`` where there is one: setting the umask to read it
    back would change it, for a moment, for every thread of a server.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files that processes no longer running left in ``folder``."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMP.match(name)
        if match and not _alive(int(match.group("pid"))):
            try:
                os.unlink(folder / name)
                removed.append(folder / name)
            except OSError:
                pass
    return removed


def mode_for(path: Path) -> int:
    """The mode a write of ``path`` gives it: an existing file's own, else the umask's for a new file.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     kept = Path(folder, "kept")
    ...     kept.write_bytes(b"")
    ...     kept.chmod(0o640)
    ...     oct(mode_for(kept)), mode_for(Path(folder, "new")) == file_mode()
    0
    ('0o640', True)
    """
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:  # a new file (or one that cannot be read): the umask decides
        return file_mode()


def temporary_beside(path: Path) -> tuple[int, Path]:
    """An open descriptor and the path of a new temporary file next to ``path``.

    The one place every writer of peacekg gets its files from (the build, exports,
    ``add``, ``suggest``, curation saves, ``docs``, ``link``): the temporary file has
    the mode ``path`` will keep (:func:`mode_for`), set exactly, whatever the umask,
    so that the rename neither narrows an existing file's mode nor widens a new one's.
    """
    mode = mode_for(path)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode & 0o666)
        except FileExistsError:
            continue
        try:
            os.fchmod(fd, mode)
        except OSError:  # pragma: no cover - a file system without modes
            pass
        return fd, tmp
    raise OSError(errno.EEXIST, f"no free temporary name beside {path}")  # pragma: no cover


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a platform without directory descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def check_inside(folder: Path, root: Path | None, shown: str) -> None:
    """Refuse a folder whose real path (symlinks followed) leaves the project root."""
    if root is None:
        return
    real, top = folder.resolve(), root.resolve()
    if real != top and top not in real.parents:
        raise OutputError(f"{shown} leads to {real}, outside the project ({top}): "
                          "refusing to write through a symlink that leaves the checkout", exit_code=2)


def write_file(path: Path, writer: Callable[[BinaryIO], object], *, point: str = "write") -> None:
    """Write one file through a temporary file and a rename; on any failure the old file stays."""
    clean_stale(path.parent)
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            writer(handle)
            fault_point(f"{point}.data")
            handle.flush()
            os.fsync(handle.fileno())
        fault_point(f"{point}.rename")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
