"""The graph's size, said one way everywhere: `build`'s summary, `stats` and the home page.

Three figures, each named for what it counts: the statements; the triples of
each document's graph (what the curated statements about that text compile
to); and the triples of all the dataset's graphs, the ontology, the registry,
the links and the derived class closure included, which is what the VoID
description says as the dataset's ``void:triples``: neither that description
itself nor the offline cache of Wikidata's facts (another dataset) is counted.
A triple that two graphs hold counts once per graph, as a store counts quads.

>>> counts = Counts(212, {"carment-belo-ukraine": 4293}, 9672)
>>> phrases(counts)
['212 statements', "4,293 triples in carment-belo-ukraine's graph", '9,672 triples in all graphs, the ontology included']
>>> phrases(Counts(3, {"a": 10, "b": 20, "c": 30, "d": 40}, 500))[1]
"100 triples in the 4 documents' graphs"
"""

from __future__ import annotations

from collections import namedtuple

#: Documents named one by one in the summary; more are summed.
NAMED = 3


class Counts(namedtuple("Counts", "statements documents all_graphs")):
    """``statements``; ``documents``: document id -> triples of its graph; ``all_graphs``: every graph's
    triples, the ontology included."""

    __slots__ = ()


def phrases(counts: Counts) -> list[str]:
    """The figures as words, in a fixed order: statements, the documents' graphs, all graphs."""
    said = [f"{counts.statements:,} statement{'s' if counts.statements != 1 else ''}"]
    documents = sorted(counts.documents.items())
    if len(documents) <= NAMED:
        said += [f"{n:,} triples in {doc}'s graph" for doc, n in documents]
    else:
        said.append(f"{sum(counts.documents.values()):,} triples in the {len(documents)} documents' graphs")
    said.append(f"{counts.all_graphs:,} triples in all graphs, the ontology included")
    return said


def summary(counts: Counts) -> str:
    """The figures in one line (`build`, `add`)."""
    return "; ".join(phrases(counts))
