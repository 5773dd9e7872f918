"""Ids of documents, entities and statements: one pattern, one length, one message for each way to miss.

An id becomes a file name (``seeds/<id>.yaml``, ``graph/<id>.ttl``), an IRI and a
named graph, so it is matched whole (``\\Z``, not ``$``, which also matches before a
final newline), kept short enough for any file system, and kept off the names the
build gives its own graphs. A value YAML reads as null or a boolean (``id: yes``)
is named as such: the message about letters would puzzle.

>>> id_problem("russia", "entity") is None
True
>>> id_problem("x\\n", "statement")
"statement id 'x\\\\n' must be lower-case letters, digits and hyphens"
>>> id_problem(True, "entity")
'entity id true was read by YAML as a boolean (yes, no, true, false, on, off): quote it, or choose another id'
>>> document_id_problem("closure")
"document id 'closure' is the name of a graph the build writes (closure, entities, links, ontology, void, wikidata): choose another"
"""

from __future__ import annotations

import re

from ..namespaces import SPECIAL_FILES

#: An id: lower-case letters, digits and hyphens, starting with a letter or a digit (matched whole).
ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
#: The longest id: file names of 255 bytes hold ``<id>.suggested.yaml`` and temporary names with room to spare.
MAX_ID = 120
#: Names of the graphs (and their files in graph/) the build and ``link`` make besides the documents'.
BUILT_GRAPHS = tuple(sorted({name.removesuffix(".ttl") for name in SPECIAL_FILES} | {"ontology"}))
#: The prefix of a document's author group (``pkr:authors-<document>``), which no registry entity may take.
AUTHORS_PREFIX = "authors-"


def id_problem(value: object, kind: str) -> str | None:
    """Why ``value`` is no valid id of a ``kind`` (document, entity, statement), or None."""
    if value is None:
        return f"{kind} id is missing (or was read by YAML as null: quote it, or choose another id)"
    if isinstance(value, bool):
        return (f"{kind} id {str(value).lower()} was read by YAML as a boolean (yes, no, true, false, on, off): "
                f"quote it, or choose another id")
    if not isinstance(value, str) or not ID.match(value):
        return f"{kind} id {value!r} must be lower-case letters, digits and hyphens"
    if len(value) > MAX_ID:
        return f"{kind} id of {len(value)} characters is longer than the {MAX_ID} an id may have"
    return None


def document_id_problem(value: object) -> str | None:
    """Why ``value`` is no valid document id (an id, and not the name of a graph the build writes), or None."""
    problem = id_problem(value, "document")
    if problem is None and value in BUILT_GRAPHS:
        return (f"document id {value!r} is the name of a graph the build writes "
                f"({', '.join(BUILT_GRAPHS)}): choose another")
    return problem


def entity_id_problem(value: object) -> str | None:
    """Why ``value`` is no valid registry entity id (an id, not an author group's), or None."""
    problem = id_problem(value, "entity")
    if problem is None and str(value).startswith(AUTHORS_PREFIX):
        return (f"entity id {value!r}: ids starting {AUTHORS_PREFIX!r} are the documents' author groups "
                f"({AUTHORS_PREFIX}<document>): choose another")
    return problem
