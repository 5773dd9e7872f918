"""Content negotiation: which W3C results format or RDF format a client asked for.

The media types are pyoxigraph's own (its serialisers write the bytes); the
``Accept`` header is parsed by werkzeug, q-values and wildcards included.

>>> results_format("text/csv;q=0.9, application/sparql-results+json") == QueryResultsFormat.JSON
True
>>> rdf_format("application/ld+json").media_type
'application/ld+json'
>>> results_format("image/png") is None
True
>>> media_type(results_format(None, "tsv"))
'text/tab-separated-values; charset=utf-8'

A ``format`` (or ``output``) value that names nothing known leaves the choice to
``Accept``; SPARQLWrapper's names (``rdf+xml``, ``n3``, ``json-ld``, and the media
types it repeats) are known:

>>> known_short(["rdf+xml", "application/rdf+xml"]), known_short(["sparql-please"])
('rdf+xml', None)
>>> rdf_format("text/turtle", known_short(["sparql-please"])).media_type
'text/turtle'
>>> rdf_format(None, "n3").media_type
'text/turtle'
"""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

#: Results formats of SELECT and ASK, the default first.
RESULTS_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
    # What generic clients ask for:
    "application/json": QueryResultsFormat.JSON,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
}

#: RDF formats of CONSTRUCT and DESCRIBE and of resource pages, the default first.
RDF_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/json": RdfFormat.JSON_LD,
    "application/xml": RdfFormat.RDF_XML,
    # SPARQLWrapper's Accept for its TURTLE, N3 and JSONLD return formats (N3 is answered in Turtle, its subset):
    "application/turtle": RdfFormat.TURTLE,
    "text/rdf+n3": RdfFormat.TURTLE,
    "text/n3": RdfFormat.TURTLE,
    "application/n3": RdfFormat.TURTLE,
    "application/x-json+ld": RdfFormat.JSON_LD,
}

#: Short names for a ``format`` parameter (as SPARQLWrapper and browsers' links send).
SHORT_NAMES: dict[str, str] = {
    # On a CONSTRUCT, format=json means JSON-LD and format=xml RDF/XML.
    "json": "application/sparql-results+json, application/json;q=0.9",
    "xml": "application/sparql-results+xml, application/xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",  # SPARQLWrapper's RDFXML
    "n3": "text/turtle",  # SPARQLWrapper's N3: Turtle is N3
}

HTML = "text/html"


def known_short(values: list[str]) -> str | None:
    """The first ``format``/``output`` value this server knows (a short name or a media type it offers)."""
    return next((v for v in values if v.lower() in SHORT_NAMES or v.split(";")[0].strip().lower() in
                 (*RESULTS_FORMATS, *RDF_FORMATS)), None)


def _accept(header: str | None, short: str | None) -> MIMEAccept:
    if short and known_short([short]):
        header = SHORT_NAMES.get(short.lower(), short)
    return parse_accept_header(header or "*/*", MIMEAccept)


def _best(header: str | None, short: str | None, offers: list[str]) -> str | None:
    return _accept(header, short).best_match(offers)


def results_format(header: str | None, short: str | None = None) -> QueryResultsFormat | None:
    """The results format to answer a SELECT or ASK with, or None if none is acceptable."""
    media = _best(header, short, list(RESULTS_FORMATS))
    return RESULTS_FORMATS[media] if media else None


def rdf_format(header: str | None, short: str | None = None) -> RdfFormat | None:
    """The RDF format to answer a CONSTRUCT or DESCRIBE with, or None if none is acceptable."""
    media = _best(header, short, list(RDF_FORMATS))
    return RDF_FORMATS[media] if media else None


def wants_html(header: str | None, short: str | None = None) -> bool:
    """True when a browser asks (HTML first among what we offer), False for RDF clients.

    >>> wants_html("text/html,application/xhtml+xml,*/*;q=0.8")
    True
    >>> wants_html("text/turtle")
    False
    """
    if short:
        return short.lower() == "html"
    return _accept(header, None).best_match([HTML, *RDF_FORMATS]) == HTML


def names_html(header: str | None) -> bool:
    """True when the client names HTML itself (a browser), not by a wildcard or by sending no Accept.

    >>> names_html("text/html,application/xhtml+xml,*/*;q=0.8"), names_html("*/*"), names_html(None)
    (True, False, False)
    """
    accept = _accept(header, None)
    named = any(accept.quality(media) and media in accept.values() for media in (HTML, "application/xhtml+xml"))
    return named and wants_html(header)


def media_type(fmt: QueryResultsFormat | RdfFormat) -> str:
    """The Content-Type to send with a format, with its charset for text.

    >>> media_type(RdfFormat.TURTLE)
    'text/turtle; charset=utf-8'
    >>> media_type(QueryResultsFormat.JSON)
    'application/sparql-results+json'
    """
    media = fmt.media_type
    return f"{media}; charset=utf-8" if media.startswith("text/") and "charset" not in media else media
