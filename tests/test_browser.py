"""The pages in a real browser: Debian's headless Chromium, driven by Selenium.

Never a browser download: the tests use /usr/bin/chromium and /usr/bin/chromedriver
(`apt-get install chromium chromium-driver`, as .ci/run does) and skip, saying
so, where they are absent. They save the README's screenshots to docs/img/.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from .serving import HOSTILE_LABEL, hostile_copy, running_server

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "img"
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
                 f"--user-data-dir={profile}", "--window-size=1280,900"):
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


def shot(driver, name: str, height: int = 900) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1280, height)
    driver.save_screenshot(str(SCREENSHOTS / name))
    driver.set_window_size(1280, 900)


def test_entity_page_leads_to_a_statement_and_its_place_in_the_essay(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/id/russia")
    wait_for(browser, "#graph[data-ready='true'] canvas")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Russia"
    shot(browser, "entity-page.png", height=1500)

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
    shot(browser, "essay-page.png")


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
        wait_for(browser, "#graph[data-ready='true'] canvas")
        assert browser.execute_script("return window.__pwned") is None


def _run_in_query_page(browser, query: str) -> None:
    """Type a query into the active YASGUI tab and run it."""
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
    current = browser.find_element(By.ID, "current")
    assert "actor-statements" in current.text and "actor" in current.text  # description, parameter
    field = current.find_element(By.CSS_SELECTOR, "input[name='actor']")
    field.clear()
    field.send_keys("ukraine")
    current.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    WebDriverWait(browser, 30).until(
        lambda b: "ukraine" in b.execute_script(  # the editor's text, drawn or not (CodeMirror draws what shows)
            "return document.querySelector('.tabPanel.active .CodeMirror').CodeMirror.getValue()"))
    rows = _result_rows(browser)
    expected = run_query("actor-statements", actor="ukraine")
    assert len(rows) == min(len(expected), 50) and len(expected) > 0
    links = browser.find_elements(By.CSS_SELECTOR, ".tabPanel.active .yasr table.dataTable a[href^='/statement/']")
    assert links, "statement IRIs link to this server's pages"
    # the response time changes on every run; drop it so the committed screenshot stays put
    browser.execute_script("for (const el of document.querySelectorAll('.yasr_response_chip'))"
                           " el.innerText = el.innerText.replace(/ in [0-9.]+ seconds?/, '');")
    shot(browser, "query-page.png", height=1300)
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


def test_the_essay_leads_to_its_argument_map(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server + "/doc/carment-belo-ukraine")
    wait_for(browser, "a.to-arguments").click()
    drawn = wait_for(browser, "#argument-map[data-ready='true'] canvas")
    container = browser.find_element(By.ID, "argument-map")
    assert browser.current_url.endswith("/doc/carment-belo-ukraine/arguments")
    assert int(container.get_attribute("data-edges")) == 80
    assert int(container.get_attribute("data-nodes")) > 80
    assert drawn.size["width"] > 0
    speakers = {td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.arguments td.speaker")}
    assert speakers == {"David Carment and Dani Belo", "Biden administration"}
