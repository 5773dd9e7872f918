"""What a curation save keeps of the last full compile besides the graphs (see :mod:`.incremental`):
the sources' sizes and times, and what the dataset's description (``graph/void.ttl``) reads of
each graph, so that a save rewrites the description without reading every document again."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from ..namespaces import ONTOLOGY_GRAPH, PKR, SPECIAL_FILES, graph_iri
from ..project import Project, package_version
from .void import EXAMPLES, describe_dataset
from .write import serialise


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class Summary:
    """What the dataset's description (:func:`.void.describe_dataset`) reads of a graph, kept so
    that a save need not read every document again: its size, its predicates, its classes, and
    the registry resources it names (with repeats: the examples are the most named)."""

    def __init__(self, graph: Graph):
        self.size = len(graph)
        self.preds = set(graph.predicates(unique=True))
        self.classes = set(graph.objects(None, RDF.type, unique=True))
        self.named = Counter(o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(PKR))

    def __len__(self) -> int:
        return self.size

    def predicates(self, subject=None, obj=None, unique: bool = False):
        return iter(self.preds)

    def objects(self, subject=None, predicate=None, unique: bool = False):
        return iter(self.classes if predicate == RDF.type else self.named.elements())


class _Described:
    """A summary as :func:`.void.describe_dataset` reads it, whose registry objects (read only to
    pick the examples, the most named) are given: all of them on one graph, none on the others."""

    def __init__(self, summary, named: list):
        self.summary, self.named = summary, named

    def __len__(self) -> int:
        return len(self.summary)

    def predicates(self, subject=None, obj=None, unique: bool = False):
        return self.summary.predicates()

    def objects(self, subject=None, predicate=None, unique: bool = False):
        return self.summary.objects(predicate=RDF.type) if predicate == RDF.type else iter(self.named)


def _examples_named(summaries) -> list:
    """The registry objects of all graphs that can be among the examples, each as often as named:
    those named at least as often as the fifth most named (so the ranking and its ties are kept)."""
    total: Counter = Counter()
    for summary in summaries:
        total.update(getattr(summary, "named", ()))
    total = Counter({o: c for o, c in total.items() if not str(o).startswith(PKR + "authors-")})
    ranked = sorted(total.items(), key=lambda item: (-item[1], str(item[0])))
    if len(ranked) > EXAMPLES:
        floor = ranked[EXAMPLES - 1][1]
        ranked = [(o, c) for o, c in ranked if c >= floor]
    return [o for o, c in ranked for _ in range(c)]


def source_stamps(project: Project) -> dict[Path, tuple[int, int] | None]:
    """Size and modification time of every source a build reads."""
    paths = [project.ontology, project.shapes, project.entities_source]
    for folder, pattern in ((project.seeds, "*"), (project.statements_dir, "*.yaml"), (project.links_dir, "*")):
        paths += sorted(p for p in folder.glob(pattern) if not p.name.endswith(".suggested.yaml")
                        and not p.name.startswith("."))
    return {p: _stamp(p) for p in paths}


def void_bytes(project: Project, summaries: dict, hashes: dict[str, bytes], documents: list) -> tuple[Path, bytes]:
    """graph/void.ttl as the full build writes it (:mod:`.void`): ``summaries`` by built file (the
    ontology's by its path), ``hashes`` the sha256 of each built file by name (``"ontology"`` too)."""
    named = {}
    candidates = _examples_named(summaries.values())
    for index, (path, summary) in enumerate(summaries.items()):
        iri = ONTOLOGY_GRAPH if path == project.ontology else SPECIAL_FILES.get(path.name) or graph_iri(path.stem)
        named[iri] = _Described(summary, candidates if index == 0 else [])
    hashed = hashlib.sha256()  # void.digest, over the files' hashes kept rather than their bytes
    for name in sorted(hashes):
        hashed.update(name.encode() + b"\0" + hashes[name])
    version = f"{package_version()}+{hashed.hexdigest()[:12]}"
    graph = describe_dataset(named, documents=documents, version=version)
    return project.graph_dir / "void.ttl", serialise(graph)
