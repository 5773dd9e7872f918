"""Wikidata candidates for a proposed entity, from the offline cache only (``graph/wikidata.ttl``).

An item of the cache whose English label is the span's name, folded as
``peacekg link`` folds names, is a candidate: never a link. It says where it
comes from and that it is unverified; a link needs the checks of
``graph/links/README.md`` (``peacekg link`` proposes them once the entity is
registered). No request is made: a name the cache does not hold has none.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import Namespace

from ..namespaces import WD
from ..project import Project
from ..wikidata.reconcile import fold

SCHEMA = Namespace("http://schema.org/")


def cache_path(project: Project) -> Path:
    return project.graph_dir / "wikidata.ttl"


def offline_candidates(project: Project) -> dict[str, list[dict]]:
    """Folded name -> the cached items so labelled (QID order), each marked unverified."""
    path = cache_path(project)
    if not path.is_file():
        return {}
    graph = Graph()
    graph.parse(path, format="turtle")
    found: dict[str, list[dict]] = {}
    for item, label in graph.subject_objects(RDFS.label):
        if not isinstance(item, URIRef) or not str(item).startswith(WD) or getattr(label, "language", None) != "en":
            continue
        qid = str(item)[len(WD):]
        description = graph.value(item, SCHEMA.description)
        found.setdefault(fold(str(label)), []).append({
            "qid": qid, "label": str(label), "description": None if description is None else str(description),
            "source": project.relative(path), "verified": False,
            "note": "a candidate by name from the offline cache; verify it before linking (peacekg link)"})
    for items in found.values():
        items.sort(key=lambda c: (len(c["qid"]), c["qid"]))
    return found
