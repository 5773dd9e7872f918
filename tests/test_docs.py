"""`peacekg docs` (pyLODE): the ontology's title and metadata, every pko class and property once,
imported terms apart, every concept scheme with its concepts, and nothing on stderr."""

from __future__ import annotations

import collections
import re
import subprocess
import sys

from rdflib import OWL, RDF, SKOS, Graph

from peacekg.namespaces import PKO


def section(page: str, name: str) -> str:
    start = page.find(f'id="{name}"')
    end = page.find('<div class="section"', start + 10)
    return page[start:end if end > 0 else len(page)]


def test_the_documentation_site(project, tmp_path):
    run = subprocess.run([sys.executable, "-m", "peacekg", "docs", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stderr == "", run.stderr[-2000:]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<title>peacekg ontology</title>" in page
    metadata = re.sub(r"<[^>]+>", " ", section(page, "metadata"))
    assert "https://w3id.org/peacekg/ontology " in metadata and "peacekg developers" in metadata
    assert "TopicScheme" not in metadata
    ontology = Graph().parse(project.ontology)
    classes = re.findall(r'<div class="[^"]*entity[^"]*" id="([^"]+)"', section(page, "classes"))
    pko_classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(PKO)]
    assert len(classes) == len(set(classes)) == len(pko_classes)  # each once
    # (the count is the pko classes': no imported class among them; pyLODE's ids are its own, e.g. "agent")
    imported = section(page, "imported")
    assert "foaf:Agent" in imported and "prov:Agent" in imported
    schemes = section(page, "conceptschemes")
    for concept in ontology.subjects(SKOS.inScheme, None):
        assert f'<tr id="{str(concept).rsplit("#", 1)[1]}">' in schemes
    counts = collections.Counter(re.findall(r'<tr id="([^"]+)"', schemes))
    assert counts["requested"] == 1 and len(counts) >= 70
