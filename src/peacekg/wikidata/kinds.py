"""Which Wikidata classes (values of P31, "instance of") fit which pko class.

The reconciler scores a candidate whose P31 is among its entity's expected
classes above one of another kind, and ``peacekg link --check`` reports a link
whose item has none of them. Each QID here was checked against public code that
pairs it with its label (e.g. ``wd:Q5 # human``, ``"Q6256",  # country``,
``"Q3624078": "sovereign state"``, ``"Q484652",  # international organization``,
``"Q7278",  # Political Party``, ``QID_GOVERNMENT = "Q7188"``,
``university: {qid: 'Q3918'}``, ``"Q31855",  # research institute``,
``"Q43229",  # Organization``, ``'Q515': 'city'``, ``"Q5119"`` capitals,
``"Q1127126": "MILITARY_ALLIANCE"``, ``"Q1335818",  # supranational union``,
``"Q5107",  # continent``, ``"Q34763": "peninsula"``). Classes with no entry (territories of many kinds,
mechanisms, agreements) are not type-checked: better no check than a wrong one.

>>> sorted(expected_kinds(["https://w3id.org/peacekg/ontology#Person"]))
['Q5']
>>> expected_kinds(["https://w3id.org/peacekg/ontology#Referendum"])
frozenset()
"""

from __future__ import annotations

from collections.abc import Iterable

from ..namespaces import PKO

HUMAN = "Q5"
COUNTRY, SOVEREIGN_STATE = "Q6256", "Q3624078"
INTERNATIONAL_ORGANIZATION, MILITARY_ALLIANCE, SUPRANATIONAL_UNION = "Q484652", "Q1127126", "Q1335818"
ORGANIZATION, GOVERNMENT, POLITICAL_PARTY = "Q43229", "Q7188", "Q7278"
UNIVERSITY, RESEARCH_INSTITUTE = "Q3918", "Q31855"
CITY, CAPITAL, CONTINENT, PENINSULA = "Q515", "Q5119", "Q5107", "Q34763"

_ORGANISATIONS = {INTERNATIONAL_ORGANIZATION, MILITARY_ALLIANCE, SUPRANATIONAL_UNION, ORGANIZATION}

#: pko class (local name) -> Wikidata classes an item linked to it may be an instance of.
KINDS: dict[str, frozenset[str]] = {
    "Person": frozenset({HUMAN}),
    "State": frozenset({COUNTRY, SOVEREIGN_STATE}),
    "Government": frozenset({GOVERNMENT}),
    "Administration": frozenset({GOVERNMENT}),
    "PoliticalParty": frozenset({POLITICAL_PARTY}),
    "University": frozenset({UNIVERSITY}),
    "ResearchInstitute": frozenset({RESEARCH_INSTITUTE, ORGANIZATION}),
    "InternationalOrganisation": frozenset(_ORGANISATIONS),
    "SecurityOrganisation": frozenset(_ORGANISATIONS),
    "MilitaryAlliance": frozenset({MILITARY_ALLIANCE, INTERNATIONAL_ORGANIZATION}),
    "DefensiveAlliance": frozenset({MILITARY_ALLIANCE, INTERNATIONAL_ORGANIZATION}),
    "CollectiveSecurityOrganisation": frozenset(_ORGANISATIONS),
    "City": frozenset({CITY, CAPITAL}),
}


def expected_kinds(classes: Iterable[str]) -> frozenset[str]:
    """The Wikidata classes that fit an entity of these pko classes (empty: not checked)."""
    kinds: set[str] = set()
    for cls in classes:
        name = str(cls).removeprefix(PKO)
        kinds |= KINDS.get(name, frozenset())
    return frozenset(kinds)


def all_kinds() -> list[str]:
    """Every Wikidata class that some pko class expects, in a fixed order."""
    return sorted(set().union(*KINDS.values()), key=lambda q: int(q[1:]))


def kinds_pattern(item: str = "?item", var: str = "?kind") -> str:
    """A SPARQL pattern (``wdt:`` declared by the query) binding ``var`` to each expected
    class the item is an instance of, directly or through subclasses (P31/P279*).

    >>> kinds_pattern().startswith("OPTIONAL { VALUES ?kind { <http://www.wikidata.org/entity/Q5> ")
    True
    >>> kinds_pattern().endswith("?item wdt:P31/wdt:P279* ?kind }")
    True
    """
    values = " ".join(f"<http://www.wikidata.org/entity/{q}>" for q in all_kinds())
    return f"OPTIONAL {{ VALUES {var} {{ {values} }} {item} wdt:P31/wdt:P279* {var} }}"
