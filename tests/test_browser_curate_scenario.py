"""A whole text curated in a real browser (Debian's headless Chromium), through the page and the
keyboard only, from its suggestions to a built graph.

The text is a made-up op-ed of ten sentences (tests/data/curate/commission.txt). The curator
accepts, rejects and edits the suggestions in text order with the keys the page's legend
gives: a figure with its unit (a first save without the unit is refused, in words, next to
the unit field), a proposal by a new actor of a new mechanism (both created in the form with
their class), a rejection related to that proposal by clicking the proposal in the text, an
imputed view, and a batch accept of the rest, whose relations ("Still", "This is because")
the suggester found. The test asserts the YAML written and the answers of the saved queries
``proposals``, ``rejections`` and ``arguments``; :func:`scenario` counts the decisions and
keystrokes (``bench/curate_scenario.py`` reports them).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.project import Project
from peacekg.query.run import run_query

from .conftest import DATA, copy_project
from .serving import running_server
from .test_browser import CHROMIUM, DRIVER, browser, wait_for  # noqa: F401  (browser is a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                       reason="needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"),
]

DOC = "commission"
TEXT = DATA / "curate" / "commission.txt"
FIGURE, PROPOSAL = f"{DOC}-p02-s2-quantitystatement-authors", f"{DOC}-p03-s1-claim-authors"
REJECTION, VIEW = f"{DOC}-p03-s2-claim-authors", f"{DOC}-p03-s3-position-government-of-ukraine"


def with_commission(root: Path) -> Project:
    return add_commission(copy_project(root))


def add_commission(project: Project) -> Project:
    """The op-ed added to ``project`` and its suggestions made, as a user would."""
    env, runner = {"PEACEKG_ROOT": str(project.root)}, CliRunner()
    added = runner.invoke(cli, ["add", str(TEXT), "--id", DOC, "--author", "Ines Vallo", "--no-reason"], env=env)
    assert added.exit_code == 0, added.output
    assert runner.invoke(cli, ["suggest", DOC], env=env).exit_code == 0
    return project


class Keyboard:
    """Keys sent to whatever has the focus, as a person types them, counted."""

    def __init__(self, driver):
        self.driver, self.keys, self.decisions, self.latencies, self.shown = driver, 0, 0, [], []

    def press(self, *keys) -> None:
        """Each argument: characters typed (one key each), or a (modifier, key) chord (one key)."""
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(self.driver)
        for key in keys:
            if isinstance(key, tuple):
                chain.key_down(key[0]).send_keys(key[1]).key_up(key[0])
                self.keys += 1
            else:
                chain.send_keys(key)
                self.keys += len(key)
        chain.perform()

    def version(self) -> int:
        text = self.driver.find_element("id", "curate-progress").get_attribute("textContent")
        return int(re.search(r"graph version (\d+)", text).group(1))

    def decide(self, *keys, says: str) -> str:
        """Press ``keys``, wait for the page to say ``says`` and show the new graph's state."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        before = self.version()
        status = self.driver.find_element("id", "curate-status")
        started = time.perf_counter()
        self.press(*keys)
        try:
            WebDriverWait(self.driver, 60, poll_frequency=0.02).until(
                lambda d: says in status.text and self.version() > before)
        except TimeoutException:
            raise AssertionError(f"waited for {says!r}; the page says {status.text!r}") from None
        self.decisions += 1
        self.latencies.append(int(re.search(r"\((\d+) ms", status.text).group(1)))  # the write's round trip
        self.shown.append(round((time.perf_counter() - started) * 1000))  # key pressed to the page redrawn
        return status.text


def current(driver) -> str:
    return driver.find_element("css selector", "#curate-suggestions li.current").get_attribute("data-id")


def error_of(driver, field: str) -> str:
    from selenium.webdriver.support.ui import WebDriverWait

    node = driver.find_element("id", f"cf-{field}-error")
    WebDriverWait(driver, 60).until(lambda d: node.is_displayed())
    return node.text


def click_words(driver, paragraph: str, words: str) -> None:
    """A mouse click on ``words`` of a paragraph (where a person would click them)."""
    from selenium.webdriver.common.action_chains import ActionChains

    offset = driver.execute_script("""
        var p = document.getElementById(arguments[0]), wanted = arguments[1];
        var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), node;
        while ((node = walker.nextNode())) {
          var at = node.data.indexOf(wanted);
          if (at < 0) { continue; }
          var range = document.createRange(); range.setStart(node, at); range.setEnd(node, at + wanted.length);
          var r = range.getClientRects()[0], box = p.getBoundingClientRect();
          return [Math.round(r.left + r.width / 2 - (box.left + box.width / 2)),
                  Math.round(r.top + r.height / 2 - (box.top + box.height / 2))];
        }
        return null;""", paragraph, words)
    assert offset, words
    para = driver.find_element("id", paragraph)
    ActionChains(driver).move_to_element_with_offset(para, offset[0], offset[1]).click().perform()


def scenario(driver, base: str) -> dict:
    """Curate the op-ed from its suggestions; return the decisions, keystrokes and latencies."""
    from selenium.webdriver.common.keys import Keys

    save = (Keys.CONTROL, Keys.ENTER)
    kb = Keyboard(driver)
    driver.get(f"{base}/doc/{DOC}")
    wait_for(driver, "#curate-suggestions li.current")
    started = time.perf_counter()
    kb.decide("a", says="Accepted")  # the first claim, as suggested
    assert current(driver) == FIGURE
    # the figure: its amount, then a save refused in words next to the unit field
    kb.press("e")
    wait_for(driver, "#curate-form:not([hidden]) [name='amount']")
    kb.press("700", Keys.ENTER)
    refusal = error_of(driver, "unit")
    kb.press("mile", Keys.TAB, "ap")  # the unit, then the approximation
    kb.decide(save, says="Saved")
    assert current(driver) == PROPOSAL
    # the proposal: a new actor and a new mechanism, each created with its class
    kb.press("e")
    wait_for(driver, "#curate-form:not([hidden]) [name='type']")
    kb.press("pr", Keys.TAB, "Nordic", Keys.ENTER)  # kind Proposal; holder: the proposed Nordic Contact Group
    kb.press(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, "rep", Keys.TAB, "pro", Keys.TAB)  # mode reported, status proposed
    kb.press("joint ceasefire commission", Keys.ENTER, "Mon")  # a new mechanism of the class Monitoring
    kb.decide(save, says="Saved")
    assert current(driver) == REJECTION
    # the rejection, related to the proposal by a click on the proposal's words in the text
    kb.press("e")
    wait_for(driver, "#curate-form:not([hidden]) [name='type']")
    kb.press("rej", Keys.TAB, "Moscow", Keys.ENTER, Keys.TAB, Keys.TAB, "rep", Keys.TAB, "joint", Keys.ENTER)
    kb.press((Keys.ALT, "r"))
    click_words(driver, "p3", "Nordic Contact Group proposed")  # the relation's type: a rejection's own
    kb.decide(save, says="Saved")
    assert current(driver) == f"{DOC}-p03-s2-proposal-government-of-russia"  # incomplete, and said by the rejection
    kb.press("j")
    assert current(driver) == f"{DOC}-p03-s3-claim-authors"
    kb.decide("x", says="Rejected")  # the sentence as the authors' own claim: no, it is Kyiv's view
    assert current(driver) == VIEW
    kb.decide("a", says="Accepted")  # Kyiv's imputed view
    kb.press("b", "0.45")  # the rest, in a batch at or above 0.45
    kb.decide(Keys.ENTER, says="Accepted 4 suggestions")
    return {"decisions": kb.decisions, "keystrokes": kb.keys, "clicks": 1, "refused_saves": 1,
            "seconds": round(time.perf_counter() - started, 1), "latencies_ms": kb.latencies, "shown_ms": kb.shown,
            "refusal": refusal}


@pytest.fixture(scope="module")
def curated(tmp_path_factory, browser):  # noqa: F811
    project = with_commission(tmp_path_factory.mktemp("scenario") / "p")
    with running_server(project.root, "--curate", "--workers", "1") as base:
        figures = scenario(browser, base)
    return project, figures


def test_the_refusal_is_said_in_words_next_to_the_unit(curated):
    _, figures = curated
    assert figures["refusal"] == "a figure needs a unit"


def test_the_yaml_holds_what_was_decided(curated):
    project, figures = curated
    data = yaml.safe_load((project.statements_dir / f"{DOC}.yaml").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in data["statements"]}
    assert by_id[FIGURE] | {"quote": None} == {"id": FIGURE, "type": "QuantityStatement", "agent": "authors",
                                               "assertedBy": "authors", "mode": "claim", "amount": 700,
                                               "unit": "mile", "amountQualifier": "approximately", "quote": None}
    proposal = by_id[PROPOSAL]
    assert (proposal["type"], proposal["agent"], proposal["mode"], proposal["status"], proposal["mechanism"]) == (
        "Proposal", "nordic-contact-group", "reported", "proposed", "joint-ceasefire-commission")
    rejection = by_id[REJECTION]
    assert (rejection["type"], rejection["agent"], rejection["mode"], rejection["mechanism"],
            rejection["rejectionOf"]) == ("Rejection", "government-of-russia", "reported",
                                          "joint-ceasefire-commission", PROPOSAL)
    view = by_id[VIEW]
    assert (view["type"], view["agent"], view["assertedBy"], view["mode"], view["status"]) == (
        "Position", "government-of-ukraine", "authors", "imputed", "view")
    assert by_id[f"{DOC}-p04-s3-claim-authors"]["reasonFor"] == f"{DOC}-p04-s2-claim-authors"
    assert f"{DOC}-p03-s3-claim-authors" not in by_id  # rejected
    assert len(by_id) == 9
    entities = {e["id"]: e for e in yaml.safe_load(project.entities_source.read_text(encoding="utf-8"))["entities"]}
    assert (entities["nordic-contact-group"]["type"], entities["nordic-contact-group"]["label"]) == (
        "Organisation", "Nordic Contact Group")
    assert (entities["joint-ceasefire-commission"]["type"], entities["joint-ceasefire-commission"]["label"]) == (
        "Monitoring", "joint ceasefire commission")
    assert figures["decisions"] == 7


def local(term) -> str:
    return re.split(r"[/#]", str(term))[-1]


def _mine(rows, key="statement"):
    return [r for r in rows if f"/statement/{DOC}-" in str(r[key])]


def test_the_built_graph_answers_proposals_rejections_and_arguments(curated):
    project, _ = curated
    proposals = _mine(run_query("proposals", project=project))
    assert [(local(r["proposer"]), local(r["status"]), str(r["mechanisms"]),
             str(r["rejectedBy"]), int(r["paragraph"])) for r in proposals] == [
        ("nordic-contact-group", "proposed", "joint ceasefire commission", "Government of Russia", 3)]
    rejections = _mine(run_query("rejections", project=project))
    assert [(local(r["rejecter"]), str(r["mechanismLabel"]), local(r["proposer"]),
             str(r["quote"])) for r in rejections] == [
        ("government-of-russia", "joint ceasefire commission", "nordic-contact-group",
         "Moscow rejected the commission within a week.")]
    arguments = {(local(r["from"]), local(r["relation"]), local(r["to"])) for r in _mine(run_query("arguments", project=project), "from")}
    assert arguments == {
        (REJECTION, "rejectionOf", PROPOSAL),
        (f"{DOC}-p04-s2-claim-authors", "contrastsWith", f"{DOC}-p04-s1-claim-authors"),
        (f"{DOC}-p04-s3-claim-authors", "reasonFor", f"{DOC}-p04-s2-claim-authors"),
    }
