"""The build's writing under faults: a full disk, a read-only graph/, a symlink out, a stopped build.

Each case asserts the exit code, the message and that no file changed. A real
tmpfs (full) and a real read-only bind mount are used where this machine lets
the tests mount them (as root); elsewhere the same errors are injected at the
OS layer through ``PEACEKG_FAULTS``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peacekg.compile.files import file_mode
from peacekg.compile.write import JOURNAL, clean_stale, recover, write_atomically
from peacekg.errors import IncompleteBuild, OutputError
from peacekg.project import Project
from peacekg.query.store import graph_files

from .conftest import ROOT, copy_project


def peacekg(*args, root: Path, env=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PEACEKG_ROOT": str(root), **(env or {})})


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def change_a_label(project: Project) -> None:
    """A source change that changes every output of the build (entities and the document)."""
    path = project.entities_source
    path.write_text(path.read_text(encoding="utf-8").replace("label: Olaf Scholz", "label: Olaf Scholz (changed)"),
                    encoding="utf-8")
    path = project.statements_dir / "carment-belo-ukraine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "summary: Germany announced a near doubling", "summary: Germany announced a doubling"), encoding="utf-8")


def _mount(*args: str) -> bool:
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def tiny_disk(tmp_path: Path, spare: int):
    """A tmpfs holding a copy of the project with ``spare`` bytes free, or None if none can be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    need = sum(p.stat().st_size for name in ("seeds", "ontology", "graph", "queries")
               for p in (ROOT / name).rglob("*") if p.is_file())
    if not _mount("-t", "tmpfs", "-o", f"size={need + spare + 200_000}", "tmpfs", str(mount)):
        yield None
        return
    try:
        project = copy_project(mount)
        filler = mount / "filler"
        with open(filler, "wb") as handle:  # fill up to ``spare`` bytes free
            free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
            handle.write(b"\0" * max(0, free - spare))
        yield project
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_is_exit_3_and_leaves_every_file(tmp_path):
    with tiny_disk(tmp_path, spare=60_000) as project:
        env = {}
        if project is None:  # no tmpfs here: the same ENOSPC from the OS layer
            project = copy_project(tmp_path / "copy")
            env = {"PEACEKG_FAULTS": "build.write.1=enospc"}
        change_a_label(project)
        before = snapshot(project.graph_dir)
        run = peacekg("build", "--no-reason", root=project.root, env=env)
        assert run.returncode == 3, run.stderr
        assert "No space left on device; nothing was replaced, the earlier files are as they were" in run.stderr
        assert "Traceback" not in run.stderr
        assert snapshot(project.graph_dir) == before  # no new file, no temporary, nothing replaced


@pytest.mark.parametrize("fault", ["erofs", "eacces"])
def test_a_graph_folder_that_cannot_be_written_is_exit_3(tmp_path, fault):
    project = copy_project(tmp_path)
    change_a_label(project)
    before = snapshot(project.graph_dir)
    run = peacekg("build", "--no-reason", root=project.root, env={"PEACEKG_FAULTS": f"build.write.0={fault}"})
    assert run.returncode == 3, run.stderr
    assert "peacekg: error: cannot write graph/" in run.stderr and "nothing was replaced" in run.stderr
    assert snapshot(project.graph_dir) == before


def test_a_read_only_mount_is_exit_3(tmp_path):
    project = copy_project(tmp_path)
    change_a_label(project)
    graph = str(project.graph_dir)
    if not (_mount("--bind", graph, graph) and _mount("-o", "remount,ro,bind", graph)):
        subprocess.run(["umount", graph], capture_output=True)
        pytest.skip("cannot make a read-only bind mount here (the injected EROFS case covers it)")
    try:
        before = snapshot(project.graph_dir)
        run = peacekg("build", "--no-reason", root=project.root)
        assert run.returncode == 3, run.stderr
        assert "Read-only file system" in run.stderr and "Traceback" not in run.stderr
        assert snapshot(project.graph_dir) == before
    finally:
        subprocess.run(["umount", graph], capture_output=True)


def test_no_write_through_a_symlink_leaving_the_project(tmp_path):
    project = copy_project(tmp_path / "checkout")
    outside = tmp_path / "outside"
    (project.root / "graph").rename(outside)
    (project.root / "graph").symlink_to(outside)
    change_a_label(project)
    before = snapshot(outside)
    run = peacekg("build", "--no-reason", root=project.root)
    assert run.returncode == 2, run.stderr
    assert "outside the project" in run.stderr and "symlink" in run.stderr
    assert snapshot(outside) == before


def test_outputs_get_the_umask_modes_not_0600(tmp_path):
    project = copy_project(tmp_path)
    change_a_label(project)
    project.entities_output.unlink()  # a new file: the umask decides (an existing one keeps its mode)
    old = os.umask(0o027)
    try:
        assert file_mode() == 0o640
        run = peacekg("build", "--no-reason", "--no-shapes", root=project.root)
        assert run.returncode == 0, run.stderr
        out = tmp_path / "export.ttl"
        assert peacekg("export", "--out", str(out), root=project.root).returncode == 0
    finally:
        os.umask(old)
    assert (project.entities_output.stat().st_mode & 0o777) == 0o640
    assert (out.stat().st_mode & 0o777) == 0o640


def test_a_stopped_build_is_refused_by_readers_and_finished_by_the_next(tmp_path):
    project = copy_project(tmp_path)
    change_a_label(project)
    run = peacekg("build", "--no-reason", "--no-shapes", root=project.root,
                  env={"PEACEKG_FAULTS": "build.rename.1=kill"})
    assert run.returncode == -9
    assert (project.graph_dir / JOURNAL).is_file()
    with pytest.raises(IncompleteBuild, match="a build was stopped while replacing it"):
        graph_files(project)
    query = peacekg("query", "proposals", root=project.root)
    assert query.returncode == 3 and "run `peacekg build` to finish" in query.stderr
    finished = recover(project.graph_dir)
    assert finished and not (project.graph_dir / JOURNAL).exists()
    assert "Olaf Scholz (changed)" in project.entities_output.read_text(encoding="utf-8")
    assert not [p for p in project.graph_dir.iterdir() if p.name.endswith(".tmp")]
    assert peacekg("build", "--no-reason", "--no-shapes", "--dry-run", root=project.root).returncode == 0


def test_temporaries_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".entities.ttl.{dead.stdout.strip()}.0123abcd.tmp"
    mine = tmp_path / f".entities.ttl.{os.getpid()}.0123abcd.tmp"
    stale.write_bytes(b"half")
    mine.write_bytes(b"in progress")
    assert clean_stale(tmp_path) == [stale]
    assert mine.exists() and not stale.exists()


def test_outputs_of_one_build_share_a_folder(tmp_path):
    with pytest.raises(ValueError):
        write_atomically({tmp_path / "a.ttl": b"", tmp_path / "b" / "c.ttl": b""})
    with pytest.raises(OutputError, match="outside the project"):
        write_atomically({tmp_path / "a.ttl": b""}, root=tmp_path / "elsewhere")
