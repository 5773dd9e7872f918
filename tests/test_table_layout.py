"""Terminal tables: text wraps at word boundaries, an id is never split across lines (cut with an
ellipsis when its column must shrink, and the footer says so), integers are grouped by thousands;
``--columns`` and ``--format csv`` show every value whole, and CSV and JSON keep raw numbers."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

STATEMENT_PREFIX = "https://w3id.org/peacekg/statement/"
#: (query and parameters, terminal width)
CASES = [(("who-says", "--param", "mode", "imputed"), 100), (("who-says", "--param", "mode", "imputed"), 60),
         (("statements-about",), 160), (("actor-statements", "--param", "actor", "ukraine"), 120)]


def peacekg(*args: str, columns: int = 160, stdin: str | None = None) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True, timeout=60,
                         cwd=ROOT, input=stdin, env={**os.environ, "COLUMNS": str(columns)})
    assert run.returncode == 0, run.stderr
    return run


def statement_ids(args) -> list[str]:
    rows = csv.DictReader(io.StringIO(peacekg("query", *args, "--format", "csv").stdout))
    return [row["statement"].removeprefix(STATEMENT_PREFIX) for row in rows]


@pytest.mark.parametrize("args, width", CASES, ids=lambda v: str(v))
def test_no_id_is_split_across_lines(args, width):
    table = peacekg("query", *args, columns=width).stdout
    lines = table.splitlines()
    footer = next((i for i, line in enumerate(lines) if line.startswith("(")), len(lines))
    assert all(len(line) <= width for line in lines[footer:])  # the notes wrap too
    lines = lines[:footer]
    if width >= 100:  # (at 60 the columns' floors alone are wider than the terminal)
        assert all(len(line) <= width for line in lines)
    ids = statement_ids(args)
    firsts = [line.split("  ")[0] for line in lines[2:] if line and not line.startswith((" ", "("))]
    cut = [cell for cell in firsts if cell.endswith("…")]
    assert len(firsts) == len(ids)
    for cell, sid in zip(firsts, ids):  # the first column: each id whole, or its beginning and an ellipsis
        assert cell == sid or (cell.endswith("…") and sid.startswith(cell[:-1]))
    continuation = [line[:len(firsts[0])].strip() for line in lines[2:] if line.startswith(" ")]
    assert not any(continuation), "a line below a row starts with part of an id"
    if cut:
        assert "cut short with …: statement" in table and "--format csv" in table
    else:
        assert "cut short" not in table


def test_a_narrow_terminal_cuts_ids_and_columns_shows_them_whole():
    args = ("who-says", "--param", "mode", "imputed")
    narrow = peacekg("query", *args, columns=60).stdout
    assert "cut short with …" in narrow
    whole = peacekg("query", *args, "--columns", "statement", columns=60).stdout
    assert [line.strip() for line in whole.splitlines()[2:] if line.strip()] == statement_ids(args)


def test_prose_wraps_at_word_boundaries():
    args = ("who-says", "--param", "mode", "imputed")
    table = peacekg("query", *args, "--columns", "statement,summary", columns=70).stdout.splitlines()
    start = table[1].index("  ") + 2  # the summary column: after the id column and the gap
    words = {w for row in csv.DictReader(io.StringIO(peacekg("query", *args, "--format", "csv").stdout))
             for w in row["summary"].split()}
    shown = [word for line in table[2:] if not line.startswith("(") for word in line[start:].split()]
    assert shown and all(word in words for word in shown)  # every word whole: none broken, none cut


BIG = "SELECT ?n ?d WHERE { VALUES (?n ?d) { (100000000000 1234567.5) (-4200 12.0) } }"


def test_numbers_are_grouped_in_tables_and_raw_elsewhere():
    table = peacekg("sparql", "-", stdin=BIG).stdout
    assert "100,000,000,000" in table and "1,234,567.5" in table and "-4,200" in table
    assert "100000000000" not in table
    raw = peacekg("sparql", "-", "--format", "csv", stdin=BIG).stdout
    assert "100000000000" in raw and "100,000" not in raw
    data = json.loads(peacekg("sparql", "-", "--format", "json", stdin=BIG).stdout)
    assert data["results"]["bindings"][0]["n"]["value"] == "100000000000"
