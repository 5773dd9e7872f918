"""Answers people can read, errors that help, values checked against the graph (issue 12, problems 1-4)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest
from pyoxigraph import RdfFormat, parse

from peacekg.errors import PeacekgWarning, QueryError
from peacekg.query.catalogue import catalogue
from peacekg.query.graphs import GraphResult
from peacekg.query.run import run_query, run_sparql

from .conftest import copy_project

WIDTH = 160
ONLINE_ONLY = {"wikidata-positions-federated"}


def peacekg(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True,
                          input=stdin, env={**os.environ, "COLUMNS": str(WIDTH), **(env or {})}, timeout=60)


# --- 1. tables for people -------------------------------------------------------
def test_the_readmes_first_answer_shows_labels_and_fits_160_columns():
    run = peacekg("query", "proposals")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(map(len, lines)) <= WIDTH
    header = lines[0].split()
    assert "proposer" in header and "proposerLabel" not in header and "mechanismLabel" not in header
    assert "pkr:" not in run.stdout and "pko:" not in run.stdout
    rows = "\n".join(lines[2:])
    assert "Russia" in rows and "requested" in rows and "United States" in rows
    assert "p26-russia-requests-legal-guarantees" in rows.replace("-\n", "-").replace(" ", "") or \
        "p26-russia-" in rows  # the statement's short id, perhaps wrapped


@pytest.mark.parametrize("query", [q.name for q in catalogue() if q.name not in ONLINE_ONLY])
def test_every_saved_querys_table_fits_160_columns(query):
    run = peacekg("query", query)
    assert run.returncode == 0, run.stderr
    assert max(map(len, run.stdout.splitlines())) <= WIDTH


def test_long_quotes_wrap_inside_their_column():
    run = peacekg("query", "author-claims", env={"COLUMNS": "100"})
    lines = run.stdout.splitlines()
    assert max(map(len, lines)) <= 100
    quote_at = lines[0].index("quote")
    continued = [line for line in lines[2:] if line.strip() and not line[:quote_at].strip()]
    assert continued, "a long quote goes on on the next line, under its column"


def test_iris_columns_and_limit():
    run = peacekg("query", "proposals", "--iris", "--columns", "proposer,statement", "--limit", "3")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split() == ["proposer", "statement"]
    assert lines[2].startswith("pkr:") and len([line for line in lines[2:] if line.strip()]) == 3  # one page of 3
    run = peacekg("query", "proposals", "--columns", "propser")
    assert run.returncode == 2 and "did you mean proposer" in run.stderr


def test_an_iri_without_label_column_gets_its_label_from_the_graph():
    run = peacekg("query", "reported-facts", "--columns", "reporter,about")
    assert run.returncode == 0, run.stderr
    assert "David Carment and Dani Belo" in run.stdout and "pkr:" not in run.stdout


def test_labels_that_clash_get_their_ids():
    from peacekg.query.table import render

    answer = run_sparql("SELECT ?x WHERE { VALUES ?x { pko:mechanism pko:Mechanism pkr:russia } }")
    table = render(answer, labels={"https://w3id.org/peacekg/ontology#mechanism": "mechanism",
                                   "https://w3id.org/peacekg/ontology#Mechanism": "mechanism",
                                   "https://w3id.org/peacekg/id/russia": "Russia"}.get)
    assert "mechanism (pko:mechanism)" in table and "mechanism (pko:Mechanism)" in table
    assert "Russia\n" in table + "\n" and "(pkr:russia)" not in table


def test_w3c_formats_are_untouched():
    run = peacekg("query", "proposals", "--format", "csv")
    assert run.stdout.splitlines()[0].startswith(
        "proposer,status,mechanisms,territories,rejectedBy,polarity,mode,document,paragraph,statement")
    assert "https://w3id.org/peacekg/id/russia" in run.stdout


# --- 2. one prefix map, readable parser errors -------------------------------------
def test_ad_hoc_sparql_knows_the_graphs_prefixes():
    run = peacekg("sparql", "-", "--iris", stdin="SELECT ?who ?what WHERE { ?who pko:proposes ?what }")
    assert run.returncode == 0, run.stderr
    assert "pkr:russia" in run.stdout
    assert run_sparql("ASK { pkr:russia pko:proposes ?what }").boolean


def test_a_querys_own_prefix_wins():
    answer = run_sparql("PREFIX pkr: <urn:mine#>\nSELECT ?x WHERE { BIND(pkr:a AS ?x) }")
    assert answer.rows == [{"x": "urn:mine#a"}]


@pytest.mark.parametrize("text, where, token, reason", [
    ("SELECT ?who WHERE { ?who foo:proposes ?what }", "line 1, column 38", "foo:proposes", "unknown prefix 'foo:'"),
    ("SELECT ?x WHERE {\n  ?x ?y\n}", "line 3, column 2", "}", "expected one of LATERAL, SERVICE"),
    ("SELECT ?x WHERE { ?x ?y ?z } ORDER ?x", "line 1, column 38", "?x", "expected BY"),
])
def test_parser_errors_are_one_line_with_line_column_and_token(text, where, token, reason):
    with pytest.raises(QueryError) as caught:
        run_sparql(text)
    message = str(caught.value)
    assert "\n" not in message and "\\u{" not in message and "['" not in message
    assert f"syntax error at {where}, at {token!r}: {reason}" in message
    run = peacekg("sparql", "-", stdin=text)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and where in run.stderr


# --- 3. values checked against the graph ---------------------------------------------
@pytest.mark.parametrize("args, warning", [
    (["actor-statements", "--param", "actor", "Russia"], "pkr:Russia names nothing in the graph; did you mean: russia"),
    (["statements-about", "--param", "entity", "Nato"], "pkr:Nato names nothing in the graph; did you mean: nato"),
    (["find-entity", "--param", "name", "moscow"], "'moscow' occurs nowhere in the graph; did you mean: 'Moscow'?"),
    (["find-entity", "--param", "name", "angéla MERKEL"], "did you mean: 'Angela Merkel'?"),
])
def test_a_value_naming_nothing_warns_with_the_closest(args, warning):
    run = peacekg("query", *args)
    assert run.returncode == 0
    assert f"peacekg: warning: --param {args[2]} " in run.stderr and warning in run.stderr
    assert "(no rows)" in run.stdout


def test_the_api_warns_too():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert len(run_query("actor-statements", actor="Russia")) == 0
    assert any(issubclass(w.category, PeacekgWarning) and "did you mean: russia" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PeacekgWarning)
        assert len(run_query("actor-statements", actor="russia")) > 0  # no warning for a good value


def test_a_bare_statement_id_resolves():
    rows = run_query("statement-evidence", statement="p26-russia-requests-legal-guarantees").rows
    assert rows and rows[0]["paragraph"] == 26


@pytest.mark.parametrize("value, message", [("0", "no text has a paragraph 0 (carment-belo-ukraine has paragraphs 1 to "),
                                            ("999", "no text has a paragraph 999 (carment-belo-ukraine has "
                                                    "paragraphs 1 to ")])
def test_a_paragraph_out_of_range_is_an_error(value, message):
    run = peacekg("query", "paragraph-statements", "--param", "paragraph", value)
    assert run.returncode == 2 and message in run.stderr


def test_paragraph_statements_of_one_document():
    run = peacekg("query", "paragraph-statements", "--param", "paragraph", "26", "--param", "document",
                  "carment-belo-ukraine", "--iris", "--columns", "document,statement")
    assert run.returncode == 0 and "pks:p26-russia-requests-legal-guarantees" in run.stdout, run.stderr
    run = peacekg("query", "paragraph-statements", "--param", "paragraph", "40", "--param", "document",
                  "carment-belo-ukraine")
    assert run.returncode == 2
    assert "carment-belo-ukraine has no paragraph 40 (carment-belo-ukraine has paragraphs 1 to " in run.stderr
    run = peacekg("query", "paragraph-statements", "--param", "paragraph", "26", "--param", "document", "carment")
    assert run.returncode == 0 and "(no rows)" in run.stdout
    assert "--param document 'carment' is no document's identifier; did you mean: carment-belo-ukraine?" in run.stderr


def test_a_repeated_parameter_is_an_error_unless_the_query_takes_several(tmp_path):
    run = peacekg("query", "actor-statements", "--param", "actor", "russia", "--param", "actor", "ukraine")
    assert run.returncode == 2
    assert "--param actor is given 2 times ('russia', 'ukraine')" in run.stderr
    project = copy_project(tmp_path)
    (project.queries / "of-actors.rq").write_text(
        "#+ summary: statements of several actors\n#+ multiple: [actor]\n"
        "SELECT DISTINCT ?_actor_iri WHERE { ?s pko:agent ?_actor_iri }\n", encoding="utf-8")
    run = peacekg("query", "of-actors", "--param", "actor", "russia", "--param", "actor", "ukraine", "--iris",
                  env={"PEACEKG_ROOT": str(project.root)})
    assert run.returncode == 0, run.stderr
    assert "pkr:russia" in run.stdout and "pkr:ukraine" in run.stdout


def test_names_match_regardless_of_case_where_the_query_says_so(tmp_path):
    project = copy_project(tmp_path)
    text = (project.queries / "find-entity.rq").read_text(encoding="utf-8")
    (project.queries / "find-entity-any-case.rq").write_text("#+ ignore_case: [name]\n" + text, encoding="utf-8")
    rows = run_query("find-entity-any-case", project=project, name="moscow").rows
    exact = run_query("find-entity", project=project, name="Moscow").rows
    assert rows == exact and rows
    with pytest.warns(PeacekgWarning, match="did you mean: 'Moscow'"):  # the saved query matches exactly
        assert not run_query("find-entity", project=project, name="moscow").rows


def test_a_malformed_endpoint_url_is_bad_input():
    run = peacekg("query", "proposals", "--endpoint", "not-a-url")
    assert run.returncode == 2 and "'not-a-url' is not an http(s) URL" in run.stderr
    assert peacekg("push", "--endpoint", "ftp://x/store").returncode == 2


# --- 4. CONSTRUCT and DESCRIBE ---------------------------------------------------------
CONSTRUCT = "CONSTRUCT { ?who pko:proposes ?what } WHERE { ?who pko:proposes ?what }"


@pytest.mark.parametrize("fmt, rdf", [("turtle", RdfFormat.TURTLE), ("ntriples", RdfFormat.N_TRIPLES),
                                      ("jsonld", RdfFormat.JSON_LD), ("xml", RdfFormat.RDF_XML),
                                      ("nquads", RdfFormat.N_QUADS), ("trig", RdfFormat.TRIG)])
def test_construct_from_the_command_line_in_any_rdf_format(fmt, rdf):
    run = subprocess.run([sys.executable, "-m", "peacekg", "sparql", "-", "--format", fmt], input=CONSTRUCT.encode(),
                         capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr
    triples = {str(t) for t in parse(run.stdout, format=rdf)}
    expected = {str(t) for t in run_sparql(CONSTRUCT)}
    assert triples == expected and len(expected) >= 15


def test_describe_defaults_to_turtle_and_construct_comes_from_the_api():
    run = peacekg("sparql", "-", stdin="DESCRIBE pkr:nato")
    assert run.returncode == 0, run.stderr
    assert "@prefix" in run.stdout and "pkr:nato" in run.stdout
    answer = run_sparql(CONSTRUCT)
    assert isinstance(answer, GraphResult)
    assert b"<https://w3id.org/peacekg/id/russia>" in answer.serialize("ntriples")


def test_construct_on_a_server(oxigraph):
    answer = run_sparql(CONSTRUCT, endpoint=oxigraph.query)
    assert isinstance(answer, GraphResult)
    assert {str(t) for t in answer} == {str(t) for t in run_sparql(CONSTRUCT)}
    assert run_sparql("ASK { pkr:russia pko:proposes ?x }", endpoint=oxigraph.query).boolean  # prefixes sent


def test_an_empty_column_is_left_out_and_named():
    from peacekg.query.table import render

    answer = run_sparql("SELECT ?who ?nothing WHERE { VALUES ?who { pkr:russia } OPTIONAL { ?who pko:none ?nothing } }")
    table = render(answer, labels={"https://w3id.org/peacekg/id/russia": "Russia"}.get)
    assert table.splitlines()[0] == "who" and table.endswith("(empty column left out: nothing)")
    assert "nothing" in render(answer, columns=["who", "nothing"]).splitlines()[0]
