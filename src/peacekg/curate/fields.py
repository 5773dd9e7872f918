"""Every field of a curation write checked against the model before anything is written.

The build judges meaning (a quote in the text, a figure with its unit); these checks
refuse what should never reach it: a value of the wrong type (a list for a mode, a
number for a summary), an id that is not one of the build's ids or names something
that exists (a statement, an entity, a document, an author group), a second entity
with a label the registry has (unless the request says so), characters no text
holds (controls, U+0085, line and paragraph separators, bidirectional overrides),
and lists or texts past their bounds. Each finding names the field as the YAML
writes it, in words a person reads: :class:`peacekg.errors.CurationError` with
``fields``.

>>> check_text("summary", "a truce\\x85 holds", 200)
'the summary holds a control or separator character (U+0085): write plain text'
>>> check_text("summary", 3.5, 200)
'the summary must be text, not a number'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..sources.ids import MAX_ID, id_problem
from ..sources.vocab import CONCEPT, STATEMENT, Vocabulary, local

MAX_LIST = 50  #: entities a statement may be ``about`` (and any other list)
MAX_TEXT = {"quote": 5_000, "summary": 500, "note": 2_000, "prefix": 500, "hedge": 200, "label": 200,
            "aliases": 200}
#: Keys a statement record has besides the ontology's properties (see sources.statements).
RESERVED = {"id", "type", "quote", "paragraph", "prefix", "summary", "note", "also", "replaces"}
_MULTILINE = {"quote", "note"}  #: texts that may hold a line break
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9]{0,60}")
_MARKUP = re.compile(r"[<>]")


def _kind(value: object) -> str:
    return {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object",
            type(None): "empty"}.get(type(value), type(value).__name__)


def check_text(name: str, value: object, limit: int, *, markup: bool = True) -> str | None:
    """What is wrong with a text field, or None."""
    if not isinstance(value, str):
        return f"the {name} must be text, not {_kind(value)}"
    if not value.strip():
        return f"the {name} is empty"
    if len(value) > limit:
        return f"the {name} is longer than {limit:,} characters"
    for char in value:
        if char in "\n" and name in _MULTILINE:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            return (f"the {name} holds a control or separator character (U+{ord(char):04X}): write plain text")
    if not markup and _MARKUP.search(value):
        return f"the {name} holds markup (< or >): write plain text"
    return None


def check_id(value: object, taken: dict[str, str], what: str) -> str | None:
    """What is wrong with a new id, or None; ``taken`` maps ids that exist to what they name."""
    if not isinstance(value, str):
        return f"the id must be text, not {_kind(value)}"
    if len(value) > MAX_ID:
        return f"the id is longer than {MAX_ID} characters"
    if id_problem(value, what):  # the build's own test (sources.ids)
        return "an id is lower-case letters, digits and hyphens (no spaces, no line break)"
    if value == "authors" or value.startswith("authors-"):
        return f"{value!r} names a document's author group: choose another id for the {what}"
    if value in taken:
        return f"{value!r} already names {taken[value]}: choose another id"
    return None


@dataclass
class Model:
    """What the checks compare with: the vocabulary, and the ids and labels that exist."""

    vocab: Vocabulary
    entities: dict[str, tuple[str, set]]  #: id -> (label, classes)
    statements: set[str]
    documents: set[str]
    new_entities: dict[str, tuple[str, set]] = field(default_factory=dict)

    def taken(self) -> dict[str, str]:
        names = {d: f"the document {d!r}" for d in self.documents}
        names.update((s, "a statement") for s in self.statements)
        names.update((e, f"the entity {label!r}") for e, (label, _) in {**self.entities, **self.new_entities}.items())
        return names


def check_entity(record: dict, model: Model) -> tuple[dict, list[tuple[str, str]]]:
    """A registry record from the request's entity, and the findings (field, words)."""
    found: list[tuple[str, str]] = []
    allowed = {"id", "class", "type", "label", "aliases", "note", "sameLabel"}
    for key in sorted(set(record) - allowed, key=str):
        found.append((str(key)[:60], f"{str(key)[:60]!r} is not a field of an entity"))
    cls = record.get("class", record.get("type"))
    problem = check_id(record.get("id"), model.taken(), "entity")
    if problem:
        found.append(("id", problem))
    if not isinstance(cls, str) or model.vocab.pko_class(cls) is None or \
            model.vocab.is_a(model.vocab.pko_class(cls), STATEMENT):
        found.append(("type", "choose the entity's class from the list (State, Organisation, Person, ...)"))
    problem = check_text("label", record.get("label"), MAX_TEXT["label"], markup=False)
    if problem:
        found.append(("label", problem))
    elif record.get("sameLabel") is not True:
        folded = record["label"].casefold().strip()
        same = [e for e, (label, _) in {**model.entities, **model.new_entities}.items()
                if label.casefold().strip() == folded]
        if same:
            found.append(("label", f"{same[0]!r} is already labelled {record['label']!r}: choose it, or say that "
                                   "this is another with the same name (sameLabel)"))
    aliases = record.get("aliases", [])
    if not isinstance(aliases, list) or len(aliases) > 20:
        found.append(("aliases", "the aliases are a list of at most 20 names"))
    else:
        found += [("aliases", p) for p in (check_text("alias", a, MAX_TEXT["aliases"], markup=False)
                                           for a in aliases) if p][:1]
    if "note" in record and (problem := check_text("note", record["note"], MAX_TEXT["note"])):
        found.append(("note", problem))
    out = {"id": record.get("id"), "type": cls, "label": record.get("label")}
    out.update((k, record[k]) for k in ("aliases", "note") if record.get(k))
    return out, found


def check_statement(record: dict, model: Model, *, new: bool = True,
                    targets: set[str] = frozenset()) -> list[tuple[str, str]]:
    """The findings (field, words) about a statement record in the file's keys; ``targets`` are
    statements written with it, which its relations may name."""
    vocab, found = model.vocab, []
    if new:
        problem = check_id(record.get("id"), model.taken(), "statement")
        if problem:
            found.append(("id", problem))
    kinds = {local(c) for c in vocab.statement_classes()} - {"Statement"}
    if record.get("type") not in kinds:
        found.append(("type", "choose the kind of statement from the list (Claim, Proposal, Rejection, ...)"
                      if isinstance(record.get("type"), str) or record.get("type") is None
                      else f"the kind must be a name, not {_kind(record.get('type'))}"))
    known = {**model.entities, **model.new_entities}
    for key, value in record.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            found.append((str(key)[:60], "not a field of a statement"))
            continue
        if key in ("id", "type"):
            continue
        if key in MAX_TEXT:
            if (problem := check_text(key, value, MAX_TEXT[key])):
                found.append((key, problem))
            continue
        if key == "paragraph":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100_000:
                found.append((key, "the paragraph is a whole number from 1"))
            continue
        prop = vocab.properties.get(key)
        if key in RESERVED or prop is None:
            if key not in RESERVED:
                found.append((key, f"{key!r} is not a field of a statement"))
            continue
        values = value if isinstance(value, list) else [value]
        if isinstance(value, list) and not 1 <= len(value) <= MAX_LIST:
            found.append((key, f"the {key} list holds 1 to {MAX_LIST} values"))
            continue
        for item in values:
            problem = _value(key, prop, item, vocab, known, model.statements | targets)
            if problem:
                found.append((key, problem))
                break
    return found


def _value(key: str, prop, item: object, vocab: Vocabulary, known: dict, statements: set[str]) -> str | None:
    if prop.datatype:
        if key in ("amount", "previousAmount"):
            ok = isinstance(item, (int, float)) and not isinstance(item, bool) and item == item \
                and abs(item) < 1e18 or isinstance(item, str) and re.fullmatch(r"-?\d{1,18}(\.\d{1,12})?", item)
            return None if ok else f"the {key} is a number (digits, a point for decimals)"
        if key in ("pointInTime", "startTime", "endTime"):
            ok = isinstance(item, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", item)
            return None if ok else "a date is YYYY, YYYY-MM or YYYY-MM-DD"
        if key == "order":
            ok = isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 10_000
            return None if ok else "the order is a whole number from 1"
        return check_text(key, item, MAX_TEXT.get(key, 200))
    if not isinstance(item, str):
        return f"the {key} must name one value, not {_kind(item)}"
    rng = prop.range
    if rng is not None and vocab.is_a(rng, STATEMENT):
        return None if item in statements else f"no statement {item[:80]!r}"
    if rng is not None and vocab.is_a(rng, CONCEPT):
        if item in vocab.concepts and vocab.any_is_a(vocab.concepts[item], rng):
            return None
        return f"{item[:80]!r} is not one of the {local(rng)} values: choose from the list"
    if item == "authors" or item in known:
        return None
    return f"no entity {item[:80]!r} in the registry: choose one, or create it with its class"
