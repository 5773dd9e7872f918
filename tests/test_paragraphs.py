"""Each content paragraph of the essay: its key facts, asked of the built graph.

The cases are data (tests/data/paragraphs.yaml): a SPARQL SELECT over the
embedded store and its full expected answer, so that losing or changing a
statement fails a test. A second test makes sure every content paragraph has a
case, and a third that ``peacekg stats`` finds every content paragraph covered
and every entity used.
"""

from __future__ import annotations

import re

from collections import Counter

import pytest
import yaml
from pyoxigraph import Literal, NamedNode

from peacekg.namespaces import PKO, PKR, PKS
from peacekg.sources.seeds import load_document
from peacekg.query.stats import compute_stats
from peacekg.query.store import open_store

from .conftest import DATA

FIXTURE = yaml.safe_load((DATA / "paragraphs.yaml").read_text(encoding="utf-8"))
CASES = FIXTURE["cases"]
PREFIXES = {"pko": PKO, "pkr": PKR, "pks": PKS}
HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in {
    **PREFIXES,
    "oa": "http://www.w3.org/ns/oa#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}.items())


def compact(term) -> str | None:
    """An answer's term as the fixture writes it: a compact IRI or a literal's lexical form."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    assert isinstance(term, Literal), term
    return term.value


_DATE = re.compile(r"pko:(pointInTime|startTime|endTime) \?(\w+)")


def written_dates(query: str) -> str:
    """The query with each date variable bound to the date as the text writes it ("2022-02").

    The graph stores an xsd:dateTime and its precision (see peacekg.sources.dates);
    the cases say dates as the text does.
    """
    names = [m.group(2) for m in _DATE.finditer(query)]
    query = _DATE.sub(lambda m: f"pko:{m.group(1)} ?{m.group(2)}_t ; pko:{m.group(1)}Precision ?{m.group(2)}_p",
                      query)
    binds = " ".join(f"BIND(SUBSTR(STR(?{n}_t), 1, 3 * ?{n}_p - 23) AS ?{n})" for n in names)
    end = query.rindex("}")
    return query[:end] + binds + query[end:] if names else query


@pytest.fixture(scope="module")
def store(project):
    return open_store(project)


@pytest.mark.parametrize("case", CASES, ids=[f"p{c['paragraph']:02d}-{i}" for i, c in enumerate(CASES)])
def test_key_fact(store, case):
    rows = store.query(HEADER + written_dates(case["query"]), use_default_graph_as_union=True)
    answer = Counter(tuple(compact(t) for t in row) for row in rows)
    expected = Counter(tuple(row) for row in case["expect"])
    assert answer == expected, f"paragraph {case['paragraph']}: {case['fact']}"


def test_every_content_paragraph_has_a_case(project):
    document = load_document(project.seeds / f"{FIXTURE['document']}.yaml", "seed")
    content = set(range(1, document.paragraph_count + 1)) - set(document.without_content)
    assert content, "the document has no content paragraphs"
    missing = sorted(content - {c["paragraph"] for c in CASES})
    assert not missing, f"content paragraphs without a key-fact case: {missing}"


def test_stats_finds_every_paragraph_covered_and_every_entity_used(project, store):
    stats = compute_stats(project, store)
    assert stats.uncovered_paragraphs(FIXTURE["document"]) == []
    assert stats.without_content[FIXTURE["document"]] == (33, 34)
    assert stats.entities_without_statements == []
    assert stats.multi_sentence_quotes == [], "keep quotes to one sentence"
