"""The argument map of a document: its statements as nodes, the argument relations as
labelled arrows, and who asserts each statement (``/doc/<id>/arguments``).

Only statements that take part in a relation are drawn, one row per paragraph in the
order of the text (the layout is computed in the page from ``paragraph`` and
``start``, so it is the same at every load); the page also lists every relation as a
table, which is what a reader without scripts (or a test) reads.

>>> edge = Link("pks:a", "supports", "pks:b", None)
>>> edge.label, Link("pks:a", "partOf", "pks:b", "2").label
('supports', 'part 2 of')
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape
from pyoxigraph import Store
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..namespaces import OA, PKO, RDFS, document_iri
from .terms import labels, local_href, this

RELATIONS = ("supports", "reasonFor", "exampleOf", "attacks", "contrastsWith", "conditionFor", "partOf",
             "restates", "outcomeOf", "addresses", "misses", "rejectionOf", "conditionalOn", "optionOf", "answers")
_LABELS = {"reasonFor": "reason for", "exampleOf": "example of", "contrastsWith": "contrasts with",
           "conditionFor": "condition for", "outcomeOf": "outcome of", "rejectionOf": "rejects",
           "conditionalOn": "conditional on", "optionOf": "option of"}

LINKS = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT DISTINCT ?this ?from ?relation ?to ?order ?kind WHERE {{
  VALUES ?relation {{ {" ".join("pko:" + r for r in RELATIONS)} }}
  ?from ?relation ?to ; pko:evidence/oa:hasSource ?this .
  OPTIONAL {{ ?from pko:order ?order FILTER (?relation = pko:partOf) }}
  OPTIONAL {{ ?from pko:restatementKind ?kind FILTER (?relation = pko:restates) }}
}} ORDER BY ?from ?relation ?to"""

NODES = f"""
PREFIX pko: <{PKO}> PREFIX oa: <{OA}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?st ?summary ?speaker ?mode ?class (MIN(?p) AS ?paragraph) (MIN(?offset) AS ?start) WHERE {{
  ?st pko:evidence ?ev ; rdfs:label ?summary ; pko:assertedBy ?speaker ; pko:mode ?mode ; a ?class .
  ?ev oa:hasSource ?this ; pko:paragraph ?p ; oa:hasSelector/oa:start ?offset .
  ?class rdfs:subClassOf pko:Statement .
}} GROUP BY ?this ?st ?summary ?speaker ?mode ?class"""


@dataclass(frozen=True)
class Link:
    source: str
    relation: str
    target: str
    order: str | None

    @property
    def label(self) -> str:
        if self.relation == "partOf":
            return f"part {self.order} of" if self.order else "part of"
        return _LABELS.get(self.relation, self.relation)


@dataclass
class ArgumentMap:
    document: str
    elements: list[dict]  #: Cytoscape.js elements: statements, then relations
    rows: list[dict]  #: one per relation, for the table


def argument_map(store: Store, document_id: str) -> ArgumentMap | None:
    """The argument map of a document, or None when the graph has no such document."""
    iri = document_iri(document_id)
    if "/" in document_id:
        return None
    links = [Link(r["from"].value, r["relation"].value.removeprefix(PKO), r["to"].value,
                  r["order"].value if r["order"] else None)
             for r in store.query(LINKS, substitutions=this(iri), use_default_graph_as_union=True)]
    nodes = {r["st"].value: r for r in store.query(NODES, substitutions=this(iri), use_default_graph_as_union=True)}
    if not nodes:
        return None
    linked = sorted({x for link in links for x in (link.source, link.target)} & set(nodes))
    names = labels(store, {nodes[s][k].value for s in linked for k in ("speaker", "mode", "class")})
    elements: list[dict] = []
    for st in linked:
        r = nodes[st]
        speaker = names.get(r["speaker"].value, r["speaker"].value)
        elements.append({"data": {
            "id": st, "label": r["summary"].value, "href": local_href(st), "speaker": speaker,
            "mode": names.get(r["mode"].value, r["mode"].value), "kind": r["class"].value.removeprefix(PKO),
            "paragraph": int(r["paragraph"].value), "start": int(r["start"].value),
            "authors": r["speaker"].value.endswith("/authors-" + document_id)}})
    rows = []
    for i, link in enumerate(links):
        if link.source in nodes and link.target in nodes:
            elements.append({"data": {"id": f"e{i}", "source": link.source, "target": link.target,
                                      "label": link.label, "relation": link.relation}})
            rows.append({"from": nodes[link.source]["summary"].value, "fromHref": local_href(link.source),
                         "speaker": names.get(nodes[link.source]["speaker"].value, ""),
                         "relation": link.label, "to": nodes[link.target]["summary"].value,
                         "toHref": local_href(link.target)})
    return ArgumentMap(document_id, elements, rows)


_templates = Environment(loader=PackageLoader("peacekg.web", "templates"),
                         autoescape=select_autoescape(default=True, default_for_string=True),
                         trim_blocks=True, lstrip_blocks=True)


async def arguments_page(request: Request) -> HTMLResponse:
    """``/doc/<id>/arguments``: the argument map of a document."""
    name = request.path_params["name"]
    page = await run_in_threadpool(argument_map, request.app.state.store, name)
    if page is None:
        raise HTTPException(404, f"no document {name!r}")
    return HTMLResponse(_templates.get_template("arguments.html").render(map=page))
