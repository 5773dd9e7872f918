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


def check_shapes(data: Graph, shapes_path: Path, shown_as: str | None = None) -> None:
    """Validate ``data`` (ontology included) against the shapes; raise on violations."""
    import pyshacl

    from ..sources.vocab import read_turtle

    shapes = read_turtle(shapes_path, shown_as or str(shapes_path))
    conforms, _report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    if not conforms:
        raise ValidationFailed(f"the graph does not conform to {shapes_path.name}:\n{text}")


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
