"""Curating in a real browser (Debian's headless Chromium): select words of the made-up op-ed,
press n, fill the form, save with Ctrl+Enter and see the statement curated in place (no reload)
and on its entity's page; a refused save is said next to the field it concerns and changes no
file; accept and undo with the keys; a write without the session's token is refused. The whole
text curated through the keys: tests/test_browser_curate_scenario.py."""

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


def status_says(browser, words: str):
    from selenium.webdriver.support.ui import WebDriverWait

    status = browser.find_element("id", "curate-status")
    WebDriverWait(browser, 60).until(lambda d: words in status.text)
    return status.text


def keys(browser, *sent):
    from selenium.webdriver.common.action_chains import ActionChains

    chain = ActionChains(browser)
    for key in sent:
        if isinstance(key, tuple):
            chain.key_down(key[0]).send_keys(key[1]).key_up(key[0])
        else:
            chain.send_keys(key)
    chain.perform()


def test_curate_one_statement_from_selected_words_in_place(browser, curating):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-suggestions li.current")
    browser.execute_script("window.__samePage = true;")
    assert browser.execute_script(SELECT, "p3", SELECTED)
    keys(browser, "n")
    wait_for(browser, "#curate-form:not([hidden]) [name='quote']")
    assert field(browser, "quote").get_attribute("value") == SELECTED
    assert field(browser, "paragraph").get_attribute("value") == "3"
    assert field(browser, "id").get_attribute("value") == f"{DOC}-p3-proposed-international-monitors-along-the-line"
    field(browser, "id").clear()
    field(browser, "id").send_keys("oped-kyiv-monitors")
    field(browser, "about-search").send_keys("Kyiv", Keys.ENTER)  # the registry's alias of the government
    chips = browser.find_elements(By.CSS_SELECTOR, "#curate-form .field[data-field='about'] .chips li")
    assert [c.get_attribute("data-id") for c in chips] == ["government-of-ukraine"]
    keys(browser, (Keys.CONTROL, Keys.ENTER))
    status_says(browser, "Saved oped-kyiv-monitors")
    assert browser.execute_script("return window.__samePage === true;")  # no reload
    assert browser.find_elements(By.CSS_SELECTOR, "#curate-statements li[data-id='oped-kyiv-monitors']")
    assert not browser.find_element(By.ID, "curate-form").is_displayed()
    text = (project.statements_dir / f"{DOC}.yaml").read_text(encoding="utf-8")
    assert "  - id: oped-kyiv-monitors\n    type: Claim\n    agent: authors\n" in text
    assert "    about: [government-of-ukraine]\n    quote: proposed international monitors along the line\n" in text

    browser.get(f"{base}/id/government-of-ukraine")
    wait_for(browser, "h1")
    assert browser.find_elements(By.CSS_SELECTOR, "a[href='/statement/oped-kyiv-monitors']")


def test_a_refused_save_is_said_next_to_its_field_and_changes_no_file(browser, curating):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-suggestions li.current")
    before = tree(project.root)
    browser.execute_script("window.getSelection().removeAllRanges();")
    keys(browser, "n")
    wait_for(browser, "#curate-form:not([hidden]) [name='quote']")
    field(browser, "id").send_keys("oped-refused")
    field(browser, "quote").send_keys("words the op-ed never says")
    keys(browser, (Keys.CONTROL, Keys.ENTER))
    status_says(browser, "Not saved")
    error = browser.find_element(By.ID, "cf-quote-error")
    assert error.is_displayed() and "not found in the text" in error.text
    assert field(browser, "quote").get_attribute("aria-invalid") == "true"
    near_button = browser.find_element(By.ID, "curate-form-error")
    assert near_button.is_displayed() and "see the red words" in near_button.text
    page = browser.find_element(By.ID, "curate").text
    assert "Validation Report" not in page and "sh:" not in page
    assert tree(project.root) == before


def test_accept_then_undo_with_the_keys(browser, curating):
    from selenium.webdriver.common.by import By

    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-suggestions li.current")
    before = tree(project.root)
    first = browser.find_element(By.CSS_SELECTOR, "#curate-suggestions li.current").get_attribute("data-id")
    keys(browser, "j", "k", "a")
    status_says(browser, f"Accepted {first}")
    assert browser.find_elements(By.CSS_SELECTOR, f"#curate-statements li[data-id='{first}']")
    assert not browser.find_elements(By.CSS_SELECTOR, f"#curate-suggestions li[data-id='{first}']")
    keys(browser, "u")
    status_says(browser, "Undid the last decision")
    assert browser.find_elements(By.CSS_SELECTOR, f"#curate-suggestions li[data-id='{first}']")
    assert {k: v for k, v in tree(project.root).items() if not k.startswith("graph/") or k.endswith(".yaml")} == {
        k: v for k, v in before.items() if not k.startswith("graph/") or k.endswith(".yaml")}


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


def test_a_build_made_outside_the_page_is_said_without_a_reload(browser, curating):
    import os

    project, base = curating
    browser.get(f"{base}/doc/{DOC}")
    wait_for(browser, "#curate-suggestions li.current")
    browser.execute_script("window.__samePage = true;")
    for path in project.graph_dir.glob("*.ttl"):  # what a build leaves: the built files, newer
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    status_says(browser, "A build made outside this page was picked up")
    assert browser.execute_script("return window.__samePage === true;")
