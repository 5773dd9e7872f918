"""grlc (PyPI) as a real client: it serves queries/ against `peacekg serve`, and every saved query run
through it, parameters included, gives the rows `peacekg query` gives.

grlc runs in its own virtual environment (its pinned dependencies are not peacekg's):
`.ci/run` makes `.venv-grlc`; elsewhere set PEACEKG_GRLC to a Python that has grlc.
grlc reads its endpoint and local query folder from `config.ini` in its working
directory, written here into a temporary folder; it needs no internet.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from peacekg.namespaces import PREFIXES
from peacekg.query.catalogue import catalogue

from .conftest import ROOT
from .oxigraph_server import free_port, stop
from .serving import running_server

GRLC = os.environ.get("PEACEKG_GRLC") or str(ROOT / ".venv-grlc" / "bin" / "python")
pytestmark = pytest.mark.skipif(not Path(GRLC).exists(), reason="grlc is not installed (.ci/run makes .venv-grlc)")
ONLINE_ONLY = {"wikidata-positions-federated"}  # asks Wikidata with SERVICE: refused offline, by design
QUERIES = [q for q in catalogue() if q.name not in ONLINE_ONLY]


def full_iri(value: str) -> str:
    prefix, _, local = value.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and not value.startswith("http") else value


@pytest.fixture(scope="module")
def grlc(project, tmp_path_factory):
    folder = tmp_path_factory.mktemp("grlc")
    with running_server(project.root, "--workers", "2") as base:
        (folder / "config.ini").write_text(
            f"[defaults]\nsparql_endpoint = {base}/sparql\n[local]\nlocal_sparql_dir = {project.root / 'queries'}\n",
            encoding="utf-8")
        port = free_port()
        log = (folder / "grlc.log").open("w")
        process = subprocess.Popen(
            [GRLC, "-c", f"from grlc.server import app; app.run(host='127.0.0.1', port={port})"],
            cwd=folder, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/api-local/swagger", timeout=30).read()
                    break
                except (urllib.error.URLError, ConnectionError):
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError((folder / "grlc.log").read_text())
                    time.sleep(0.5)
            yield url
        finally:
            stop(process)


def rows(text: str) -> list[tuple[str, ...]]:
    return sorted(tuple(r) for r in csv.reader(io.StringIO(text)))


def test_grlc_lists_every_saved_query(grlc):
    import json

    spec = json.loads(urllib.request.urlopen(grlc + "/api-local/swagger", timeout=60).read())
    assert {p.strip("/") for p in spec["paths"]} >= {q.name for q in QUERIES}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_grlc_gives_the_rows_of_the_cli(grlc, project, query):
    params = {p.name: (full_iri(p.default) if p.kind == "iri" else p.default) for p in query.params}
    url = f"{grlc}/api-local/{query.name}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=120) as response:
        through_grlc = response.read().decode("utf-8")
    args = [a for p in query.params for a in ("--param", p.name, params[p.name])]
    cli = subprocess.run([sys.executable, "-m", "peacekg", "query", query.name, "--format", "csv", *args],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PEACEKG_ROOT": str(project.root)})
    assert cli.returncode == 0, cli.stderr
    assert rows(through_grlc) == rows(cli.stdout)
