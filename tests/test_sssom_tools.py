"""The mapping sets pass sssom-py, SSSOM's own tool: `sssom validate`, and a lossless `sssom convert`."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SETS = sorted((ROOT / "graph" / "links").glob("*.sssom.tsv"))
SSSOM = shutil.which("sssom") or str(Path(sys.executable).parent / "sssom")
pytestmark = pytest.mark.skipif(not Path(SSSOM).exists(),
                                reason="sssom-py is a test dependency: pip install -e '.[test]'")
MULTIVALUED = {"see_also", "creator_id", "author_id", "reviewer_id"}


def rows(path: Path) -> list[dict[str, str]]:
    body = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True) if not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body), delimiter="\t"))


def sssom(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SSSOM, *args], capture_output=True, text=True, timeout=300)


def test_both_mapping_sets_are_there():
    assert {p.name for p in SETS} >= {"wikidata.sssom.tsv", "ontology.sssom.tsv"}


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_sssom_validate_passes_and_keeps_every_row(path):
    run = sssom("validate", str(path))
    assert run.returncode == 0, run.stderr[-3000:]
    assert "validation errors" not in run.stderr and "not well-formed" not in run.stderr, run.stderr[-3000:]


@pytest.mark.parametrize("fmt", ["json", "rdf"])
@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_sssom_convert_is_lossless(tmp_path, path, fmt):
    """TSV -> JSON or RDF -> TSV with sssom-py gives back every row with every value."""
    converted, back = tmp_path / f"set.{fmt}", tmp_path / "back.sssom.tsv"
    run = sssom("convert", str(path), "-O", fmt, "-o", str(converted))
    assert run.returncode == 0, run.stderr[-3000:]
    from sssom.parsers import parse_sssom_json, parse_sssom_rdf  # read back in-process: the CLI starts slowly
    from sssom.writers import write_table

    msdf = (parse_sssom_json if fmt == "json" else parse_sssom_rdf)(str(converted))
    with back.open("w", encoding="utf-8") as stream:
        write_table(msdf, stream)
    original, again = rows(path), rows(back)
    assert len(again) == len(original) > 20

    def key(row):
        return row["subject_id"], row["predicate_id"], row["object_id"]

    by_key = {key(r): r for r in again}
    assert len(by_key) == len(again)
    # a value every row shares may move to the set's metadata (propagation): read it from there
    header = "".join(line[1:] for line in back.read_text(encoding="utf-8").splitlines(True) if line.startswith("#"))
    import yaml

    metadata = yaml.safe_load(header) or {}
    for row in original:
        other = by_key[key(row)]
        for column, value in row.items():
            if not value:
                continue
            got = other.get(column) or str(metadata.get(column, ""))
            if column in MULTIVALUED:
                assert set(got.split("|")) == {v.strip() for v in value.split("|")}, (key(row), column)
            else:
                assert got == value, (key(row), column)
