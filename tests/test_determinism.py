"""Builds are byte-identical whatever the hash seed, the locale, the time zone or the path."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT, copy_project

SETTINGS = [
    {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"},
    {"PYTHONHASHSEED": "4242", "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"},
    {"PYTHONHASHSEED": "random", "LC_ALL": "POSIX", "LANG": "de_DE.ISO-8859-1", "TZ": "America/St_Johns"},
]


def test_builds_under_different_settings_give_the_same_bytes(tmp_path):
    outputs = []
    for index, settings in enumerate(SETTINGS):
        project = copy_project(tmp_path / f"copy {index} with spaces")
        for built in project.graph_dir.glob("*.ttl"):
            built.unlink()  # every file written anew, none kept as it was
        run = subprocess.run([sys.executable, "-m", "peacekg", "build", "--no-reason", "--no-shapes"],
                             capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PEACEKG_ROOT": str(project.root), **settings})
        assert run.returncode == 0, run.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(project.graph_dir.glob("*.ttl"))})
    assert outputs[0] == outputs[1] == outputs[2]
    committed = {p.name: p.read_bytes() for p in sorted((ROOT / "graph").glob("*.ttl")) if p.name in outputs[0]}
    assert committed == outputs[0]
