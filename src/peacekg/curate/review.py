"""What the curation form needs for one document: its suggestions (with their spans), the
proposed entities, and the vocabularies of the ontology and the registry to choose from."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..compile.pipeline import load_registry
from ..errors import SourceError
from ..project import Project
from ..sources.evidence import AnchorError, Anchorer
from ..sources.seeds import load_document
from ..sources.vocab import STATEMENT, local
from .mapping import form_keys
from .suggested import suggested_path
from .writes import curated_path, statement_ids_everywhere


@dataclass
class Review:
    document: str
    suggestions: list[dict] = field(default_factory=list)  #: records with start, end added
    incomplete: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    vocab: dict = field(default_factory=dict)


def review(project: Project, doc_id: str) -> Review:
    """The form's data; a document without suggestions yet has empty lists."""
    path = curated_path(project, doc_id)  # refuses an unknown document
    problems: list = []
    vocab, _documents, entities = load_registry(project, problems)
    if problems:
        raise SourceError(problems)
    record = project.seeds / f"{doc_id}.yaml"
    document = load_document(record, project.relative(record))
    anchorer = Anchorer(document.text)
    result = Review(doc_id)
    sfile = suggested_path(project, doc_id)
    data = yaml.safe_load(sfile.read_text(encoding="utf-8")) if sfile.is_file() else {}
    for key, target in (("statements", result.suggestions), ("incomplete", result.incomplete)):
        for item in data.get(key) or []:
            try:
                span = anchorer.anchor(str(item.get("quote", "")), paragraph=item.get("paragraph"),
                                       prefix=item.get("prefix"), document=document)
            except AnchorError:
                continue
            target.append({**item, "start": span.start, "end": span.end,
                           "inParagraph": document.paragraph_at(span.start)})
    known = set(entities)
    result.entities = [e for e in data.get("entities") or [] if e.get("id") not in known]
    statement_kinds = sorted(local(c) for c in vocab.statement_classes() if c != STATEMENT)
    statuses = sorted(name for name, types in vocab.concepts.items() if any(local(t).endswith("Status")
                                                                             for t in types))
    agent = vocab.pko_class("Agent")
    mechanism = vocab.pko_class("Mechanism")
    place = vocab.pko_class("Place")
    result.vocab = {
        "kinds": statement_kinds,
        "statuses": statuses,
        "agents": [["authors", "the document's authors"]] +  # the default holder and speaker
                  sorted([e.id, e.label] for e in entities.values() if agent and vocab.any_is_a(set(e.types), agent)),
        "mechanisms": sorted([e.id, e.label] for e in entities.values()
                             if mechanism and vocab.any_is_a(set(e.types), mechanism)),
        "entities": sorted([e.id, e.label] for e in entities.values()),
        "places": sorted([e.id, e.label] for e in entities.values()
                         if place and vocab.any_is_a(set(e.types), place)),
        "statements": sorted(statement_ids_everywhere(project)),
        "classes": sorted(local(c) for c in vocab.classes if not vocab.is_a(c, STATEMENT)),
        "modes": ["asserted", "reported", "imputed"],
        "keys": form_keys(vocab),
        "curated": path.is_file(),
    }
    return result
