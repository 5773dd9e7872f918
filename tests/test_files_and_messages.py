"""Files and messages as users expect them (issue 12, problem 5): TriG by graph, triples, quiet libraries."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from click.testing import CliRunner
from pyoxigraph import RdfFormat, parse

from peacekg.cli import cli


def peacekg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_trig_writes_one_block_per_graph():
    run = subprocess.run([sys.executable, "-m", "peacekg", "export", "--format", "trig"], capture_output=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    graphs = {q.graph_name for q in parse(run.stdout, format=RdfFormat.TRIG)}
    blocks = re.findall(rb"^<[^>]+> \{$", run.stdout, re.M)
    assert len(blocks) == len(graphs) >= 3


def test_export_counts_triples_not_statements(tmp_path):
    run = peacekg("export", "--format", "turtle", "--out", str(tmp_path / "g.ttl"))
    assert re.search(r"wrote \d+ triples to ", run.stderr) and "statements" not in run.stderr
    run = peacekg("export", "--format", "nquads", "--out", str(tmp_path / "g.nq"))
    assert re.search(r"wrote \d+ quads to ", run.stderr)


def test_no_library_logging_unless_verbose(tmp_path):
    run = peacekg("docs", "--out", str(tmp_path / "site"))
    assert run.returncode == 0, run.stderr
    assert "INFO:" not in run.stderr and "DEBUG:" not in run.stderr
    assert run.stderr.strip() == "" and "wrote" in run.stdout
    run = peacekg("--verbose", "docs", "--out", str(tmp_path / "site"))
    assert "INFO:" in run.stderr


def test_dry_run_says_nothing_was_written(scratch_project):
    result = CliRunner().invoke(cli, ["build", "--no-reason", "--dry-run"],
                                env={"PEACEKG_ROOT": str(scratch_project.root)})
    assert result.exit_code == 0, result.output
    assert "built" not in result.output and "nothing written (--dry-run)" in result.output
    assert result.output.startswith("checked 5 files: ")  # the essay, the registry, the links, the closure, the VoID


def test_no_reason_and_no_shapes_say_what_was_skipped(scratch_project):
    result = CliRunner().invoke(cli, ["build", "--no-reason", "--no-shapes", "--dry-run"],
                                env={"PEACEKG_ROOT": str(scratch_project.root)})
    assert "skipped: the consistency check with HermiT (--no-reason)" in result.output
    assert "skipped: SHACL validation (--no-shapes)" in result.output
    result = CliRunner().invoke(cli, ["build", "--no-reason", "--dry-run"],
                                env={"PEACEKG_ROOT": str(scratch_project.root)})
    assert "SHACL" not in result.output
