"""The curation page's scenario, measured: ``python -m bench.curate_scenario [--more 0 --more 20] [--out FILE]``.

The browser test ``tests/test_browser_curate_scenario.py`` curates the made-up op-ed
(tests/data/curate/commission.txt) through the page and the keyboard only, in Debian's
headless Chromium: a figure with its unit (one refused save first), a proposal by a new
actor of a new mechanism, a rejection related to it by a click in the text, an imputed
view, a batch accept. This plays the same scenario on a copy of the project with the
essay and, with ``--more N``, N more documents (copies of the essay under new ids, as
``bench/curate.py`` makes them), and reports the decisions and keystrokes it needs, the
write's round trip as the page measures it (``fetch`` sent to answer read) and the time
from the key pressed to the page redrawn from the new state: median and 95th percentile.
``bench/curate.py`` measures the decisions alone over HTTP.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(more: int) -> dict:
    from tests.serving import running_server
    from tests.test_browser import CHROMIUM, DRIVER
    from tests.conftest import copy_project
    from tests.test_browser_curate_scenario import DOC, add_commission, scenario

    from .curate import add_copies

    if not (CHROMIUM.exists() and DRIVER.exists()):
        raise SystemExit("needs Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    work = Path(tempfile.mkdtemp(prefix="peacekg-curate-scenario-"))
    try:
        project = copy_project(work / "p")
        add_copies(project.root, more)
        add_commission(project)
        documents = len([p for p in project.seeds.glob("*.yaml")])
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     f"--user-data-dir={work / 'profile'}", "--window-size=1400,1000"):
            options.add_argument(flag)
        with running_server(project.root, "--curate", "--workers", "1") as base:
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:  # the kept build primed, as a curator would find it
                with urllib.request.urlopen(f"{base}/api/curate/{DOC}/state", timeout=600) as answer:
                    if json.loads(answer.read()).get("builder") == "ready":
                        break
                time.sleep(0.5)
            driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
            try:
                figures = scenario(driver, base)
            finally:
                driver.quit()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"documents": documents, "decisions": figures["decisions"], "keystrokes": figures["keystrokes"],
            "clicks": figures["clicks"], "refused_saves": figures["refused_saves"], "seconds": figures["seconds"],
            "write_ms": {"median": statistics.median(figures["latencies_ms"]), "p95": p95(figures["latencies_ms"]),
                         "all": figures["latencies_ms"]},
            "shown_ms": {"median": statistics.median(figures["shown_ms"]), "p95": p95(figures["shown_ms"]),
                         "all": figures["shown_ms"]}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--more", type=int, action="append", help="documents added (repeatable; default 0)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    results = [measure(more) for more in (args.more or [0])]
    for r in results:
        print(f"{r['documents']} documents: {r['decisions']} decisions, {r['keystrokes']} keystrokes, "
              f"{r['clicks']} click, {r['refused_saves']} refused save; write median {r['write_ms']['median']} ms, "
              f"p95 {r['write_ms']['p95']} ms; key to page redrawn median {r['shown_ms']['median']} ms, "
              f"p95 {r['shown_ms']['p95']} ms; the scenario in {r['seconds']} s")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
