"""Dates of the text, in an OWL 2 DL-safe encoding: an ``xsd:dateTime`` and a precision.

``xsd:gYear`` and ``xsd:gYearMonth`` are not in the OWL 2 datatype map, so a
date is stored as Wikidata stores one: the first instant of the year, month or
day as an ``xsd:dateTime`` (UTC), beside its precision as Wikidata numbers them
(9 a year, 10 a month, 11 a day) in ``pko:<property>Precision``. The written
form ("2022-02") is the first 4, 7 or 10 characters of the value, which is how
the saved queries and the pages show it: ``SUBSTR(STR(?t), 1, 3 * ?p - 23)``.

>>> parse("2022-02")
('2022-02-01T00:00:00Z', 10)
>>> parse("2014"), parse("2022-02-24")
(('2014-01-01T00:00:00Z', 9), ('2022-02-24T00:00:00Z', 11))
>>> written("2022-02-01T00:00:00Z", 10)
'2022-02'
>>> parse("2022-13") is None, parse("Feb 2022") is None
(True, True)
"""

from __future__ import annotations

import datetime as dt
import re

YEAR, MONTH, DAY = 9, 10, 11  #: Wikidata's precisions (wikibase:timePrecision)
_DATE = re.compile(r"^(\d{4})(-(\d{2}))?(-(\d{2}))?\Z")


def parse(raw: object) -> tuple[str, int] | None:
    """The ``xsd:dateTime`` lexical form and precision of YYYY, YYYY-MM or YYYY-MM-DD; None if not a date."""
    if isinstance(raw, dt.date):
        raw = raw.isoformat()
    match = _DATE.match(str(raw))
    if not match:
        return None
    year, month, day = match.group(1), match.group(3), match.group(5)
    try:
        value = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    precision = DAY if day else MONTH if month else YEAR
    return f"{value.isoformat()}T00:00:00Z", precision


def written(value: str, precision: int) -> str:
    """The date as the text writes it, from the stored value and precision."""
    return str(value)[: 3 * int(precision) - 23]
