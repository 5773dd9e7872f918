"""Curating in a real browser (Debian's headless Chromium): select words of the made-up op-ed,
get the form pre-filled from the suggestions, save, see the span highlighted and the statement
on its entity's page; a refused save shows the build's message and changes no file; a write
without the session's token is refused."""

from __future__ import annotations

import pytest

from .serving import running_server
from .test_browser import CHROMIUM, DRIVER, browser, wait_for  # noqa: F401  (browser is a fixture)
from .test_serve_curate import DOC, tree, with_oped

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"),
]

SELECTED = "proposed international monitors along the line"

SELECT = """
var para = document.getElementById(arguments[0]), wanted = arguments[1];
var walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT), node;
while ((node = walker.nextNode())) {
  var at = node.data.indexOf(wanted);
  if (at >= 0) {
    var range = document.createRange();
    range.setStart(node, at); range.setEnd(node, at + wanted.length);
    var selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
    document.getElementById("essay").dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    return true;
  }
}
return false;
"""


@pytest.fixture(scope="module")
def curating(tmp_path_factory):
    project = with_oped(tmp_path_factory.mktemp("browser-curate") / "p")
    with running_server(project.root, "--curate", "--workers", "1") as base:
        yield project, base


def field(browser, name: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f"#curate-form [name='{name}']")


def test_curate_one_statement_end_to_end(browser, curating):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-form")
    assert browser.execute_script(SELECT, "p3", SELECTED)
    assert field(browser, "quote").get_attribute("value") == SELECTED
    assert field(browser, "paragraph").get_attribute("value") == "3"
    # pre-filled from the suggestion whose sentence holds the words
    assert field(browser, "id").get_attribute("value") == f"{DOC}-p03-s3-claim-authors-edited"
    assert field(browser, "kind").get_attribute("value") == "Claim"
    assert field(browser, "holder").get_attribute("value") == "authors"
    about = [o.get_attribute("value") for o in field(browser, "about").find_elements(By.CSS_SELECTOR, "option")
             if o.is_selected()]
    assert about == ["government-of-ukraine"]
    field(browser, "id").clear()
    field(browser, "id").send_keys("oped-kyiv-monitors")
    browser.find_element(By.ID, "curate-save").click()
    WebDriverWait(browser, 60).until(lambda d: "saved=oped-kyiv-monitors" in d.current_url)
    wait_for(browser, "mark.ev.current")
    current = browser.find_elements(By.CSS_SELECTOR, "mark.ev.current")
    assert "".join(m.text for m in current) == SELECTED
    text = (project.statements_dir / f"{DOC}.yaml").read_text(encoding="utf-8")
    assert "  - id: oped-kyiv-monitors\n    type: Claim\n    agent: authors\n" in text

    browser.get(f"{base}/id/government-of-ukraine")
    wait_for(browser, "h1")
    assert browser.find_elements(By.CSS_SELECTOR, "a[href='/statement/oped-kyiv-monitors']")


def test_a_refused_save_shows_the_build_message_and_changes_no_file(browser, curating):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-form")
    before = tree(project.root)
    field(browser, "id").send_keys("oped-refused")
    field(browser, "quote").send_keys("words the op-ed never says")
    browser.find_element(By.ID, "curate-save").click()
    message = browser.find_element(By.ID, "curate-message")
    WebDriverWait(browser, 60).until(lambda d: message.is_displayed())
    assert "quote not found in the text" in message.text  # in words (the server's 422 contract)
    assert tree(project.root) == before


def test_a_write_without_the_token_is_refused(browser, curating):
    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-form")
    before = tree(project.root)
    status = browser.execute_async_script("""
        var done = arguments[arguments.length - 1];
        fetch("/curate/oped/reject", {method: "POST", headers: {"Content-Type": "application/json"},
                                      body: JSON.stringify({id: "oped-p01-s1-claim-authors"})})
          .then(function (r) { done(r.status); });""")
    assert status == 403
    assert tree(project.root) == before
