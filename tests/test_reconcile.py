"""The Reconciliation Service at /reconcile, against a real server, every answer validated against the
Reconciliation API 0.2 JSON Schemas (tests/data/reconciliation-api, from reconciliation-api/specs)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from .serving import running_server
from .test_serve_endpoint import fetch

SCHEMAS = Path(__file__).resolve().parent / "data" / "reconciliation-api"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        resources.append((schema["$id"], resource))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def valid(name: str, payload) -> None:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema, registry=REGISTRY).iter_errors(payload), key=str)
    assert not errors, "\n".join(str(e)[:300] for e in errors)


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root, "--workers", "1") as base:
        yield base


def get_json(url: str):
    status, headers, body = fetch(url)
    assert status == 200, body
    return json.loads(body)


def reconcile(server: str, queries: dict, *, post: bool = True):
    valid("reconciliation-query-batch", queries)
    data = urllib.parse.urlencode({"queries": json.dumps(queries)}).encode()
    if post:
        status, _, body = fetch(server + "/reconcile", data=data,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, _, body = fetch(server + "/reconcile?" + data.decode())
    assert status == 200, body
    answer = json.loads(body)
    valid("reconciliation-result-batch", answer)
    return answer


def test_the_manifest(server):
    manifest = get_json(server + "/reconcile")
    valid("manifest", manifest)
    assert manifest["versions"] == ["0.2"] and manifest["identifierSpace"] == "https://w3id.org/peacekg/id/"
    status, headers, body = fetch(server + "/reconcile?callback=jsonp123")
    assert body.startswith(b"jsonp123(") and headers["Content-Type"].startswith("application/javascript")


def test_a_spreadsheet_of_actors_and_places(server):
    answer = reconcile(server, {
        "q0": {"query": "Russia"},
        "q1": {"query": "Moscow", "type": "Government"},
        "q2": {"query": "Angela Merkel", "type": ["Person"], "limit": 3},
        "q3": {"query": "Crimean peninsula", "type": "Place", "limit": 2},
        "q4": {"query": "Zzyzx nowhere"},
    })
    top = {k: v["result"][0] if v["result"] else None for k, v in answer.items()}
    assert top["q0"]["id"] == "russia" and top["q0"]["match"] and top["q0"]["score"] == 100
    assert "Wikidata Q159" in top["q0"]["description"]
    assert top["q1"]["id"] == "government-of-russia"  # the type filter picks the government, not the city
    assert len(answer["q2"]["result"]) <= 3 and top["q2"]["id"] == "angela-merkel" and top["q2"]["match"]
    assert top["q3"]["id"] == "crimea" and not top["q3"]["match"] and len(answer["q3"]["result"]) <= 2
    assert answer["q4"]["result"] == []
    features = {f["id"]: f["value"] for f in top["q0"]["features"]}
    assert features["name_exact"] is True and features["name_similarity"] == 100


def test_a_wikidata_qid_as_property_and_by_get(server):
    answer = reconcile(server, {"q0": {"query": "Kyiv government",
                                       "properties": [{"pid": "wikidata", "v": "Q613729"}]}}, post=False)
    best = answer["q0"]["result"][0]
    assert best["id"] == "government-of-ukraine" and best["match"]
    assert {f["id"]: f["value"] for f in best["features"]}["wikidata_match"] is True


def test_data_extension_gives_the_wikidata_qids(server):
    extend = {"ids": ["russia", "donbas"], "properties": [{"id": "wikidata"}]}
    valid("data-extension-query", extend)
    answer = get_json(server + "/reconcile?" + urllib.parse.urlencode({"extend": json.dumps(extend)}))
    valid("data-extension-response", answer)
    assert answer["rows"]["russia"]["wikidata"] == [{"str": "Q159"}] and answer["rows"]["donbas"]["wikidata"] == []
    proposal = get_json(server + "/reconcile/properties?type=State")
    valid("data-extension-property-proposal", proposal)


def test_suggest_and_preview(server):
    entities = get_json(server + "/reconcile/suggest/entity?prefix=merk")
    valid("suggest-entities-response", entities)
    assert [r["id"] for r in entities["result"]] == ["angela-merkel"]
    types = get_json(server + "/reconcile/suggest/type?prefix=sta")
    valid("suggest-types-response", types)
    assert {"id": "State", "name": "State"} in types["result"]
    props = get_json(server + "/reconcile/suggest/property?prefix=wiki")
    valid("suggest-properties-response", props)
    assert props["result"][0]["id"] == "wikidata"
    status, headers, body = fetch(server + "/reconcile/preview?id=russia")
    assert status == 200 and b"Q159" in body and headers["Content-Type"].startswith("text/html")
    assert fetch(server + "/reconcile/preview?id=nobody")[0] == 404


def test_a_bad_batch_is_400(server):
    status, _, body = fetch(server + "/reconcile?queries=not-json")
    assert status == 400 and b"JSON" in body
