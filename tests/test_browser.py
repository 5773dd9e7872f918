"""The pages in a real browser: Debian's headless Chromium, driven by Selenium.

Never a browser download: the tests use /usr/bin/chromium and /usr/bin/chromedriver
(`apt-get install chromium chromium-driver`, as .ci/run does) and skip, saying
so, where they are absent. The README's screenshots they make go to a temporary
folder and are compared with docs/img/ (see tests/screenshots.py; refresh them
with `python -m tests.screenshots`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from . import screenshots
from .serving import HOSTILE_LABEL, hostile_copy, running_server

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
STATEMENT = "p26-russia-requests-legal-guarantees"
QUOTE = "Russia’s insistence on legal security guarantees for its minorities"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"),
]


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="peacekg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def server(project):
    with running_server(project.root) as base:
        yield base


def wait_for(driver, css: str, timeout: float = 30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def shot(driver, name: str, height: int = 1000) -> None:
    """A screenshot into this run's folder, compared with the committed one of the same name."""
    driver.set_window_size(1400, height)
    driver.save_screenshot(str(screenshots.folder() / name))
    driver.set_window_size(1400, 1000)
    screenshots.check(name)


def test_entity_page_leads_to_a_statement_and_its_place_in_the_essay(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/id/russia")
    wait_for(browser, ".hood")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Russia"
    browser.execute_script("document.getElementById('neighbourhood').scrollIntoView();")
    shot(browser, "entity-page.png")
    browser.execute_script("window.scrollTo(0, 0);")

    browser.find_element(By.CSS_SELECTOR, f"table.statements a[href='/statement/{STATEMENT}']").click()
    wait_for(browser, "blockquote.evidence a.to-essay")
    assert browser.current_url.endswith(f"/statement/{STATEMENT}")
    assert browser.find_element(By.CSS_SELECTOR, "blockquote.evidence mark").text == QUOTE

    browser.find_element(By.CSS_SELECTOR, "blockquote.evidence a.to-essay").click()
    wait_for(browser, "mark.ev.current")
    assert browser.current_url.endswith(f"/doc/carment-belo-ukraine#ev-{STATEMENT}")
    current = browser.find_elements(By.CSS_SELECTOR, "mark.ev.current")
    assert "".join(m.text for m in current).strip() == QUOTE
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", current[0])
    panel = browser.find_element(By.CSS_SELECTOR, f"section.supports[data-for='{STATEMENT}']")
    assert panel.is_displayed()
    assert panel.find_element(By.CSS_SELECTOR, "a.statement").get_attribute("href").endswith(f"/statement/{STATEMENT}")


def test_clicking_a_passage_lists_the_statements_it_supports(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/doc/carment-belo-ukraine")
    target = "p30-revive-normandy-and-tcg"
    mark = wait_for(browser, f"mark.ev[data-ev~='{target}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", mark)
    mark.click()
    panel = browser.find_element(By.CSS_SELECTOR, f"section.supports[data-for='{target}']")
    assert panel.is_displayed()
    assert "Normandy" in panel.text
    hidden = browser.find_elements(By.CSS_SELECTOR, "section.supports:not([hidden])")
    assert all(any(s.get_attribute("data-for") in m.get_attribute("data-ev").split()
                   for m in browser.find_elements(By.CSS_SELECTOR, "mark.ev.current")) for s in hidden)


def test_hostile_labels_do_not_run(browser, tmp_path):
    from selenium.webdriver.common.by import By

    with running_server(hostile_copy(tmp_path)) as base:
        browser.get(base + "/id/hostile")
        wait_for(browser, "h1")
        assert browser.find_element(By.TAG_NAME, "h1").text == HOSTILE_LABEL
        assert browser.execute_script("return window.__pwned") is None
        assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript:']")

        browser.get(base + "/statement/p03-scholz-reversal")
        wait_for(browser, "h1")
        assert browser.execute_script("return window.__pwned") is None

        browser.get(base + "/doc/carment-belo-ukraine")
        mark = wait_for(browser, "mark.ev[data-ev~='p03-scholz-reversal']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", mark)
        mark.click()
        panel = browser.find_element(By.CSS_SELECTOR, "section.supports[data-for='p03-scholz-reversal']")
        assert "<img src=x onerror=window.__pwned=4>" in panel.text
        assert browser.execute_script("return window.__pwned") is None

        browser.get(base + "/id/olaf-scholz")  # the hostile entity is in its neighbourhood picture
        wait_for(browser, ".hood")
        assert HOSTILE_LABEL in browser.find_element(By.CSS_SELECTOR, ".hood").text
        assert browser.execute_script("return window.__pwned") is None

        box = browser.find_element(By.ID, "search-box")  # and in the search box's suggestions
        box.send_keys("onerror")
        wait_for(browser, "#suggestions li.entity")
        assert browser.execute_script("return window.__pwned") is None


def _run_in_query_page(browser, query: str) -> None:
    """Type a query into the editor and run it."""
    from selenium.webdriver.common.by import By

    editor = browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .CodeMirror")
    browser.execute_script("arguments[0].CodeMirror.setValue(arguments[1]);", editor, query)
    browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton").click()


def _result_rows(browser) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    wait_for(browser, ".tabPanel.active .yasr table.dataTable tbody tr td")
    table = browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasr table.dataTable")
    return [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def test_a_saved_query_runs_in_the_query_page(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from peacekg import run_query

    browser.get(server + "/query#actor-statements")
    wait_for(browser, "#yasgui[data-ready='true']")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".CodeMirror")) == 1  # one editor, not a tab per query
    assert len(browser.find_elements(By.CSS_SELECTOR, "#catalogue a[data-query]")) >= 20
    current = browser.find_element(By.ID, "current")
    assert current.find_element(By.CSS_SELECTOR, "input[name='actor']").get_attribute("value") == "pkr:russia"
    assert "actor-statements" in current.text and "actor" in current.text  # description, parameter
    field = current.find_element(By.CSS_SELECTOR, "input[name='actor']")
    field.clear()
    field.send_keys("ukraine")
    current.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    WebDriverWait(browser, 30).until(
        lambda b: "ukraine" in b.execute_script(  # the editor's text, drawn or not (CodeMirror draws what shows)
            "return document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()"))
    wait_for(browser, "#yasgui[data-labelled='true']")
    rows = _result_rows(browser)
    expected = run_query("actor-statements", actor="ukraine")
    assert len(rows) == min(len(expected), 50) and len(expected) > 0
    cells = [cell for row in rows for cell in row]
    assert "floated" in cells and "proposal or recommendation" in cells  # labels, not pko:floated
    assert not any("^^" in c or c.startswith(("pko:", "pkr:", "<http")) for c in cells)  # plain values
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth + 1")
    links = browser.find_elements(By.CSS_SELECTOR, ".tabPanel.active .yasr table.dataTable a[href^='/statement/']")
    assert links, "statement IRIs link to this server's pages"
    # the response time changes on every run; drop it so the committed screenshot stays put
    browser.execute_script("for (const el of document.querySelectorAll('.yasr_response_chip'))"
                           " el.innerText = el.innerText.replace(/ in [0-9.]+ seconds?/, '');")
    shot(browser, "query-page.png")
    browser.get(links[0].get_attribute("href"))  # YASR's cell overlay takes clicks; follow the link
    wait_for(browser, "blockquote.evidence")
    assert "/statement/" in browser.current_url


def test_hostile_labels_do_not_run_in_query_results(browser, tmp_path):
    from selenium.webdriver.common.by import By

    with running_server(hostile_copy(tmp_path)) as base:
        browser.get(base + "/query")
        wait_for(browser, "#yasgui[data-ready='true']")
        _run_in_query_page(browser, "SELECT ?label WHERE { pkr:hostile rdfs:label|skos:altLabel ?label }")
        cells = {cell for row in _result_rows(browser) for cell in row}
        assert any(HOSTILE_LABEL in cell for cell in cells)
        assert not browser.find_elements(By.CSS_SELECTOR, ".yasr img[src='x']")
        assert browser.execute_script("return window.__pwned") is None


# --- finding things -------------------------------------------------------------------
PAGES = ["/", "/doc/carment-belo-ukraine", "/id/", "/id/russia", f"/statement/{STATEMENT}",
         f"/evidence/{STATEMENT}", "/query", "/timeline", "/search?q=russia", "/ontology"]
SIZES = [(1400, 1000), (390, 844)]  # a desktop, a phone


@pytest.mark.parametrize("width, height", SIZES, ids=["desktop", "phone"])
def test_every_page_fits_the_screen_and_has_a_search_box(browser, server, width, height):
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, height)
    try:
        for path in PAGES:
            browser.get(server + path)
            wait_for(browser, "h1")
            box = browser.find_element(By.ID, "search-box")
            assert box.is_displayed(), path
            overflow = browser.execute_script("return document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {width}px"
            assert browser.find_element(By.TAG_NAME, "h1").is_displayed(), path
    finally:
        browser.set_window_size(1400, 1000)


@pytest.mark.parametrize("typed, expected", [("merk", "Angela Merkel"), ("MÉRKEL", "Angela Merkel"),
                                             ("the us and its", "Washington and its allies")])
def test_the_search_box_suggests_as_one_types(browser, server, typed, expected):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/timeline")
    box = wait_for(browser, "#search-box")
    box.send_keys(typed)
    WebDriverWait(browser, 10).until(lambda b: expected in b.find_element(By.ID, "suggestions").text)
    first = browser.find_element(By.CSS_SELECTOR, "#suggestions li.entity a")
    assert first.text == expected
    first.click()
    wait_for(browser, "h1")
    assert browser.find_element(By.TAG_NAME, "h1").text == expected


def test_search_finds_statements_by_their_quote(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/search?q=" + "insistence on legal security")
    wait_for(browser, "ul.hits.statements")
    hits = browser.find_elements(By.CSS_SELECTOR, "ul.hits.statements li a")
    assert any(a.get_attribute("href").endswith(f"/statement/{STATEMENT}") for a in hits)


def test_the_neighbourhood_is_readable_and_below_the_table(browser, server):
    browser.get(server + "/id/russia")
    wait_for(browser, ".hood")
    picture = browser.execute_script("""
        var hood = document.querySelector('.hood').getBoundingClientRect();
        var table = document.querySelector('table.statements').getBoundingClientRect();
        var boxes = Array.from(document.querySelectorAll('.hood .focus span, .hood li, .hood h3'))
            .map(function (e) { return e.getBoundingClientRect(); });
        var overlaps = 0;
        for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
            var a = boxes[i], b = boxes[j];
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
        }
        return {height: hood.height, below: hood.top >= table.bottom, overlaps: overlaps, labels: boxes.length};""")
    assert picture["labels"] > 10 and picture["overlaps"] == 0
    assert picture["height"] <= 1000 and picture["below"]


def test_the_essay_filters_by_kind_holder_and_speaker(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/doc/carment-belo-ukraine")
    wait_for(browser, "#legend")
    assert "evidence" in browser.find_element(By.ID, "legend").text
    everything = len(browser.find_elements(By.CSS_SELECTOR, "mark.ev:not(.dim)"))
    Select(browser.find_element(By.CSS_SELECTOR, "select[name='holder']")).select_by_value("russia")
    lit = browser.find_elements(By.CSS_SELECTOR, "mark.ev:not(.dim)")
    assert 0 < len(lit) < everything
    assert any(STATEMENT in m.get_attribute("data-ev").split() for m in lit)
    Select(browser.find_element(By.CSS_SELECTOR, "select[name='kind']")).select_by_value("Occupation")
    assert all(STATEMENT not in m.get_attribute("data-ev").split()
               for m in browser.find_elements(By.CSS_SELECTOR, "mark.ev:not(.dim)"))
    assert "passages highlighted" in browser.find_element(By.ID, "filter-count").text
    Select(browser.find_element(By.CSS_SELECTOR, "select[name='kind']")).select_by_value("")
    first = browser.find_element(By.CSS_SELECTOR, "mark.ev:not(.dim)")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", first)
    shot(browser, "essay-page.png")


def test_the_timeline_lists_dated_statements_at_the_texts_precision(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/timeline")
    times = [t.get_attribute("datetime") for t in browser.find_elements(By.CSS_SELECTOR, "ol.timeline time")]
    assert times and times == sorted(times)
    shown = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "ol.timeline time")]
    assert "2015" in shown and any(t.endswith("February 2022") for t in shown)
    assert not any(re.fullmatch(r"(from |until )?\d{4}-\d{2}(-\d{2})?", t) for t in shown)  # no ISO strings
    shot(browser, "timeline-page.png")


def test_the_essay_leads_to_its_argument_map(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/doc/carment-belo-ukraine")
    wait_for(browser, "a.to-arguments").click()
    drawn = wait_for(browser, "#argument-map[data-ready='true'] canvas")
    container = browser.find_element(By.ID, "argument-map")
    assert browser.current_url.endswith("/doc/carment-belo-ukraine/arguments")
    assert int(container.get_attribute("data-edges")) == 98
    assert int(container.get_attribute("data-nodes")) > 90
    assert drawn.size["width"] > 0
    speakers = {td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.arguments td.speaker")}
    assert speakers == {"David Carment and Dani Belo", "Biden administration"}


def test_the_argument_map_opens_readable_and_answers_clicks_zoom_and_filters(browser, server):
    """Issue 22: layered by paragraph, readable at first sight, zoom buttons, a neighbourhood on a
    click, relation types switched off one by one."""
    from selenium.webdriver.common.by import By

    browser.get(server + "/doc/carment-belo-ukraine/arguments")
    wait_for(browser, "#argument-map[data-ready='true'] canvas")
    container = browser.find_element(By.ID, "argument-map")
    zoom = browser.execute_script("return window.peacekgArgumentMap.zoom();")
    assert zoom == 1  # boxes at their own size, not shrunk to fit a hundred of them
    # Rows by paragraph: a statement of a later paragraph never stands above one of an earlier one.
    rows = browser.execute_script(
        "return window.peacekgArgumentMap.nodes().map(function (n) { return [n.data('paragraph'), n.position('y')]; });")
    assert all(y1 <= y2 for (p1, y1) in rows for (p2, y2) in rows if p1 < p2)
    on_screen = browser.execute_script("""
        var cy = window.peacekgArgumentMap, e = cy.extent();
        return cy.nodes().filter(function (n) { var p = n.position();
            return p.x > e.x1 && p.x < e.x2 && p.y > e.y1 && p.y < e.y2; }).map(function (n) { return n.data('paragraph'); });""")
    assert on_screen and min(on_screen) == min(p for p, _ in rows)  # it opens on the first paragraphs
    browser.find_element(By.CSS_SELECTOR, "[data-map-action='zoom-in']").click()
    assert browser.execute_script("return window.peacekgArgumentMap.zoom();") == pytest.approx(1.25)
    browser.find_element(By.CSS_SELECTOR, "[data-map-action='zoom-fit']").click()
    assert browser.execute_script("return window.peacekgArgumentMap.zoom();") < 1
    browser.find_element(By.CSS_SELECTOR, "[data-map-action='zoom-reset']").click()
    assert browser.execute_script("return window.peacekgArgumentMap.zoom();") == 1
    # A click: the statement, its relations and their other ends stay; the panel lists them.
    target = browser.execute_script("""
        var cy = window.peacekgArgumentMap;
        var node = cy.nodes().max(function (n) { return n.degree(); }).ele;
        node.emit('tap'); return [node.id(), node.data('label'), node.degree()];""")
    assert container.get_attribute("data-focus") == target[0]
    panel = browser.find_element(By.ID, "argument-focus")
    assert panel.is_displayed() and target[1] in panel.text
    assert len(panel.find_elements(By.CSS_SELECTOR, "li")) == target[2]
    faded = browser.execute_script("return window.peacekgArgumentMap.nodes('.faded').length;")
    assert faded == int(container.get_attribute("data-nodes")) - 1 - int(container.get_attribute("data-neighbours"))
    # Switching a relation type off hides its arrows, and the statements left with none.
    edges = int(container.get_attribute("data-edges"))
    box = browser.find_element(By.CSS_SELECTOR, "#relation-filters input[value='supports']")
    supports = browser.execute_script("return window.peacekgArgumentMap.edges(\"[relation = 'supports']\").length;")
    box.click()
    assert int(container.get_attribute("data-visible-edges")) == edges - supports
    assert int(container.get_attribute("data-visible-nodes")) < int(container.get_attribute("data-nodes"))
    box.click()
    assert int(container.get_attribute("data-visible-edges")) == edges
    if os.environ.get("PEACEKG_MAP_SHOT"):  # to look at the map by hand; not compared, its data change often
        browser.save_screenshot(os.environ["PEACEKG_MAP_SHOT"])
