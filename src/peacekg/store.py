"""The embedded store: the built graph loaded into pyoxigraph, one named graph per file.

``ontology/peacekg.ttl`` goes to the ontology graph, ``graph/entities.ttl`` to the
entities graph, ``graph/links.ttl`` and ``graph/wikidata.ttl`` (when present) to
the links and Wikidata-cache graphs, and each ``graph/<document>.ttl`` to that
document's graph. Queries see the union of all of them as their default graph.

This module imports pyoxigraph only: no rdflib on the path of a plain query.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from .errors import PeacekgError
from .namespaces import ENTITIES_GRAPH, LINKS_GRAPH, ONTOLOGY_GRAPH, WIKIDATA_GRAPH, graph_iri
from .project import Project, find_project

#: Files of graph/ that are not documents, and the named graph each goes to.
SPECIAL_FILES = {"entities.ttl": ENTITIES_GRAPH, "links.ttl": LINKS_GRAPH, "wikidata.ttl": WIKIDATA_GRAPH}


def graph_files(project: Project, *, ontology: bool = True) -> list[tuple[Path, str]]:
    """The Turtle files of the built graph with the named graph of each, in a fixed order."""
    files: list[tuple[Path, str]] = []
    if ontology:
        files.append((project.ontology, ONTOLOGY_GRAPH))
    for path in sorted(project.graph_dir.glob("*.ttl")):
        files.append((path, SPECIAL_FILES.get(path.name) or graph_iri(path.stem)))
    return files


def document_files(project: Project) -> list[tuple[Path, str]]:
    """The built document graphs only."""
    return [(p, g) for p, g in graph_files(project, ontology=False) if p.name not in SPECIAL_FILES]


def open_store(project: Project | None = None, *, ontology: bool = True) -> Store:
    """An in-memory pyoxigraph store holding the built graph.

    >>> store = open_store()
    >>> any(True for _ in store.named_graphs())
    True
    """
    project = project or find_project()
    files = graph_files(project, ontology=ontology)
    if not any(p.name not in SPECIAL_FILES and p != project.ontology for p, _ in files):
        raise PeacekgError(f"no built graph in {project.relative(project.graph_dir)}: run `peacekg build` first")
    store = Store()
    for path, graph in files:
        try:
            store.bulk_load(path=str(path), format=RdfFormat.TURTLE, to_graph=NamedNode(graph))
        except (SyntaxError, OSError) as exc:
            raise PeacekgError(f"{project.relative(path)}: cannot load: {exc}") from None
    return store
