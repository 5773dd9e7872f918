"""Figures in a unit of text: amount, unit and approximation, as the ontology records them.

A number that is not a year, with its scale ("2 billion"), the unit that
follows or precedes it (a currency, deaths, incidents, miles, days; else a
count) and the words that bound it ("about", "more than", "up to"). A figure in
words stays words, with no amount: "hundreds" has its own qualifier, "thousands"
is a ``verbal-figure``.

>>> f = first_figure("about 1,000 peacekeepers")
>>> (f.amount, f.unit, f.approximation, f.words)
('1000', 'count', 'approximately', 'about 1,000 peacekeepers')
>>> f = first_figure("Brussels pledged 2 billion euros")
>>> (f.amount, f.unit, f.approximation)
('2000000000', 'euro', 'exact')
>>> f = first_figure("hundreds of monitors")
>>> (f.amount, f.unit, f.approximation)
(None, 'count', 'hundreds')
>>> first_figure("In 2015, she said no") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .lexicon import APPROXIMATORS, SCALES, UNITS, VERBAL_FIGURES

_NUMBER = re.compile(r"(?<![\w.,-])(?P<cur>[$€£])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d-])"
                     r"(?:\s?(?P<pct>%|per ?cent|percent))?(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m)\b)?")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_WORDS = re.compile(r"\b(" + "|".join(sorted(VERBAL_FIGURES)) + r")\b", re.IGNORECASE)
_APPROX = re.compile(r"\b(" + "|".join(sorted(APPROXIMATORS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    amount: str | None
    unit: str | None
    approximation: str
    words: str
    start: int  #: offsets in the text given
    end: int


def _unit(after: str, before: str, currency: str | None, percent: bool) -> str | None:
    if percent:
        return None
    if currency:
        return UNITS.get(currency, "unspecified-currency")
    words = re.findall(r"[\w€$]+", after.lower())[:3]
    for word in words:
        if word in UNITS:
            return UNITS[word]
        if word not in ("of", "more", "additional", "new", "extra", "further", "us", "u"):
            break
    return "count"


def figures(text: str) -> list[Figure]:
    """Every figure of ``text`` (numbers that are not years, then figures in words)."""
    found: list[Figure] = []
    for m in _NUMBER.finditer(text):
        num = m.group("num")
        if _YEAR.match(num) and not m.group("cur") and not m.group("scale"):
            continue
        value = Decimal(num.replace(",", ""))
        scale = m.group("scale")
        if scale:
            value *= SCALES[scale]
        amount = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
        before = text[max(0, m.start() - 20):m.start()]
        approx = _APPROX.search(before)
        start = m.start() - (len(before) - approx.start()) if approx else m.start()
        after = text[m.end():m.end() + 40]
        unit = _unit(after, before, m.group("cur"), bool(m.group("pct")))
        tail = re.match(r"\s+(?:of\s+)?[\w-]+", after)
        end = m.end() + (tail.end() if tail and unit not in (None,) else 0)
        found.append(Figure(amount, unit, APPROXIMATORS[approx.group(1).lower()] if approx else "exact",
                            text[start:end], start, end))
    for m in _WORDS.finditer(text):
        word = m.group(0).lower()
        found.append(Figure(None, "count", "hundreds" if word == "hundreds" else "verbal-figure", m.group(0),
                            m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def first_figure(text: str) -> Figure | None:
    found = figures(text)
    return found[0] if found else None


_WORD_NUMBERS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                                  "thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
                                                  "twenty".split())}
_TIME_UNITS = {"day": "day", "days": "day", "week": None, "weeks": None, "month": None, "months": None,
               "year": None, "years": None, "hours": None, "kilometres": None, "kilometers": None, "km": None}


_NAMED = {"ORDINAL", "TIME", "LAW", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"}


def number_phrases(clause) -> list:
    """(first token, last token, Figure) for each figure of a parsed clause: a number that is not a year
    or an ordinal, from the words that bound it ("about", "more than") to the noun it counts."""
    found, used = [], set()
    doc = clause.head.doc
    for t in doc[clause.first.i:clause.last.i + 1]:
        if t.i in used or not (t.like_num or t.lower_ in VERBAL_FIGURES) or t.ent_type_ in _NAMED \
                or t.lower_ in ("one", "two", "a", "an") or (t.head.pos_ == "PROPN" and t.dep_ != "nummod"):
            continue  # an ordinal, a time, a number in a name ("Resolution 1244"), "two sides"
        if _YEAR.match(t.text) or (t.ent_type_ == "DATE" and not any(
                n.lower_ in _TIME_UNITS for n in doc[t.i + 1:min(t.i + 3, len(doc))])):
            continue
        noun = t
        while noun.dep_ in ("nummod", "quantmod", "compound", "npadvmod") and noun.head.i != noun.i \
                and noun.head.pos_ in ("NUM", "NOUN", "PROPN", "SYM") and noun.head.i > noun.i:
            noun = noun.head
        if noun.i == t.i and t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            noun = t  # "hundreds of protesters": the figure word heads the phrase
        first = min(x.i for x in t.subtree if x.i <= t.i)
        first = min([first, *(x.i for x in noun.children if x.dep_ in ("quantmod", "advmod") and x.i < t.i)])
        last = max(noun.i, t.i)
        if noun.i == t.i:  # "hundreds of monitors", "numbers roughly 4,500"
            of = next((x for x in t.children if x.dep_ == "prep" and x.lower_ == "of"), None)
            if of is not None:
                last = max(x.i for x in of.subtree)
        used.update(range(first, last + 1))
        words = doc[first:last + 1].text
        fig = first_figure(words)
        if fig is None and t.lower_ in _WORD_NUMBERS:
            unit = UNITS.get(noun.lower_, "count") if noun.i != t.i else "count"
            fig = Figure(_WORD_NUMBERS[t.lower_], unit, "exact", words, 0, len(words))
        if fig is not None:
            found.append((doc[first], doc[last], fig))
    return found
