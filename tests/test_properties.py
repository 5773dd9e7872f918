"""Property-based tests (Hypothesis) where a bug would corrupt data silently.

Anchoring, parameter binding, the YAML reader's line numbers and the build's
Turtle. Each runs a modest, derandomised number of examples, so the suite
stays fast and gives the same verdict on every machine.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Store
from rdflib import Graph
from rdflib import Literal as RdfLiteral
from rdflib import URIRef
from rdflib.compare import isomorphic

from peacekg.compile.write import serialise
from peacekg.query.run import run_sparql
from peacekg.sources.evidence import AnchorError, Anchorer, Span, normalise
from peacekg.sources.sourcefile import loads

from .conftest import ROOT

FAST = settings(max_examples=60, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TEXT = (ROOT / "seeds" / "carment-belo-ukraine.txt").read_text(encoding="utf-8")
ANCHORER = Anchorer(TEXT)

# what a curator may type for what the text has: straight quotes and hyphens, any spacing
_PLAIN = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}


@st.composite
def quotes(draw):
    """A slice of the essay, not starting or ending in whitespace, and a curator's rendering of it."""
    start = draw(st.integers(0, len(TEXT) - 2))
    end = draw(st.integers(start + 1, min(len(TEXT), start + 300)))
    assume(not TEXT[start].isspace() and not TEXT[end - 1].isspace())
    pieces = []
    for ch in TEXT[start:end]:
        if ch.isspace():
            pieces.append(draw(st.sampled_from([" ", "  ", "\u00a0", "\n", " \t"])))
        elif ch in _PLAIN and draw(st.booleans()):
            pieces.append(_PLAIN[ch])
        else:
            pieces.append(ch)
    typed = re.sub(r"\s+", lambda m: m.group(0), "".join(pieces))
    return start, end, typed


@FAST
@given(quotes())
def test_any_quote_cut_from_the_text_anchors_back_to_its_offsets(case):
    start, end, typed = case
    spans = ANCHORER.find_all(typed)
    assert Span(start, end, TEXT[start:end]) in spans
    if len(spans) == 1:
        assert ANCHORER.anchor(typed) == Span(start, end, TEXT[start:end])


@FAST
@given(st.text(min_size=1, max_size=60))
def test_any_string_not_in_the_text_is_refused(candidate):
    folded, _ = normalise(candidate.strip())
    assume(folded and folded not in ANCHORER.folded)
    with pytest.raises(AnchorError, match="quote not found"):
        ANCHORER.anchor(candidate)


@FAST
@given(quotes(), st.sampled_from(["x", "Q", "0", "\u00e9"]))
def test_a_changed_character_is_not_found_there(case, other):
    start, end, _typed = case
    middle = (start + end) // 2
    assume(not TEXT[middle].isspace() and TEXT[middle] != other)
    changed = TEXT[start:middle] + other + TEXT[middle + 1:end]
    assert all(span.start != start or span.end != end for span in ANCHORER.find_all(changed))


# --- parameter binding -------------------------------------------------------------------
EMPTY = Store()


@FAST
@given(st.text(max_size=80))
def test_no_literal_value_changes_the_query(value):
    result = run_sparql("SELECT ?x WHERE { BIND(?_v AS ?x) }", store=EMPTY, bindings={"_v": Literal(value)})
    assert result.variables == ["x"] and [row["x"] for row in result] == [value]


@FAST
@given(st.text(alphabet=st.characters(blacklist_characters='<>"{}|^`\\ ', blacklist_categories=("Cc", "Cs")),
               max_size=40))
def test_no_iri_value_changes_the_query(tail):
    try:
        iri = NamedNode("urn:x:" + tail)
    except ValueError:  # not an IRI: refused before any query (to_iri says so by name)
        assume(False)
    result = run_sparql("SELECT ?x (COUNT(*) AS ?n) WHERE { BIND(?_v_iri AS ?x) } GROUP BY ?x", store=EMPTY,
                        bindings={"_v_iri": iri})
    assert [(row["x"], row["n"]) for row in result] == [(iri.value, 1)]


# --- the YAML reader's line numbers -----------------------------------------------------------
KEYS = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,11}", fullmatch=True)
#: YAML's printable characters, less the ones it counts as line breaks (NEL, LS, PS) and the BOM
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"), blacklist_characters="\x85\ufeff")
VALUES = st.one_of(st.integers(-10**6, 10**6), st.text(PRINTABLE, max_size=30), st.booleans(), st.none())


@FAST
@given(st.lists(st.tuples(KEYS, VALUES, st.integers(0, 2), st.booleans()), min_size=1, max_size=15,
                unique_by=lambda item: item[0]))
def test_the_yaml_reader_gives_every_key_its_line(entries):
    lines, expected = [], {}
    for key, value, blanks, comment in entries:
        lines += [""] * blanks + (["# a comment"] if comment else [])
        expected[key] = (len(lines) + 1, value)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")  # JSON is YAML: the value's exact form
    record = loads("\n".join(lines) + "\n", "f.yaml")
    assert {k: (record.line_of(k), record[k]) for k in record} == expected


@FAST
@given(st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=8), min_size=1, max_size=10),
       st.lists(st.integers(0, 2), min_size=10, max_size=10))
def test_the_yaml_reader_gives_every_item_its_line(items, gaps):
    lines, expected = ["items:"], []
    for item, gap in zip(items, gaps):
        lines += [""] * gap
        expected.append(len(lines) + 1)
        lines.append(f"  - {json.dumps(item)}")
    record = loads("\n".join(lines) + "\n", "f.yaml")
    assert list(record["items"]) == items and record["items"].item_lines == expected


# --- the build's Turtle ---------------------------------------------------------------------------
LOCAL = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
NODES = LOCAL.map(lambda local: URIRef("https://w3id.org/peacekg/id/" + local))
LEXICAL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
OBJECTS = st.one_of(
    NODES,
    LEXICAL.map(RdfLiteral),
    LEXICAL.map(lambda s: RdfLiteral(s, lang="en")),
    st.integers(-10**12, 10**12).map(RdfLiteral),
)
PREDICATES = st.sampled_from([URIRef("https://w3id.org/peacekg/ontology#" + p)
                              for p in ("agent", "about", "status", "amount")]
                             + [URIRef("http://www.w3.org/2000/01/rdf-schema#label")])


@FAST
@given(st.lists(st.tuples(NODES, PREDICATES, OBJECTS), max_size=25))
def test_the_build_turtle_parses_back_to_the_same_graph(triples):
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    data = serialise(graph)
    assert isomorphic(Graph().parse(data=data, format="turtle"), graph)
    assert serialise(Graph().parse(data=data, format="turtle")) == data  # and writes the same bytes again
