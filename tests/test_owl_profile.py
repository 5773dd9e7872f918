"""Ontology plus graph are in OWL 2 DL, by OWL API's own profile checker (OWL2DLProfile).

Debian's libowlapi-java provides OWL API; `tests/java/ProfileCheck.java` is compiled
here with javac and run on the export (ontology, registry, documents, links) as
one N-Triples file, so that every term is read with the declarations of the ontology.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from peacekg.query.export import export

JAVA_DIR = Path(__file__).resolve().parent / "java"
OWLAPI = Path("/usr/share/java/owlapi-distribution.jar")
pytestmark = pytest.mark.skipif(not (shutil.which("javac") and OWLAPI.exists()),
                                reason="needs javac and OWL API (apt-get install default-jdk-headless libowlapi-java)")
CLASSPATH = "/usr/share/java/*"


@pytest.fixture(scope="module")
def checker(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("owlapi")
    subprocess.run(["javac", "-cp", CLASSPATH, "-d", str(out), str(JAVA_DIR / "ProfileCheck.java")],
                   check=True, capture_output=True, timeout=300)
    return f"{CLASSPATH}:{out}"


def profile_violations(classpath: str, path: Path) -> list[str]:
    run = subprocess.run(["java", "-cp", classpath, "ProfileCheck", str(path)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines and lines[-1].startswith("violations: "), run.stdout[-3000:]
    return lines[:-1]


def test_ontology_plus_graph_is_owl2_dl(project, tmp_path, checker):
    everything = tmp_path / "all.nt"
    export("ntriples", everything, project=project, with_ontology=True)
    violations = profile_violations(checker, everything)
    assert violations == [], "\n".join(violations[:20])


def test_the_checker_finds_what_the_issue_found(tmp_path, checker):
    """A year as xsd:gYear and dcterms:language as an undeclared annotation: both outside OWL 2 DL."""
    bad = tmp_path / "bad.nt"
    bad.write_text(
        '<https://w3id.org/peacekg/ontology> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
        '<http://www.w3.org/2002/07/owl#Ontology> .\n'
        '<urn:x:p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
        '<http://www.w3.org/2002/07/owl#DatatypeProperty> .\n'
        '<urn:x:s> <urn:x:p> "2022"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n'
        '<urn:x:s> <http://purl.org/dc/terms/language> "en" .\n', encoding="utf-8")
    found = "\n".join(profile_violations(checker, bad))
    assert "gYear" in found and "language" in found
