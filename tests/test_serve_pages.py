"""The pages of ``peacekg serve`` over HTTP: dereferencing, negotiation, escaping, assets."""

from __future__ import annotations

import http.client
import re
import urllib.parse

import pytest
from pyoxigraph import RdfFormat, parse

from .serving import HOSTILE_LABEL, hostile_copy, running_server
from .test_serve_endpoint import fetch

STATEMENT = "p26-russia-requests-legal-guarantees"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = hostile_copy(tmp_path_factory.mktemp("hostile"))
    with running_server(root) as base:
        yield base


HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_entity_page_shows_label_type_statements_and_evidence(server):
    status, headers, body = fetch(server + "/id/russia", headers=HTML)
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>Russia</h1>" in page
    assert 'href="/ontology#State"' in page
    assert f'href="/statement/{STATEMENT}"' in page
    assert "Russia’s insistence on legal security guarantees for its minorities" in page
    assert f'href="/doc/carment-belo-ukraine#ev-{STATEMENT}"' in page
    assert ">requested</a>" in page  # the status
    assert 'class="hood"' in page and "proposals or recommendations by Russia: mechanism" in page  # the neighbourhood picture


def test_entity_page_links_to_wikidata(server):
    _, _, body = fetch(server + "/id/nato", headers=HTML)
    assert 'href="http://www.wikidata.org/entity/Q7184"' in body.decode()
    _, _, body = fetch(server + "/id/russia", headers=HTML)
    assert re.search(r'Wikidata: <a class="external" href="http://www.wikidata.org/entity/Q159"[^>]*>Russia \(Q159\)</a>',
                     body.decode())
    links = body.decode().split('<p class="links">')[1].split("</p>")[0]
    assert re.sub(r"<[^>]*>", "", links) == "Wikidata: Russia (Q159)"  # no skos:exactMatch for the reader


def test_evidence_page_is_titled_by_its_quote(server):
    _, _, body = fetch(f"{server}/evidence/{STATEMENT}", headers=HTML)
    page = body.decode()
    assert "<h1>“Russia’s insistence on legal security guarantees for its minorities”</h1>" in page
    assert "<title>“Russia’s insistence" in page


def test_every_link_to_a_page_of_the_graph_opens(server):
    """Follow every local link of an entity page and a statement page: none is a dead end."""
    links = set()
    for path in ("/id/angela-merkel", f"/statement/{STATEMENT}"):
        _, _, body = fetch(server + path, headers=HTML)
        links |= {href.split("#")[0] for href in re.findall(r'href="(/[^"]*)"', body.decode())}
    assert any(link.startswith("/statement/") for link in links)
    for link in sorted(links):
        assert fetch(server + link, headers=HTML)[0] == 200, link


def test_statement_page_links_back_to_its_place_in_the_essay(server):
    _, _, body = fetch(f"{server}/statement/{STATEMENT}", headers=HTML)
    page = body.decode()
    assert 'class="to-essay"' in page and f"/doc/carment-belo-ukraine#ev-{STATEMENT}" in page
    assert 'href="/id/united-states"' in page  # rejected by
    _, _, essay = fetch(server + "/doc/carment-belo-ukraine", headers=HTML)
    assert f'id="ev-{STATEMENT}"' in essay.decode()


def test_essay_highlights_every_evidence_span_in_the_seed_text(server, project):
    _, _, body = fetch(server + "/doc/carment-belo-ukraine", headers=HTML)
    page = body.decode()
    anchors = set(re.findall(r'id="ev-([a-z0-9-]+)"', page))
    import yaml

    records = yaml.safe_load((project.root / "graph/statements/carment-belo-ukraine.yaml").read_text())["statements"]
    ids = {r["id"] for r in records} | {f"{r['id']}-{n + 2}" for r in records for n in range(len(r.get("also", [])))}
    assert anchors == ids  # one anchor per passage: a statement said twice has two
    text = re.sub(r"<[^>]+>", "", page.split('id="essay"', 1)[1].split("</article>", 1)[0])
    assert "Russia’s insistence on legal security guarantees" in text


def _panel_line(page: str, evidence: str) -> str:
    """The plain text of the side panel's line for the one statement of an evidence span."""
    section = page.split(f'<section class="supports" data-for="{evidence}"', 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", "", section.split('class="by">', 1)[1].split("</li>", 1)[0]).split())


def test_the_essay_panel_says_the_holder_apart_from_the_speaker(server):
    """Russia requested the guarantees; the authors report it: the panel says both, each by its name."""
    _, _, body = fetch(server + "/doc/carment-belo-ukraine", headers=HTML)
    page = body.decode()
    line = _panel_line(page, STATEMENT)
    assert line.endswith("requested by Russia, reported by the authors"), line
    assert "David Carment" not in line  # the speaker is not given as the one who requested
    holder = page.split(f'data-for="{STATEMENT}"', 1)[1].split('class="holder"', 1)[1].split("</span>", 1)[0]
    assert 'href="/id/russia"' in holder and "authors" not in holder
    assert _panel_line(page, "p01-us-goal-end-putin-regime").endswith("goal by United States, imputed by the authors")
    assert _panel_line(page, "p02-merkel-no-military-solution").startswith("position (denied):")
    assert _panel_line(page, "p26-last-resort").endswith("the authors’ assessment")  # the authors' own, no holder


def test_the_timeline_page_keeps_dated_statements_without_a_holder(server):
    _, _, body = fetch(server + "/timeline", headers=HTML)
    page = body.decode()
    items = page.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0].split("<li>")[1:]
    lost = [i for i in items if 'href="/statement/p11-lives-lost"' in i]
    assert len(lost) == 2  # from 2014 until 2022: the deaths the text counts, which no one holds
    assert all(" by " not in re.sub(r"<[^>]+>", "", i.split('class="by"', 1)[1]) for i in lost)
    assert any('href="/statement/p03-scholz-speech"' in i and 'href="/id/olaf-scholz"' in i for i in items)


@pytest.mark.parametrize("accept, fmt", [
    ("text/turtle", RdfFormat.TURTLE),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/n-triples", RdfFormat.N_TRIPLES),
])
def test_resources_give_rdf_to_clients_that_ask(server, accept, fmt):
    status, headers, body = fetch(f"{server}/statement/{STATEMENT}", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(fmt.media_type)
    triples = {str(t) for t in parse(body, format=fmt)}
    assert (f"<https://w3id.org/peacekg/statement/{STATEMENT}> <https://w3id.org/peacekg/ontology#rejectedBy> "
            "<https://w3id.org/peacekg/id/united-states>") in triples
    assert any('oa#exact> "Russia’s insistence' in t for t in triples)  # its evidence comes along
    status, _, body = fetch(f"{server}/id/nato?format=turtle")
    assert status == 200 and b"pkr:nato" in body


def test_unknown_resources_are_404(server):
    assert fetch(server + "/id/no-such-thing", headers=HTML)[0] == 404
    assert fetch(server + "/doc/no-such-doc", headers=HTML)[0] == 404
    assert fetch(server + "/resource?iri=javascript:alert(1)", headers=HTML)[0] == 400


def test_ontology_page_and_its_turtle(server):
    status, _, body = fetch(server + "/ontology", headers=HTML)
    assert status == 200 and b'id="Proposal"' in body and b"peacekg ontology" in body
    status, _, body = fetch(server + "/ontology", headers={"Accept": "text/turtle"})
    assert status == 200 and b"pko:Proposal" in body


def test_hostile_labels_render_as_text(server):
    for path in ("/id/hostile", "/statement/p03-scholz-reversal", "/doc/carment-belo-ukraine", "/id/"):
        _, _, body = fetch(server + path, headers=HTML)
        page = body.decode()
        assert "window.__pwned" in page or path == "/id/", path
        assert "<script>window.__pwned" not in page and "<img src=x" not in page, path
        assert 'href="javascript:' not in page, path
    _, _, body = fetch(server + "/id/hostile", headers=HTML)
    page = body.decode()
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "javascript:window.__pwned=3" in page  # shown as text, not linked


def _raw_get(base: str, path: str) -> tuple[int, bytes]:
    """A request whose path is sent as written: no client-side '..' clean-up."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/../../peacekg/web/app.py", "/static/..%2fapp.py",
    "/static/%2e%2e/%2e%2e/cli.py", "/static/vendor/../../templates/base.html",
    "/static/..%5c..%5ccli.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
])
def test_nothing_outside_the_assets_is_served(server, path):
    status, body = _raw_get(server, path)
    assert status in (400, 404), (path, status)
    assert b"import" not in body and b"root:" not in body and b"{% block" not in body


def test_every_asset_comes_from_this_server(server):
    for path in ("/", "/query", "/id/russia", "/doc/carment-belo-ukraine", "/id/", "/ontology"):
        _, _, body = fetch(server + path, headers=HTML)
        page = body.decode()
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page):
            for url in re.findall(r'(?:src|href)="([^"]*)"', tag):
                assert url.startswith(("/", "#", "data:")), (path, tag)
    _, _, js = fetch(server + "/static/query.js")
    assert b"http://" not in js and b"cdn" not in js.lower()


def test_the_essay_filters_name_the_speaker_the_text_cites():
    """The speaker filter reads pko:assertedBy: the Biden administration is cited as a source, not the authors."""
    from peacekg.query.store import open_store
    from peacekg.web.essay_filters import filters

    data = filters(open_store(), "https://w3id.org/peacekg/doc/carment-belo-ukraine")
    speakers = {o["id"]: o["count"] for o in data["options"]["speaker"]}
    assert set(speakers) == {"authors-carment-belo-ukraine", "biden-administration"} and speakers["biden-administration"] == 1
    holders = {o["id"] for o in data["options"]["holder"]}
    assert "" not in holders and "russia" in holders


def test_a_long_list_of_statements_comes_in_pages(project, monkeypatch):
    from peacekg.query.store import open_store
    from peacekg.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 7)
    store, russia = open_store(project), "https://w3id.org/peacekg/id/russia"
    shown = []
    number = 1
    while (html := pages._resource_html(store, russia, [], number)) is not None:
        body = html.split("<table class=\"statements\">", 1)[1].split("</table>", 1)[0]
        shown.append(re.findall(r'<tr>\s*<td><a href="(/statement/[^"]+)"', body))
        number += 1
    assert len(shown) >= 3 and all(len(page) == 7 for page in shown[:-1]) and 1 <= len(shown[-1]) <= 7
    monkeypatch.setattr(pages, "PAGE_SIZE", 100_000)
    whole = re.findall(r'<tr>\s*<td><a href="(/statement/[^"]+)"',
                       pages._resource_html(store, russia, [], 1).split('<table class="statements">', 1)[1])
    assert [href for page in shown for href in page] == whole
    assert 'rel="next" href="?page=2"' not in pages._resource_html(store, russia, [], 1)


@pytest.mark.parametrize("query, status", [("?page=0", 400), ("?page=x", 400), ("?page=999", 404), ("?page=1", 200)])
def test_page_numbers_are_checked(server, query, status):
    assert fetch(server + "/id/russia" + query, headers=HTML)[0] == status
