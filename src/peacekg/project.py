"""Where a project's files are: seeds, ontology, curated sources, built graph, queries.

A source checkout is used in place (``src/peacekg/../..``); otherwise the
current directory if it holds an ``ontology/peacekg.ttl``; ``PEACEKG_ROOT``
overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path
from collections import namedtuple

from .errors import PeacekgError


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


def find_project(root: str | os.PathLike[str] | None = None) -> Project:
    """Locate the project: an explicit root, ``PEACEKG_ROOT``, the checkout, or the cwd."""
    candidates = []
    if root is not None:
        candidates.append(Path(root))
    elif os.environ.get("PEACEKG_ROOT"):
        candidates.append(Path(os.environ["PEACEKG_ROOT"]))
    else:
        candidates += [Path(__file__).resolve().parents[2], Path.cwd()]
    for candidate in candidates:
        if _looks_like_root(candidate):
            return Project(candidate.resolve())
    raise PeacekgError(
        f"no peacekg project found at {', '.join(map(str, candidates))}: "
        "expected ontology/peacekg.ttl; run from a clone or set PEACEKG_ROOT"
    )
