"""Mapping sets in SSSOM/TSV: YAML metadata in ``#`` lines, then one mapping per row.

Every row keeps its line, so that a problem names the file and the line. The
checks are those of a curated set: a known predicate, a well-formed Wikidata
item (or ``sssom:NoTermFound`` for "searched, nothing verifiable"), a known
justification, a confidence in [0, 1], an ISO date, one row per subject, and a
verification source for every curated link. ``see_also`` holds URIs only (as
SSSOM wants); the verification sources that have none are named in the
comment's ``Sources:`` part (:attr:`Mapping.sources`).

The ontology's alignments (``graph/links/ontology.sssom.tsv``, :data:`ONTOLOGY`)
map pko classes and properties onto other vocabularies' terms with any SKOS
mapping predicate, one or more rows per subject.

>>> text = ("#curie_map:\\n#  pkr: https://w3id.org/peacekg/id/\\n#mapping_set_id: x\\n#license: y\\n"
...         "subject_id\\tpredicate_id\\tobject_id\\tmapping_justification\\tconfidence\\tsee_also\\n"
...         "pkr:nato\\tskos:exactMatch\\twd:Q7184\\tsemapv:ManualMappingCuration\\t0.95\\thttps://example.org/a\\n"
...         "pkr:osce\\tskos:sameAs\\twd:7\\tsemapv:ManualMappingCuration\\t1.5\\tsome source\\n")
>>> problems = []
>>> mset = parse(text, "links.tsv", problems)
>>> [m.qid for m in mset.mappings], mset.mappings[0].line
(['Q7184', None], 6)
>>> for p in problems: print(p)
links.tsv:7: unknown predicate 'skos:sameAs' (allowed: skos:closeMatch, skos:exactMatch)
links.tsv:7: object_id 'wd:7' is not a Wikidata item (wd:Q<digits>) nor sssom:NoTermFound
links.tsv:7: see_also 'some source' is not a URI (name sources without one in the comment: 'Sources: a | b')
links.tsv:7: confidence '1.5' is not a number in [0, 1]
>>> Mapping({"comment": "state. Evidence: x. Sources: owid | code index file 7"}).sources
['owid', 'code index file 7']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem, SourceError
from .sourcefile import read_text

PREDICATES = ("skos:closeMatch", "skos:exactMatch")
ALIGNMENT_PREDICATES = ("skos:broadMatch", "skos:closeMatch", "skos:exactMatch", "skos:narrowMatch")
JUSTIFICATIONS = ("semapv:LexicalMatching", "semapv:ManualMappingCuration", "semapv:MappingReview",
                  "semapv:UnspecifiedMatching")
NO_TERM_FOUND = "sssom:NoTermFound"
REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")
REQUIRED_METADATA = ("curie_map", "mapping_set_id", "license")
QID = re.compile(r"^wd:(Q[1-9][0-9]*)\Z")
SUBJECT = re.compile(r"^pkr:([a-z0-9][a-z0-9-]*)\Z")
TERM = re.compile(r"^pko:([A-Za-z][A-Za-z0-9]*)\Z")
CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*):(\S+)\Z")
URI = re.compile(r"^https?://\S+\Z")
SOURCES = " Sources: "  #: where the comment names the verification sources, separated by " | "


@dataclass(frozen=True)
class Profile:
    """What a mapping set's rows may hold: its subjects, predicates, objects, rows per subject."""

    subject: re.Pattern
    subject_kind: str
    predicates: tuple[str, ...]
    wikidata_only: bool
    one_row_per_subject: bool


ENTITIES = Profile(SUBJECT, "a peacekg entity (pkr:<id>)", PREDICATES, True, True)
ONTOLOGY = Profile(TERM, "an ontology term (pko:<Name>)", ALIGNMENT_PREDICATES, False, False)


@dataclass(frozen=True)
class Mapping:
    """One row: its values by column name, and its line in the file."""

    values: dict[str, str]
    line: int = 0

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    @property
    def entity_id(self) -> str | None:
        match = SUBJECT.match(self.get("subject_id"))
        return match.group(1) if match else None

    @property
    def qid(self) -> str | None:
        match = QID.match(self.get("object_id"))
        return match.group(1) if match else None

    @property
    def sources(self) -> list[str]:
        """The verification sources named in the comment, then the see_also URIs."""
        _, found, named = (" " + self.get("comment")).partition(SOURCES)
        listed = [s.strip() for s in named.split("|")] if found else []
        return [s for s in listed if s] + self.see_also

    @property
    def see_also(self) -> list[str]:
        return [s.strip() for s in self.get("see_also").split("|") if s.strip()]

    @property
    def confidence(self) -> float | None:
        try:
            value = float(self.get("confidence"))
        except ValueError:
            return None
        return value if 0.0 <= value <= 1.0 else None


@dataclass
class MappingSet:
    """A mapping set: metadata, column order and rows."""

    metadata: dict
    columns: list[str]
    mappings: list[Mapping] = field(default_factory=list)

    def by_entity(self) -> dict[str, Mapping]:
        return {m.entity_id: m for m in self.mappings if m.entity_id}


def parse(text: str, path: str, problems: list[Problem], *, curated: bool = True,
          profile: Profile = ENTITIES) -> MappingSet:
    """Parse SSSOM/TSV text; every problem found goes to ``problems``.

    A curated set has one row per subject; a set of candidates may have several.
    """
    lines = text.split("\n")
    header_lines, n = [], 0
    while n < len(lines) and lines[n].startswith("#"):
        header_lines.append(lines[n][1:])
        n += 1
    metadata: dict = {}
    try:
        loaded = yaml.safe_load("\n".join(header_lines)) if header_lines else {}
        metadata = loaded if isinstance(loaded, dict) else {}
        if loaded is not None and not isinstance(loaded, dict):
            problems.append(Problem(path, 1, "the '#' metadata lines must be a YAML mapping"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(path, (mark.line + 1) if mark else 1, f"metadata is not valid YAML: {exc}"))
    for key in REQUIRED_METADATA:
        if metadata is not None and key not in metadata:
            problems.append(Problem(path, 1, f"metadata lacks {key!r}"))
    if n >= len(lines) or not lines[n].strip():
        problems.append(Problem(path, n + 1, "no column header row after the metadata"))
        return MappingSet(metadata, [])
    columns = lines[n].rstrip("\r").split("\t")
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.append(Problem(path, n + 1, f"no column {column!r}"))
    mset = MappingSet(metadata, columns)
    for number, raw in enumerate(lines[n + 1:], start=n + 2):
        raw = raw.rstrip("\r")
        if not raw.strip():
            continue
        cells = raw.split("\t")
        if len(cells) != len(columns):
            problems.append(Problem(path, number, f"{len(cells)} cells where the header has {len(columns)}"))
            continue
        mset.mappings.append(Mapping(dict(zip(columns, cells)), number))
    check_rows(mset, path, problems, curated=curated, profile=profile)
    return mset


def check_rows(mset: MappingSet, path: str, problems: list[Problem], *, curated: bool = True,
               profile: Profile = ENTITIES) -> None:
    """The row checks of a mapping set (see the module docstring)."""
    first: dict[str, int] = {}
    prefixes = mset.metadata.get("curie_map") if isinstance(mset.metadata.get("curie_map"), dict) else {}
    for m in mset.mappings:
        say = lambda message: problems.append(Problem(path, m.line, message))  # noqa: E731
        subject, target = m.get("subject_id"), m.get("object_id")
        if not profile.subject.match(subject):
            say(f"subject_id {subject!r} is not {profile.subject_kind}")
        elif subject in first and curated and profile.one_row_per_subject:
            say(f"duplicate subject {subject} (first at line {first[subject]})")
        else:
            first[subject] = m.line
        if m.get("predicate_id") not in profile.predicates:
            say(f"unknown predicate {m.get('predicate_id')!r} (allowed: {', '.join(profile.predicates)})")
        if profile.wikidata_only and not m.qid and target != NO_TERM_FOUND:
            say(f"object_id {target!r} is not a Wikidata item (wd:Q<digits>) nor {NO_TERM_FOUND}")
        elif not profile.wikidata_only and target != NO_TERM_FOUND and (
                not CURIE.match(target) or CURIE.match(target).group(1) not in prefixes
                or (target.startswith("wd:") and not m.qid)):
            say(f"object_id {target!r} is not a CURIE of the curie_map nor {NO_TERM_FOUND}")
        for uri in m.see_also:
            if not URI.match(uri):
                say(f"see_also {uri!r} is not a URI (name sources without one in the comment: 'Sources: a | b')")
        if m.get("mapping_justification") not in JUSTIFICATIONS:
            say(f"unknown mapping_justification {m.get('mapping_justification')!r} "
                f"(allowed: {', '.join(JUSTIFICATIONS)})")
        if m.get("confidence").strip() and m.confidence is None:
            say(f"confidence {m.get('confidence')!r} is not a number in [0, 1]")
        elif m.qid and not m.get("confidence").strip():
            say(f"the link of {subject} has no confidence")
        if m.get("mapping_date"):
            try:
                dt.date.fromisoformat(m.get("mapping_date"))
            except ValueError:
                say(f"mapping_date {m.get('mapping_date')!r} is not an ISO date (YYYY-MM-DD)")
        manual = m.get("mapping_justification") == "semapv:ManualMappingCuration"
        if manual and m.qid and not (m.sources or "Evidence:" in m.get("comment")):
            say(f"the link of {subject} carries no verification: name its sources in the comment "
                f"('{SOURCES.strip()} a | b') or give them in see_also")
        elif manual and not m.get("comment").strip() and not m.see_also:
            say(f"the row of {subject} says nothing of how it was curated: give a comment")


def read(path: Path, shown_as: str | None = None, *, curated: bool = True,
         profile: Profile = ENTITIES) -> MappingSet:
    """Read and check a mapping set; raise :class:`SourceError` listing every problem."""
    name = shown_as or str(path)
    text = read_text(path, name)
    problems: list[Problem] = []
    mset = parse(text, name, problems, curated=curated, profile=profile)
    if problems:
        raise SourceError(problems)
    return mset


def dumps(mset: MappingSet) -> str:
    """SSSOM/TSV text, rows in the given order; the inverse of :func:`parse`.

    >>> m = MappingSet({"mapping_set_id": "x"}, ["subject_id", "object_id"], [Mapping({"subject_id": "pkr:a"})])
    >>> dumps(m)
    '#mapping_set_id: x\\nsubject_id\\tobject_id\\npkr:a\\t\\n'
    """
    header = yaml.safe_dump(mset.metadata, sort_keys=False, allow_unicode=True, width=1000)
    out = ["#" + line for line in header.splitlines()]
    out.append("\t".join(mset.columns))
    for m in mset.mappings:
        out.append("\t".join(_clean(m.get(c)) for c in mset.columns))
    return "\n".join(out) + "\n"


def _clean(value: str) -> str:
    return " ".join(str(value).split())
