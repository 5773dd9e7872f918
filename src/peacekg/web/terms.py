"""RDF terms as the pages show them: a label, a link that stays on this server, a kind.

>>> local_href("https://w3id.org/peacekg/id/nato")
'/id/nato'
>>> local_href("https://w3id.org/peacekg/ontology#Proposal")
'/ontology#Proposal'
>>> local_href("http://www.wikidata.org/entity/Q7184")
'http://www.wikidata.org/entity/Q7184'
>>> local_href("javascript:alert(1)") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Variable

from ..namespaces import BASE, PKO, PREFIXES, RDFS, SKOS


def local_href(iri: str) -> str | None:
    """Where a link to ``iri`` goes: peacekg's IRIs to this server, http(s) IRIs as they are.

    Any other scheme (``javascript:``, ``data:``...) gets no link at all.
    """
    if iri.startswith(PKO):
        return "/ontology#" + quote(iri[len(PKO):])
    if iri.startswith(BASE):
        return "/" + quote(iri[len(BASE):], safe="/#")
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def short_name(iri: str) -> str:
    """``pko:Proposal`` for a known namespace, the IRI itself otherwise.

    >>> short_name("https://w3id.org/peacekg/ontology#Proposal")
    'pko:Proposal'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


@dataclass(frozen=True)
class Term:
    """One RDF term on a page. ``text`` is what is shown; the template escapes it."""

    text: str
    iri: str | None = None
    href: str | None = None
    datatype: str | None = None
    language: str | None = None

    @property
    def is_iri(self) -> bool:
        return self.iri is not None


LABELS = f"""
SELECT ?s ?label WHERE {{
  VALUES ?s {{ ?ITEMS }}
  {{ ?s <{RDFS}label> ?label }} UNION {{ ?s <{SKOS}prefLabel> ?label }}
}}"""


def labels(store: Store, iris: set[str]) -> dict[str, str]:
    """The label of each IRI that has one (rdfs:label first, English or plain first)."""
    found: dict[str, tuple[int, str]] = {}
    nodes = [NamedNode(i) for i in iris]
    for start in range(0, len(nodes), 200):
        chunk = nodes[start:start + 200]
        text = LABELS.replace("?ITEMS", " ".join(str(n) for n in chunk))
        for row in store.query(text, use_default_graph_as_union=True):
            literal = row["label"]
            rank = 0 if literal.language in (None, "en") else 1
            iri = row["s"].value
            if iri not in found or rank < found[iri][0]:
                found[iri] = (rank, literal.value)
    return {iri: label for iri, (_, label) in found.items()}


def term(node, names: dict[str, str]) -> Term:
    """A view of a pyoxigraph term, labelled from ``names``."""
    if isinstance(node, NamedNode):
        return Term(names.get(node.value) or short_name(node.value), node.value, local_href(node.value))
    if isinstance(node, Literal):
        datatype = node.datatype.value if node.datatype else None
        return Term(node.value, datatype=datatype, language=node.language)
    if isinstance(node, BlankNode):
        return Term("_:" + node.value)
    return Term(str(node))


def this(iri: str) -> dict[Variable, NamedNode]:
    """Substitutions binding ``?this`` (which the query must project) to an IRI, never pasted."""
    return {Variable("this"): NamedNode(iri)}
