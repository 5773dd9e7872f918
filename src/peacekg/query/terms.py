"""RDF terms for query parameters and results: from user text to a term, from a term to Python.

A parameter value becomes a pyoxigraph term, so it is bound, never pasted into
the query text. IRIs may be written in full, as a prefixed name of
:data:`peacekg.namespaces.PREFIXES`, or as a bare registry id.

>>> to_term("russia", "iri")
<NamedNode value=https://w3id.org/peacekg/id/russia>
>>> to_term("pko:Proposal", "iri")
<NamedNode value=https://w3id.org/peacekg/ontology#Proposal>
>>> str(to_term('x" } ; DROP ALL ; #', "literal"))
'"x\\\\" } ; DROP ALL ; #"'
>>> to_term("26", "positiveInteger")
<Literal value=26 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#positiveInteger>>
>>> python_value(to_term("26", "positiveInteger"))
26
>>> compact("https://w3id.org/peacekg/id/russia")
'pkr:russia'
"""

from __future__ import annotations

import functools

import re

from pyoxigraph import BlankNode, Literal, NamedNode

from ..errors import QueryError
from ..namespaces import PKR, PREFIXES, XSD

_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:(\S*)")
_INTEGERS = {"integer", "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger",
             "int", "long", "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"}

_SIGNS = {"positiveInteger": lambda n: n > 0, "nonNegativeInteger": lambda n: n >= 0,
          "negativeInteger": lambda n: n < 0, "nonPositiveInteger": lambda n: n <= 0}


def to_iri(value: str) -> NamedNode:
    """A full IRI, ``<IRI>``, a prefixed name (``pkr:nato``) or a bare registry id (``nato``)."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif ":" not in text:
        text = PKR + text
    else:
        match = _PREFIXED.fullmatch(text)
        if match and match.group(1) in PREFIXES:
            text = PREFIXES[match.group(1)] + match.group(2)
    try:
        return NamedNode(text)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not an IRI: {exc}") from None


@functools.lru_cache(maxsize=1024)  # terms are immutable; a saved query's defaults are bound at every run
def to_term(value: str, kind: str) -> NamedNode | Literal:
    """The RDF term a parameter of ``kind`` (``iri``, ``literal``, an XSD type, ``@lang``) stands for."""
    if kind == "iri":
        return to_iri(value)
    if kind == "literal":
        return Literal(value)
    if kind.startswith("@"):
        return Literal(value, language=kind[1:])
    term = Literal(value, datatype=NamedNode(XSD + kind))
    try:
        number = python_value(term)
    except (ValueError, ArithmeticError):
        raise QueryError(f"{value!r} is not a valid xsd:{kind}") from None
    if kind in _SIGNS and not _SIGNS[kind](number):
        raise QueryError(f"{value!r} is not a valid xsd:{kind}")
    return term


def python_value(term):
    """A result term as a Python value: IRIs as str, numbers, booleans and dates converted.

    Literals of other types (``gYearMonth``, language-tagged strings) give their
    lexical form; an unbound variable gives ``None``.
    """
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, Literal):
        return str(term)
    datatype = term.datatype.value
    if not datatype.startswith(XSD):
        return term.value
    local = datatype[len(XSD):]
    if local in _INTEGERS:
        return int(term.value)
    if local == "decimal":
        from decimal import Decimal  # here: only rows with decimals pay for the import

        return Decimal(term.value)
    if local in ("double", "float"):
        return float(term.value)
    if local == "boolean":
        if term.value not in ("true", "false", "1", "0"):
            raise ValueError(term.value)
        return term.value in ("true", "1")
    if local == "date":
        import datetime

        return datetime.date.fromisoformat(term.value)
    return term.value


def compact(iri: str) -> str:
    """An IRI as a prefixed name when a prefix of :data:`PREFIXES` covers it."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]):]
        if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"


def display(term) -> str:
    """A term as a person reads it in a table: prefixed IRIs, bare literal values."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact(term.value)
    if isinstance(term, Literal):
        return term.value
    return str(term)
