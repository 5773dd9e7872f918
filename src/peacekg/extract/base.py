"""Extractors: one interface, found by name under the ``peacekg.extractors`` entry point group.

An extractor is a class built as ``Extractor(corpus, *, model=None, cues=None)``
whose ``extract(doc_id, *, paragraphs=None, candidates=None)`` returns
:class:`~peacekg.extract.model.Suggestions`. peacekg ships two: ``rules`` (the
sentence rules and the learned cues, no dependency) and ``spacy`` (a dependency
parse and NER, the ``nlp`` extra). A team adds one by declaring, in its own
package's metadata::

    [project.entry-points."peacekg.extractors"]
    mine = "their_package.module:TheirExtractor"

Whatever an extractor returns is anchored, compiled and scored by the same
code (``peacekg suggest``, ``python -m bench.suggest``).

>>> sorted(set(available()) >= {"rules", "spacy"} for _ in [0])
[True]
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from importlib.metadata import entry_points
from typing import Protocol

from ..errors import ExtractorUnavailable
from .corpus import Corpus
from .model import Suggestions

GROUP = "peacekg.extractors"
#: The built-in extractors, used where the package's metadata is not installed.
BUILTIN = {"rules": "peacekg.extract.ruled:RulesExtractor", "spacy": "peacekg.extract.parsed:SpacyExtractor"}
DEFAULT_MODEL = "en_core_web_sm"
NO_SPACY = "spaCy is not installed (pip install -e '.[nlp]'): suggestions from the rules alone"


class Extractor(Protocol):
    name: str

    def __init__(self, corpus: Corpus, *, model: str | None = None, cues=None) -> None: ...

    def extract(self, doc_id: str, *, paragraphs: set[int] | None = None,
                candidates: dict[str, list[dict]] | None = None) -> Suggestions: ...


@functools.lru_cache(maxsize=1)
def available() -> dict[str, str]:
    """Extractor name -> ``module:Class``, the entry points over the built-ins."""
    found = dict(BUILTIN)
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep.value
    return found


def spacy_installed() -> bool:
    return importlib.util.find_spec("spacy") is not None


def load(name: str | None = None) -> tuple[type, str | None]:
    """The extractor class for ``name`` (default: ``spacy`` if installed, else ``rules``), and a
    one-line note when the default fell back to the rules."""
    note = None
    if name is None:
        name = "spacy" if spacy_installed() else "rules"
        note = None if name == "spacy" else NO_SPACY
    known = dict(available())
    if name not in known:
        raise ExtractorUnavailable(f"no extractor {name!r}; the extractors are: {', '.join(sorted(known))}")
    if name == "spacy" and not spacy_installed():
        raise ExtractorUnavailable(NO_SPACY.split(":")[0] + ": the spacy extractor needs it")
    module, _, attr = known[name].partition(":")
    try:
        return getattr(importlib.import_module(module), attr), note
    except (ImportError, AttributeError) as exc:
        raise ExtractorUnavailable(f"extractor {name!r} ({known[name]}) cannot be loaded: {exc}") from None
