"""The reliability campaign on ``serve --curate`` (issue: curation in the browser), each case a
test on a real server: none accepted, none a 500, nothing written (every byte compared), and
after a save every answer from the new graph (``/sparql``'s cache, search, reconciliation,
pages) with the limits still enforced; a server killed while judging a save leaves every
file as it was."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from click.testing import CliRunner

from peacekg.cli import cli

from .serving import running_server
from .test_serve_curate import DOC, HTML, token_of, tree, with_oped
from .test_serve_endpoint import fetch

SUGGESTION = f"{DOC}-p04-s1-claim-authors"
SAVE = {"id": "oped-guarantors-least-bad", "type": "Claim", "mode": "assessment", "agent": "authors",
        "quote": "a ceasefire with guarantors is the least bad option on the table", "paragraph": 5}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = with_oped(tmp_path_factory.mktemp("campaign") / "p")
    with running_server(project.root, "--curate", "--workers", "2", "--max-bytes", "20000") as base:
        yield project, base


def send(base: str, path: str, body, *, token: str | None = "TOKEN", raw: bytes | None = None,
         headers: dict | None = None):
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        sent["X-Peacekg-Token"] = token_of(base) if token == "TOKEN" else token
    data = raw if raw is not None else json.dumps(body).encode()
    status, _, answer = fetch(base + path, data=data, headers=sent, method="POST")
    return status, answer


def port(base: str) -> str:
    return base.rsplit(":", 1)[1]


STATEMENT = f"/curate/{DOC}/statement"
ENTITY = "/curate/entity"
NESTED = b'{"id": "x", "about": ' + b"[" * 5000 + b"]" * 5000 + b"}"
CASES = [  # name, path, body (or raw bytes), status, field or words in the answer
    ("mode a list", STATEMENT, {**SAVE, "mode": ["claim", "assessment"]}, 422, '"field":"mode"'),
    ("mode an object", STATEMENT, {**SAVE, "mode": {"$ne": 1}}, 422, '"field":"mode"'),
    ("mode not in the vocabulary", STATEMENT, {**SAVE, "mode": "rumour"}, 422, '"field":"mode"'),
    ("id with a trailing newline", STATEMENT, {**SAVE, "id": "oped-x\n"}, 422, '"field":"id"'),
    ("id of 10,000 characters", STATEMENT, {**SAVE, "id": "a" * 10_000}, 422, '"field":"id"'),
    ("deeply nested JSON", STATEMENT, NESTED, 400, "nests deeper"),
    ("summary with U+0085", STATEMENT, {**SAVE, "summary": "guarantors\x85first"}, 422, "U+0085"),
    ("summary with a line separator", STATEMENT, {**SAVE, "summary": "a\u2028b"}, 422, "U+2028"),
    ("summary a float", STATEMENT, {**SAVE, "summary": 3.25}, 422, '"field":"summary"'),
    ("5,000 about entities", STATEMENT, {**SAVE, "about": ["nato"] * 5000}, 422, '"field":"about"'),
    ("an about that is no entity", STATEMENT, {**SAVE, "about": ["atlantis"]}, 422, '"field":"about"'),
    ("duplicate JSON keys", STATEMENT, b'{"id": "oped-a", "id": "oped-b", "type": "Claim"}', 400, "twice"),
    ("UTF-16 body", STATEMENT, json.dumps(SAVE).encode("utf-16"), 400, "UTF-16"),
    ("UTF-16 without a mark", STATEMENT, json.dumps(SAVE).encode("utf-16-le"), 400, "UTF-16"),
    ("NaN", STATEMENT, b'{"id": "oped-a", "amount": NaN}', 400, "NaN"),
    ("not an object", STATEMENT, b'["id"]', 400, "object"),
    ("statement id of an existing statement", STATEMENT, {**SAVE, "id": "p26-russia-requests-legal-guarantees"},
     422, "already names a statement"),
    ("entity id of an existing statement", ENTITY,
     {"id": "p26-russia-requests-legal-guarantees", "class": "State", "label": "Nowhere"}, 422, '"field":"id"'),
    ("entity id authors", ENTITY, {"id": "authors", "class": "Organisation", "label": "The Authors"}, 422,
     "author group"),
    ("entity id of an author group", ENTITY, {"id": f"authors-{DOC}", "class": "Group", "label": "Us"}, 422,
     "author group"),
    ("entity id of a document", ENTITY, {"id": DOC, "class": "Organisation", "label": "Op-ed Inc"}, 422,
     "document"),
    ("a second NATO", ENTITY, {"id": "nato-2", "class": "MilitaryAlliance", "label": "NATO"}, 422,
     '"field":"label"'),
    ("a class that is no entity class", ENTITY, {"id": "turkey", "class": "Claim", "label": "Turkey"}, 422,
     '"field":"type"'),
    ("a class that is a list", ENTITY, {"id": "turkey", "class": ["State"], "label": "Turkey"}, 422,
     '"field":"type"'),
    ("a figure without its unit", f"/curate/{DOC}/accept",
     {"id": SUGGESTION, "edits": {"type": "QuantityStatement", "amount": 3}}, 422, "a figure needs a unit"),
    ("a batch above no confidence", f"/curate/{DOC}/accept", {"above": "high"}, 422, '"field":"above"'),
    ("a batch of no ids", f"/curate/{DOC}/accept", {"ids": []}, 422, '"field":"id"'),
    ("edits that are a list", f"/curate/{DOC}/accept", {"id": SUGGESTION, "edits": ["mode"]}, 422, '"field":"edits"'),
    ("a new entity without a class", STATEMENT, {**SAVE, "entities": [{"id": "turkey", "label": "Turkey"}]}, 422,
     '"field":"entities[0].type"'),
    ("a proposal without its mechanism", STATEMENT, {**SAVE, "type": "Proposal", "status": "proposed",
                                                     "agent": "nato"}, 422, '"field":"mechanism"'),
    ("a body too large", STATEMENT, b'{"note": "' + b"x" * 70_000 + b'"}', 413, "larger"),
]


@pytest.mark.parametrize("name, path, body, status, words", CASES, ids=[c[0] for c in CASES])
def test_a_bad_value_is_refused_in_words_and_writes_nothing(server, name, path, body, status, words):
    project, base = server
    before = tree(project.root)
    raw = body if isinstance(body, bytes) else None
    got, answer = send(base, path, None if raw else body, raw=raw)
    text = answer.decode("utf-8")
    assert got == status, text
    assert words in text, text
    data = json.loads(text)
    assert data["error"] and "\n" not in data["error"]
    assert "Validation Report" not in text and "sh:" not in text  # words, never a raw report
    if got == 422:
        assert all(set(e) == {"field", "message"} for e in data["errors"])
    assert tree(project.root) == before


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example:{port}", "Origin": "http://evil.example:{port}"},  # DNS rebinding: they agree
    {"Host": "evil.example:{port}"},
    {"Origin": "http://evil.example:{port}"},
    {"Origin": "http://127.0.0.1:1"},  # another port of this machine
    {"Host": "127.0.0.1:1", "Origin": "http://127.0.0.1:1"},
    {"Sec-Fetch-Site": "cross-site"},
], ids=["rebinding", "host", "origin", "other port", "other port both", "cross-site"])
def test_a_write_naming_another_address_is_refused(server, headers):
    project, base = server
    before = tree(project.root)
    named = {k: v.format(port=port(base)) for k, v in headers.items()}
    got, answer = send(base, STATEMENT, SAVE, headers=named)
    assert got == 403, answer
    assert tree(project.root) == before


def test_a_rebinding_page_cannot_read_the_token(server):
    _, base = server
    status, _, body = fetch(f"{base}/doc/{DOC}", headers={**HTML, "Host": f"evil.example:{port(base)}"})
    assert status == 403 and b"peacekg-token" not in body
    status, _, _ = fetch(f"{base}/doc/{DOC}", headers={**HTML, "Host": f"localhost:{port(base)}"})
    assert status == 200


def sparql(base: str, query: str):
    status, _, body = fetch(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}),
                            headers={"Accept": "application/sparql-results+json"})
    return status, body


def test_after_a_save_every_answer_comes_from_the_new_graph(server):
    project, base = server
    ask = "SELECT ?s WHERE { ?s rdfs:label 'Kyiv Monitoring Cell'@en }"
    assert b"kyiv-monitoring-cell" not in sparql(base, ask)[1]  # and now cached
    assert b"kyiv-monitoring-cell" not in fetch(f"{base}/api/search?q=Monitoring+Cell")[2]
    big = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000"
    assert sparql(base, big)[0] == 422  # --max-bytes 20000
    _, _, state = fetch(f"{base}/api/curate/{DOC}/state")
    version = json.loads(state)["graph_version"]
    got, answer = send(base, ENTITY, {"id": "kyiv-monitoring-cell", "class": "Organisation",
                                      "label": "Kyiv Monitoring Cell"})
    assert got == 200, answer
    saved = json.loads(answer)
    assert saved["ok"] is True and saved["graph_version"] != version
    assert b"kyiv-monitoring-cell" in sparql(base, ask)[1]
    assert b"kyiv-monitoring-cell" in fetch(f"{base}/api/search?q=Monitoring+Cell")[2]
    assert b"Kyiv Monitoring Cell" in fetch(f"{base}/search?q=Monitoring+Cell", headers=HTML)[2]
    queries = urllib.parse.quote(json.dumps({"q0": {"query": "Kyiv Monitoring Cell"}}))
    assert b"kyiv-monitoring-cell" in fetch(f"{base}/reconcile?queries={queries}")[2]
    assert b"<h1>Kyiv Monitoring Cell</h1>" in fetch(f"{base}/id/kyiv-monitoring-cell", headers=HTML)[2]
    assert sparql(base, big)[0] == 422  # the limit still holds
    got, answer = send(base, STATEMENT, {**SAVE, "about": ["kyiv-monitoring-cell"]})
    assert got == 200, answer
    count = "SELECT (COUNT(?s) AS ?n) WHERE { ?s pko:about pkr:kyiv-monitoring-cell }"
    assert b'"1"' in sparql(base, count)[1]
    _, _, page = fetch(f"{base}/doc/{DOC}", headers=HTML)
    assert 'id="ev-oped-guarantors-least-bad"' in page.decode()
    state = json.loads(fetch(f"{base}/api/curate/{DOC}/state")[2])
    assert "oped-guarantors-least-bad" in {s["id"] for s in state["statements"]}
    assert "kyiv-monitoring-cell" in {e["id"] for e in state["entities"]}


def test_accept_with_a_new_actor_and_mechanism_then_undo(server):
    project, base = server
    curated = project.statements_dir / f"{DOC}.yaml"
    before = {p: p.read_bytes() for p in (curated, project.entities_source,
                                          project.statements_dir / f"{DOC}.suggested.yaml")}
    sid = f"{DOC}-p03-s3-claim-authors"  # "Kyiv, for its part, proposed international monitors along the line."
    state = json.loads(fetch(f"{base}/api/curate/{DOC}/state")[2])
    assert sid in {s["id"] for s in state["suggestions"]}, [s["id"] for s in state["suggestions"]]
    assert "Monitoring" in state["vocab"]["mechanismClasses"] and "State" in state["vocab"]["entityClasses"]
    got, answer = send(base, f"/curate/{DOC}/accept", {
        "id": sid, "edits": {"type": "Proposal", "status": "proposed", "mechanism": "line-monitors",
                             "agent": "kyiv-delegation", "mode": "reported", "about": None},
        "entities": [{"id": "line-monitors", "class": "Monitoring", "label": "international monitors along the line"},
                     {"id": "kyiv-delegation", "class": "Delegation", "label": "Kyiv delegation"}]})
    assert got == 200, answer
    assert "id: line-monitors" in project.entities_source.read_text(encoding="utf-8")
    assert f"id: {sid}" in curated.read_text(encoding="utf-8")
    rows = sparql(base, "SELECT ?a WHERE { ?a pko:proposes pkr:line-monitors }")[1]
    assert b"kyiv-delegation" in rows
    got, answer = send(base, f"/curate/{DOC}/undo", {})
    assert got == 200, answer
    assert {p: p.read_bytes() for p in before} == before
    assert b"kyiv-delegation" not in sparql(base, "SELECT ?a WHERE { ?a pko:proposes pkr:line-monitors }")[1]


def test_a_build_on_the_command_line_is_picked_up(server):
    project, base = server
    state = json.loads(fetch(f"{base}/api/curate/{DOC}/state")[2])
    result = CliRunner().invoke(cli, ["build", "--no-reason"], env={"PEACEKG_ROOT": str(project.root)})
    assert result.exit_code == 0, result.output
    os.utime(project.graph_dir / "entities.ttl")  # a build that changed a file (this one rewrote none)
    time.sleep(0.6)
    fetch(f"{base}/health")
    after = json.loads(fetch(f"{base}/api/curate/{DOC}/state")[2])
    assert after["outside_build"] is not None and after["graph_version"] != state["graph_version"]
    got, answer = send(base, STATEMENT, {**SAVE, "id": "oped-after-outside-build", "mode": "claim"})
    assert got == 200, answer


def test_a_server_killed_while_judging_a_save_leaves_every_file(tmp_path):
    project = with_oped(tmp_path / "p")
    env = {**os.environ, "PEACEKG_ROOT": str(project.root), "PEACEKG_FAULTS": "curate.compile=sleep:30"}
    process = subprocess.Popen([sys.executable, "-m", "peacekg", "serve", "--port", "0", "--curate",
                                "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env)
    try:
        base = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline()).group(0)
        for _ in range(600):
            try:
                if fetch(f"{base}/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        token = token_of(base)
        before = tree(project.root)
        answered = []

        def save(body):
            try:
                answered.append(send(base, STATEMENT, body, token=token))
            except OSError:  # the server was killed
                pass

        for body in ({**SAVE, "quote": "peace is at hand"}, SAVE):  # a refused save, then one it would accept
            threading.Thread(target=save, args=(body,), daemon=True).start()
            time.sleep(3)  # the save is being judged (the fault holds it there)
            assert tree(project.root) == before
        assert answered == []  # both still being judged when the server dies
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        assert tree(project.root) == before
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
