"""The labels of IRIs, looked up in the graph, for tables people read.

One query (``VALUES`` of the IRIs) on the store the answer came from, or on
the same endpoint; ``rdfs:label`` first, then ``skos:prefLabel``; an English or
untagged label before any other.

>>> labels = graph_labels(["https://w3id.org/peacekg/id/russia", "https://w3id.org/peacekg/ontology#rejected",
...                        "urn:nothing"])
>>> labels["https://w3id.org/peacekg/id/russia"], labels["https://w3id.org/peacekg/ontology#rejected"]
('Russia', 'rejected')
>>> "urn:nothing" in labels
False
"""

from __future__ import annotations

from typing import Iterable

from pyoxigraph import Literal, NamedNode, Store

#: At most this many IRIs per lookup query.
CHUNK = 500

_QUERY = """SELECT ?s ?p ?label WHERE {{
  VALUES ?s {{ {iris} }}
  VALUES ?p {{ <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#prefLabel> }}
  ?s ?p ?label
}}"""


def _rank(predicate: str, label: Literal) -> tuple[int, int, str]:
    language = label.language or ""
    return (0 if predicate.endswith("#label") else 1, 0 if language in ("", "en") or language.startswith("en-") else 1,
            label.value)


def graph_labels(iris: Iterable[str], *, store: Store | None = None, endpoint: str | None = None,
                 timeout: float = 30.0, project=None) -> dict[str, str]:
    """The label of each IRI that has one, where the query ran (the embedded store, or ``endpoint``)."""
    from .run import run_sparql

    wanted = sorted({iri for iri in iris if iri})
    best: dict[str, tuple] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        try:
            terms = " ".join(str(NamedNode(iri)) for iri in chunk)
        except ValueError:
            terms = " ".join(str(NamedNode(iri)) for iri in chunk if _is_iri(iri))
        answer = run_sparql(_QUERY.format(iris=terms), endpoint=endpoint, timeout=timeout, store=store,
                            project=project, source="<labels>")
        for subject, predicate, label in answer.terms:
            if isinstance(label, Literal):
                rank = _rank(predicate.value, label)
                if subject.value not in best or rank < best[subject.value]:
                    best[subject.value] = rank
    return {iri: rank[2] for iri, rank in best.items()}


def _is_iri(text: str) -> bool:
    try:
        NamedNode(text)
    except ValueError:
        return False
    return True
