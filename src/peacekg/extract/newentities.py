"""Named spans the registry does not have, proposed as registry entries with a class guess.

A run of capitalised words ("Helsinki Mediation Forum") that no registry name
covers is a candidate; a single capitalised word opening a sentence is not
(unless the text also capitalises it mid-sentence). The class is guessed from
the head word (Forum, Institute, University, Party...), else a person for two
or three words, else a place, each with its confidence. Wikidata candidates
come only from the offline cache (``graph/wikidata.ttl``) and are never a link:
``peacekg link`` proposes and verifies links.

>>> from peacekg.sources.seeds import Document, paragraph_starts
>>> text = "The Helsinki Mediation Forum met. It said Lena Marsh was right."
>>> doc = Document("d", text, "", (), paragraph_starts=paragraph_starts(text))
>>> [(e.label, e.type) for e in new_entities(doc, [], {})]
[('Helsinki Mediation Forum', 'Organisation'), ('Lena Marsh', 'Person')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..sources.registry import Entity
from ..sources.seeds import Document
from ..wikidata.reconcile import fold
from ..sources.evidence import normalise

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W\d_])?")
_LINKS = {"of", "for", "de", "del", "da", "van", "von", "bin", "al", "the"}


def name_runs(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words on one line (any script: "Zoë Müller-Lüdenscheidt", "Ahmet Ağaoğlu"),
    joined by single spaces and the small words of names ("of the", "de").

    >>> text = "Then Jean-Luc O'Brien met the Council of the Baltic Sea States.\\nNew"
    >>> [text[a:b] for a, b in name_runs(text)]
    ["Then Jean-Luc O'Brien", 'Council of the Baltic Sea States', 'New']
    """
    words = list(_WORD.finditer(text))
    runs, i = [], 0
    while i < len(words):
        if not words[i].group(0)[0].isupper():
            i += 1
            continue
        j = k = i
        while k + 1 < len(words) and text[words[k].end():words[k + 1].start()] == " ":
            nxt = words[k + 1].group(0)
            if nxt[0].isupper():
                j = k = k + 1
            elif nxt in _LINKS:
                k += 1
            else:
                break
        runs.append((words[i].start(), words[j].end()))
        i = j + 1
    return runs


_HEADS = [
    (r"Institute|Think Tank", "ResearchInstitute"), (r"University|College", "University"),
    (r"Party", "PoliticalParty"), (r"Parliament|Bundestag|Senate|Congress|Duma", "Legislature"),
    (r"Journal", "Journal"), (r"Format", "NegotiationFormat"),
    (r"Accords?|Agreement|Protocols?|Treaty|Memorandum", "Agreement"),
    (r"Forum|Organi[sz]ation|Council|Commission|Agency|Union|Alliance|Bank|Fund|Committee|Mission|Group|"
     r"Ministry|Office|Foundation|Centre|Center|Association", "Organisation"),
]
_COMMON = {"The", "A", "An", "It", "This", "That", "These", "Those", "In", "On", "At", "For", "But", "And", "Or",
           "Although", "However", "Still", "Yet", "If", "When", "While", "As", "With", "By", "From", "To",
           "Three", "Two", "One", "First", "Second", "Third", "Finally", "Chief", "Such", "Their", "His", "Her",
           "Its", "Our", "We", "They", "He", "She", "I", "Some", "Many", "Most", "Both", "There", "What", "Why",
           "How", "Who", "Even", "Not", "No", "Of", "So", "Thus", "Instead", "Indeed", "Today", "Now", "Then",
           "Here", "After", "Before", "Since", "Given", "Because", "Unlike", "Like", "Under", "Over", "Among",
           "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


_ROLES = re.compile(r"\b(Director|Fellow|Professor|Lecturer|Editor|Credit|President|Minister|Senator|Chancellor)\b")


#: Letters that do not decompose into a Latin letter and a mark; Greek and Cyrillic transliterated.
_LATIN = {"ı": "i", "ß": "ss", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "þ": "th",
          **dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", "a b g d e z i th i k l m n x o p r s s t y f ch ps o".split())),
          **dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                     "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g"
                     .replace("_", "").split(" ")))}


def slug(name: str) -> str:
    """A registry id for a name.

    >>> slug("Jean-Luc  O'Brien"), slug("António Guterres"), slug("Mustafa Akıncı"), slug("Αλέξης Τσίπρας")
    ('jean-luc-obrien', 'antonio-guterres', 'mustafa-akinci', 'alexis-tsipras')
    """
    folded = normalise(name)[0].lower().replace("'", "")
    folded = "".join(_LATIN.get(ch, ch) for ch in unicodedata.normalize("NFKD", folded)
                     if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@dataclass
class NewEntity:
    id: str
    label: str
    type: str
    confidence: float
    cue: str
    start: int
    end: int
    paragraph: int
    wikidata: list[dict] = field(default_factory=list)


#: Characters looked back from a name to tell whether it opens a sentence.
_LOOK_BACK = 256


def guess_class(label: str) -> tuple[str, float, str]:
    """A class for a name, with a confidence and the reason.

    >>> guess_class("Helsinki Mediation Forum")[:2], guess_class("Lena Marsh")[:2], guess_class("Donbas")[:2]
    (('Organisation', 0.6), ('Person', 0.4), ('Place', 0.3))
    """
    for pattern, cls in _HEADS:
        head = re.search(rf"\b({pattern})\b", label)
        if head:
            return cls, 0.6, f"head word {head.group(1)!r}"
    words = label.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "Person", 0.4, "two or three capitalised words"
    return "Place", 0.3, "a single capitalised name"


def new_entities(document: Document, known_spans: list[tuple[int, int]], entities: dict[str, Entity], *,
                 paragraphs: set[int] | None = None, cached: dict[str, list[dict]] | None = None,
                 ) -> list[NewEntity]:
    """Named spans of ``document`` outside ``known_spans`` (the registry's mentions), one per name."""
    text = document.text
    lowered = set(re.findall(r"\b[a-z][a-z]+\b", text))
    found: dict[str, NewEntity] = {}
    taken = {e.id for e in entities.values()}
    covered = bytearray(len(text) + 1)  # 1 where a registry mention is: an overlap is looked up, not searched
    for a, b in known_spans:
        covered[a:b] = b"\x01" * (b - a)
    for run_start, run_end in name_runs(text):
        tokens = [(t.group(0), run_start + t.start()) for t in re.finditer(r"\S+", text[run_start:run_end])]
        while tokens and (tokens[0][0] in _COMMON or tokens[0][0].islower()):  # "The Helsinki Forum"
            tokens = tokens[1:]
        if not tokens:
            continue
        start, end = tokens[0][1], run_end
        label = text[start:end].removesuffix("’s").removesuffix("'s")
        end = start + len(label)
        words = label.split()
        if not words or not label or any(covered[start:end]):
            continue
        before = text[max(0, start - _LOOK_BACK):start].rstrip(" \t\"'“‘(")  # a window, not the whole text before
        opening = (not before and start <= _LOOK_BACK) or (bool(before) and before[-1] in ".?!:\n")
        if len(words) == 1 and (words[0].lower() in lowered or len(label) < 3 or opening
                                or re.search(r"(ly|ing|ed|s)\Z", label)):
            continue
        if _ROLES.search(label):
            continue  # a title or a credit, not a name
        paragraph = document.paragraph_at(start)
        if paragraphs and paragraph not in paragraphs:
            continue
        if label in found:
            continue
        eid = slug(label)
        if not eid or eid in taken:
            continue
        cls, confidence, why = guess_class(label)
        found[label] = NewEntity(eid, label, cls, confidence, f"named span not in the registry; {why}",
                                 start, end, paragraph, list((cached or {}).get(fold(label), [])))
    return sorted(found.values(), key=lambda e: e.start)
