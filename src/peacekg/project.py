"""Where a project's files are: seeds, ontology, curated sources, built graph, queries.

The project is where the user stands, as git finds a repository: ``PEACEKG_ROOT``
if set, else the current directory or the nearest of its parents holding an
``ontology/peacekg.ttl``. The checkout peacekg is installed from is never used
unless it is one of those (the message says where it is, when nothing is found).
"""

from __future__ import annotations

import os
from pathlib import Path
from collections import namedtuple

from .errors import PeacekgError

#: The journal a build writes in graph/ while it replaces its files (see peacekg.compile.write).
BUILD_JOURNAL = ".build-journal"


class Project(namedtuple("Project", "root")):
    """The folders of a peacekg project, relative to its ``root`` (a named tuple: quick to import)."""

    __slots__ = ()

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def ontology(self) -> Path:
        return self.ontology_dir / "peacekg.ttl"

    @property
    def shapes(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def entities_source(self) -> Path:
        return self.graph_dir / "entities.yaml"

    @property
    def statements_dir(self) -> Path:
        return self.graph_dir / "statements"

    @property
    def entities_output(self) -> Path:
        return self.graph_dir / "entities.ttl"

    @property
    def links_dir(self) -> Path:
        return self.graph_dir / "links"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    def document_output(self, document_id: str) -> Path:
        return self.graph_dir / f"{document_id}.ttl"

    def protected(self, path: str | os.PathLike[str]) -> str | None:
        """The folder of sources or built files (seeds, graph, ontology, queries) ``path`` is or lies in, if any.

        Output options (``export --out``, ``docs --out``, ``suggest --out``) never write there: the
        build and every reader take what is there as the project's own.

        >>> project = find_project()
        >>> project.protected(project.graph_dir / "x.ttl"), project.protected(project.root / "site")
        ('graph', None)
        """
        target = Path(path).resolve()
        for folder in (self.seeds, self.graph_dir, self.ontology_dir, self.queries):
            if target.is_relative_to(folder.resolve()):
                return folder.name
        return None

    def refuse_output(self, path: str | os.PathLike[str], error: type[Exception]) -> None:
        """Raise ``error`` with a message when ``path`` is in a folder of sources or built files."""
        folder = self.protected(path)
        if folder:
            raise error(f"{path}: inside {folder}/, which holds the project's sources or built graph; "
                        f"write the output outside seeds/, graph/, ontology/ and queries/")

    def relative(self, path: Path) -> str:
        """A path as shown in messages: relative to the root when inside it."""
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def package_version() -> str:
    """peacekg's installed version (importlib.metadata is looked up only when asked)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("peacekg")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def _looks_like_root(path: Path) -> bool:
    return (path / "ontology" / "peacekg.ttl").is_file()


def _checkout() -> Path | None:
    """The source checkout this package runs from, if it is one (``src/peacekg/../..``)."""
    root = Path(__file__).resolve().parents[2]
    return root if _looks_like_root(root) else None


def find_project(root: str | os.PathLike[str] | None = None) -> Project:
    """Locate the project: an explicit root, ``PEACEKG_ROOT``, or the cwd and its parents.

    >>> find_project().root == Path.cwd() or Path.cwd().is_relative_to(find_project().root)
    True
    """
    if root is not None or os.environ.get("PEACEKG_ROOT"):
        given = Path(root if root is not None else os.environ["PEACEKG_ROOT"])
        if _looks_like_root(given):
            return Project(given.resolve())
        named = "the root given" if root is not None else "PEACEKG_ROOT"
        raise PeacekgError(f"no peacekg project at {given} ({named}): expected ontology/peacekg.ttl there")
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _looks_like_root(candidate):
            return Project(candidate)
    checkout = _checkout()
    hint = f"; peacekg is installed from the project at {checkout}" if checkout else ""
    raise PeacekgError(
        f"no peacekg project in {here} or any folder above it (expected ontology/peacekg.ttl): "
        f"run peacekg inside a clone, or set PEACEKG_ROOT{hint}"
    )
