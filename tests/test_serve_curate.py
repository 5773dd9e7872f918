"""``peacekg serve --curate`` over HTTP: token-guarded writes through the build's checks, a
refused write changing no file, and the graph reloaded after a save. The project is a
temporary copy holding the made-up op-ed (tests/data/curate/oped.txt)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.project import Project
from peacekg.query.run import run_query

from .conftest import DATA, copy_project
from .serving import running_server
from .test_serve_endpoint import fetch

DOC = "oped"
HTML = {"Accept": "text/html"}


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".peacekg-cache" not in p.parts}


def with_oped(root: Path) -> Project:
    project = copy_project(root)
    env = {"PEACEKG_ROOT": str(project.root)}
    runner = CliRunner()
    added = runner.invoke(cli, ["add", str(DATA / "curate" / "oped.txt"), "--id", DOC, "--author", "Lena Marsh",
                                "--no-reason"], env=env)
    assert added.exit_code == 0, added.output
    assert runner.invoke(cli, ["suggest", DOC, "--extractor", "rules"], env=env).exit_code == 0
    return project


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    project = with_oped(tmp_path_factory.mktemp("curate") / "p")
    with running_server(project.root, "--curate", "--workers", "1") as base:
        yield project, base


def token_of(base: str) -> str:
    _, _, body = fetch(f"{base}/doc/{DOC}", headers=HTML)
    return re.search(r'<meta name="peacekg-token" content="([^"]+)">', body.decode()).group(1)


def post(base: str, path: str, body: dict, *, token: str | None, headers: dict | None = None):
    sent = {"Content-Type": "application/json", **(headers or {})}
    if token is not None:
        sent["X-Peacekg-Token"] = token
    status, _, answer = fetch(base + path, data=json.dumps(body).encode(), headers=sent, method="POST")
    return status, answer.decode()


CLAIM = {"id": "oped-monitors-cheaper", "kind": "Claim", "holder": "authors", "speaker": "authors",
         "mode": "asserted", "about": ["government-of-ukraine"],
         "quote": "they are cheaper than another winter of fighting", "paragraph": 4}

REFUSED = [
    ("no token", f"/curate/{DOC}/statement", CLAIM, None, {}, 403, "token"),
    ("wrong token", f"/curate/{DOC}/statement", CLAIM, "forged", {}, 403, "token"),
    ("another origin", f"/curate/{DOC}/statement", CLAIM, "TOKEN", {"Origin": "http://evil.example"}, 403,
     "refused"),
    ("span not in the text", f"/curate/{DOC}/statement", {**CLAIM, "quote": "peace is at hand"}, "TOKEN", {},
     422, '"field":"quote"'),
    ("unknown entity", f"/curate/{DOC}/statement", {**CLAIM, "about": ["atlantis"]}, "TOKEN", {}, 422,
     "no entity 'atlantis'"),
    ("existing id", f"/curate/{DOC}/statement", {**CLAIM, "id": "p26-russia-requests-legal-guarantees"},
     "TOKEN", {}, 422, "already names a statement"),
    ("unknown document", "/curate/no-such-doc/statement", CLAIM, "TOKEN", {}, 404, "no document"),
    ("hostile label", "/curate/entity", {"id": "forum", "type": "Organisation",
                                         "label": "<img src=x onerror=alert(1)>"}, "TOKEN", {}, 422, "markup"),
    ("existing entity", "/curate/entity", {"id": "nato", "type": "Organisation", "label": "NATO"}, "TOKEN", {},
     422, "already names the entity"),
    ("unknown suggestion", f"/curate/{DOC}/accept", {"id": "nope"}, "TOKEN", {}, 404, "no suggestion"),
]


@pytest.mark.parametrize("name, path, body, token, headers, status, message", REFUSED,
                         ids=[r[0] for r in REFUSED])
def test_a_refused_write_says_why_and_changes_no_file(curated, name, path, body, token, headers, status,
                                                      message):
    project, base = curated
    before = tree(project.root)
    got, answer = post(base, path, body, token=token_of(base) if token == "TOKEN" else token, headers=headers)
    assert got == status, answer
    assert message in answer
    assert tree(project.root) == before


def test_a_form_post_is_not_a_write(curated):
    project, base = curated
    before = tree(project.root)
    status, _, _ = fetch(f"{base}/curate/{DOC}/statement", data=b"id=x", method="POST",
                         headers={"Content-Type": "application/x-www-form-urlencoded",
                                  "X-Peacekg-Token": token_of(base)})
    assert status == 415
    assert tree(project.root) == before


def test_a_save_appends_builds_and_shows_the_new_statement(curated):
    project, base = curated
    path = project.statements_dir / f"{DOC}.yaml"
    before = path.read_text(encoding="utf-8")
    status, answer = post(base, f"/curate/{DOC}/statement", CLAIM, token=token_of(base))
    assert status == 200, answer
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.split("statements:")[0])  # the header comment is kept
    assert "  - id: oped-monitors-cheaper\n    type: Claim\n    agent: authors\n" in after
    assert "    mode: claim\n" in after  # the form's "asserted" is the ontology's mode claim
    _, _, page = fetch(f"{base}/doc/{DOC}", headers=HTML)
    assert 'id="ev-oped-monitors-cheaper"' in page.decode()
    rows = run_query("statements-about", endpoint=f"{base}/sparql", project=project,
                     entity="government-of-ukraine")
    assert any(r["statement"].endswith("/oped-monitors-cheaper") for r in rows)


def test_accept_and_reject_suggestions(curated):
    project, base = curated
    suggested = project.statements_dir / f"{DOC}.suggested.yaml"
    sid = f"{DOC}-p04-s3-claim-authors"
    assert sid in suggested.read_text(encoding="utf-8")
    status, answer = post(base, f"/curate/{DOC}/accept", {"id": sid}, token=token_of(base))
    assert status == 200, answer
    assert sid not in suggested.read_text(encoding="utf-8")
    text = (project.statements_dir / f"{DOC}.yaml").read_text(encoding="utf-8")
    assert f"id: {sid}" in text
    assert "supports" not in text  # it supported a suggestion not accepted: the relation is dropped
    curated_before = (project.statements_dir / f"{DOC}.yaml").read_bytes()
    gone = f"{DOC}-p05-s1-claim-authors"
    status, answer = post(base, f"/curate/{DOC}/reject", {"id": gone}, token=token_of(base))
    assert status == 200, answer
    left = yaml.safe_load(suggested.read_text(encoding="utf-8"))["statements"]
    assert gone not in {s["id"] for s in left} and left
    assert (project.statements_dir / f"{DOC}.yaml").read_bytes() == curated_before


def test_an_entity_is_registered(curated):
    project, base = curated
    status, answer = post(base, "/curate/entity", {"id": "helsinki-mediation-forum", "type": "Organisation",
                                                   "label": "Helsinki Mediation Forum"}, token=token_of(base))
    assert status == 200, answer
    assert project.entities_source.read_text(encoding="utf-8").endswith(
        "  - id: helsinki-mediation-forum\n    type: Organisation\n    label: Helsinki Mediation Forum\n")
    _, _, page = fetch(f"{base}/id/helsinki-mediation-forum", headers=HTML)
    assert "<h1>Helsinki Mediation Forum</h1>" in page.decode()


def test_without_curate_the_server_stays_read_only(tmp_path):
    project = with_oped(tmp_path / "p")
    before = tree(project.root)
    with running_server(project.root, "--workers", "1") as base:
        _, _, page = fetch(f"{base}/doc/{DOC}", headers=HTML)
        assert "peacekg-token" not in page.decode() and 'id="curate"' not in page.decode()
        status, _ = post(base, f"/curate/{DOC}/statement", CLAIM, token="anything")
        assert status in (404, 405)
        _, _, index = fetch(f"{base}/doc/", headers=HTML)
        assert f'href="/doc/{DOC}"' in index.decode() and 'href="/doc/carment-belo-ukraine"' in index.decode()
    assert tree(project.root) == before


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "example.org"])
def test_curate_refuses_a_host_that_is_not_loopback(project, host):
    result = CliRunner().invoke(cli, ["serve", "--curate", "--host", host, "--port", "0"],
                                env={"PEACEKG_ROOT": str(project.root)})
    assert result.exit_code == 2
    assert "only on a loopback address" in result.output


def test_an_incomplete_suggestion_can_be_rejected(curated):
    """A suggestion the build would refuse (under `incomplete`) is rejected like any other (issue 22)."""
    project, base = curated
    suggested = project.statements_dir / f"{DOC}.suggested.yaml"
    data = yaml.safe_load(suggested.read_text(encoding="utf-8"))
    sid = f"{DOC}-incomplete-test"
    quote = data["statements"][0]["quote"]
    data.setdefault("incomplete", []).append({"id": sid, "type": "QuantityStatement", "quote": quote,
                                              "refused": ["a figure needs a unit"]})
    suggested.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    curated_before = (project.statements_dir / f"{DOC}.yaml").read_bytes()
    status, answer = post(base, f"/curate/{DOC}/reject", {"id": sid}, token=token_of(base))
    assert status == 200, answer
    left = yaml.safe_load(suggested.read_text(encoding="utf-8"))
    assert sid not in {s["id"] for s in left.get("incomplete") or []}
    assert len(left["statements"]) == len(data["statements"])  # the others stay
    assert (project.statements_dir / f"{DOC}.yaml").read_bytes() == curated_before
    status, answer = post(base, f"/curate/{DOC}/reject", {"id": sid}, token=token_of(base))
    assert status == 404 and "no suggestion" in answer, answer  # gone: rejected once
