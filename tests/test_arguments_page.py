"""The argument map page of a document, served by ``peacekg serve`` (no browser)."""

from __future__ import annotations

import json
import re

import pytest

from peacekg.query.store import open_store
from peacekg.web.arguments import argument_map

from .serving import running_server
from .test_serve_endpoint import fetch

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root) as base:
        yield base


def test_map_has_the_linked_statements_their_speakers_and_the_relations(project):
    page = argument_map(open_store(project), "carment-belo-ukraine")
    nodes = {e["data"]["id"].rsplit("/", 1)[-1]: e["data"] for e in page.elements if "source" not in e["data"]}
    edges = [(e["data"]["source"].rsplit("/", 1)[-1], e["data"]["label"], e["data"]["target"].rsplit("/", 1)[-1])
             for e in page.elements if "source" in e["data"]]
    assert ("p13-us-campaigns-failed", "example of", "p12-skewed-support-negative") in edges
    assert ("p16-nato-failed-to-anticipate", "part 2 of", "p10-threefold-answer") in edges
    assert ("p18-us-weakened-settlement", "restates", "p19-defensive-alliance-weakened-settlement") in edges
    assert nodes["p15-close-contact-incidents"]["speaker"] == "Biden administration"
    assert nodes["p15-close-contact-incidents"]["authors"] is False
    assert nodes["p01-us-goal-end-putin-regime"]["mode"] == "imputed"
    assert ("p10-threefold-answer", "answers", "p10-can-war-be-resolved") in edges  # issue 20's relations too
    assert ("p01-stakes-of-us-escalation", "conditional on", "p01-us-succeeds") in edges
    assert ("p23-west-supports-process", "option of", "p23-west-choice") in edges
    assert len(edges) == len(page.rows) == 98
    assert argument_map(open_store(project), "no-such-document") is None


def test_page_is_linked_from_the_essay_and_lists_every_relation(server):
    _, _, essay = fetch(server + "/doc/carment-belo-ukraine", headers=HTML)
    assert 'href="/doc/carment-belo-ukraine/arguments"' in essay.decode()
    status, _, body = fetch(server + "/doc/carment-belo-ukraine/arguments", headers=HTML)
    assert status == 200
    page = body.decode()
    data = json.loads(re.search(r'<script type="application/json" id="argument-data">(.*?)</script>', page, re.S)
                      .group(1))
    assert sum(1 for e in data if "source" in e["data"]) == page.count('<td class="relation">') == 98
    assert '<td class="relation">example of</td>' in page
    assert fetch(server + "/doc/no-such-document/arguments", headers=HTML)[0] == 404


def test_a_renamed_statement_still_dereferences_to_its_replacement(server):
    status, _, body = fetch(server + "/statement/p04-most-nations-oppose-sanctions?format=turtle")
    assert status == 200
    text = body.decode()
    assert "owl:deprecated true" in text and "p04-most-nations-do-not-support-sanctions" in text
