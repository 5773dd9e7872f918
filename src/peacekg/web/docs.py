"""Human-readable documentation of the ontology, made by pyLODE.

``peacekg docs --out DIR`` writes it as a static site (``index.html`` and the
ontology's Turtle beside it); ``peacekg serve`` serves the same page at
``/ontology``. pyLODE's page is self-contained: its CSS is inline, it loads
nothing from the internet.
"""

from __future__ import annotations

import logging
from pathlib import Path

from html import escape

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from ..compile.files import write_file
from ..errors import ExportError
from ..namespaces import PKO
from ..project import Project, find_project

TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def ontology_html(project: Project | None = None) -> str:
    """The ontology's documentation as one HTML page.

    pyLODE documents the pko classes and properties (once each) under the
    ontology's own title and metadata; the concept schemes and their concepts
    (the values curators type) and the imported terms follow in sections of
    their own, since pyLODE's ontology profile would take a scheme for the
    ontology and leave the concepts out.

    >>> html = ontology_html()
    >>> "<title>peacekg ontology</title>" in html and 'id="Proposal"' in html and 'id="requested"' in html
    True
    """
    project = project or find_project()
    graph = Graph().parse(project.ontology, format="turtle")
    schemes = sorted(set(graph.subjects(RDF.type, SKOS.ConceptScheme)))
    concepts = sorted({c for c in graph.subjects(SKOS.inScheme, None)})
    imported = sorted(t for kind in TERM_KINDS for t in graph.subjects(RDF.type, kind)
                      if isinstance(t, URIRef) and not str(t).startswith(PKO))
    shown = Graph().parse(project.ontology, format="turtle")  # (a copy keeps pyLODE's ids: its own parse)
    for triple in list(shown):
        if triple[0] in schemes or triple[0] in concepts or (triple[0] in imported and triple[1] == RDF.type):
            shown.remove(triple)
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    quiet = not handlers  # no handler: nobody asked for logs (peacekg --verbose adds one)
    if quiet:  # pyLODE calls logging.basicConfig(level=DEBUG) on import: with a handler it does nothing
        root.addHandler(logging.NullHandler())
        logging.disable(logging.CRITICAL)  # and it logs INFO and DEBUG on the root logger
    try:
        from pylode import OntPub

        page = OntPub(ontology=shown).make_html(include_css=True)
    except Exception as exc:  # pyLODE raises bare exceptions on a graph it cannot document
        raise ExportError(f"pyLODE could not document {project.relative(project.ontology)}: {exc}") from exc
    finally:  # pyLODE sets the root logger to DEBUG when imported; put it back
        if quiet:
            logging.disable(logging.NOTSET)
        root.setLevel(level)
        root.handlers[:] = handlers
    extra = _schemes_html(graph, schemes) + _imported_html(graph, imported)
    return page.replace("</body>", extra + "</body>", 1) if "</body>" in page else page + extra


def _label(graph: Graph, term) -> str:
    return str(graph.value(term, SKOS.prefLabel) or graph.value(term, RDFS.label) or str(term).rsplit("#", 1)[-1])


def _schemes_html(graph: Graph, schemes: list) -> str:
    parts = ['<div class="section" id="conceptschemes"><h2>Concept schemes</h2>',
             "<p>The values statements take (their local names are what curators type).</p>"]
    for scheme in schemes:
        name = str(scheme).rsplit("#", 1)[-1]
        parts.append(f'<div class="entity" id="{escape(name)}"><h3>{escape(_label(graph, scheme))} '
                     f"<code>pko:{escape(name)}</code></h3>")
        if graph.value(scheme, SKOS.definition):
            parts.append(f"<p>{escape(str(graph.value(scheme, SKOS.definition)))}</p>")
        parts.append("<table><tr><th>value</th><th>label</th><th>kind</th><th>definition</th></tr>")
        for concept in sorted(graph.subjects(SKOS.inScheme, scheme)):
            local = str(concept).rsplit("#", 1)[-1]
            kinds = ", ".join(sorted(str(k).rsplit("#", 1)[-1] for k in graph.objects(concept, RDF.type)
                                     if str(k).startswith(PKO)))
            definition = graph.value(concept, SKOS.definition) or ""
            parts.append(f'<tr id="{escape(local)}"><td><code>{escape(local)}</code></td>'
                         f"<td>{escape(_label(graph, concept))}</td><td>{escape(kinds)}</td>"
                         f"<td>{escape(str(definition))}</td></tr>")
        parts.append("</table></div>")
    return "".join(parts) + "</div>"


def _imported_html(graph: Graph, imported: list) -> str:
    rows = "".join(f'<li><a href="{escape(str(t))}">{escape(graph.namespace_manager.normalizeUri(t))}</a></li>'
                   for t in imported)
    return ('<div class="section" id="imported"><h2>Imported terms</h2><p>Terms of other vocabularies the '
            f"ontology declares so that it stays in OWL 2 DL; they are documented by their own vocabularies.</p>"
            f"<ul>{rows}</ul></div>")


def write_docs(out: Path, project: Project | None = None) -> list[Path]:
    """Write the documentation site to ``out``; files appear whole or not at all."""
    project = project or find_project()
    project.refuse_output(out, ExportError)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    pages = {"index.html": ontology_html(project).encode("utf-8"),
             "peacekg.ttl": project.ontology.read_bytes()}
    written = []
    for name, data in pages.items():
        target = out / name
        try:  # beside the target and renamed: whole or not at all, with the umask's modes (or the file's own)
            write_file(target, lambda stream, data=data: stream.write(data), point="docs")
        except OSError as exc:
            raise ExportError(f"cannot write {target}: {exc}") from None
        written.append(target)
    return written
