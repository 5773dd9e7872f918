"""Data-driven expectations on query answers: tests/data/queries/<query>.yaml.

Each file has ``cases``; a case may give ``params`` (by bare name), an
``update`` (SPARQL Update applied to a fresh copy of the embedded store: a small
fixture for data the essay graph may not hold yet), and expectations on the rows,
whose values are written as a table shows them (prefixed IRIs, literal values,
"" for unbound):
  contains   rows that must be in the answer (only the columns given are compared)
  excludes   rows that must not be
  ordered    rows that must appear in this order
  every_row  a regular expression per column that every row must match
  sorted_by  a column whose values must be in non-decreasing order
  rows       the exact number of rows
Expectations are subsets, so the tests hold while the essay graph grows.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from peacekg.query.terms import display

QUERY_DATA = Path(__file__).resolve().parent / "data" / "queries"
CHECK_DATA = Path(__file__).resolve().parent / "data" / "checks"


def load_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def shown(result) -> list[dict[str, str]]:
    """Rows as a table shows them."""
    return [{v: display(t) for v, t in zip(result.variables, row)} for row in result.terms]


def _matches(row: dict, wanted: dict) -> bool:
    return all(row.get(k) == str(v) for k, v in wanted.items())


def check_case(result, case: dict, where: str) -> None:
    rows = shown(result)
    mentioned = set()
    for key in ("contains", "excludes", "ordered"):
        for wanted in case.get(key, []):
            mentioned |= set(wanted)
    mentioned |= set(case.get("every_row", {}))
    if case.get("sorted_by"):
        mentioned.add(case["sorted_by"])
    unknown = mentioned - set(result.variables)
    assert not unknown, f"{where}: the fixture names columns the query does not give: {sorted(unknown)}"
    for wanted in case.get("contains", []):
        assert any(_matches(r, wanted) for r in rows), f"{where}: no row {wanted} among {len(rows)} rows"
    for unwanted in case.get("excludes", []):
        assert not any(_matches(r, unwanted) for r in rows), f"{where}: unexpected row {unwanted}"
    positions = []
    for wanted in case.get("ordered", []):
        found = [i for i, r in enumerate(rows) if _matches(r, wanted)]
        assert found, f"{where}: no row {wanted}"
        positions.append(found[0])
    assert positions == sorted(positions), f"{where}: rows {case['ordered']} out of order: {positions}"
    for column, pattern in case.get("every_row", {}).items():
        bad = [r[column] for r in rows if not re.search(pattern, r[column])]
        assert not bad, f"{where}: {column} values not matching {pattern!r}: {bad[:5]}"
    if case.get("sorted_by"):
        values = [r[case["sorted_by"]] for r in rows]
        assert values == sorted(values), f"{where}: not sorted by {case['sorted_by']}: {values}"
    if "rows" in case:
        assert len(rows) == case["rows"], f"{where}: {len(rows)} rows, expected {case['rows']}"
