"""Bad input to queries: syntax errors, unknown names, injected values, dead or slow endpoints."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading

import pytest

from peacekg.errors import EndpointError, QueryError, UnknownQuery
from peacekg.query.catalogue import get_query
from peacekg.query.run import bind, run_query, run_sparql, values_clause

from .conftest import copy_project
from .local_http import serving
from .oxigraph_server import free_port

INJECTION = 'x" } ; DROP ALL ; #'


def peacekg(*args, env=None, stdin=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True,
                          input=stdin, env={**os.environ, **(env or {})}, timeout=timeout)


# --- syntax errors -------------------------------------------------------------
def test_syntax_error_gives_the_parsers_line_and_column():
    run = peacekg("sparql", "-", stdin="PREFIX pko: <https://w3id.org/peacekg/ontology#>\nSELECT ?s WHERE {\n  ?s a pko:Proposal\n  FILTR(?s)\n}\n")
    assert run.returncode == 2
    assert "peacekg: error: <stdin>: syntax error at line 4, column" in run.stderr
    assert "Traceback" not in run.stderr


def test_syntax_error_in_a_saved_query_counts_lines_of_the_file(tmp_path):
    project = copy_project(tmp_path)
    (project.queries / "broken.rq").write_text(
        "#+ summary: broken on purpose\n\nSELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?s)\n}\n", encoding="utf-8")
    run = peacekg("query", "broken", env={"PEACEKG_ROOT": str(project.root)})
    assert run.returncode == 2
    assert "queries/broken.rq: syntax error at line 5, column" in run.stderr


def test_syntax_error_is_reported_before_reaching_an_endpoint():
    with pytest.raises(QueryError, match=r"syntax error at line 1, column"):
        run_sparql("SELECT ?s WHERE { ?s ?p }", endpoint=f"http://127.0.0.1:{free_port()}/query", timeout=1)


def test_graph_formats_are_refused_for_rows_and_row_formats_for_graphs():
    run = peacekg("query", "proposals", "--format", "turtle")
    assert run.returncode == 2 and "RDF formats are for CONSTRUCT and DESCRIBE" in run.stderr
    run = peacekg("sparql", "-", "--format", "csv", stdin="DESCRIBE pkr:nato")
    assert run.returncode == 2 and "a CONSTRUCT or DESCRIBE answer is a graph" in run.stderr


# --- unknown names and parameters ------------------------------------------------
def test_unknown_query_lists_close_names():
    run = peacekg("query", "proposal")
    assert run.returncode == 2
    assert "no saved query named 'proposal'; did you mean: proposals" in run.stderr
    with pytest.raises(UnknownQuery, match="did you mean: .*statement-evidence"):
        get_query("statement-evidense")


def test_unknown_query_with_nothing_close_points_to_the_catalogue():
    with pytest.raises(UnknownQuery, match="see `peacekg queries`"):
        get_query("zzzz")
    with pytest.raises(UnknownQuery):
        get_query("../README")


@pytest.mark.parametrize("args, message", [
    (["--param", "actr", "russia"], "has no parameter 'actr' (its parameters: actor, scope)"),
    (["--param", "actor", "not an iri"], "is not an IRI"),
])
def test_bad_parameters_are_refused(args, message):
    run = peacekg("query", "actor-statements", *args)
    assert run.returncode == 2
    assert message in run.stderr


def test_typed_parameter_must_be_of_its_type():
    with pytest.raises(QueryError, match="'twelve' is not a valid xsd:integer"):
        run_query("paragraph-statements", paragraph="twelve")


def test_a_parameter_without_default_must_be_given(tmp_path):
    project = copy_project(tmp_path)
    (project.queries / "needs-actor.rq").write_text(
        "#+ summary: no default\nSELECT ?_actor_iri ?s WHERE { ?s <https://w3id.org/peacekg/ontology#agent> ?_actor_iri }\n")
    query = get_query("needs-actor", project)
    with pytest.raises(QueryError, match="needs a value for 'actor' \\(iri\\): --param actor VALUE"):
        bind(query, {})
    assert len(run_query(query, project=project, actor="russia")) >= 4


# --- a value is a term, never query text ---------------------------------------
def test_injected_value_is_just_a_string_on_the_embedded_store():
    assert len(run_query("find-entity", name=INJECTION)) == 0
    assert len(run_query("statement-counts", document=INJECTION)) == 0
    assert len(run_query("statement-counts")) > 0  # and nothing was dropped


def test_injected_value_is_just_a_string_on_the_server(oxigraph):
    before = run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", endpoint=oxigraph.query).rows
    assert len(run_query("find-entity", name=INJECTION, endpoint=oxigraph.query)) == 0
    assert len(run_query("statement-counts", document=INJECTION, endpoint=oxigraph.query)) == 0
    after = run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", endpoint=oxigraph.query).rows
    assert before == after and after[0]["n"] > 500


def test_values_clause_writes_serialised_terms():
    query = get_query("find-entity")
    clause = values_clause(bind(query, {"name": INJECTION}))
    assert clause.strip() == 'VALUES (?_name_en) { ("x\\" } ; DROP ALL ; #"@en) }'


def test_injected_value_on_the_command_line():
    run = peacekg("query", "find-entity", "--param", "name", INJECTION, "--format", "csv")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["entity,label,class,matchedBy"]


# --- endpoints that are down, slow or broken -------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    release = threading.Event()

    def do_POST(self):  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/slow"):
            self.release.wait(10)  # far past the timeout of the test
            body, code = b'{"head":{"vars":[]},"results":{"bindings":[]}}', 200
        elif self.path.startswith("/error"):
            body, code = b"the server broke", 500
        else:
            body, code = b"<html>not SPARQL</html>", 200
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up, as it should

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def misbehaving():
    with serving(_Handler, release=_Handler.release.set) as url:
        yield url


def test_unreachable_endpoint_fails_with_exit_3():
    url = f"http://127.0.0.1:{free_port()}/query"
    run = peacekg("query", "proposals", "--endpoint", url, "--timeout", "2")
    assert run.returncode == 3
    assert f"peacekg: error: {url}: connection refused" in run.stderr


def test_slow_endpoint_fails_after_the_timeout(misbehaving):
    import time

    start = time.monotonic()
    run = peacekg("query", "proposals", "--endpoint", misbehaving + "/slow", "--timeout", "0.5")
    assert run.returncode == 3
    assert "no answer within the timeout (0.5 s)" in run.stderr
    assert time.monotonic() - start < 8


def test_erroring_endpoint_fails_with_its_message(misbehaving):
    with pytest.raises(EndpointError, match="the server broke|500"):
        run_query("proposals", endpoint=misbehaving + "/error", timeout=5)


def test_endpoint_that_answers_something_else(misbehaving):
    with pytest.raises(EndpointError, match="not SPARQL JSON results"):
        run_query("proposals", endpoint=misbehaving + "/html", timeout=5)


def test_push_to_an_unreachable_server_fails_with_exit_3():
    run = peacekg("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--timeout", "2")
    assert run.returncode == 3
    assert "connection refused" in run.stderr


def test_push_to_the_wrong_url_names_the_http_error(oxigraph):
    run = peacekg("push", "--endpoint", oxigraph.query)
    assert run.returncode == 3
    assert "cannot store graph <https://w3id.org/peacekg/graph/" in run.stderr and "HTTP 404" in run.stderr
