"""``peacekg link --refresh-cache``: the facts users most want from linked items, kept offline.

For every linked item: its label and description, what it is an instance of
(P31, with the class's label), its country (P17, with label), coordinates
(P625), population (P1082), inception and dissolution (P571, P576), start and
end time (P580, P582), birth and death dates (P569, P570). They are written to
``graph/wikidata.ttl`` (the named graph ``.../graph/wikidata``) with the date
fetched and the endpoint they came from, deterministically, atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from ..errors import EndpointError
from ..namespaces import DCTERMS, PROV, WD, WIKIDATA_GRAPH
from ..sources.sssom import MappingSet

FACTS = {"P31": "instance of", "P17": "country", "P625": "coordinate location", "P1082": "population",
         "P571": "inception", "P576": "dissolved, abolished or demolished", "P580": "start time",
         "P582": "end time", "P569": "date of birth", "P570": "date of death"}
_LABELLED = ("P31", "P17")


def facts_query(qids: list[str], language: str = "en") -> str:
    """One CONSTRUCT for a batch of items.

    >>> "wdt:P1082 ?P1082" in facts_query(["Q212"])
    True
    """
    values = " ".join(f"wd:{q}" for q in qids)
    template = " ; ".join(f"wdt:{p} ?{p}" for p in FACTS)
    blocks = [f'{{ ?item rdfs:label ?label FILTER(LANG(?label) = "{language}") }}',
              f'{{ ?item schema:description ?description FILTER(LANG(?description) = "{language}") }}']
    for p in FACTS:
        if p in _LABELLED:
            blocks.append(f'{{ ?item wdt:{p} ?{p} OPTIONAL {{ ?{p} rdfs:label ?{p}label '
                          f'FILTER(LANG(?{p}label) = "{language}") }} }}')
        else:
            blocks.append(f"{{ ?item wdt:{p} ?{p} }}")
    labelled = " ".join(f"?{p} rdfs:label ?{p}label ." for p in _LABELLED)
    union = "\n  UNION ".join(blocks)
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX wd: <{WD}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
CONSTRUCT {{
  ?item rdfs:label ?label ; schema:description ?description ; {template} .
  {labelled}
}} WHERE {{
  VALUES ?item {{ {values} }}
  {union}
}}"""


def fetch_facts(client, mset: MappingSet, *, fetched: dt.datetime, batch_size: int = 25,
                language: str = "en", on_batch=None) -> Graph:
    """The cache graph for every item linked in ``mset``, with the date fetched."""
    qids = sorted({m.qid for m in mset.mappings if m.qid}, key=lambda q: int(q[1:]))
    graph = Graph()
    for start in range(0, len(qids), batch_size):
        batch = qids[start:start + batch_size]
        data = client.construct(facts_query(batch, language))
        try:
            graph.parse(data=data, format="turtle")
        except Exception as exc:  # rdflib raises several kinds on bad Turtle
            raise EndpointError(f"{client.endpoint} sent a malformed response: not Turtle "
                                f"({str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__})") from None
        if on_batch:
            on_batch(len(batch))
    prov, dcterms = Namespace(PROV), Namespace(DCTERMS)
    node = URIRef(WIKIDATA_GRAPH)
    graph.add((node, RDF.type, prov.Entity))
    graph.add((node, prov.generatedAtTime, Literal(_utc(fetched), datatype=XSD.dateTime)))
    graph.add((node, dcterms.source, URIRef(client.endpoint)))
    graph.add((node, dcterms.description, Literal(
        f"Facts of the {len(qids)} Wikidata items linked in graph/links/wikidata.sssom.tsv, "
        "fetched by `peacekg link --refresh-cache`.", lang="en")))
    return graph


def _utc(when: dt.datetime) -> str:
    """An xsd:dateTime in UTC with a Z, as stores print it back.

    >>> _utc(dt.datetime(2026, 11, 25, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    '2026-11-25T12:00:00Z'
    """
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_cache(graph: Graph, path: Path) -> bool:
    """Write the cache atomically; True if the file changed."""
    from ..compile.write import write_atomically
    from ..namespaces import PREFIXES

    out = Graph()
    for prefix, iri in {**PREFIXES, "sdo": "http://schema.org/", "geo": "http://www.opengis.net/ont/geosparql#"}.items():
        out.bind(prefix, iri, override=True, replace=True)  # Wikidata says http://schema.org/, not https
    for triple in graph:
        out.add(triple)
    return bool(write_atomically({path: out.serialize(format="turtle", encoding="utf-8")}))
