"""A vocabulary value written as the YAML writes it (``imputed``, ``actor-only``, ``Guarantee``) is
understood by every way of running a saved query: ``peacekg query``, ``run_query`` and the
server's saved queries (``/api/queries/<name>``). A near miss suggests the vocabulary's terms
for a vocabulary parameter, and entity ids for an entity parameter."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
import warnings

import pytest

from peacekg.errors import PeacekgWarning
from peacekg.query.run import run_query, run_sparql

from .conftest import ROOT
from .serving import running_server

#: (query, parameter, the value as the YAML writes it, the same value as a prefixed name)
BARE = [
    ("who-says", "mode", "imputed", "pko:imputed"),
    ("who-says", "mode", "recommendation", "pko:recommendation"),
    ("actor-statements", "scope", "actor-only", "pko:actor-only"),
    ("statements-about", "scope", "with-government", "pko:with-government"),
    ("mechanisms-of-class", "class", "Guarantee", "pko:Guarantee"),
    ("mechanisms-of-class", "class", "SecurityGuarantee", "pko:SecurityGuarantee"),
]
#: (query, parameter, a near miss, what the warning must suggest, what it must not)
NEAR = [
    ("who-says", "mode", "imputd", "did you mean: imputed", "pkr:"),
    ("actor-statements", "scope", "actor-alone", "did you mean: actor-only", "pkr:"),
    ("mechanisms-of-class", "class", "Guarantees", "did you mean: Guarantee", "guarantees"),  # not the entity ids
    ("actor-statements", "actor", "rusia", "did you mean: russia", "Russia"),
]


def rows(result) -> set[tuple]:
    return {tuple(str(t) for t in row) for row in result.terms}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)


@pytest.mark.parametrize("name, param, bare, prefixed", BARE, ids=lambda v: str(v))
def test_the_api_takes_the_bare_term(name, param, bare, prefixed):
    with warnings.catch_warnings():
        warnings.simplefilter("error", PeacekgWarning)
        given = run_query(name, **{param: bare})
    expected = run_query(name, **{param: prefixed})
    assert len(expected) > 0 and rows(given) == rows(expected)


@pytest.mark.parametrize("name, param, bare, prefixed", BARE[:3] + BARE[4:5], ids=lambda v: str(v))
def test_the_cli_takes_the_bare_term(name, param, bare, prefixed):
    bare_run = cli("query", name, "--param", param, bare, "--format", "csv")
    prefixed_run = cli("query", name, "--param", param, prefixed, "--format", "csv")
    assert bare_run.returncode == 0 and bare_run.stderr == "", bare_run.stderr
    assert bare_run.stdout == prefixed_run.stdout and bare_run.stdout.count("\n") > 1


@pytest.mark.parametrize("name, param, near, says, never", NEAR, ids=lambda v: str(v))
def test_a_near_miss_suggests_terms_of_the_right_kind(name, param, near, says, never):
    run = cli("query", name, "--param", param, near)
    assert run.returncode == 0
    warning = [line for line in run.stderr.splitlines() if "names nothing" in line]
    assert len(warning) == 1 and says in warning[0], run.stderr
    assert never not in warning[0].split("did you mean:")[1]


def test_the_servers_saved_queries_take_the_bare_term(project):
    with running_server(project.root) as base:
        def bound(name, **values):
            url = f"{base}/api/queries/{name}?{urllib.parse.urlencode(values)}"
            with urllib.request.urlopen(url, timeout=30) as response:
                return json.load(response)

        for name, param, bare, prefixed in BARE:
            answer = bound(name, **{param: bare})
            assert answer["notes"] == []
            expected = run_query(name, **{param: prefixed})
            assert rows(run_sparql(answer["text"])) == rows(expected), name
        miss = bound("who-says", mode="imputd")
        assert miss["notes"] == ["--param mode imputd names nothing in the graph; did you mean: imputed?"]


STATUS_QUERY = """#+ summary: Statements of one status and kind (a test's query, no defaults)
PREFIX pko: <https://w3id.org/peacekg/ontology#>
SELECT ?statement WHERE { ?statement pko:status ?_status_iri ; a ?_kind_iri }
"""


def test_a_status_and_a_kind_without_defaults_resolve_by_their_names(tmp_path):
    """Without a default to say so, a parameter called status or kind is a vocabulary parameter."""
    from .conftest import copy_project

    project = copy_project(tmp_path)
    (project.queries / "by-status.rq").write_text(STATUS_QUERY, encoding="utf-8")
    given = run_query("by-status", project=project, status="floated", kind="Proposal")
    assert len(given) > 0
    assert rows(given) == rows(run_query("by-status", project=project, status="pko:floated", kind="pko:Proposal"))
    with pytest.warns(PeacekgWarning, match=r"--param status flaoted names nothing in the graph; "
                                            r"did you mean: floated"):
        assert len(run_query("by-status", project=project, status="flaoted", kind="Proposal")) == 0
