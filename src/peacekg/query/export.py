"""Export the graph in an RDF format, merged or per document, with or without the ontology.

Serialisation is pyoxigraph's (it writes every format offered here, JSON-LD and
RDF/XML included). Triple formats (Turtle, N-Triples, JSON-LD... RDF/XML)
get the union of the chosen graphs; dataset formats (N-Quads, TriG) keep one
named graph per file. Output is sorted, so an export is deterministic, and
written through a temporary file and a rename, so a failed or interrupted
export leaves any earlier file as it was and no half-written one.

>>> data = export_bytes("ntriples", document="carment-belo-ukraine")
>>> b"<https://w3id.org/peacekg/statement/p26-russia-requests-legal-guarantees>" in data
True
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from pyoxigraph import BlankNode, CanonicalizationAlgorithm, Dataset, NamedNode, Quad, RdfFormat, Triple, serialize

from ..errors import ExportError
from ..namespaces import ONTOLOGY_GRAPH, PREFIXES
from ..project import Project, find_project
from .store import document_files, open_store

MERGED = "merged"


class ExportFormat(str, Enum):
    """The RDF formats of ``peacekg export``."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    XML = "xml"

    @property
    def rdf_format(self) -> RdfFormat:
        return {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
                "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD, "xml": RdfFormat.RDF_XML}[self.value]

    @property
    def keeps_graphs(self) -> bool:
        return self in (ExportFormat.NQUADS, ExportFormat.TRIG, ExportFormat.JSONLD)


def _graphs(project: Project, document: str, with_ontology: bool) -> list[str] | None:
    """The named graphs to export; None means every graph of the store."""
    if document == MERGED:
        return None
    documents = {path.stem: graph for path, graph in document_files(project)}
    if document not in documents:
        raise ExportError(f"no built document {document!r}; built documents: {', '.join(sorted(documents))}")
    return [documents[document], *([ONTOLOGY_GRAPH] if with_ontology else [])]


def _statements(project: Project, fmt: ExportFormat, document: str, with_ontology: bool) -> list:
    store = open_store(project, ontology=with_ontology)
    chosen = _graphs(project, document, with_ontology)
    graphs = [NamedNode(g) for g in chosen] if chosen is not None else list(store.named_graphs())
    quads = _canonical([q for g in graphs for q in store.quads_for_pattern(None, None, None, g)])
    if fmt.keeps_graphs:  # by graph first: TriG then writes one block per graph
        return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q)))
    return sorted({Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)


def _canonical(quads: list[Quad]) -> list[Quad]:
    """The quads with their blank nodes named by RDFC-1.0 (W3C RDF Dataset Canonicalization),
    so that an export with blank nodes (the ontology's axioms) gives the same bytes every run."""
    if not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object)):
        return quads
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def _write(statements: Iterable[Triple | Quad], fmt: ExportFormat, output: BinaryIO | None):
    return serialize(statements, output, format=fmt.rdf_format, prefixes=PREFIXES)


def export_bytes(fmt: ExportFormat | str, *, project: Project | None = None,
                 document: str = MERGED, with_ontology: bool = False) -> bytes:
    """The graph (or one document's graph) serialised in ``fmt``."""
    fmt = ExportFormat(fmt)
    return _write(_statements(project or find_project(), fmt, document, with_ontology), fmt, None)


def write_atomically(path: Path, writer: Callable[[BinaryIO], object]) -> None:
    """Call ``writer`` on a temporary file next to ``path``, then rename it over ``path``.

    If anything fails (or the process is interrupted) before the rename, the
    temporary file is removed (by the next write, after a ``kill -9``) and
    ``path`` keeps its earlier content. The file gets the umask's modes.
    """
    from ..compile.files import write_file

    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: no folder {path.parent}")
    try:
        write_file(path, writer, point="export")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def export(fmt: ExportFormat | str, out: Path, *, project: Project | None = None,
           document: str = MERGED, with_ontology: bool = False) -> int:
    """Write the export to ``out`` atomically; return the number of triples (quads, for N-Quads, TriG, JSON-LD)."""
    fmt = ExportFormat(fmt)
    project = project or find_project()
    project.refuse_output(out, ExportError)
    statements = _statements(project, fmt, document, with_ontology)
    write_atomically(Path(out), lambda handle: _write(statements, fmt, handle))
    return len(statements)
