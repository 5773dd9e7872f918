"""Bad input and faults on the query side, one data-driven case per file of tests/data/bad_query/.

Each case runs the real command line and asserts the exit code, the message,
that no traceback is printed, that it ends in time and that no file of the
project changed. Endpoint cases talk to a misbehaving HTTP server on 127.0.0.1
(malformed, wrong-kind, endless and trickling answers).
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from peacekg.errors import EndpointError, QueryError, QueryTimeout, ServiceRefused
from peacekg.query.run import run_query, run_sparql

from .conftest import DATA, copy_project
from .local_http import serving
from .oxigraph_server import free_port

CASES = sorted((DATA / "bad_query").glob("*.yaml"))
SELECT_HEAD = b'{"head":{"vars":["s"]},"results":{"bindings":['


class Misbehaving(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stop = threading.Event()

    def _send_head(self, length: int | None = None):
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def do_POST(self):  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            self._answer()
        except OSError:
            pass  # the client gave up, as it should

    def _answer(self):
        bodies = {
            "/malformed": b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":',
            "/wrongterm": SELECT_HEAD + b'{"s":{"type":"uri","value":"not an IRI at all"}}]}}',
            "/boolean": b'{"head":{},"boolean":true}',
        }
        if self.path in bodies:
            self._send_head(len(bodies[self.path]))
            self.wfile.write(bodies[self.path])
        elif self.path == "/huge":  # 500 MB and more, as long as the client reads
            self._send_head()
            self.wfile.write(SELECT_HEAD)
            row = b'{"s":{"type":"literal","value":"' + b"x" * 65000 + b'"}},'
            for _ in range(8000):
                if self.stop.is_set():
                    return
                self.wfile.write(row)
        elif self.path == "/trickle":
            self._send_head()
            for byte in SELECT_HEAD * 10:
                if self.stop.is_set():
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/trickleheaders":
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
                if self.stop.is_set():
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with serving(Misbehaving, release=Misbehaving.stop.set) as url:
        yield url


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_bad_query(case_path, tmp_path, server):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    project = copy_project(tmp_path / "project")
    before = snapshot(project.root)
    query_file = tmp_path / "query.rq"
    if "file_hex" in case:
        query_file.write_bytes(bytes.fromhex(case["file_hex"]))
    fill = {"{server}": server, "{file}": str(query_file), "{tmp}": str(tmp_path), "{free_port}": str(free_port())}

    def filled(text: str) -> str:
        for key, value in fill.items():
            text = text.replace(key, value)
        return text

    stdin = filled(case.get("stdin", ""))
    if "stdin_parts" in case:
        stdin = "".join(text * times for text, times in case["stdin_parts"])
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "peacekg", *map(filled, case["args"])], input=stdin.encode(),
                         capture_output=True, timeout=60, env={**os.environ, "PEACEKG_ROOT": str(project.root)})
    took = time.monotonic() - start
    stderr = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert run.returncode == case["exit"], stderr
    assert re.search(case["message"], stderr), stderr
    if "not_in_output" in case:
        assert case["not_in_output"] not in run.stdout.decode("utf-8", "replace") + stderr
    assert took < case.get("within", 30), f"took {took:.1f} s"
    assert snapshot(project.root) == before


# --- the same bounds through the Python API ---------------------------------------------
def test_service_is_refused_by_the_api_unless_allowed():
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(ServiceRefused, match="allow_service=True"):
        run_sparql(text)
    with pytest.raises(ServiceRefused):
        run_query("wikidata-positions-federated")
    with pytest.raises(EndpointError, match="a SERVICE of the query failed"):
        run_sparql(text, allow_service=True)


def test_a_service_keyword_in_strings_iris_and_names_is_no_service():
    rows = run_sparql("SELECT ?service WHERE { VALUES ?service { 'SERVICE' <urn:service> } } # SERVICE")
    assert len(rows) == 2


def test_nul_in_an_iri_parameter_is_refused_by_name():
    with pytest.raises(QueryError, match=r"'pkr:a\\x00b' is not an IRI"):
        run_query("actor-statements", actor="pkr:a\0b")
    assert len(run_query("find-entity", name="Mos\0cow")) == 0  # a literal: escaped, matches nothing


def test_api_timeout_stops_an_embedded_query_and_the_next_query_works():
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 1 s"):
        run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert time.monotonic() - start < 3
    assert len(run_query("proposals", timeout=20)) == len(run_query("proposals"))  # same answer either way


def test_errors_in_the_child_come_back_typed():
    with pytest.raises(QueryError, match="syntax error at line 1"):
        run_sparql("SELECT ?s WHERE { ?s ?p }", timeout=10)
