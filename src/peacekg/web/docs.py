"""Human-readable documentation of the ontology, made by pyLODE.

``peacekg docs --out DIR`` writes it as a static site (``index.html`` and the
ontology's Turtle beside it); ``peacekg serve`` serves the same page at
``/ontology``. pyLODE's page is self-contained: its CSS is inline, it loads
nothing from the internet.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import ExportError
from ..project import Project, find_project


def ontology_html(project: Project | None = None) -> str:
    """The ontology's documentation as one HTML page.

    >>> html = ontology_html()
    >>> "peacekg ontology" in html and 'id="Proposal"' in html
    True
    """
    project = project or find_project()
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    if not handlers:  # pyLODE calls logging.basicConfig(level=DEBUG) on import: with a handler it does nothing
        root.addHandler(logging.NullHandler())
    try:
        from pylode import OntPub

        return OntPub(ontology=str(project.ontology)).make_html(include_css=True)
    except Exception as exc:  # pyLODE raises bare exceptions on a graph it cannot document
        raise ExportError(f"pyLODE could not document {project.relative(project.ontology)}: {exc}") from exc
    finally:  # pyLODE may set the root logger to DEBUG when imported; put it back
        root.setLevel(level)
        root.handlers[:] = handlers


def write_docs(out: Path, project: Project | None = None) -> list[Path]:
    """Write the documentation site to ``out``; files appear whole or not at all."""
    project = project or find_project()
    out.mkdir(parents=True, exist_ok=True)
    pages = {"index.html": ontology_html(project).encode("utf-8"),
             "peacekg.ttl": project.ontology.read_bytes()}
    written = []
    for name, data in pages.items():
        target = out / name
        handle, temporary = tempfile.mkstemp(dir=out, prefix=f".{name}.")
        try:
            os.chmod(temporary, 0o644)  # a site to publish, not a private file
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            shutil.move(temporary, target)
        except OSError as exc:
            Path(temporary).unlink(missing_ok=True)
            raise ExportError(f"cannot write {target}: {exc}") from None
        written.append(target)
    return written
