"""The build's outputs: deterministic Turtle, each file replaced atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from ..namespaces import PREFIXES


def serialise(graph: Graph) -> bytes:
    """Deterministic Turtle: fixed prefixes; rdflib sorts subjects and predicates."""
    out = Graph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri, override=True, replace=True)
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle", encoding="utf-8")


def write_atomically(outputs: dict[Path, bytes]) -> list[Path]:
    """Write each file through a temporary file and a rename; unchanged files are left alone."""
    written = []
    for path, data in sorted(outputs.items()):
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
