"""The query page shows every error where the results would be, in the words the CLI uses.

In Debian's headless Chromium, as tests/test_browser.py: a syntax error (line,
column, the word there), an unknown prefix, an update, a value a saved query
refuses, and, for a saved query whose answer is empty, each value that names
nothing with the closest names, instead of a bare "0 results".
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT
from .test_browser import CHROMIUM, DRIVER, _run_in_query_page, browser, server, wait_for  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"),
]

#: Ad hoc queries the server refuses: the page must say what `peacekg sparql` says, from "syntax error" on.
REFUSED = ["SELECT ?x WHERE { ?x ?y ?z FILTER(?y = ) }", "SELECT ?x WHERE { ?x foo:proposes ?z }",
           "SELECT ?x WHERE {\n  ?x ?y\n}"]


def message(browser) -> str | None:
    """The text of the message in place of the results, or None when none shows."""
    return browser.execute_script(
        "var m = document.querySelector('.tabPanel.active .query-message');"
        "return m && !m.hidden ? m.innerText : null")


def answered(browser):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return document.getElementById('yasgui').dataset.answered") == "true")


def cli_error(query: str) -> str:
    run = subprocess.run([sys.executable, "-m", "peacekg", "sparql", "-"], input=query, capture_output=True,
                         text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 2
    return run.stderr.strip()


@pytest.fixture
def page(browser, server):  # noqa: F811 - the fixtures of test_browser
    browser.get(server + "/query")
    wait_for(browser, "#yasgui[data-ready='true']")
    return browser


@pytest.mark.parametrize("query", REFUSED, ids=["syntax", "prefix", "multiline"])
def test_a_refused_query_is_said_where_the_results_would_be(page, query):
    _run_in_query_page(page, query)
    answered(page)
    shown = message(page)
    expected = cli_error(query)
    assert shown and "syntax error at line" in shown
    assert shown[shown.index("syntax error"):] == expected[expected.index("syntax error"):]
    assert not page.execute_script(  # no empty table under it
        "var y = document.querySelector('.tabPanel.active .yasr'); return y && !y.hidden && y.offsetHeight > 0")


def test_an_update_is_said_in_the_clis_words(page):
    _run_in_query_page(page, "DELETE WHERE { ?s ?p ?o }")
    answered(page)
    assert "peacekg answers queries, not updates" in (message(page) or "")


def test_a_value_that_names_nothing_gets_the_closest_names(browser, server):  # noqa: F811
    from selenium.webdriver.common.by import By

    page = browser
    page.get("about:blank")  # from /query, only the fragment would change: no new page
    page.get(server + "/query#who-says")
    wait_for(page, "#current input[name='mode']")
    field = page.find_element(By.CSS_SELECTOR, "#current input[name='mode']")
    field.clear()
    field.send_keys("imputd")
    page.find_element(By.CSS_SELECTOR, "#current button[type='submit']").click()
    answered(page)
    assert message(page) == "--param mode imputd names nothing in the graph; did you mean: imputed?"
    field.clear()
    field.send_keys("imputed")  # as the YAML writes it: rows, and no message
    page.find_element(By.CSS_SELECTOR, "#current button[type='submit']").click()
    wait_for(page, ".tabPanel.active .yasr table.dataTable tbody tr td a")
    answered(page)
    assert message(page) is None


def test_a_value_refused_before_running_is_said_there_too(browser, server):  # noqa: F811
    from selenium.webdriver.common.by import By

    page = browser
    page.get("about:blank")
    page.get(server + "/query#paragraph-statements")
    wait_for(page, "#current input[name='paragraph']")
    field = page.find_element(By.CSS_SELECTOR, "#current input[name='paragraph']")
    field.clear()
    field.send_keys("999")
    page.find_element(By.CSS_SELECTOR, "#current button[type='submit']").click()
    answered(page)
    assert "no text has a paragraph 999" in (message(page) or "")
