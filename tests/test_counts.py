"""One way of saying the graph's size: `build`, `stats` and the home page give the same three
figures, each named for what it counts, each what a query of the graph finds, and the last the
dataset's void:triples in its VoID description."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import urllib.request

from pyoxigraph import RdfFormat, parse

from peacekg.compile.counts import phrases
from peacekg.query.stats import store_counts
from peacekg.query.store import open_store

from .conftest import ROOT
from .serving import running_server

DOC = "carment-belo-ukraine"


def peacekg(*args: str) -> str:
    run = subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return run.stdout


def expected() -> list[str]:
    store = open_store()
    statements = len(list(store.query(
        "SELECT DISTINCT ?s WHERE { ?s a ?c . ?c rdfs:subClassOf* pko:Statement }",
        use_default_graph_as_union=True, prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                                                    "pko": "https://w3id.org/peacekg/ontology#"})))
    essay = sum(1 for _ in parse(path=str(ROOT / "graph" / f"{DOC}.ttl"), format=RdfFormat.TURTLE))
    described = next(iter(store.query(  # the dataset's own figure in its VoID description
        "SELECT ?n WHERE { <https://w3id.org/peacekg/dataset> <http://rdfs.org/ns/void#triples> ?n }",
        use_default_graph_as_union=True)))["n"].value
    said = [f"{statements:,} statements", f"{essay:,} triples in {DOC}'s graph",
            f"{int(described):,} triples in all graphs, the ontology included"]
    assert phrases(store_counts(store)) == said
    return said


def test_build_stats_and_the_home_page_say_the_same_figures(project):
    said = expected()
    build = peacekg("build", "--no-reason", "--no-shapes", "--dry-run").splitlines()[0]
    assert f": {'; '.join(said)} (" in build
    assert peacekg("stats").splitlines()[:3] == said
    with running_server(project.root) as base:
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            page = response.read().decode("utf-8")
    shown = html.unescape(re.search(r'<span class="counts">(.*?)</span>', page).group(1))
    assert shown == "; ".join(said)
    for number in re.findall(r"[\d,]+ triples", page):
        assert any(number in phrase for phrase in said)  # no other, unnamed triple count
