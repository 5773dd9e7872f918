"""The build of one change: compile and check only what a curation save touches.

A save in ``serve --curate`` changes one document's statements and perhaps the
registry. :class:`Incremental` keeps, between saves, what a full build computes
from everything else: the ontology's vocabulary, the documents, the registry, every
document's statement ids and graph, each graph's classes for the closure, and a
graph for the shapes holding the ontology, the registry and every typed resource.
:meth:`Incremental.judge` then compiles the changed document alone (with the
statement ids of all the others), checks the shapes on the nodes of the changed
graphs only (pySHACL's focus nodes, on the kept graph: the shapes look at a
statement's own triples and at the classes of what it names, both there), and
serialises the files that changed, ``graph/closure.ttl`` from the kept classes
(:func:`.closure.closure_bytes`). Nothing is written: the caller writes the sources,
then :func:`.write.write_atomically` the outputs, then :meth:`Incremental.adopt`.

It gives the files a full ``peacekg build`` writes, byte for byte
(``tests/test_curate_incremental.py``). What it cannot do alone it hands to the full
compile (in memory, with the change read instead of the files): a change to a file
other than the registry and a known document's statements, an entity changed rather
than added, a statement removed, or sources edited by hand since it last looked
(their sizes and modification times). It never runs the reasoner: the save's
answer cannot wait for HermiT's JVM (seconds); ``peacekg build`` runs it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from ..errors import Problem, SourceError
from ..namespaces import ONTOLOGY_GRAPH, PKR, SPECIAL_FILES, graph_iri, statement_iri
from ..project import Project, package_version
from ..sources.registry import Entity, registry_graph
from ..sources.statements import StatementCompiler, statement_ids
from ..sources.vocab import read_turtle
from .closure import CLOSURE_FILE, ClosureView, classes_above, closure_bytes, graph_classes
from .pipeline import Sources, _load, compile_links, compile_sources, document_graph, load_registry
from .validate import check_shapes
from .void import describe_dataset
from .write import serialise
from .files import fault_point


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
        self.named = [o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(PKR)]

    def __len__(self) -> int:
        return self.size

    def predicates(self, subject=None, obj=None, unique: bool = False):
        return iter(self.preds)

    def objects(self, subject=None, predicate=None, unique: bool = False):
        return iter(self.classes if predicate == RDF.type else self.named)


def source_stamps(project: Project) -> dict[Path, tuple[int, int] | None]:
    """Size and modification time of every source a build reads."""
    paths = [project.ontology, project.shapes, project.entities_source]
    for folder, pattern in ((project.seeds, "*"), (project.statements_dir, "*.yaml"), (project.links_dir, "*")):
        paths += sorted(p for p in folder.glob(pattern) if not p.name.endswith(".suggested.yaml")
                        and not p.name.startswith("."))
    return {p: _stamp(p) for p in paths}


@dataclass
class Plan:
    """What a judged change gives: the changed output files' bytes, and the state after it."""

    outputs: dict[Path, bytes]
    graphs: dict[Path, Graph] = field(default_factory=dict)  #: the recompiled graphs
    classes: dict[Path, dict] = field(default_factory=dict)
    entities: dict[str, Entity] | None = None
    ids: dict[str, list[str]] = field(default_factory=dict)
    closure: dict | None = None
    lines: dict = field(default_factory=dict)  #: the closure's lines, by resource
    hashes: dict = field(default_factory=dict)  #: each built file's sha256, by name
    summaries: dict = field(default_factory=dict)  #: what the dataset's description reads of each graph
    full: bool = False  #: judged by the full compile
    previous: dict = field(default_factory=dict)  #: the outputs' bytes before (set by the writer)


class Incremental:
    """What a full compile computed, kept for judging the next change (one at a time)."""

    def __init__(self, project: Project):
        self.project = project
        self.lock = threading.Lock()
        self.ready = False

    # --- the full compile ---------------------------------------------------------
    def prime(self, overrides: Sources | None = None) -> None:
        """Compile every source (no reasoner, no files written) and keep what a save reuses."""
        project = self.project
        stamps = source_stamps(project)
        problems: list[Problem] = []
        vocab, documents, entities = load_registry(project, problems, overrides)
        if problems:
            raise SourceError(problems)
        self.vocab, self.entities = vocab, entities
        self.documents = {d.id: d for d in documents}
        _vocab, ontology, graphs, _docs = compile_sources(project, [], overrides)
        self.ontology = ontology
        self.above = classes_above(ontology)
        self.graphs = graphs
        self.ids = {}
        for document in documents:
            path = project.statements_dir / f"{document.id}.yaml"
            data = _load(project, path, [], overrides)
            self.ids[document.id] = [str(r["id"]) for r in statement_ids(data, "", [], {})] if data else []
        self.classes = {path: graph_classes(graph, self.above) for path, graph in graphs.items()}
        self.classes[project.ontology] = graph_classes(ontology, self.above)
        self.closure = self._merge(self.classes)
        self.lines: dict = {}
        closure_bytes(self.closure, self.lines)  # every line made once, here
        self.shapes_graph = read_turtle(project.shapes, project.relative(project.shapes))
        self.base = Graph()  # what every check reads: the ontology and the registry
        for triple in ontology:
            self.base.add(triple)
        for triple in graphs[project.entities_output]:
            self.base.add(triple)
        self.types: dict = {}  # the classes of every document's resources, for what a change names
        for path, graph in graphs.items():
            if path != project.entities_output:
                for subject, cls in graph.subject_objects(RDF.type):
                    self.types.setdefault(subject, set()).add(cls)
        # pySHACL's first run in a process costs most of a second (imports, caches): paid here.
        warm = sorted(s for s in graphs[project.entities_output].subjects() if isinstance(s, URIRef))[:1]
        check_shapes(self.base, project.shapes, shapes=self.shapes_graph, focus=warm, inplace=True)
        # What graph/void.ttl is made of: each graph's summary, each built file's hash.
        self.summaries = {path: Summary(graph) for path, graph in graphs.items()}
        self.summaries[project.ontology] = Summary(ontology)
        self.hashes = {"ontology": hashlib.sha256(project.ontology.read_bytes()).digest()}
        self.pending: dict[Path, bytes] = {}  # outputs the files on disk do not match yet
        built = {path: serialise(graph) for path, graph in graphs.items()}
        built[project.graph_dir / CLOSURE_FILE] = closure_bytes(self.closure, self.lines)
        for path, data in built.items():
            self.hashes[path.name] = hashlib.sha256(data).digest()
            if not (path.is_file() and path.read_bytes() == data):
                self.pending[path] = data
        self.stamps = stamps if overrides is None else {}
        self.ready = True

    @staticmethod
    def _merge(classes: dict[Path, dict]) -> dict:
        merged: dict = {}
        for found in classes.values():
            for subject, cls in found.items():
                merged.setdefault(subject, set()).update(cls)
        return merged

    def fresh(self) -> bool:
        """Whether the sources are as this state last saw them (no edit by hand since)."""
        return self.ready and self.stamps == source_stamps(self.project)

    # --- one change ---------------------------------------------------------------
    def judge(self, changes: Sources) -> Plan:
        """Compile and check ``changes`` (source path -> new bytes) against the kept state.

        :raises SourceError: the compiler refuses the change (file:line messages)
        :raises ValidationFailed: the shapes refuse it
        """
        project = self.project
        changes = {p: d for p, d in changes.items() if not p.name.endswith(".suggested.yaml")}  # not read by builds
        if not self.fresh():
            self.prime()
        docs = {project.statements_dir / f"{d}.yaml": d for d in self.documents}
        if any(p != project.entities_source and p not in docs for p in changes):
            return self._full(changes)
        problems: list[Problem] = []
        plan = Plan(outputs={})
        entities = self.entities
        if project.entities_source in changes:
            from ..sources.registry import read_registry

            data = _load(project, project.entities_source, problems, changes)
            entities = read_registry(data, project.relative(project.entities_source), self.vocab,
                                     [d.text for d in self.documents.values()], problems) if data is not None else {}
            if problems:
                raise SourceError(problems)
            if any(i in entities and entities[i].types != e.types for i, e in self.entities.items()) or \
                    self._named_elsewhere({e.iri for i, e in self.entities.items() if i not in entities}, changes):
                return self._full(changes)  # a class changed, or a removed entity is named: others depend on it
            plan.entities = entities
            plan.graphs[project.entities_output] = registry_graph(entities)
            links = compile_links(project, set(entities), problems, [])
            plan.graphs.update(links)
        changed_docs = [docs[p] for p in changes if p in docs]
        others: dict[str, str] = {}
        for doc_id in sorted(self.ids):
            if doc_id not in changed_docs:
                others.update((sid, doc_id) for sid in self.ids[doc_id])
        records = {}
        for doc_id in sorted(changed_docs):
            path = project.statements_dir / f"{doc_id}.yaml"
            data = _load(project, path, problems, changes)
            records[doc_id] = statement_ids(data, project.relative(path), problems, others) if data else []
            plan.ids[doc_id] = [str(r["id"]) for r in records[doc_id]]
            removed = set(self.ids.get(doc_id, [])) - set(plan.ids[doc_id])
            if removed and self._named_elsewhere({URIRef(statement_iri(i)) for i in removed}, changes):
                return self._full(changes)  # a statement removed that another document names
        fault_point("curate.compile")
        for doc_id in sorted(changed_docs):
            document = self.documents[doc_id]
            graph = document_graph(document, entities, problems)
            compiler = StatementCompiler(self.vocab, entities, document, set(others), problems)
            for record in records[doc_id]:
                compiler.compile(record, graph)
            plan.graphs[project.document_output(doc_id)] = graph
        if problems:
            raise SourceError(problems)
        self._check(plan)
        fault_point("curate.checked")
        plan.classes = {path: graph_classes(graph, self.above) for path, graph in plan.graphs.items()}
        plan.closure = dict(self.closure)  # only the resources of the changed graphs are merged again
        everything = {**self.classes, **plan.classes}
        for subject in {s for path in plan.classes for s in (*plan.classes[path], *self.classes.get(path, {}))}:
            merged = set().union(*(found[subject] for found in everything.values() if subject in found))
            if merged:
                plan.closure[subject] = merged
            else:
                plan.closure.pop(subject, None)
        serialised = {}
        for path, graph in plan.graphs.items():
            data = serialised[path] = serialise(graph)
            if not (path.is_file() and path.read_bytes() == data):
                plan.outputs[path] = data
        plan.lines = dict(self.lines)
        for found in [*plan.classes.values(), *(self.classes.get(p, {}) for p in plan.classes)]:
            for subject in found:
                plan.lines.pop(subject, None)
        closure = closure_bytes(plan.closure, plan.lines)
        closure_path = project.graph_dir / CLOSURE_FILE
        if not (closure_path.is_file() and closure_path.read_bytes() == closure):
            plan.outputs[closure_path] = closure
        plan.hashes = {**self.hashes, closure_path.name: hashlib.sha256(closure).digest()}
        plan.summaries = {path: Summary(graph) for path, graph in plan.graphs.items()}
        for path, graph in plan.graphs.items():
            plan.hashes[path.name] = hashlib.sha256(serialised[path]).digest()
        void_path, void = self._void(plan, ClosureView(plan.closure))
        if not (void_path.is_file() and void_path.read_bytes() == void):
            plan.outputs[void_path] = void
        for path, data in self.pending.items():  # what the files on disk lacked at priming
            plan.outputs.setdefault(path, data)
        return plan

    def _void(self, plan: Plan, closure: ClosureView) -> tuple[Path, bytes]:
        """graph/void.ttl as the full build writes it (:mod:`.void`), from the kept summaries."""
        project = self.project
        summaries = {**self.summaries, **plan.summaries, project.graph_dir / CLOSURE_FILE: closure}
        named = {}
        for path, summary in summaries.items():
            named[ONTOLOGY_GRAPH if path == project.ontology else SPECIAL_FILES.get(path.name) or graph_iri(path.stem)] \
                = summary
        hashed = hashlib.sha256()  # void.digest, over the files' hashes kept rather than their bytes
        for name in sorted(plan.hashes):
            hashed.update(name.encode() + b"\0" + plan.hashes[name])
        version = f"{package_version()}+{hashed.hexdigest()[:12]}"
        graph = describe_dataset(named, documents=list(self.documents.values()), version=version)
        return project.graph_dir / "void.ttl", serialise(graph)

    def _named_elsewhere(self, iris: set, changes: Sources) -> bool:
        """Whether a graph of a document not in ``changes`` names any of ``iris``."""
        if not iris:
            return False
        changed = {self.project.document_output(self.project.statements_dir.joinpath(p.name).stem)
                   for p in changes if p.parent == self.project.statements_dir}
        for path, graph in self.graphs.items():
            if path in changed or path == self.project.entities_output:
                continue
            if any(True for iri in iris for _ in graph.triples((None, None, iri))) or \
                    any(True for iri in iris for _ in graph.triples((iri, None, None))):
                return True
        return False

    def _check(self, plan: Plan) -> None:
        """The shapes on the nodes the change gave triples, on the ontology, the registry, the
        changed graphs and the classes of what they name: no other document is read."""
        project = self.project
        added, removed, changed = set(), set(), set()
        for path, graph in plan.graphs.items():
            old = self.graphs.get(path)
            before = set(old) if old is not None else set()
            new = set(graph)
            changed |= (new - before) | (before - new)
            if path == project.entities_output:
                added |= new - before
                removed |= before - new
            else:
                added |= {t for t in new if t not in self.base}
                named = {o for _, _, o in new if isinstance(o, URIRef)} - {s for s, _, _ in new}
                added |= {(o, RDF.type, c) for o in named for c in self.types.get(o, ())
                          if (o, RDF.type, c) not in self.base}
        # The nodes the change gave triples (a statement, its evidence, an entity): the others'
        # triples and the classes they name are as the last check found them.
        focus = sorted({s for s, _, _ in changed if isinstance(s, URIRef)})
        if not focus:
            return
        for triple in removed:
            self.base.remove(triple)
        for triple in added:
            self.base.add(triple)
        try:
            check_shapes(self.base, project.shapes, project.relative(project.shapes), focus=focus,
                         shapes=self.shapes_graph, inplace=True)
        finally:
            for triple in added:
                self.base.remove(triple)
            for triple in removed:
                self.base.add(triple)

    def _full(self, changes: Sources) -> Plan:
        """The full compile and shapes check of everything, ``changes`` read instead of their files."""
        from .pipeline import build

        result = build(self.project, reason=False, write=False, overrides=changes)
        self.ready = False  # kept state is rebuilt from the files once they are written
        outputs = {p: d for p, d in result.outputs.items() if not (p.is_file() and p.read_bytes() == d)}
        return Plan(outputs=outputs, full=True)

    def adopt(self, plan: Plan) -> None:
        """Keep the judged change as the new state (its files are written)."""
        if plan.full or not self.ready:
            self.ready = False
            return
        project = self.project
        for path, graph in plan.graphs.items():
            old = self.graphs.get(path)
            if path == project.entities_output:
                for triple in (set(old) if old is not None else set()) - set(graph):
                    self.base.remove(triple)
                for triple in graph:
                    self.base.add(triple)
            else:
                for subject, cls in (old.subject_objects(RDF.type) if old is not None else ()):
                    self.types.get(subject, set()).discard(cls)
                for subject, cls in graph.subject_objects(RDF.type):
                    self.types.setdefault(subject, set()).add(cls)
            self.graphs[path] = graph
        self.summaries.update(plan.summaries)
        self.hashes = plan.hashes
        self.pending = {}
        self.classes.update(plan.classes)
        self.lines = plan.lines
        self.closure = plan.closure
        if plan.entities is not None:
            self.entities = plan.entities
        self.ids.update(plan.ids)
        self.stamps = source_stamps(project)
