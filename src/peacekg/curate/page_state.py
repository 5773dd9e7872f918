"""The curation page's state from what a curating server keeps in memory, in milliseconds.

:func:`peacekg.curate.review.state` reads the ontology and the registry from their
files at every call (a second or more with the essay); the page asks for the state
after every decision. A :class:`peacekg.curate.decisions.Curator` already keeps the
vocabulary, the registry and the documents (its incremental builder, updated by
every save and by outside builds: :meth:`~peacekg.curate.decisions.Curator.registry`),
so only the document's two small YAML files are read here, and the lists made from the
vocabulary and the registry are kept until they change. The answer is the same JSON as :func:`~peacekg.curate.review.state`
(``tests/test_curate_page_state.py``); a builder not primed yet gets that function.
"""

from __future__ import annotations

import threading

import yaml

from ..errors import CurationError
from ..sources.evidence import Anchorer
from ..sources.vocab import local
from .review import _plain, anchored, state as slow_state, vocabularies
from .suggested import suggested_path
from .writes import curated_path

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_cache: dict = {}
_lock = threading.Lock()


def _load(path) -> dict:
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}  # noqa: S506 - a safe loader


def _kept(key, make):
    """One value per key (the vocabulary's or the document's identity), the last only."""
    with _lock:
        if key not in _cache:
            for old in [k for k in _cache if k[0] == key[0]]:
                del _cache[old]
            _cache[key] = make()
        return _cache[key]


def page_state(curator, doc_id: str) -> dict:
    """What ``GET /api/curate/<doc>/state`` answers (see :mod:`peacekg.web.curate`)."""
    project = curator.project
    kept = curator.registry()  # None while a save or a build is being taken in, or the files changed since
    if kept is None:
        return slow_state(project, doc_id)
    path = curated_path(project, doc_id)  # refuses an unknown document
    vocab, documents, entities = kept
    document = documents.get(doc_id)
    if document is None:
        raise CurationError(f"no document {doc_id!r} in the kept build")
    anchorer = _kept(("anchorer", id(document)), lambda: Anchorer(document.text))
    suggested = _load(suggested_path(project, doc_id))
    curated = _load(path)
    statements = [s for s in curated.get("statements") or [] if isinstance(s, dict)]
    curated_ids = {str(s.get("id")) for s in statements}
    found: dict[str, list] = {"statements": [], "incomplete": []}
    for key, target in found.items():
        target.extend(anchored(suggested.get(key) or [], anchorer, document))
    order = lambda item: (item["start"], item["end"], str(item.get("id")))  # noqa: E731
    mechanism = vocab.pko_class("Mechanism")

    def registry():
        out: dict[str, list] = {"entities": [], "mechanisms": []}
        for e in sorted(entities.values(), key=lambda e: e.id):
            record = {"id": e.id, "label": e.label, "classes": [local(t) for t in e.types], "aliases": list(e.aliases)}
            out["mechanisms" if mechanism and vocab.any_is_a(set(e.types), mechanism) else "entities"].append(record)
        return out

    listed = _kept(("registry", tuple((e.id, e.label, e.types, e.aliases) for e in entities.values())), registry)
    known = set(entities)
    return {
        "document": doc_id,
        "suggestions": _plain(sorted((s for s in found["statements"] if str(s.get("id")) not in curated_ids),
                                     key=order)),
        "incomplete": _plain(sorted(found["incomplete"], key=order)),
        "statements": _plain(statements),
        "proposedEntities": _plain([e for e in suggested.get("entities") or [] if e.get("id") not in known]),
        "entities": listed["entities"],
        "mechanisms": listed["mechanisms"],
        "vocab": _kept(("vocab", id(vocab)), lambda: vocabularies(vocab)),
    }
