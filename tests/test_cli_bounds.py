"""Commands refuse what they cannot bound or would lose data with: one line, exit 2, nothing changed.

One case per file of tests/data/bad_cli/: the command's arguments (``{root}`` is
the project copy, ``{tmp}`` a scratch folder), files to make first (``make``: a
text, bytes repeated, a named pipe, a link), the exit code and message to
expect, and a time bound. Every case runs in a child process under a memory
limit (``resource.setrlimit``), so a read without end (``/dev/zero``) fails the
test instead of the machine; and no file of the project may change.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, copy_project

CASES = sorted((DATA / "bad_cli").glob("*.yaml"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def make(entry: dict, fill) -> None:
    path = Path(fill(entry["path"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a file of the project replaced
    if entry.get("fifo"):
        os.mkfifo(path)
    elif "link_to" in entry:
        path.symlink_to(fill(entry["link_to"]))
    elif "hex" in entry:
        path.write_bytes(bytes.fromhex(entry["hex"]) * entry.get("times", 1))
    else:
        path.write_text(fill(entry.get("text", "")) * entry.get("times", 1), encoding="utf-8")


def limited(megabytes: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))
    return apply


@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_bad_command(case_path, tmp_path):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    project = copy_project(tmp_path / "project")
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    def fill(text: str) -> str:
        return text.replace("{root}", str(project.root)).replace("{tmp}", str(scratch))

    for entry in case.get("make", []):
        make(entry, fill)
    before = snapshot(project.root)
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "peacekg", *map(fill, case["args"])], capture_output=True,
                         text=True, timeout=case.get("within", 30) + 30, cwd=str(project.root),
                         env={**os.environ, "PEACEKG_ROOT": str(project.root)},
                         preexec_fn=limited(case.get("memory_mb", 1500)), stdin=subprocess.DEVNULL)
    took = time.monotonic() - start
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == case["exit"], run.stderr
    assert re.search(case["message"], run.stderr), run.stderr
    assert len(run.stderr.strip().splitlines()) == case.get("lines", 1), run.stderr  # one line (a build: a head)
    assert took < case.get("within", 30), f"took {took:.1f} s"
    assert snapshot(project.root) == before, "a file of the project changed"
