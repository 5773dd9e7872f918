"""An entity's neighbourhood as Cytoscape.js elements: who proposed what, to whom, where.

Statements are nodes of their own, as in the graph: the agent points to the
statement, the statement to its mechanism, recipient, territory, rejecter...
The page lays the elements out with Cytoscape.js (vendored); this module only
chooses them.

>>> from peacekg.query.store import open_store
>>> elements = neighbourhood(open_store(), "https://w3id.org/peacekg/id/russia")
>>> focus = [e for e in elements if e["data"].get("kind") == "focus"]
>>> focus[0]["data"]["label"]
'Russia'
>>> any(e["data"].get("label") == "holder or doer" for e in elements)  # pko:agent, by its label
True
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Store

from ..namespaces import PKO, PKR, RDFS
from .terms import labels, local_href, this

EDGES = f"""
PREFIX pko: <{PKO}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?st ?class ?status ?role ?value ?anyrole WHERE {{
  ?st ?anyrole ?this ; a ?class .
  ?class rdfs:subClassOf* pko:Statement .
  ?st ?role ?value .
  FILTER(isIRI(?value) && STRSTARTS(STR(?value), "{PKR}"))
  FILTER(?role != pko:assertedBy || !STRSTARTS(STR(?value), "{PKR}authors-"))  # the usual speaker: no edge
  OPTIONAL {{ ?st pko:status ?status }}
}} ORDER BY ?st ?role ?value ?anyrole ?class ?status LIMIT 400"""

#: At most this many statements around one entity, so the picture stays legible.
MAX_STATEMENTS = 18
#: Which statements to draw first: what the entity does, then proposals and positions
#: about it, then the rest (claims and reported facts last).
KINDS_FIRST = ("Proposal", "Policy", "Rejection", "Position", "Occupation", "Membership", "Affiliation", "Event",
               "QuantityStatement", "Residence", "Authorship", "Characterisation", "ReportedFact", "Claim", "Question")


def _rank(row) -> tuple:
    kind = row["class"].value.removeprefix(PKO)
    return (row["anyrole"].value != PKO + "agent",
            KINDS_FIRST.index(kind) if kind in KINDS_FIRST else len(KINDS_FIRST), row["st"].value)


def neighbourhood(store: Store, iri: str) -> list[dict]:
    """Nodes and edges (Cytoscape.js element dicts) of the statements around ``iri``."""
    rows = list(store.query(EDGES, substitutions=this(iri), use_default_graph_as_union=True))
    statements = set(list(dict.fromkeys(r["st"].value for r in sorted(rows, key=_rank)))[:MAX_STATEMENTS])
    rows = [r for r in rows if r["st"].value in statements]
    names = labels(store, {iri} | {r[k].value for r in rows for k in ("st", "class", "status", "role", "value")
                                   if isinstance(r[k], NamedNode)})
    nodes: dict[str, dict] = {iri: _node(iri, names, "focus")}
    edges: dict[tuple[str, str, str], dict] = {}
    for r in rows:
        st, value, role = r["st"].value, r["value"].value, r["role"].value
        if st not in nodes:
            kind = names.get(r["class"].value, "statement")
            status = f" ({names.get(r['status'].value, '')})" if r["status"] else ""
            nodes[st] = {"data": {"id": st, "label": kind + status, "title": names.get(st, st),
                                  "href": local_href(st), "kind": "statement"}}
        nodes.setdefault(value, _node(value, names, "entity"))
        agentive = role == PKO + "agent"
        source, target = (value, st) if agentive else (st, value)
        edges.setdefault((source, target, role), {"data": {
            "id": f"{source} {role} {target}", "source": source, "target": target,
            "label": names.get(role, role.rsplit("#", 1)[-1])}})
    return [*nodes.values(), *edges.values()]


def _node(iri: str, names: dict[str, str], kind: str) -> dict:
    return {"data": {"id": iri, "label": names.get(iri, iri), "href": local_href(iri), "kind": kind}}
