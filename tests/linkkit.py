"""Real servers for the link tests, all on 127.0.0.1: Oxigraph, and a small proxy that misbehaves.

``oxigraph serve`` (from PyPI) holds a Wikidata-shaped fixture. The proxy
(``http.server``) forwards to it and counts requests, or plays a fault: slow,
429 with ``Retry-After``, 503 after some requests, a malformed body.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import pytest
import yaml

from peacekg.project import Project

from . import oxigraph_server
from .local_http import serving
from .conftest import DATA, copy_project

FIXTURE = DATA / "links" / "wikidata-fixture.ttl"
EXTRA_ENTITIES = DATA / "links" / "extra-entities.yaml"


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory) -> str:
    """The fixture served by a real Oxigraph on 127.0.0.1 (read-only); its SPARQL query URL."""
    if oxigraph_server.oxigraph_binary() is None:
        pytest.skip("oxigraph (the server from PyPI, in the test extra) is not installed")
    location = tmp_path_factory.mktemp("oxigraph")
    oxigraph_server.load(location, FIXTURE)
    process, server = oxigraph_server.start(location, read_only=True, union_default_graph=False)
    yield server.query
    oxigraph_server.stop(process)


@dataclass
class Proxy:
    """What the proxy does: forward, or play a fault; and what it saw."""

    upstream: str
    mode: str = "forward"  # forward | slow | 429 | 503-after | malformed
    delay: float = 0.0
    faults: int = 1  # how many 429s before forwarding; how many forwards before 503s
    status: int = 429  # what the "429" mode answers (429 or 503), with Retry-After: 1
    requests: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    url: str = ""


def _handler(proxy: Proxy):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

        def do_GET(self):  # noqa: N802 - http.server's naming
            proxy.requests.append(self.path)
            proxy.agents.append(self.headers.get("User-Agent", ""))
            n = len(proxy.requests)
            if proxy.mode == "429" and n <= proxy.faults:
                return self._send(proxy.status, b"slow down", {"Retry-After": "1"})
            if proxy.mode == "503-after" and n > proxy.faults:
                return self._send(503, b"unavailable", {})
            if proxy.mode == "malformed":
                return self._send(200, b'{"head": {"vars": [', {"Content-Type": "application/sparql-results+json"})
            if proxy.mode == "slow":
                time.sleep(proxy.delay)
            query = self.path.split("?", 1)[1] if "?" in self.path else ""
            request = urllib.request.Request(f"{proxy.upstream}?{query}",
                                             headers={"Accept": self.headers.get("Accept", "*/*")})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    body, ctype = answer.read(), answer.headers.get("Content-Type", "")
                    return self._send(answer.status, body, {"Content-Type": ctype})
            except urllib.error.HTTPError as exc:
                return self._send(exc.code, exc.read(), {})
            except (ConnectionError, OSError):
                return None  # the client went away (it timed out)

        def _send(self, status, body, headers):
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (ConnectionError, OSError):
                pass

    return Handler


@pytest.fixture
def proxy(oxigraph_endpoint):
    """A proxy in front of the Oxigraph server; set its mode in the test."""
    state = Proxy(oxigraph_endpoint)
    with serving(_handler(state)) as base:
        state.url = base + "/sparql"
        yield state


def add_entities(project: Project) -> None:
    """Append the test's extra entities that the registry does not hold yet."""
    registry = project.entities_source
    present = {e["id"] for e in yaml.safe_load(registry.read_text(encoding="utf-8"))["entities"]}
    extra = yaml.safe_load("entities:\n" + EXTRA_ENTITIES.read_text(encoding="utf-8"))["entities"]
    blocks = [f"  - id: {e['id']}\n    type: {e['type']}\n    label: {e['label']}\n"
              for e in extra if e["id"] not in present]
    text = registry.read_text(encoding="utf-8").rstrip("\n") + "\n"
    registry.write_text(text + "".join(blocks), encoding="utf-8")


HEADER = """#curie_map:
#  pkr: https://w3id.org/peacekg/id/
#  wd: http://www.wikidata.org/entity/
#mapping_set_id: https://w3id.org/peacekg/test
#license: https://creativecommons.org/licenses/by/4.0/
subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tconfidence\tmapping_date\tsee_also\tcomment
"""


def mapping_row(entity: str, qid: str, label: str, predicate: str = "skos:exactMatch", confidence: str = "0.9") -> str:
    return (f"pkr:{entity}\t{entity}\t{predicate}\twd:{qid}\t{label}\tsemapv:ManualMappingCuration\t"
            f"{confidence}\t2026-11-25\t\tEvidence: test {qid}. Sources: test source\n")


@pytest.fixture
def link_project(tmp_path, monkeypatch) -> Project:
    """A copy of the project with the test entities, a small curated mapping file, PEACEKG_ROOT set."""
    project = copy_project(tmp_path)
    add_entities(project)
    rows = [mapping_row("nato", "Q7184", "North Atlantic Treaty Organization"),
            mapping_row("osce", "Q81299", "Organization for Security and Co-operation in Europe")]
    (project.links_dir / "wikidata.sssom.tsv").write_text(HEADER + "".join(rows), encoding="utf-8")
    monkeypatch.setenv("PEACEKG_ROOT", str(project.root))
    return project


def snapshot(project: Project) -> dict[str, bytes | None]:
    """The bytes of the link files (None when absent), to show a failed run changed nothing."""
    paths = [project.links_dir / "wikidata.sssom.tsv", project.links_dir / "candidates.sssom.tsv",
             project.graph_dir / "wikidata.ttl"]
    return {p.name: (p.read_bytes() if p.exists() else None) for p in paths}
