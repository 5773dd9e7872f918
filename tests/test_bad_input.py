"""Each kind of bad input fails with file and line, exit code 2, and writes nothing.

The cases are fixture files in tests/data/bad_input/: which file to break, how
(replacements of exact text, or text appended, ``append_times`` over), and the
messages to expect. A message's line must point at a line holding the case's
marker; ``only: true`` means no other problem may be listed. No file of the
project may change, and the build must end within seconds (no expansion).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli

from .conftest import DATA, copy_project

CASES = sorted((DATA / "bad_input").glob("*.yaml"))


def snapshot(root: Path, *, but: Path | None = None) -> dict[str, bytes]:
    """Every file of the project copy (the one the case breaks aside), by path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p != but}


@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_bad_input(case_path, tmp_path):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    project = copy_project(tmp_path)
    target = tmp_path / case["file"]
    before = snapshot(tmp_path, but=target)
    if case.get("binary_append"):
        target.write_bytes(target.read_bytes() + case["binary_append"].encode())
    else:
        text = target.read_text(encoding="utf-8")
        for old, new in case.get("replace", []):
            assert old in text, f"fixture {case_path.name}: {old!r} not in {case['file']}"
            text = text.replace(old, new, 1)
        text += case.get("append", "") * case.get("append_times", 1)
        target.write_text(text, encoding="utf-8")

    start = time.monotonic()
    result = CliRunner().invoke(cli, ["build", "--no-reason"], env={"PEACEKG_ROOT": str(project.root)})

    assert time.monotonic() - start < 20, "the build took too long to refuse the input"
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, AssertionError)
    assert "nothing was written" in result.output
    if case.get("only"):
        listed = [ln for ln in result.output.splitlines() if re.match(r"^\S+:\d+: ", ln)]
        assert len(listed) == len(case["expect"]), result.output
    for expected in case["expect"]:
        match = re.search(rf"^({re.escape(expected['file'])}):(\d+): .*{expected['message']}", result.output, re.M)
        assert match, f"no message like {expected} in:\n{result.output}"
        if "marker" in expected:
            line = (tmp_path / match.group(1)).read_text(encoding="utf-8").splitlines()[int(match.group(2)) - 1]
            assert expected["marker"] in line, f"line {match.group(2)} is {line!r}"
    assert snapshot(tmp_path, but=target) == before, "a file changed"
