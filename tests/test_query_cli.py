"""The query commands end to end, in a real process: formats, listing, speed of the import path."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from pyoxigraph import QueryResultsFormat, parse_query_results

from peacekg.query.catalogue import catalogue
from peacekg.query.run import run_query

HEAVY = ("rdflib", "pyshacl", "owlready2", "SPARQLWrapper")
#: Not heavy in themselves, but each costs a plain query more than the query takes on the essay
#: (`python -X importtime`): click (14 ms), dataclasses and the inspect it imports (11 ms), PyYAML
#: (read only when a parameter needs its default), decimal and datetime (only for such values).
SLOW_TO_IMPORT = ("click", "dataclasses", "inspect", "tempfile", "yaml", "decimal", "datetime", "importlib.metadata")


def peacekg(*args, stdin=None, env=None, text=True):
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=text,
                          input=stdin, env={**os.environ, **(env or {})}, timeout=60)


def test_queries_lists_every_saved_query_with_its_parameters(project):
    run = peacekg("queries")
    assert run.returncode == 0, run.stderr
    for query in catalogue(project):
        assert any(line.startswith(query.name + " ") and query.summary in line for line in run.stdout.splitlines())
    assert "[actor=pkr:russia scope=pko:with-government]" in run.stdout
    verbose = peacekg("queries", "--verbose")
    assert "--param paragraph (integer; default 26)" in verbose.stdout
    checks = peacekg("queries", "--checks")
    assert "statement-without-evidence-violation" in checks.stdout


def test_table_is_the_default_format():
    run = peacekg("query", "proposals", "--iris", env={"COLUMNS": "1000"})
    assert run.returncode == 0, run.stderr
    header, rule, *rows = run.stdout.splitlines()
    assert header.split()[:3] == ["proposer", "status", "mechanisms"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert any("pkr:russia" in r and "pko:requested" in r and "United States" in r for r in rows)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_w3c_formats_carry_the_same_terms(fmt):
    run = peacekg("query", "actor-statements", "--param", "actor", "ukraine", "--format", fmt, text=False)
    assert run.returncode == 0, run.stderr
    parsed = parse_query_results(run.stdout, format=getattr(QueryResultsFormat, fmt.upper()))
    expected = run_query("actor-statements", actor="ukraine")
    assert [v.value for v in parsed.variables] == expected.variables
    assert [tuple(s[v] for v in expected.variables) for s in parsed] == expected.terms


def test_csv_format():
    run = peacekg("query", "figures", "--format", "csv", text=False)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout.decode("utf-8"))))
    budget = [r for r in rows if r["statement"] == "https://w3id.org/peacekg/statement/p03-defence-budget-figure"]
    assert budget and budget[0]["amount"] == "100000000000" and budget[0]["previousAmount"] == "51000000000"
    assert budget[0]["unit"] == "https://w3id.org/peacekg/ontology#euro" and budget[0]["when"] == "2022-02"


def test_sparql_from_a_file_and_from_stdin(tmp_path):
    query = "PREFIX pko: <https://w3id.org/peacekg/ontology#>\nASK { ?s pko:rejectedBy ?r }\n"
    path = tmp_path / "ask.rq"
    path.write_text(query)
    assert peacekg("sparql", str(path)).stdout.strip() == "yes"
    run = peacekg("sparql", "-", "--format", "json", stdin=query)
    assert run.returncode == 0 and '"boolean":true' in run.stdout.replace(" ", "")


def test_ask_and_select_on_the_server(oxigraph):
    query = "PREFIX pko: <https://w3id.org/peacekg/ontology#>\nASK { ?s pko:rejectedBy ?r }\n"
    run = peacekg("sparql", "-", "--endpoint", oxigraph.query, stdin=query)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "yes"
    run = peacekg("query", "rejections", "--endpoint", oxigraph.query, "--format", "tsv")
    assert run.returncode == 0 and "<https://w3id.org/peacekg/id/united-states>" in run.stdout


# Every parameter given: a default would need the header, and so PyYAML.
@pytest.mark.parametrize("args", [["query", "proposals"],
                                  ["query", "actor-statements", "--param", "actor", "ukraine",
                                   "--param", "scope", "pko:with-government"],
                                  ["query", "timeline", "--format", "json", "--limit", "3", "--offset=1"]])
def test_a_plain_query_imports_no_heavy_library(args):
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "peacekg", *args],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    modules = {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if "|" in line}
    imported = modules | {m.split(".")[0] for m in modules}
    assert "pyoxigraph" in imported
    assert not imported & set(HEAVY), imported & set(HEAVY)
    assert not imported & set(SLOW_TO_IMPORT), imported & set(SLOW_TO_IMPORT)


def test_the_fast_path_and_click_give_the_same_answer():
    args = ["query", "actor-statements", "--param", "actor", "ukraine", "--format", "tsv", "--limit", "1"]
    fast = peacekg(*args)
    slow = peacekg("--help")
    assert slow.returncode == 0 and "Usage:" in slow.stdout
    from click.testing import CliRunner

    from peacekg.cli import cli

    through_click = CliRunner().invoke(cli, args)
    assert fast.returncode == 0 and through_click.exit_code == 0, (fast.stderr, through_click.output)
    assert fast.stdout == through_click.output
    assert len(fast.stdout.splitlines()) == 2  # the header and one row of the two


def test_paging_gives_consecutive_pages_of_the_same_order():
    whole = run_query("timeline").terms
    pages = [run_query("timeline", limit=5, offset=o).terms for o in range(0, len(whole) + 5, 5)]
    assert [t for page in pages for t in page] == whole
    assert len(run_query("timeline", offset=len(whole))) == 0


@pytest.mark.parametrize("args, message", [
    (["--limit", "-1"], "-1"),
    (["--offset", "x"], "x"),
    (["--format", "png"], "png"),
])
def test_bad_paging_or_format_is_refused_by_click_with_its_message(args, message):
    run = peacekg("query", "timeline", *args)
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_an_error_on_the_fast_path_is_a_message_and_an_exit_code():
    run = peacekg("query", "no-such-query")
    assert run.returncode == 2 and run.stderr.startswith("peacekg: error: no saved query named 'no-such-query'")


def test_importing_peacekg_is_light():
    code = "import sys, peacekg; print(sorted(m for m in sys.modules if m.split('.')[0] in %r))" % (HEAVY + ("pyoxigraph",),)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "[]", run.stdout


def test_readme_first_command_answers_who_proposed_what_and_lists_every_query(project):
    readme = (project.root / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n", 1)[0]
    assert first.endswith("peacekg build && peacekg query proposals")
    for query in catalogue(project):
        assert f"| `{query.name}` |" in readme, query.name
