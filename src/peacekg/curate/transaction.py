"""A curation write as one transaction: judge the change first, write only what was accepted.

The build is the judge, and it judges the change before any file holds it: the
changed sources are read from memory in place of their files (the full build's
``overrides``, or :class:`peacekg.compile.incremental.Incremental` in a server).
A change it refuses (a quote not in the text, an unknown entity, a shape broken)
raises the build's own ``file:line`` message and no file was ever touched, so a
server killed while judging (``kill -9``) leaves every file byte for byte as it
was. An accepted change is written source by source, each through a temporary
file and a rename, then the build's outputs all together under its journal
(:func:`peacekg.compile.write.write_atomically`).

A change that adds a document (``peacekg add``: new seed files, which the build
finds by listing ``seeds/``) cannot be judged from memory: it is written, built,
and every file put back if the build refuses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..compile.files import fault_point
from ..compile.files import write_file as _write
from ..compile.pipeline import BuildResult, build
from ..compile.write import write_atomically
from ..project import Project

if TYPE_CHECKING:
    from ..compile.incremental import Incremental, Plan


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written).

    The file keeps its mode, or a new one gets the umask's (:func:`peacekg.compile.files.temporary_beside`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, lambda handle: handle.write(data), point="curate")


def _judged(project: Project, changes: dict[Path, bytes]) -> bool:
    """Whether the build can read every changed file from memory (none is a new seed)."""
    return all(p.parent != project.seeds for p in changes)


def commit(project: Project, changes: dict[Path, bytes], *, reason: bool = True, shapes: bool = True,
           builder: Incremental | None = None) -> BuildResult | Plan:
    """Judge ``changes`` (path -> new bytes); if accepted, write them and the rebuilt graph.

    With ``builder`` (a server's kept state) only what the change touches is compiled and
    checked, without the reasoner; without it, the full build judges (reasoner included
    when ``reason``).
    """
    if not _judged(project, changes):
        return _write_then_build(project, changes, reason=reason, shapes=shapes)
    if builder is not None:
        with builder.lock:
            plan = builder.judge(changes)
            fault_point("curate.judged")
            _write_sources(changes)
            plan.previous = {p: (p.read_bytes() if p.is_file() else None) for p in plan.outputs}
            write_atomically(plan.outputs, root=project.root)
            builder.adopt(plan)
        return plan
    result = build(project, reason=reason, shapes=shapes, write=False, overrides=changes)
    fault_point("curate.judged")
    _write_sources(changes)
    result.written = write_atomically(result.outputs, root=project.root)
    return result


def _write_sources(changes: dict[Path, bytes]) -> None:
    # The curated files first, the suggestions last: a stop between them leaves a suggestion
    # that is already curated (the review skips it), never a decision lost.
    for path in sorted(changes, key=lambda p: (p.name.endswith(".suggested.yaml"), str(p))):
        if not (path.is_file() and path.read_bytes() == changes[path]):
            write_file(path, changes[path])


def _write_then_build(project: Project, changes: dict[Path, bytes], *, reason: bool,
                      shapes: bool) -> BuildResult:
    before = {path: (path.read_bytes() if path.exists() else None) for path in changes}
    try:
        for path, data in changes.items():
            write_file(path, data)
        return build(project, reason=reason, shapes=shapes)
    except BaseException:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                write_file(path, old)
        raise
