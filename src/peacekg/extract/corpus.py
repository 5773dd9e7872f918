"""What suggestions learn from and work on: the project's documents, registry and curated statements.

Each curated statement comes with its span (anchored as the build anchors it),
its paragraph, kind, holder (``agent``) and status, so cues can be learned from
the words its quote uses, and a held-out paragraph can be left out of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..compile.pipeline import load_registry
from ..errors import CurationError, SourceError
from ..project import Project
from ..sources import sourcefile
from ..sources.evidence import AnchorError, Anchorer
from ..sources.registry import Entity
from ..sources.seeds import Document
from ..sources.vocab import Vocabulary, local


@dataclass(frozen=True)
class Curated:
    """One curated statement, as suggestions compare against and learn from."""

    id: str
    document: str
    kind: str
    holder: str
    status: str | None
    mechanism: str | None
    start: int
    end: int
    paragraph: int
    record: dict = field(repr=False, hash=False, compare=False)


@dataclass
class Corpus:
    vocab: Vocabulary
    documents: dict[str, Document]
    entities: dict[str, Entity]
    statements: list[Curated]

    def agents(self) -> set[str]:
        """Registry ids that may hold a statement (their class is a pko:Agent)."""
        agent = self.vocab.pko_class("Agent")
        return {e.id for e in self.entities.values() if agent and self.vocab.any_is_a(set(e.types), agent)}

    def of_class(self, name: str) -> set[str]:
        cls = self.vocab.pko_class(name)
        return {e.id for e in self.entities.values() if cls and self.vocab.any_is_a(set(e.types), cls)}

    def status_kind(self, status: str) -> str | None:
        """The statement kind a status belongs to (a ProposalStatus is a Proposal's)."""
        for concept in self.vocab.concepts.get(status, ()):
            name = local(concept).removesuffix("Status")
            if name == "Territorial":
                return "Occupation"
            if self.vocab.pko_class(name):
                return name
        return None


def _first(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else str(value)


def load_corpus(project: Project) -> Corpus:
    """The project's sources, read as the build reads them; a source with problems is refused."""
    problems: list = []
    vocab, documents, entities = load_registry(project, problems)
    if problems:
        raise SourceError(problems)
    statements: list[Curated] = []
    for document in documents:
        path = project.statements_dir / f"{document.id}.yaml"
        if not path.is_file():
            continue
        data = sourcefile.load(path, project.relative(path))
        anchorer = Anchorer(document.text)
        for record in (data.get("statements") or []) if isinstance(data, dict) else []:
            try:
                span = anchorer.anchor(str(record.get("quote", "")), paragraph=record.get("paragraph"),
                                       prefix=record.get("prefix"), document=document)
            except AnchorError:
                continue  # the build reports it; nothing to learn from
            statements.append(Curated(
                str(record.get("id")), document.id, str(record.get("type")), str(record.get("agent")),
                _first(record.get("status")), _first(record.get("mechanism")), span.start, span.end,
                document.paragraph_at(span.start), dict(record)))
    return Corpus(vocab, {d.id: d for d in documents}, entities, statements)


def document_of(corpus: Corpus, doc_id: str) -> Document:
    if doc_id not in corpus.documents:
        known = ", ".join(sorted(corpus.documents))
        raise CurationError(f"no document {doc_id!r} (seeds/{doc_id}.yaml); the documents are: {known}")
    return corpus.documents[doc_id]
