"""``peacekg build``: curated sources in, checked and deterministic Turtle out.

Every problem in the sources is collected and reported at once (file and line);
nothing is written unless the whole build succeeds, and then each output file is
replaced atomically. Building twice gives the same bytes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF

from ..sources import sourcefile
from ..errors import OutputError, Problem, SourceError
from ..namespaces import ONTOLOGY_GRAPH, PKO, SPECIAL_FILES, authors_iri, document_iri, graph_iri
from ..project import Project, find_project, package_version
from ..sources.ids import BUILT_GRAPHS, id_problem
from ..sources.registry import Entity, read_registry, registry_graph
from ..sources.seeds import Document, SeedChanged, load_document
from ..sources.statements import StatementCompiler, statement_ids
from .closure import CLOSURE_FILE, ClosureView, class_map, closure_bytes
from .counts import Counts
from .validate import check_consistency, check_shapes
from .void import describe_dataset, digest
from .write import serialise, write_atomically
from ..sources.vocab import Vocabulary

PKO_NS = Namespace(PKO)
Sources = dict[Path, bytes]  #: source files' new bytes, read instead of the files


@dataclass
class BuildResult:
    """What a build produced: the output files' bytes, counts and timings."""

    outputs: dict[Path, bytes]
    documents: list[Document]
    triples: int  #: the triples of the graphs the build wrote (the ontology aside)
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: Counts | None = None  #: statements, each document's triples, all graphs' (see :mod:`.counts`)
    removed: list[Path] = field(default_factory=list)  #: built graphs of documents no longer in the sources


def load_documents(project: Project, problems: list[Problem]) -> list[Document]:
    documents = []
    for record in sorted(project.seeds.glob("*.yaml")):
        try:
            documents.append(load_document(record, project.relative(record)))
        except SeedChanged:  # every later problem would follow from it: report it alone
            raise
        except SourceError as exc:
            problems.extend(exc.problems)
    if not documents and not problems:
        problems.append(Problem(project.relative(project.seeds), 1, "no document records (*.yaml) in seeds/"))
    return documents


def document_graph(document: Document, entities: dict[str, Entity], problems: list[Problem]) -> Graph:
    """The document's own node and its author group, from its record."""
    graph = Graph()
    doc = URIRef(document_iri(document.id))
    authors = URIRef(authors_iri(document.id))
    graph.add((doc, RDF.type, PKO_NS.Document))
    graph.add((doc, DCTERMS.identifier, Literal(document.id)))
    graph.add((doc, PKO_NS.sha256, Literal(document.sha256)))
    for key, value in (("title", document.title), ("date", document.date), ("language", document.language)):
        if value:
            graph.add((doc, DCTERMS[key], Literal(value)))
    if document.url:
        graph.add((doc, DCTERMS.source, URIRef(document.url)))
    graph.add((authors, RDF.type, PKO_NS.AuthorGroup))
    graph.add((authors, RDFS.label, Literal(" and ".join(a.name for a in document.authors), lang="en")))
    for author in document.authors:
        if author.entity not in entities:
            problems.append(Problem(document.record_path, 1,
                                    f"author {author.entity!r} is not in graph/entities.yaml"))
            continue
        graph.add((doc, DCTERMS.creator, entities[author.entity].iri))
        graph.add((authors, FOAF.member, entities[author.entity].iri))
    return graph


def load_registry(project: Project, problems: list[Problem], overrides: Sources | None = None,
                  ) -> tuple[Vocabulary, list[Document], dict[str, Entity]]:
    """The ontology's vocabulary, the documents and the registry's entities (checked against
    the documents' texts); problems go to ``problems``. ``overrides`` are source files'
    bytes to read instead of the files (a curation write judged before it is written)."""
    vocab = Vocabulary.load(project.ontology, project.relative(project.ontology))
    documents = load_documents(project, problems)
    data = _load(project, project.entities_source, problems, overrides)
    entities = read_registry(data, project.relative(project.entities_source), vocab,
                             [d.text for d in documents], problems) if data is not None else {}
    return vocab, documents, entities


def compile_sources(project: Project, warnings: list[Problem] | None = None, overrides: Sources | None = None,
                    ) -> tuple[Vocabulary, Graph, dict[Path, Graph], list[Document]]:
    """Read and check every source; return the ontology and the compiled graphs.

    Findings that do not stop the build (a link to an entity not registered yet)
    go to ``warnings`` when given.
    """
    problems: list[Problem] = []
    vocab, documents, entities = load_registry(project, problems, overrides)
    seen: dict[str, str] = {}
    per_document: dict[str, list] = {}
    for document in documents:
        path = project.statements_dir / f"{document.id}.yaml"
        data = _load(project, path, problems, overrides)
        per_document[document.id] = statement_ids(data, project.relative(path), problems, seen) if data else []
    known_documents = {d.id for d in documents}
    for stray in sorted(project.statements_dir.glob("*.yaml")):
        if stray.name.endswith(".suggested.yaml"):  # `peacekg suggest`'s output, never compiled
            continue
        if stray.stem not in known_documents:
            problems.append(Problem(project.relative(stray), 1, f"no seed record seeds/{stray.stem}.yaml"))
    outputs: dict[Path, Graph] = {project.entities_output: registry_graph(entities)}
    for document in documents:
        graph = document_graph(document, entities, problems)
        compiler = StatementCompiler(vocab, entities, document, set(seen), problems)
        for record in per_document[document.id]:
            compiler.compile(record, graph)
        outputs[project.document_output(document.id)] = graph
    outputs.update(compile_links(project, set(entities), problems, warnings))
    if problems:
        raise SourceError(problems)
    return vocab, vocab.graph, outputs, documents


def compile_links(project: Project, known: set[str], problems: list[Problem],
                  warnings: list[Problem] | None = None) -> dict[Path, Graph]:
    """graph/links/*.sssom.tsv -> graph/links.ttl (see :mod:`peacekg.sources.links`)."""
    from ..sources.links import compile_links as links

    graph = links(project.links_dir, project.relative, known, problems, warnings)
    return {} if graph is None else {project.graph_dir / "links.ttl": graph}


def _load(project: Project, path: Path, problems: list[Problem], overrides: Sources | None = None):
    try:
        if overrides and path in overrides:
            return sourcefile.loads(sourcefile.decode(overrides[path], project.relative(path)),
                                    project.relative(path))
        return sourcefile.load(path, project.relative(path))
    except SourceError as exc:
        problems.extend(exc.problems)
        return None


def remove_stale(project: Project, outputs: dict[Path, bytes]) -> list[Path]:
    """Remove the built graph of each document the sources no longer have (every reader loads graph/*.ttl).

    Only a file this build did not write, whose name is a document id (no graph the build or
    ``link`` makes) and which names that document as a built document graph does (``pkdoc:<id>``).
    """
    removed = []
    for path in sorted(project.graph_dir.glob("*.ttl")):
        if path in outputs or path.stem in BUILT_GRAPHS or id_problem(path.stem, "document") or not path.is_file():
            continue
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
        if f"pkdoc:{path.stem} ".encode() in head or f"<{document_iri(path.stem)}>".encode() in head:
            try:
                path.unlink()
            except OSError as exc:
                raise OutputError(f"cannot remove {project.relative(path)}, the built graph of a document "
                                  f"no longer in the sources: {exc.strerror or exc}") from None
            removed.append(path)
    return removed


def build(project: Project | None = None, *, reason: bool = True, shapes: bool = True,
          write: bool = True, overrides: Sources | None = None) -> BuildResult:
    """Compile, check and (unless ``write`` is false) write the graph.

    ``overrides`` (path -> bytes) are read instead of those source files: a change judged
    before any file is written.

    :raises SourceError: the sources have problems (all listed, with file and line)
    :raises ValidationFailed: the graph breaks the shapes or is inconsistent
    :raises EnvironmentProblem: the reasoner is asked for and Java is missing
    """
    project = project or find_project()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    warnings: list[Problem] = []
    _vocab, ontology, graphs, documents = compile_sources(project, warnings, overrides)
    timings["compile"] = time.perf_counter() - t0
    merged = Graph()
    for graph in (ontology, *graphs.values()):
        for triple in graph:
            merged.add(triple)
    if shapes:
        t = time.perf_counter()
        check_shapes(merged, project.shapes, project.relative(project.shapes))
        timings["shapes"] = time.perf_counter() - t
    if reason:
        t = time.perf_counter()
        check_consistency(merged)
        timings["reasoner"] = time.perf_counter() - t
    t = time.perf_counter()
    # Derived from what was just checked, so not checked again; written with the rest.
    outputs = {path: serialise(graph) for path, graph in graphs.items()}
    classes = class_map(ontology, [ontology, *graphs.values()])
    closure = project.graph_dir / CLOSURE_FILE
    outputs[closure] = closure_bytes(classes)
    described = {**graphs, closure: ClosureView(classes)}  # what the closure holds, without an rdflib graph
    named = {SPECIAL_FILES.get(path.name) or graph_iri(path.stem): graph for path, graph in described.items()}
    named[ONTOLOGY_GRAPH] = ontology
    built = {path.name: data for path, data in outputs.items()} | {"ontology": project.ontology.read_bytes()}
    void = project.graph_dir / "void.ttl"
    graphs[void] = describe_dataset(named, documents=documents, version=f"{package_version()}+{digest(built)}")
    outputs[void] = serialise(graphs[void])
    timings["serialise"] = time.perf_counter() - t
    triples = sum(len(g) for g in graphs.values()) + len(described[closure])
    result = BuildResult(outputs, documents, triples, timings)
    result.warnings = warnings
    result.counts = _counts(project, _vocab, ontology, {**graphs, closure: described[closure]}, documents)
    if write:
        result.written = write_atomically(outputs, root=project.root)
        result.removed = remove_stale(project, outputs)
    timings["total"] = time.perf_counter() - t0
    return result


def _counts(project: Project, vocab: Vocabulary, ontology: Graph, graphs: dict[Path, Graph],
            documents: list[Document]) -> Counts:
    """The figures a query of the built graph gives (:mod:`.counts`), and the VoID's ``void:triples``."""
    kinds = vocab.statement_classes()
    per_document = {d.id: graphs[project.document_output(d.id)] for d in documents}
    statements = {s for g in per_document.values() for s, kind in g.subject_objects(RDF.type) if kind in kinds}
    described = [g for path, g in graphs.items() if path.name != "void.ttl"]  # the description counts not itself
    return Counts(len(statements), {doc: len(g) for doc, g in per_document.items()},
                  len(ontology) + sum(len(g) for g in described))
