"""Synthetic corpora shaped like the real graph, at any size, deterministically.

The real essay graph is the template. A corpus holds the ontology, the real
registry and the real essay graph unchanged (so the saved queries' default
parameters, such as ``pkr:russia``, hit data), then synthetic documents until
the target size: each is a copy of the essay's document graph (its document
node, author group, statement nodes with their qualifiers, evidence with quote
and position selectors, direct triples) under new document, statement and
evidence IRIs, in which every registry entity is, with probability ``keep``,
kept (Russia recurs across essays on this war) or replaced by a synthetic
entity of the same class, the same one throughout that document so that the
direct triples still agree with their statements. Labels and quotes get a
share of their words replaced from the essay's vocabulary, so literals are not
all shared; selector offsets are shifted. Synthetic entities join the registry
graph, copying a real entity of their class with a numbered label. Each
synthetic resource's classes (its own and every class above it, ``pko:instanceOf``)
go to the closure graph, as the build writes them for the real ones
(``peacekg.compile.closure``).

So the classes, qualifiers and per-statement shapes keep the real graph's
proportions: a corpus of N triples holds about N / (triples of the essay graph)
documents. Output is N-Quads, one named graph per document as peacekg's store
has it, written to ``bench/work/corpus-<size>.nq``.

>>> parse_size("10k"), parse_size("1m"), parse_size("2500")
(10000, 1000000, 2500)
>>> size_label(1_000_000), size_label(100_000), size_label(2500)
('1m', '100k', '2500')
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse

from peacekg.namespaces import (
    CLOSURE_GRAPH, DCTERMS, DOC, ENTITIES_GRAPH, GRAPH, OA, ONTOLOGY_GRAPH, OWL, PKE, PKO, PKR, PKS, RDF, RDFS,
    authors_iri,
)
from peacekg.project import Project, find_project
from peacekg.query.store import document_files, graph_files

WORK = Path(__file__).resolve().parent / "work"

#: Literals whose words vary between synthetic documents.
TEXT_PREDICATES = {RDFS + "label", OA + "exact", OA + "prefix", OA + "suffix"}
OFFSET_PREDICATES = {OA + "start", OA + "end"}
RDF_TYPE = RDF + "type"
OWL_CLASS = OWL + "Class"


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1m' -> 1000000."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def size_label(n: int) -> str:
    """1000000 -> '1m', 10000 -> '10k'."""
    for unit, factor in (("m", 1_000_000), ("k", 1_000)):
        if n >= factor and n % factor == 0:
            return f"{n // factor}{unit}"
    return str(n)


@dataclass
class Template:
    """The real graph, read once: what each synthetic document copies."""

    fixed: list[Quad]  #: ontology, registry, the real documents and extra graphs, as they are
    essay_id: str
    essay_quads: list[Quad]  #: the essay's document graph
    entity_class: dict[str, str]  #: registry entity IRI -> its (first) class IRI
    entity_quads: dict[str, list[Quad]]  #: registry entity IRI -> its triples
    vocabulary: list[str] = field(default_factory=list)

    @property
    def essay_entities(self) -> list[str]:
        """Registry entities the essay graph mentions, in a fixed order."""
        seen = {str(t.value) for q in self.essay_quads for t in (q.subject, q.object) if isinstance(t, NamedNode)}
        return sorted(e for e in seen if e in self.entity_class)


def read_template(project: Project | None = None) -> Template:
    """Read the built graph of a project (the essay with the most triples is the template)."""
    project = project or find_project()
    # parse(), not a Store: the store would canonicalise xsd:positiveInteger to xsd:integer.
    graphs: dict[str, list[Quad]] = {}
    for path, graph in graph_files(project):
        name, blanks = NamedNode(graph), {}
        quads = {Quad(_blank(t.subject, blanks, graph), t.predicate, _blank(t.object, blanks, graph), name)
                 for t in parse(path=str(path), format=RdfFormat.TURTLE)}
        graphs.setdefault(graph, []).extend(sorted(quads, key=str))
    fixed = [quad for quads in graphs.values() for quad in quads]
    documents = {path.stem: graph for path, graph in document_files(project)}
    essay_id = max(sorted(documents), key=lambda doc: len(graphs[documents[doc]]))
    essay_quads = graphs[documents[essay_id]]
    entity_class: dict[str, str] = {}
    entity_quads: dict[str, list[Quad]] = {}
    for quad in fixed:
        if quad.graph_name != NamedNode(ENTITIES_GRAPH):
            continue
        subject = str(quad.subject.value)
        entity_quads.setdefault(subject, []).append(quad)
        if quad.predicate.value == RDF_TYPE:
            entity_class.setdefault(subject, quad.object.value)
    text = (project.seeds / f"{essay_id}.txt").read_text(encoding="utf-8")
    vocabulary = sorted(set(re.findall(r"[A-Za-z][a-z]{3,}", text)))
    return Template(fixed, essay_id, essay_quads, entity_class, entity_quads, vocabulary)


class Corpus:
    """Synthetic documents from a template, sized to a target number of triples."""

    def __init__(self, template: Template, target: int, *, seed: int = 42, keep: float = 0.25,
                 pool_factor: float = 0.25):
        self.template, self.seed, self.keep = template, seed, keep
        self.above = _superclasses(template.fixed)
        classes: dict[str, list[str]] = {}
        for entity in template.essay_entities:
            classes.setdefault(template.entity_class[entity], []).append(entity)
        self.classes = classes
        # A document's lines and a synthetic entity's, their closure lines included.
        doc_types: dict[str, set[str]] = {}
        for quad in template.essay_quads:
            if quad.predicate.value == RDF_TYPE and isinstance(quad.subject, NamedNode) \
                    and not quad.subject.value.startswith(PKR):
                doc_types.setdefault(quad.subject.value, set()).add(quad.object.value)
        per_doc = len(template.essay_quads) + len(self._closure(doc_types))
        entity_triples = sum(len(q) + len(self._closure({e: {x.object.value for x in q if x.predicate.value == RDF_TYPE}}))
                             for e, q in template.entity_quads.items()) / max(1, len(template.entity_quads))
        per_doc_entities = sum(len(v) for v in classes.values()) * pool_factor * entity_triples
        self.documents = max(1, math.floor((target - len(template.fixed)) / (per_doc + per_doc_entities)))
        # Each class gets a pool big enough to draw a document's entities without repeats.
        self.pools = {cls: [f"{PKR}syn-{_slug(cls)}-{i}" for i in range(max(len(members), round(self.documents * len(members) * pool_factor)))]
                      for cls, members in classes.items()}

    def _closure(self, types: dict) -> list[str]:
        """The closure graph's lines for resources with these stated types (subject -> set of class IRIs)."""
        graph, kind = NamedNode(CLOSURE_GRAPH), NamedNode(PKO + "instanceOf")
        return [_line(Quad(NamedNode(subject), kind, NamedNode(implied), graph))
                for subject, classes in types.items()
                for implied in sorted({s for c in classes for s in self.above.get(c, ())})]

    def quads(self):
        """Every quad of the corpus as an N-Quads line, in a fixed order."""
        for quad in self.template.fixed:
            yield _line(quad)
        yield from self._registry()
        for number in range(1, self.documents + 1):
            yield from self._document(number)

    def _registry(self):
        rng = random.Random(f"{self.seed}-registry")
        graph = NamedNode(ENTITIES_GRAPH)
        for cls, pool in self.pools.items():
            for index, iri in enumerate(pool):
                model = rng.choice(self.classes[cls])
                types: set[str] = set()
                for quad in self.template.entity_quads[model]:
                    obj = quad.object
                    if isinstance(obj, Literal) and obj.language:
                        obj = Literal(f"{obj.value} {index}", language=obj.language)
                    if quad.predicate.value == RDF_TYPE:
                        types.add(obj.value)
                    yield _line(Quad(NamedNode(iri), quad.predicate, obj, graph))
                yield from self._closure({iri: types})

    def _document(self, number: int):
        rng = random.Random(f"{self.seed}-doc-{number}")
        essay, doc_id = self.template.essay_id, f"synthetic-{number:05d}"
        mapping = {
            DOC + essay: DOC + doc_id,
            authors_iri(essay): authors_iri(doc_id),
            GRAPH + essay: GRAPH + doc_id,
        }
        for cls, members in self.classes.items():
            substitutes = iter(rng.sample(self.pools[cls], len(members)))
            for entity in members:
                mapping[entity] = entity if rng.random() < self.keep else next(substitutes)
        shift = rng.randrange(0, 50_000)
        graph = NamedNode(GRAPH + doc_id)
        types: dict[str, set[str]] = {}
        for quad in self.template.essay_quads:
            subject = self._iri(quad.subject, mapping, doc_id)
            obj = quad.object
            predicate = quad.predicate.value
            if isinstance(obj, NamedNode):
                obj = self._iri(obj, mapping, doc_id)
            elif predicate in TEXT_PREDICATES:
                obj = Literal(_vary(obj.value, rng, self.template.vocabulary), language=obj.language) if obj.language \
                    else Literal(_vary(obj.value, rng, self.template.vocabulary))
            elif predicate in OFFSET_PREDICATES:
                obj = Literal(str(int(obj.value) + shift), datatype=obj.datatype)
            elif predicate == DCTERMS + "identifier":
                obj = Literal(doc_id)
            elif predicate == PKO + "sha256":
                obj = Literal(hashlib.sha256(doc_id.encode()).hexdigest())
            if predicate == RDF_TYPE and isinstance(subject, NamedNode) and not subject.value.startswith(PKR):
                types.setdefault(subject.value, set()).add(obj.value)  # registry entities: in _registry
            yield _line(Quad(subject, quad.predicate, obj, graph))
        yield from self._closure(types)

    @staticmethod
    def _iri(term, mapping: dict[str, str], doc_id: str):
        iri = term.value
        if iri in mapping:
            return NamedNode(mapping[iri])
        for namespace in (PKS, PKE):
            if iri.startswith(namespace):
                return NamedNode(f"{namespace}{doc_id}-{iri[len(namespace):]}")
        return term


def _superclasses(quads: list[Quad]) -> dict[str, set[str]]:
    """Each class of the ontology's quads -> itself and every named class above it (as the build's closure)."""
    ontology = NamedNode(ONTOLOGY_GRAPH)
    classes = {q.subject.value for q in quads if q.graph_name == ontology and q.predicate.value == RDF_TYPE
               and q.object.value == OWL_CLASS and isinstance(q.subject, NamedNode)}
    direct: dict[str, set[str]] = {}
    for quad in quads:
        if (quad.graph_name == ontology and quad.predicate.value == RDFS + "subClassOf"
                and isinstance(quad.object, NamedNode) and isinstance(quad.subject, NamedNode)):
            direct.setdefault(quad.subject.value, set()).add(quad.object.value)
    closed = {}
    for start in classes:
        seen, todo = {start}, list(direct.get(start, ()))
        while todo:
            cls = todo.pop()
            if cls not in seen:
                seen.add(cls)
                todo.extend(direct.get(cls, ()))
        closed[start] = seen
    return closed


def _blank(term, blanks: dict, graph: str):
    """Blank nodes get fresh random ids at each parse; number them in file order instead."""
    if not isinstance(term, BlankNode):
        return term
    if term not in blanks:
        blanks[term] = BlankNode(f"{graph.rsplit('/', 1)[-1]}{len(blanks)}")
    return blanks[term]


def _slug(class_iri: str) -> str:
    local = class_iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()


def _vary(text: str, rng: random.Random, vocabulary: list[str], share: float = 0.3) -> str:
    words = text.split(" ")
    return " ".join(w if i == 0 or rng.random() >= share else rng.choice(vocabulary) for i, w in enumerate(words))


def _line(quad: Quad) -> str:
    return f"{quad} .\n"


def generate(target: int, *, out: Path | None = None, seed: int = 42, template: Template | None = None,
             keep: float = 0.25) -> tuple[Path, int]:
    """Write the corpus of about ``target`` triples; returns its path and its number of lines."""
    out = out or WORK / f"corpus-{size_label(target)}.nq"
    key = _key(target, seed, keep, template)
    stamp = out.with_suffix(".key")
    if out.is_file() and stamp.is_file() and stamp.read_text().split("\n")[0] == key:  # the same corpus again
        return out, int(stamp.read_text().split("\n")[1])
    template = template or read_template()
    corpus = Corpus(template, target, seed=seed, keep=keep)
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    tmp = out.with_suffix(".tmp")
    count = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for line in corpus.quads():
            handle.write(line)
            count += 1
    tmp.replace(out)
    stamp.write_text(f"{key}\n{count}\n")
    return out, count


def _key(target: int, seed: int, keep: float, template: Template | None) -> str:
    """What a corpus depends on: this generator's code, the template's files, the arguments."""
    parts = [Path(__file__).read_bytes(), repr((target, seed, keep)).encode()]
    for path, _ in graph_files(find_project()):  # the template is read from these
        parts.append(path.read_bytes())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()
