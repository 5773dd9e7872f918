"""The suggested file: suggestions written in the curation format, each checked by the build's code.

Every suggested statement is compiled by the build's own statement compiler
(its quote anchored by the build's anchorer, its values checked against the
registry and the ontology); one the build would refuse goes to ``incomplete``
with the build's message, so everything under ``statements`` builds as it is
once accepted. The file is ``graph/statements/<id>.suggested.yaml``, which the
build never reads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph

from ..errors import CurationError
from ..project import Project
from ..sources import sourcefile
from ..sources.evidence import Anchorer
from ..sources.statements import StatementCompiler, statement_ids
from ..extract.base import load
from ..extract.corpus import Corpus, load_corpus
from ..extract.model import Suggestions
from .candidates import offline_candidates
from .mapping import accepted, to_record

try:  # libyaml's emitter: the same text, several times faster than PyYAML's own (a long text's suggestions)
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

HEADER = """\
# Suggestions for seeds/{doc}.txt, written by `peacekg suggest` (nothing here is curated).
# Accept one by moving it to graph/statements/{doc}.yaml without `confidence`, `cue` and
# `pending` (or in `peacekg serve --curate`). `pending` holds what the curation format cannot
# say yet. `entities` are proposed registry entries; `mentions`, the registry's names found.
"""


@dataclass
class Written:
    path: Path
    statements: int
    incomplete: int
    entities: int
    mentions: int
    seconds: float
    note: str | None = None


def suggested_path(project: Project, doc_id: str) -> Path:
    return project.statements_dir / f"{doc_id}.suggested.yaml"


def _quote(anchorer: Anchorer, document, text: str, start: int) -> tuple[str, int | None]:
    spans = anchorer.find_all(text)
    if len(spans) > 1:
        return text, document.paragraph_at(start)
    return text, None


def records(corpus: Corpus, found: Suggestions) -> tuple[list[dict], list[dict]]:
    """The suggestions as statement records: (those that build, those the build refuses)."""
    document = corpus.documents[found.document]
    anchorer = Anchorer(document.text)
    drafts = []
    for s in found.statements:
        quote, paragraph = _quote(anchorer, document, s.sentence.text, s.start)
        drafts.append(to_record(s, corpus.vocab, quote=quote, paragraph=paragraph))
    text = yaml.dump({"statements": [accepted(d) for d in drafts]}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=4096)
    data = sourcefile.loads(text, "suggested")
    problems: list = []
    curated_ids = {st.id for st in corpus.statements}
    seen = {sid: "curated" for sid in curated_ids}
    checked = statement_ids(data, "suggested", problems, seen)
    known = curated_ids | {r["id"] for r in checked}
    good, bad = [], []
    by_id = {d["id"]: d for d in drafts}
    found_problems: list = []
    compiler = StatementCompiler(corpus.vocab, corpus.entities, document, known, found_problems)
    for record in checked:
        before = len(found_problems)
        compiler.compile(record, Graph())
        mine = found_problems[before:]
        draft = by_id[record["id"]]
        if mine:
            bad.append({**draft, "refused": [p.message for p in mine]})
        else:
            good.append(draft)
    ok = {d["id"] for d in good}
    for d in good:  # a relation to a refused suggestion would not build: keep it pending
        for key in ("supports", "exampleOf", "reasonFor", "contrastsWith", "partOf", "objectsTo", "attacks",
                    "conditionFor", "outcomeOf"):
            if key in d and d[key] not in ok and d[key] not in curated_ids:
                d.setdefault("pending", {}).setdefault("relations", []).append({key: d.pop(key)})
    return good, bad


def suggest_document(project: Project, doc_id: str, *, out: Path | None = None, extractor: str | None = None,
                     model: str | None = None) -> Written:
    """Suggest for ``doc_id`` with an extractor (default: spaCy if installed, else the rules) and write
    the suggested file (never the curated one)."""
    t0 = time.perf_counter()
    path = out or suggested_path(project, doc_id)
    curated = project.statements_dir / f"{doc_id}.yaml"
    if path.resolve() == curated.resolve():
        raise CurationError(f"{project.relative(path)} is the curated file; suggestions go elsewhere")
    if path.resolve() != suggested_path(project, doc_id).resolve():
        project.refuse_output(out, CurationError)  # checked before any work: nothing is suggested in vain
    corpus = load_corpus(project)
    cls, note = load(extractor)
    found = cls(corpus, model=model).extract(doc_id, candidates=offline_candidates(project))
    good, bad = records(corpus, found)
    document = corpus.documents[doc_id]
    data = {
        "document": doc_id,
        "statements": good,
        "incomplete": bad,
        "entities": [{"id": e.id, "type": e.type, "label": e.label, "confidence": e.confidence, "cue": e.cue,
                      "paragraph": e.paragraph, "wikidata": e.wikidata or "none in the offline cache; "
                      "run `peacekg link` once the entity is registered"} for e in found.entities],
        "mentions": [{"entity": m.entity, "exact": m.exact, "start": m.start, "end": m.end,
                      "paragraph": document.paragraph_at(m.start), "confidence": round(m.confidence, 2),
                      "cue": m.cue} for m in found.mentions],
    }
    from .transaction import write_file

    body = HEADER.format(doc=doc_id) + yaml.dump(data, Dumper=_Dumper, sort_keys=False,
                                                   allow_unicode=True, width=4096)
    try:
        write_file(path, body.encode("utf-8"))
    except OSError as exc:
        raise CurationError(f"cannot write {path}: {exc.strerror or exc}") from None
    return Written(path, len(good), len(bad), len(found.entities), len(found.mentions),
                   time.perf_counter() - t0, note or found.note)
