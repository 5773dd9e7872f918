"""A curation write as one transaction: change source files, build, or put every file back.

The build is the judge: a change it refuses (a quote not in the text, an
unknown entity) raises the build's own ``file:line`` message, and every file
the change touched is restored byte for byte (a new file is removed).
"""

from __future__ import annotations

from pathlib import Path

from ..compile.pipeline import BuildResult, build
from ..project import Project


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written).

    The file keeps its mode, or a new one gets the umask's (:func:`peacekg.compile.files.temporary_beside`).
    """
    from ..compile.files import write_file as write_beside

    path.parent.mkdir(parents=True, exist_ok=True)
    write_beside(path, lambda handle: handle.write(data), point="curate")


def commit(project: Project, changes: dict[Path, bytes], *, reason: bool = True,
           shapes: bool = True) -> BuildResult:
    """Write ``changes`` (path -> new bytes), build, and restore every path if anything fails."""
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
