"""Checks of the compiled graph: SHACL shapes (pySHACL) and OWL consistency (HermiT).

Heavy imports (pyshacl, owlready2) happen inside the functions, so that nothing
on the query path pays for them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from rdflib import Graph

from ..errors import EnvironmentProblem, ValidationFailed


def check_shapes(data: Graph, shapes_path: Path, shown_as: str | None = None, *,
                 focus: list | None = None, shapes: Graph | None = None, inplace: bool = False) -> None:
    """Validate ``data`` (ontology included) against the shapes; raise on violations.

    ``focus`` limits the check to those nodes (a curation save checks what it changed);
    ``shapes`` is the parsed shapes file when the caller keeps it; ``inplace`` spares
    pySHACL its copy of ``data`` (which it does not change: the shapes have no rules).
    """
    import pyshacl

    from ..sources.vocab import read_turtle

    if shapes is None:
        shapes = read_turtle(shapes_path, shown_as or str(shapes_path))
    options = {"focus_nodes": list(focus)} if focus is not None else {}
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=inplace,
        **options)
    if not conforms:
        raise ValidationFailed(f"the graph does not conform to {shapes_path.name}:\n{text}", results(report))


def results(report: Graph) -> list[dict]:
    """The violations of a pySHACL report graph, as plain dicts (see :class:`ValidationFailed`)."""
    from rdflib import Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    found = []
    for result in report.subjects(sh.resultSeverity, sh.Violation):
        def value(prop):
            v = report.value(result, prop)
            return None if v is None else str(v)
        found.append({"focus": value(sh.focusNode), "path": value(sh.resultPath),
                      "component": value(sh.sourceConstraintComponent), "message": value(sh.resultMessage),
                      "value": value(sh.value)})
    return sorted(found, key=lambda r: tuple(str(v) for v in r.values()))


def java_available() -> bool:
    return shutil.which("java") is not None


def check_consistency(data: Graph) -> None:
    """Run HermiT (through owlready2) on ontology plus graph; raise if inconsistent.

    owlready2 does not read Turtle, so the graph goes to it as N-Triples. HermiT
    does not know xsd:gYear and xsd:gYearMonth (the precisions of dates in the
    essay); it is told to ignore such literals, which the shapes check instead.
    """
    if not java_available():
        raise EnvironmentProblem(
            "the consistency check needs Java (HermiT runs on the JVM) and none was found: "
            "install a Java runtime (e.g. apt-get install default-jre-headless), "
            "or skip the reasoner with `peacekg build --no-reason`")
    import owlready2

    world = owlready2.World()
    ntriples = data.serialize(format="nt", encoding="utf-8")
    ontology = world.get_ontology("https://w3id.org/peacekg/checked").load(
        fileobj=io.BytesIO(ntriples), format="ntriples")
    try:
        with ontology:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        raise ValidationFailed("HermiT finds the ontology plus graph inconsistent") from None
    except subprocess.CalledProcessError as exc:
        output = exc.output.decode("utf-8", "replace") if isinstance(exc.output, bytes) else str(exc.output)
        first = next((ln for ln in output.splitlines() if ln.strip() and not ln.startswith("\tat ")), output)
        raise ValidationFailed(f"HermiT could not check the graph: {first.strip()}") from None
