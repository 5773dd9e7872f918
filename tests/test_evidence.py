"""Quotes anchor exactly, tolerate typing differences, and refuse ambiguity."""

from __future__ import annotations

import pytest

from peacekg.sources.evidence import AnchorError, Anchorer
from peacekg.sources.seeds import load_document


@pytest.fixture(scope="module")
def document(project):
    return load_document(project.seeds / "carment-belo-ukraine.yaml", "seed")


@pytest.fixture(scope="module")
def anchorer(document):
    return Anchorer(document.text)


def test_straight_apostrophe_finds_curly_one(anchorer, document):
    span = anchorer.anchor("Russia's insistence on legal security guarantees")
    assert span.exact == "Russia\u2019s insistence on legal security guarantees"
    assert document.text[span.start:span.end] == span.exact


def test_plain_space_finds_non_breaking_space(anchorer):
    span = anchorer.anchor("more protracted and deadly, precisely because")
    assert "\u00a0" in span.exact


def test_plain_hyphen_finds_en_dash(anchorer):
    assert "\u2013" in anchorer.anchor("a four part - sequenced - process").exact


def test_sentence_that_stands_twice_is_ambiguous(anchorer, document):
    quote = "America's current policy is a badly planned, ad hoc and misguided effort"
    with pytest.raises(AnchorError, match="2 places.*paragraph 7.*paragraph 8"):
        anchorer.anchor(quote, document=document)
    assert document.paragraph_at(anchorer.anchor(quote, paragraph=8, document=document).start) == 8
    assert document.paragraph_at(anchorer.anchor(quote, prefix="In brief,", document=document).start) == 8


def test_no_fuzzy_reanchoring(anchorer):
    with pytest.raises(AnchorError, match="not found"):
        anchorer.anchor("Russia's insistance on legal security guarantees")  # one letter off


def test_wrong_paragraph_is_refused(anchorer, document):
    with pytest.raises(AnchorError, match="not found in paragraph 3"):
        anchorer.anchor("Ukraine has also floated the idea", paragraph=3, document=document)


def test_paragraphs_are_counted_from_one(document):
    assert document.paragraphs()[2].startswith("Chief among them, Olaf Scholz")
    assert document.paragraphs()[29].startswith("Reviving the Normandy Format")
