"""The entity registry (``graph/entities.yaml``): every named thing, its kinds and names.

Each entity has an id, one or more pko classes, a preferred label and the other
names the texts use for it (``aliases``). An alias must occur in some document:
the registry records the names the texts give, and invents none. Relations
between entities that no one disputes (a government's state, a province's
region) are keys named by ontology properties marked ``pko:registryKey``
(``ofState: united-states``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from ..errors import Problem
from .evidence import normalise
from .hints import did_you_mean
from .ids import ID, entity_id_problem  # noqa: F401 - ID is imported from here too
from ..namespaces import entity_iri
from .sourcefile import Record
from .vocab import Vocabulary

_KEYS = {"id", "type", "label", "aliases", "note"}


@dataclass(frozen=True)
class Entity:
    id: str
    types: tuple[URIRef, ...]
    label: str
    aliases: tuple[str, ...]
    note: str | None
    line: int
    relations: tuple[tuple[URIRef, str], ...] = ()

    @property
    def iri(self) -> URIRef:
        return URIRef(entity_iri(self.id))


def as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def read_registry(data: object, path: str, vocab: Vocabulary, texts: list[str],
                  problems: list[Problem]) -> dict[str, Entity]:
    """Check the registry's records and return its entities by id."""
    if not isinstance(data, Record) or not isinstance(data.get("entities"), list):
        problems.append(Problem(path, 1, "the registry must be a mapping with an 'entities' list"))
        return {}
    folded_texts = [normalise(t)[0].lower() for t in texts]
    keys = vocab.registry_keys()
    entities: dict[str, Entity] = {}
    pending: list[tuple[Record, str, str]] = []
    for record in data["entities"]:
        if not isinstance(record, Record):
            problems.append(Problem(path, data.line_of("entities"), "each entity must be a mapping"))
            continue
        for key in sorted(set(record) - _KEYS - set(keys)):
            allowed = ", ".join(sorted(_KEYS | set(keys)))
            problems.append(record.problem(f"unknown key {key!r} (allowed: {allowed})", key))
        eid = record.get("id")
        problem = entity_id_problem(eid)
        if problem:
            problems.append(record.problem(problem, "id"))
            continue
        if eid in entities:
            problems.append(record.problem(
                f"duplicate entity id {eid!r} (first at line {entities[eid].line})", "id"))
            continue
        types = []
        for name in as_list(record.get("type")):
            cls = vocab.pko_class(str(name))
            if cls is None:
                problems.append(record.problem(
                    f"unknown class {name!r} for entity {eid!r}"
                    f"{did_you_mean(str(name), [c.rsplit('#', 1)[-1] for c in vocab.classes])}", "type"))
            else:
                types.append(cls)
        if not record.get("type"):
            problems.append(record.problem(f"entity {eid!r} has no type", "id"))
        label = record.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(record.problem(f"entity {eid!r} has no label", "id"))
            label = eid
        aliases = [str(a) for a in as_list(record.get("aliases"))]
        for alias in aliases:
            folded = normalise(alias)[0].lower()
            if not any(folded in text for text in folded_texts):
                problems.append(record.problem(
                    f"alias {alias!r} of {eid!r} occurs in no document: aliases are names the texts use",
                    "aliases"))
        entities[eid] = Entity(eid, tuple(types), label, tuple(aliases), record.get("note"), record.line)
        pending += [(record, eid, key) for key in sorted(set(record) & set(keys))]
    for record, eid, key in pending:
        relations = []
        for target in as_list(record[key]):
            other = entities.get(str(target))
            prop = keys[key]
            if other is None:
                problems.append(record.problem(f"{key} of {eid!r}: unknown entity {target!r}", key))
            elif prop.range is not None and not vocab.any_is_a(set(other.types), prop.range):
                problems.append(record.problem(
                    f"{key} of {eid!r}: {target!r} is not a {prop.range.rsplit('#', 1)[-1]}", key))
            else:
                relations.append((prop.iri, other.id))
        entity = entities[eid]
        entities[eid] = Entity(entity.id, entity.types, entity.label, entity.aliases, entity.note,
                               entity.line, entity.relations + tuple(relations))
    return entities


def registry_graph(entities: dict[str, Entity]) -> Graph:
    """The registry as RDF: types, rdfs:label, skos:prefLabel and skos:altLabel."""
    graph = Graph()
    for entity in entities.values():
        for cls in entity.types:
            graph.add((entity.iri, RDF.type, cls))
        graph.add((entity.iri, RDFS.label, Literal(entity.label, lang="en")))
        graph.add((entity.iri, SKOS.prefLabel, Literal(entity.label, lang="en")))
        for alias in entity.aliases:
            graph.add((entity.iri, SKOS.altLabel, Literal(alias, lang="en")))
        if entity.note:
            graph.add((entity.iri, SKOS.editorialNote, Literal(entity.note, lang="en")))
        for prop, target in entity.relations:
            graph.add((entity.iri, prop, URIRef(entity_iri(target))))
    return graph
