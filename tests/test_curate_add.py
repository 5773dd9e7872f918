"""`peacekg add`: a text becomes a seed with its record, authors in the registry, and a build;
every refusal is a clear message, exit code 2, and no file changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli

from .conftest import DATA, copy_project

OPED = DATA / "curate" / "oped.txt"


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, list(args), env={"PEACEKG_ROOT": str(root)}, catch_exceptions=False)


def test_add_copies_the_text_writes_its_record_registers_the_authors_and_builds(tmp_path):
    project = copy_project(tmp_path / "p")
    result = run(project.root, "add", str(OPED), "--id", "oped-ceasefire", "--author", "Lena Marsh",
                 "--author", "David Carment", "--no-reason")
    assert result.exit_code == 0, result.output
    assert (project.seeds / "oped-ceasefire.txt").read_bytes() == OPED.read_bytes()
    record = yaml.safe_load((project.seeds / "oped-ceasefire.yaml").read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(OPED.read_bytes()).hexdigest()
    assert record["title"] is None and record["date"] is None and record["url"] is None
    assert record["authors"] == [{"entity": "lena-marsh", "name": "Lena Marsh"},
                                 {"entity": "david-carment", "name": "David Carment"}]  # reused
    registry = (project.entities_source).read_text(encoding="utf-8")
    assert registry.startswith("# The entity registry") and "  - id: lena-marsh\n    type: Person\n" in registry
    assert "registered author lena-marsh" in result.output
    assert yaml.safe_load((project.statements_dir / "oped-ceasefire.yaml").read_text())["statements"] == []
    built = (project.graph_dir / "oped-ceasefire.ttl").read_text(encoding="utf-8")
    assert "pkr:lena-marsh" in built and "dcterms:creator" in built


def test_title_date_and_url_only_when_given(tmp_path):
    project = copy_project(tmp_path / "p")
    result = run(project.root, "add", str(OPED), "--id", "oped", "--author", "Lena Marsh", "--title",
                 "A Ceasefire Needs Guarantors", "--date", "2026-03", "--no-reason")
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((project.seeds / "oped.yaml").read_text(encoding="utf-8"))
    assert (record["title"], record["date"], record["url"]) == ("A Ceasefire Needs Guarantors", "2026-03", None)


def _latin1(path: Path) -> Path:
    path.write_bytes("Caf\u00e9 au lait, s'il vous pla\u00eet.\n".encode("latin-1"))
    return path


BAD = [
    ("existing id", lambda d: OPED, ["--id", "carment-belo-ukraine"], "exists already"),
    ("not utf-8", lambda d: _latin1(d / "latin1.txt"), ["--id", "x"], "not UTF-8"),
    ("empty", lambda d: (d / "e.txt").write_text(" \n\n") and d / "e.txt", ["--id", "x"], "the text is empty"),
    ("already a seed", lambda d: Path("seeds/carment-belo-ukraine.txt").resolve(), ["--id", "again"],
     "already the seed seeds/carment-belo-ukraine.txt"),
    ("bad id", lambda d: OPED, ["--id", "Bad Id"], "must be lower-case"),
    ("missing file", lambda d: d / "nope.txt", ["--id", "x"], "cannot read the text"),
    ("hostile author", lambda d: OPED, ["--id", "x", "--author", "<script>alert(1)</script>"],
     "is not a person's name"),
]


@pytest.mark.parametrize("name, source, args, message", BAD, ids=[b[0] for b in BAD])
def test_add_refuses_and_changes_nothing(tmp_path, name, source, args, message, monkeypatch):
    project = copy_project(tmp_path / "p")
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    path = source(tmp_path)
    before = tree(project.root)
    extra = [] if "--author" in args else ["--author", "Lena Marsh"]
    result = run(project.root, "add", str(path), *args, *extra, "--no-reason")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert tree(project.root) == before


def test_a_build_failure_puts_every_file_back(tmp_path):
    project = copy_project(tmp_path / "p")
    (project.statements_dir / "broken.yaml").write_text("statements: []\n")  # a stray file: the build refuses
    before = tree(project.root)
    result = run(project.root, "add", str(OPED), "--id", "oped", "--author", "Lena Marsh", "--no-reason")
    assert result.exit_code == 2
    assert "graph/statements/broken.yaml:1: no seed record" in result.output
    assert tree(project.root) == before
