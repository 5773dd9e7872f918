"""The embedded store: the built graph loaded into pyoxigraph, one named graph per file.

``ontology/peacekg.ttl`` goes to the ontology graph, ``graph/entities.ttl`` to the
entities graph, ``graph/links.ttl`` and ``graph/wikidata.ttl`` (when present) to
the links and Wikidata-cache graphs, ``graph/closure.ttl`` to the graph of implied types, and each ``graph/<document>.ttl`` to that
document's graph. Queries see the union of all of them as their default graph.

This module imports pyoxigraph only: no rdflib on the path of a plain query.

A big graph is not parsed again on every run: the first ``open_store`` builds
an on-disk store in ``.peacekg-cache/store/<key>`` under the project root, and later
runs reopen it read-only, which takes milliseconds at any size (bench/RESULTS.md
has the figures). The key covers every input file's path, size and
modification time (as Python's own bytecode cache does) and pyoxigraph's
version, so any rebuilt file makes a new store; hashing the contents instead
would cost more than the reopen it saves at a million triples. A small graph,
such as one essay, parses about as fast as a store reopens, and is queried
faster in memory, so it stays there.
``PEACEKG_STORE_CACHE=1`` or ``0`` forces the choice. Only one-shot runs (a
``peacekg query``, ``run_query`` without a store) ask for this; a server or a
notebook's ``peacekg.load()`` keeps the graph in memory, where queries are faster.
"""

from __future__ import annotations

import os
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from ..errors import IncompleteBuild, PeacekgError
from ..namespaces import ONTOLOGY_GRAPH, SPECIAL_FILES, graph_iri
from ..project import BUILD_JOURNAL, Project, find_project


#: Bytes of Turtle above which reopening a built on-disk store beats parsing (bench/RESULTS.md):
#: at the essay's 0.3 MB the two are even, at 1.6 MB the reopen wins by half.
CACHE_MIN_BYTES = 1_000_000
#: Reads of the graph tried before giving up when a build replaces its files meanwhile.
SNAPSHOT_ATTEMPTS = 5


def graph_files(project: Project, *, ontology: bool = True) -> list[tuple[Path, str]]:
    """The Turtle files of the built graph with the named graph of each, in a fixed order.

    A folder holding a build's journal is refused: its files may be a mix of two builds.
    """
    if (project.graph_dir / BUILD_JOURNAL).exists():
        raise IncompleteBuild(
            f"{project.relative(project.graph_dir)} is being replaced by `peacekg build`, or a build was "
            f"stopped while replacing it ({BUILD_JOURNAL} is there), so its files may be of two builds: "
            "run `peacekg build` to finish")
    files: list[tuple[Path, str]] = []
    if ontology:
        files.append((project.ontology, ONTOLOGY_GRAPH))
    for path in sorted(project.graph_dir.glob("*.ttl")):
        files.append((path, SPECIAL_FILES.get(path.name) or graph_iri(path.stem)))
    return files


def document_files(project: Project) -> list[tuple[Path, str]]:
    """The built document graphs only."""
    return [(p, g) for p, g in graph_files(project, ontology=False) if p.name not in SPECIAL_FILES]


def open_store(project: Project | None = None, *, ontology: bool = True, cache: bool | None = False) -> Store:
    """A pyoxigraph store holding the built graph: in memory, or reopened from the cache.

    ``cache=False`` parses into memory (a writable store, the fastest to query: for a
    long-running process); ``cache=True`` reopens the on-disk cache (read-only);
    ``cache=None`` decides by size and ``PEACEKG_STORE_CACHE``, for one-shot runs.

    >>> store = open_store()
    >>> any(True for _ in store.named_graphs())
    True
    """
    project = project or find_project()
    for _attempt in range(SNAPSHOT_ATTEMPTS):
        files = graph_files(project, ontology=ontology)
        if not any(p.name not in SPECIAL_FILES and p != project.ontology for p, _ in files):
            raise PeacekgError(f"no built graph in {project.relative(project.graph_dir)}: run `peacekg build` first")
        stats = [(path, graph, path.stat()) for path, graph in files]
        if cache is None:
            forced = os.environ.get("PEACEKG_STORE_CACHE", "")
            cache = forced == "1" if forced in ("0", "1") else sum(s.st_size for *_, s in stats) >= CACHE_MIN_BYTES
        store = _cached_store(project, stats) if cache else _load(Store(), project, files)
        if _same_build(project, stats, ontology):  # looked at after reading too: a build between is seen
            return store
    raise IncompleteBuild(f"{project.relative(project.graph_dir)} changed while it was read, {SNAPSHOT_ATTEMPTS} "
                          "times (a build is replacing it): try again when it has finished")


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def _same_build(project: Project, stats: list, ontology: bool) -> bool:
    """Whether the graph's files are still those ``stats`` describes (no build replaced one meanwhile)."""
    try:
        now = graph_files(project, ontology=ontology)
        return ([(p, _signature(p.stat())) for p, _ in now] == [(p, _signature(s)) for p, _, s in stats])
    except (IncompleteBuild, OSError):
        return False


def _load(store: Store, project: Project, files: list[tuple[Path, str]]) -> Store:
    # The build's own output, checked when it was written: parsed leniently (IRIs and literals
    # not validated again), with Store.load, pyoxigraph's fastest way into a store in memory
    # (bench/RESULTS.md, *Load*: at 1M quads ~20% faster than bulk_load, ~35% than a strict parse).
    for path, graph in files:
        try:
            store.load(path=str(path), format=RdfFormat.TURTLE, to_graph=NamedNode(graph), lenient=True)
        except (SyntaxError, OSError) as exc:
            raise PeacekgError(f"{project.relative(path)}: cannot load: {exc}") from None
    return store


def _cached_store(project: Project, stats: list) -> Store:
    """Reopen the on-disk store built from exactly these files, building it first if need be."""
    import hashlib  # here, not at the top: with shutil, ~10 ms that a plain query on the essay need not pay
    import shutil

    import pyoxigraph

    key = hashlib.sha256(repr([pyoxigraph.__version__, str(project.root)] + [
        (str(p), g, s.st_size, s.st_mtime_ns) for p, g, s in stats]).encode()).hexdigest()[:32]
    folder = project.root / ".peacekg-cache" / "store"
    location = folder / key
    try:
        if not (location / "COMPLETE").is_file():
            _build_cache(project, [(p, g) for p, g, _ in stats], folder, location)
        return Store.read_only(str(location))
    except OSError:  # a cache that cannot be written or is damaged: the files are the truth, so parse them
        shutil.rmtree(location, ignore_errors=True)
        return _load(Store(), project, [(p, g) for p, g, _ in stats])


def _build_cache(project: Project, files: list[tuple[Path, str]], folder: Path, location: Path) -> None:
    """Build the store in a temporary folder and rename it into place, so no reader sees half of it."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{location.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = Store(str(tmp))
        store.bulk_extend(_quads(project, files))  # one bulk load: few files, a fast reopen
        store.flush()
        del store
        (tmp / "COMPLETE").touch()
        for old in folder.iterdir():  # stores of older files are of no further use
            if old.name != location.name and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        os.replace(tmp, location)
    except OSError:  # another process put the same store in place first
        if not (location / "COMPLETE").is_file():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _quads(project: Project, files: list[tuple[Path, str]]):
    for path, graph in files:
        name = NamedNode(graph)
        try:
            for triple in parse(path=str(path), format=RdfFormat.TURTLE):
                yield Quad(triple.subject, triple.predicate, triple.object, name)
        except (SyntaxError, OSError) as exc:
            raise PeacekgError(f"{project.relative(path)}: cannot load: {exc}") from None
