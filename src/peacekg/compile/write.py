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
(``build.rename.*=sleep:0.5``, ``build.write.1=enospc``): see :func:`.files.fault_point`.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..namespaces import PREFIXES
from ..project import BUILD_JOURNAL
from .files import _fsync_dir, check_inside, clean_stale, fault_point, temporary_beside, write_file

if TYPE_CHECKING:  # rdflib is imported where a graph is serialised, not by readers of this module
    from rdflib import Graph

JOURNAL = BUILD_JOURNAL
__all__ = ["JOURNAL", "check_inside", "clean_stale", "fault_point", "recover", "serialise", "write_atomically",
           "write_file"]


def serialise(graph: "Graph") -> bytes:
    """Deterministic Turtle: fixed prefixes; rdflib sorts subjects and predicates."""
    from rdflib import Graph

    out = Graph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle", encoding="utf-8")


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
