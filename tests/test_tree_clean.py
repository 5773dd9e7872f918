"""The suite leaves the working tree as it found it: the parts that write files are run, then git is asked.

The parts that write: the browser tests (their screenshots), and a build of the
project itself (which must give the committed bytes). Run in a child process,
with git's view of the tree (status and the bytes of every changed file) taken
before and after; a difference is a file a test rewrote.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

FILE_CHANGING = ["tests/test_browser.py"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                                reason="needs git and a git checkout")


def tree_state() -> dict[str, str]:
    """Each path git reports as changed or untracked (ignored files aside), with a hash of its bytes;
    and when each committed screenshot was last written."""
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    state = {}
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        full = ROOT / path
        state[path] = line[:2] + (hashlib.sha256(full.read_bytes()).hexdigest() if full.is_file() else "")
    for path in sorted((ROOT / "docs" / "img").glob("*")):  # screenshots: not even rewritten alike
        state[str(path.relative_to(ROOT))] = f"written at {path.stat().st_mtime_ns}"
    return state


@pytest.mark.browser
def test_the_suites_file_changing_parts_leave_git_status_as_it_was():
    before = tree_state()
    env = {k: v for k, v in os.environ.items() if k not in ("PEACEKG_SCREENSHOTS", "PEACEKG_ROOT")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FILE_CHANGING],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode in (0, 5), run.stdout[-3000:]  # 5: everything skipped (no browser here)
    build = subprocess.run([sys.executable, "-m", "peacekg", "build", "--no-reason"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    after = tree_state()
    changed = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    assert not changed, f"the tests changed files of the working tree: {', '.join(changed)}"
