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


def loaded_registry(project: Project) -> tuple:
    """(vocabulary, documents by id, entities by id), read and checked as the build does."""
    problems: list = []
    vocab, documents, entities = load_registry(project, problems)
    if problems:
        raise SourceError(problems)
    return vocab, {d.id: d for d in documents}, entities


def anchored(items: list, anchorer: Anchorer, document) -> list[dict]:
    """Suggestions with their span and paragraph; one whose quote no longer anchors is left out."""
    found = []
    for item in items:
        try:
            span = anchorer.anchor(str(item.get("quote", "")), paragraph=item.get("paragraph"),
                                   prefix=item.get("prefix"), document=document)
        except AnchorError:
            continue
        found.append({**item, "start": span.start, "end": span.end, "inParagraph": document.paragraph_at(span.start)})
    return found


def review(project: Project, doc_id: str, registry: tuple | None = None) -> Review:
    """The form's data; a document without suggestions yet has empty lists.

    ``registry`` is (vocabulary, documents by id, entities by id) when the caller keeps them."""
    path = curated_path(project, doc_id)  # refuses an unknown document
    registry = registry or loaded_registry(project)
    vocab, documents, entities = registry
    document = documents.get(doc_id)
    if document is None:
        record = project.seeds / f"{doc_id}.yaml"
        document = load_document(record, project.relative(record))
    anchorer = Anchorer(document.text)
    result = Review(doc_id)
    sfile = suggested_path(project, doc_id)
    data = yaml.safe_load(sfile.read_text(encoding="utf-8")) if sfile.is_file() else {}
    for key, target in (("statements", result.suggestions), ("incomplete", result.incomplete)):
        target.extend(anchored(data.get(key) or [], anchorer, document))
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
        "modes": ["claim", "assessment", "recommendation", "prediction", "reported", "imputed"],
        "keys": form_keys(vocab),
        "curated": path.is_file(),
    }
    return result


# --- the state the curation page reads (GET /api/curate/<doc>/state) -------------------
_SCHEMES = {"modes": "Mode", "units": "Unit", "polarity": "Polarity", "modality": "Modality",
            "amountQualifiers": "AmountQualifier", "roles": "Role", "restatementKinds": "RestatementKind",
            "kinds": "Kind"}
#: The classes an entity may be created with, by the branch of the ontology they are under.
ENTITY_ROOTS = ("Agent", "Place", "Territory", "Publication", "Conflict")


def _plain(value):
    """A YAML value as JSON: dates as text, mappings and lists walked."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def vocabularies(vocab) -> dict:
    """Every value list of the model the form offers, by name."""
    from ..sources.vocab import CONCEPT

    concept_classes = [c for c in vocab.classes if vocab.is_a(c, CONCEPT) and c != CONCEPT]
    out: dict = {name: vocab.concepts_of(vocab.pko_class(cls)) if vocab.pko_class(cls) else []
                 for name, cls in _SCHEMES.items()}
    kinds = sorted(local(c) for c in vocab.statement_classes() if c != STATEMENT)
    out["statementKinds"] = kinds
    out["statuses"] = {local(c): vocab.concepts_of(c) for c in sorted(concept_classes)
                       if local(c).endswith("Status")}
    roots = [vocab.pko_class(r) for r in ENTITY_ROOTS if vocab.pko_class(r)]
    mechanism = vocab.pko_class("Mechanism")
    out["entityClasses"] = sorted(local(c) for c in vocab.classes
                                  if any(vocab.is_a(c, r) for r in roots) and not (mechanism and vocab.is_a(c, mechanism)))
    out["mechanismClasses"] = sorted(local(c) for c in vocab.classes if mechanism and vocab.is_a(c, mechanism))
    out["fields"] = {}
    for kind in kinds:
        cls = vocab.pko_class(kind)
        out["fields"][kind] = sorted(name for name, p in vocab.properties.items()
                                     if p.domain is None or vocab.is_a(cls, p.domain))
    out["properties"] = {}
    for name, p in sorted(vocab.properties.items()):
        rng = p.range
        what = ("literal" if p.datatype else "statement" if rng is not None and vocab.is_a(rng, STATEMENT)
                else "concept" if rng is not None and vocab.is_a(rng, CONCEPT) else "entity")
        out["properties"][name] = {"values": what, "range": local(rng) if rng is not None else
                                   [local(r) for r in p.ranges] or None}
    return out


def state(project: Project, doc_id: str, registry: tuple | None = None) -> dict:
    """What the curation page needs for one document, as JSON: suggestions in text order with
    their confidence, the curated statements, the registry's entities and mechanisms with
    their classes, and every vocabulary of the model (see :func:`vocabularies`)."""
    registry = registry or loaded_registry(project)
    data = review(project, doc_id, registry)
    vocab, _documents, entities = registry
    mechanism = vocab.pko_class("Mechanism")
    path = curated_path(project, doc_id)
    curated = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    curated_ids = {str(s.get("id")) for s in (curated or {}).get("statements") or [] if isinstance(s, dict)}
    order = lambda item: (item["start"], item["end"], str(item.get("id")))  # noqa: E731
    registry = [{"id": e.id, "label": e.label, "classes": [local(t) for t in e.types], "aliases": list(e.aliases)}
                for e in sorted(entities.values(), key=lambda e: e.id)]
    return {
        "document": doc_id,
        "suggestions": _plain(sorted((s for s in data.suggestions if str(s.get("id")) not in curated_ids), key=order)),
        "incomplete": _plain(sorted(data.incomplete, key=order)),
        "statements": _plain((curated or {}).get("statements") or []),
        "proposedEntities": _plain(data.entities),
        "entities": [e for e in registry if not (mechanism and vocab.any_is_a(set(map(vocab.pko_class, e["classes"])) - {None}, mechanism))],
        "mechanisms": [e for e in registry if mechanism and vocab.any_is_a(set(map(vocab.pko_class, e["classes"])) - {None}, mechanism)],
        "vocab": vocabularies(vocab),
    }
