"""``peacekg stats``: counts by class and how the statements cover the text.

The coverage report lists statements per paragraph, content paragraphs without
statements, entities that no statement mentions, and statements whose quote
spans more than one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import Store

from ..compile.counts import Counts, phrases
from ..namespaces import CLOSURE_GRAPH, PKO, PKR, VOID_GRAPH, WIKIDATA_GRAPH, graph_iri
from ..project import Project, find_project
from .store import open_store

_PREFIXES = f"PREFIX pko: <{PKO}>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n" \
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
# A full stop after a title or an abbreviation ("St. Louis") ends no sentence.
_ABBREVIATIONS = ("St", "Dr", "Mr", "Mrs", "Ms", "Prof", "Sen", "Gen", "U.S")
_SENTENCE_END = re.compile("".join(rf"(?<!\b{re.escape(a)})" for a in _ABBREVIATIONS)
                           + r"[.!?][\"'”’)]*\s+[A-Z“‘\"']")


def spans_sentences(quote: str) -> bool:
    """Whether a quote runs over a sentence end into another sentence.

    >>> spans_sentences("It failed. Then it tried again.")
    True
    >>> spans_sentences("a professor at Webster University in St. Louis")
    False
    """
    return bool(_SENTENCE_END.search(quote))


@dataclass
class Stats:
    triples: int
    classes: dict[str, int]
    statements_by_class: dict[str, int]
    statements_per_paragraph: dict[str, dict[int, int]]
    paragraphs: dict[str, int]
    entities_without_statements: list[str] = field(default_factory=list)
    multi_sentence_quotes: list[tuple[str, str]] = field(default_factory=list)
    #: per document, the paragraphs its record marks as carrying no content
    without_content: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: the figures said the same way as `build` and the home page (:mod:`peacekg.compile.counts`)
    counts: Counts | None = None

    def uncovered_paragraphs(self, document: str, skip: set[int] | None = None) -> list[int]:
        """Content paragraphs without statements (``skip`` defaults to the record's
        paragraphs without content)."""
        covered = self.statements_per_paragraph.get(document, {})
        skip = set(self.without_content.get(document, ())) if skip is None else skip
        return [n for n in range(1, self.paragraphs.get(document, 0) + 1) if n not in covered and n not in skip]


def _rows(store: Store, query: str) -> list[tuple]:
    return [tuple(term.value if term is not None else None for term in row)
            for row in store.query(_PREFIXES + query, use_default_graph_as_union=True)]


def compute_stats(project: Project | None = None, store: Store | None = None) -> Stats:
    """Compute the statistics of the built graph (the ontology excluded from the counts by class)."""
    project = project or find_project()
    store = store or open_store(project)
    onto = "<https://w3id.org/peacekg/graph/ontology>"
    triples = int(_rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                      f"FILTER(?g != {onto} && ?g != <{CLOSURE_GRAPH}> && ?g != <{VOID_GRAPH}>) }}")[0][0])  # what the sources say
    classes = dict(_rows(store, f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        GRAPH ?g {{ ?s a ?c }} FILTER(?g != {onto} && STRSTARTS(STR(?c), STR(pko:))) }}
        GROUP BY ?c ORDER BY ?c"""))
    classes = {k.removeprefix(PKO): int(v) for k, v in classes.items()}
    statements = {k: v for k, v in classes.items() if k in _statement_classes(store)}
    per_paragraph: dict[str, dict[int, int]] = {}
    for doc, paragraph, n in _rows(store, """SELECT ?doc ?p (COUNT(?s) AS ?n) WHERE {
        ?s pko:evidence ?e . ?e pko:paragraph ?p ; oa:hasSource ?doc } GROUP BY ?doc ?p"""):
        per_paragraph.setdefault(doc.rsplit("/", 1)[-1], {})[int(paragraph)] = int(n)
    unused = [e.removeprefix(PKR) for (e,) in _rows(store, """SELECT DISTINCT ?e WHERE {
        GRAPH <https://w3id.org/peacekg/graph/entities> { ?e rdfs:label ?l }
        FILTER NOT EXISTS { ?s pko:evidence ?ev ; ?p ?e } } ORDER BY ?e""")]
    multi = [(s.rsplit("/", 1)[-1], q) for s, q in _rows(store, """SELECT ?s ?q WHERE {
        ?s pko:evidence/oa:hasSelector/oa:exact ?q } ORDER BY ?s""") if spans_sentences(q)]
    documents = _documents(project)
    return Stats(triples, classes, statements, per_paragraph,
                 {d.id: d.paragraph_count for d in documents}, unused, multi,
                 {d.id: d.without_content for d in documents}, store_counts(store))


def store_counts(store: Store) -> Counts:
    """The graph's figures (:mod:`peacekg.compile.counts`) from a store holding the built graph:
    the same as the build's, asked of what a query sees."""
    statements = _rows(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . ?c rdfs:subClassOf* pko:Statement }")
    documents = {doc: 0 for (doc,) in _rows(store, "SELECT ?d WHERE { ?d a pko:Document }")}
    per_graph = {g: int(n) for g, n in _rows(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                                                    "GROUP BY ?g")}
    named = {doc.rsplit("/", 1)[-1]: per_graph.get(graph_iri(doc.rsplit("/", 1)[-1]), 0) for doc in documents}
    described = sum(n for g, n in per_graph.items() if g not in (VOID_GRAPH, WIKIDATA_GRAPH))
    return Counts(int(statements[0][0]), named, described)


def _statement_classes(store: Store) -> set[str]:
    return {c.removeprefix(PKO) for (c,) in _rows(store, "SELECT ?c WHERE { ?c rdfs:subClassOf* pko:Statement }")}


def _documents(project: Project) -> list:
    from ..sources.seeds import load_document

    return [load_document(record, project.relative(record)) for record in sorted(project.seeds.glob("*.yaml"))]


def format_stats(stats: Stats) -> str:
    """The report as text, for the CLI."""
    lines = [*phrases(stats.counts), "", "instances by class:"]
    lines += [f"  {name:32} {n:5}" for name, n in sorted(stats.classes.items())]
    lines += ["", f"statements: {sum(stats.statements_by_class.values())}"]
    lines += [f"  {name:32} {n:5}" for name, n in sorted(stats.statements_by_class.items())]
    for doc, count in sorted(stats.paragraphs.items()):
        per = stats.statements_per_paragraph.get(doc, {})
        lines += ["", f"{doc}: statements per paragraph ({len(per)} of {count} paragraphs carry statements)"]
        lines += ["  " + "  ".join(f"{n}:{per.get(n, 0)}" for n in range(1, count + 1))]
        missing = stats.uncovered_paragraphs(doc)
        skipped = stats.without_content.get(doc, ())
        note = f" (without content: {', '.join(map(str, skipped))})" if skipped else ""
        lines += [f"  content paragraphs without statements: {', '.join(map(str, missing)) or 'none'}{note}"]
    lines += ["", f"entities without statements: {', '.join(stats.entities_without_statements) or 'none'}"]
    lines += [f"statements whose quote spans more than one sentence: {len(stats.multi_sentence_quotes)}"]
    lines += [f"  {sid}" for sid, _ in stats.multi_sentence_quotes]
    return "\n".join(lines)
