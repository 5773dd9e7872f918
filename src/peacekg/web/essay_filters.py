"""The essay page's legend and filters: which passages to highlight, by kind, holder and speaker.

The *holder* of a statement is whose it is (its ``pko:agent``: who proposes,
holds or claims it); the *speaker* is who says it in the text: the source the
text names (``pko:accordingTo``), else the document's authors. A passage is
highlighted when one of the statements it supports matches every filter.

>>> from peacekg.query.store import open_store
>>> data = filters(open_store(), "https://w3id.org/peacekg/doc/carment-belo-ukraine")
>>> data["statements"]["p26-russia-requests-legal-guarantees"]
[{'kind': 'Proposal', 'holder': 'russia', 'speaker': 'authors-carment-belo-ukraine'}]
>>> ("russia", "Russia") in [(o["id"], o["label"]) for o in data["options"]["holder"]]
True
"""

from __future__ import annotations

from collections import Counter

from pyoxigraph import Store

from ..namespaces import OA, PKE, PKO, PKR, RDFS, authors_iri
from .terms import labels, this

ROWS = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?ev ?class ?agent ?according WHERE {{
  ?ev oa:hasSource ?this .
  ?st pko:evidence ?ev ; a ?class ; pko:agent ?agent .
  ?class rdfs:subClassOf pko:Statement .
  OPTIONAL {{ ?st pko:accordingTo ?according }}
}} ORDER BY ?ev"""


def _short(iri: str) -> str:
    for namespace in (PKR, PKO):
        if iri.startswith(namespace):
            return iri[len(namespace):]
    return iri


def filters(store: Store, document: str) -> dict:
    """Per evidence id, the (kind, holder, speaker) of each statement it supports; and the choices, with counts."""
    rows = list(store.query(ROWS, substitutions=this(document), use_default_graph_as_union=True))
    authors = authors_iri(document.rsplit("/", 1)[-1])
    names = labels(store, {authors} | {r[k].value for r in rows for k in ("class", "agent", "according") if r[k]})
    statements: dict[str, list[dict]] = {}
    counts = {"kind": Counter(), "holder": Counter(), "speaker": Counter()}
    for r in rows:
        entry = {"kind": _short(r["class"].value), "holder": _short(r["agent"].value),
                 "speaker": _short(r["according"].value if r["according"] else authors)}
        ev = r["ev"].value.removeprefix(PKE)
        if entry not in statements.setdefault(ev, []):
            statements[ev].append(entry)
            for key in counts:
                counts[key][entry[key]] += 1
    full = {_short(i): n for i, n in names.items()}
    options = {key: sorted(({"id": k, "label": full.get(k, k), "count": n} for k, n in counter.items()),
                           key=lambda o: (-o["count"], o["label"].casefold()))
               for key, counter in counts.items()}
    return {"statements": statements, "options": options}
