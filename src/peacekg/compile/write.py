"""The build's outputs: deterministic Turtle, replaced all together or not at all.

:func:`write_atomically` writes every changed file to a temporary file beside
it (with the modes the umask gives, as any editor's file), then a journal of
the renames, ``graph/.build-journal``; writing the journal is the moment the
build commits. Then each file is renamed into place and the journal removed.
A build killed before the journal leaves the earlier outputs as they were; one
killed after it is finished by the next build (:func:`recover`), and readers
(:func:`peacekg.query.store.graph_files`) refuse a folder with a journal rather
than read a mixed set. Temporary files of dead processes are removed at the
start of each write, so a ``kill -9`` leaves none behind for long.

Nothing is written through a symlink that leaves the project: the folder's real
path must be inside the project root. A full disk or a read-only folder is an
:class:`~peacekg.errors.OutputError` (exit 3) naming the file and the cause.

``PEACEKG_FAULTS`` injects faults at named points, for the crash tests only
(``build.rename.*=sleep:0.5``, ``build.write.1=enospc``): see :func:`fault_point`.
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import json
import os
import re
import signal
import time
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Callable

from ..errors import OutputError
from ..namespaces import PREFIXES
from ..project import BUILD_JOURNAL

if TYPE_CHECKING:  # rdflib is imported where a graph is serialised, not by readers of this module
    from rdflib import Graph

JOURNAL = BUILD_JOURNAL
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")


def serialise(graph: "Graph") -> bytes:
    """Deterministic Turtle: fixed prefixes; rdflib sorts subjects and predicates."""
    from rdflib import Graph

    out = Graph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle", encoding="utf-8")


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
    """The mode a new file gets under the current umask (0644 under the usual 022)."""
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


def temporary_beside(path: Path) -> tuple[int, Path]:
    """An open descriptor and the path of a new temporary file next to ``path``, umask modes."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), file_mode())
        except FileExistsError:
            continue
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


# --- the build's set of files --------------------------------------------------------
def recover(folder: Path) -> list[Path]:
    """Finish the renames of a build that committed (wrote its journal) and was then stopped."""
    journal = folder / JOURNAL
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):  # a journal never completed is never renamed into place
        entries = []
    finished = []
    for entry in entries:
        tmp, final = folder / entry["tmp"], folder / entry["file"]
        if tmp.is_file() and hashlib.sha256(tmp.read_bytes()).hexdigest() == entry["sha256"]:
            os.replace(tmp, final)
            finished.append(final)
    _fsync_dir(folder)
    journal.unlink(missing_ok=True)
    return finished


def _shown(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def write_atomically(outputs: dict[Path, bytes], *, root: Path | None = None) -> list[Path]:
    """Replace the changed files of ``outputs`` (all in one folder) all together; return them.

    :raises OutputError: the folder leaves ``root`` through a symlink, or cannot be written
        (full disk, read-only); the earlier files are then left as they were.
    """
    if not outputs:
        return []
    folders = {path.parent for path in outputs}
    if len(folders) != 1:
        raise ValueError("the outputs of one build share one folder")
    folder = folders.pop()
    check_inside(folder, root, _shown(folder, root))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        recover(folder)
        clean_stale(folder)
        changed = {p: d for p, d in sorted(outputs.items()) if not (p.is_file() and p.read_bytes() == d)}
    except OSError as exc:
        raise OutputError(f"cannot write {_shown(folder, root)}: {exc.strerror or exc}") from None
    if not changed:
        return []
    temps: dict[Path, Path] = {}
    current = folder
    try:
        for index, (path, data) in enumerate(changed.items()):
            current = path
            fd, tmp = temporary_beside(path)
            temps[path] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                fault_point(f"build.write.{index}")
                handle.flush()
                os.fsync(handle.fileno())
        current = folder / JOURNAL
        entries = [{"file": p.name, "tmp": t.name, "sha256": hashlib.sha256(changed[p]).hexdigest()}
                   for p, t in temps.items()]
        write_file(folder / JOURNAL, lambda h: h.write(json.dumps(entries, indent=1).encode()),
                   point="build.journal")
    except OSError as exc:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {_shown(current, root)}: {exc.strerror or exc}; "
                          "nothing was replaced, the earlier files are as they were") from None
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    try:  # committed: from here on a stopped build is finished by the next one
        for index, (path, tmp) in enumerate(temps.items()):
            fault_point(f"build.rename.{index}")
            os.replace(tmp, path)
        _fsync_dir(folder)
        (folder / JOURNAL).unlink()
    except OSError as exc:
        raise OutputError(f"the build was interrupted while replacing its files ({exc.strerror or exc}): "
                          "run `peacekg build` again to finish") from None
    return list(changed)
