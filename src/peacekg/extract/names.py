"""Names found by NER, mapped to the registry or proposed whole as new entities with a class.

A named entity (spaCy's PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, LAW) maps to a
registry entity by label or alias (folded as the build folds quotes), by
abbreviation ("U.S." for "United States", "UN" for "United Nations"), by
demonym ("Turkish" for Turkey) and by metonym (a capital for its government,
when the registry has one, else its state). A name the registry lacks is
proposed whole, its class from the entity type refined by the registry and a
list of states (a country is a State, not a Place or a Person).

>>> initials("United Nations"), initials("U.S."), initials("European Union")
('UN', 'US', 'EU')
"""

from __future__ import annotations

import re

from ..sources.evidence import normalise
from ..sources.registry import Entity
from ..wikidata.reconcile import fold

#: Sovereign states by their usual English names (a GPE that is one of these is a State).
STATES = set("""Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahrain|
Bangladesh|Belarus|Belgium|Bolivia|Bosnia and Herzegovina|Brazil|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|
Canada|Chad|Chile|China|Colombia|Congo|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Egypt|Eritrea|
Estonia|Ethiopia|Finland|France|Georgia|Germany|Ghana|Greece|Guatemala|Haiti|Hungary|Iceland|India|Indonesia|Iran|
Iraq|Ireland|Israel|Italy|Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Latvia|Lebanon|Libya|Lithuania|
Luxembourg|Mali|Malta|Mexico|Moldova|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Nepal|Netherlands|New Zealand|
Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palestine|Panama|Peru|Philippines|Poland|Portugal|
Qatar|Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Slovakia|Slovenia|Somalia|South Africa|South Korea|
South Sudan|Spain|Sri Lanka|Sudan|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Tunisia|Turkey|
Türkiye|Turkmenistan|Uganda|Ukraine|United Arab Emirates|United Kingdom|Britain|Great Britain|United States|
America|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Colombia|Ecuador|Paraguay|Lebanon""".replace(
    "\n", "").split("|"))
#: Capitals that stand for their state's government (metonyms).
CAPITALS = {"Moscow": "Russia", "Kyiv": "Ukraine", "Kiev": "Ukraine", "Washington": "United States",
            "Beijing": "China", "Berlin": "Germany", "Paris": "France", "London": "United Kingdom",
            "Ankara": "Turkey", "Athens": "Greece", "Nicosia": "Cyprus", "Tehran": "Iran", "Tbilisi": "Georgia",
            "Minsk": "Belarus", "Warsaw": "Poland", "Rome": "Italy", "Tokyo": "Japan", "Baku": "Azerbaijan",
            "Yerevan": "Armenia", "Belgrade": "Serbia", "Pristina": "Kosovo", "Chisinau": "Moldova",
            "Damascus": "Syria", "Riyadh": "Saudi Arabia", "Jerusalem": "Israel", "Delhi": "India",
            "New Delhi": "India", "Islamabad": "Pakistan", "Kabul": "Afghanistan", "Baghdad": "Iraq",
            "Cairo": "Egypt", "Addis Ababa": "Ethiopia", "Khartoum": "Sudan", "Pyongyang": "North Korea",
            "Seoul": "South Korea", "Brussels": "European Union"}
#: NER types -> the class of a new entity (before the registry and the list of states refine it).
NER_CLASSES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place", "FAC": "Place",
               "NORP": "PopulationGroup", "EVENT": "Conflict", "LAW": "Agreement"}
#: Generic acronyms and words NER takes for names: never proposed.
GENERIC = set("""CEO GDP AI UAV UAVs COVID COVID-19 PM AM TV UN-backed Western Eastern Northern Southern
Covid Internet""".split())


def initials(name: str) -> str:
    """The capitals of a name, dots and small words dropped ("U.S." -> "US")."""
    name = name.replace(".", "")
    if name.isupper() and " " not in name:
        return name
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def demonym_of(word: str) -> list[str]:
    """Country names a demonym may come from (regular forms only).

    >>> demonym_of("Turkish"), demonym_of("Russian"), demonym_of("Ukrainian")[:1]
    (['Turkey'], ['Russia'], ['Ukraine'])
    """
    found = []
    for state in sorted(STATES):
        if word in (state + "n", state[:-1] + "ian", state + "ian", state[:-1] + "ish", state[:-2] + "ish",
                    state[:-1] + "ese", state + "ese", state[:-1] + "i", state + "i"):
            found.append(state)
    irregular = {"American": "United States", "British": "United Kingdom", "French": "France",
                 "Dutch": "Netherlands", "Greek": "Greece", "Swiss": "Switzerland", "Chinese": "China",
                 "Israeli": "Israel", "Cypriot": "Cyprus", "Turkish": "Turkey", "Polish": "Poland",
                 "Swedish": "Sweden", "Finnish": "Finland", "Danish": "Denmark", "Spanish": "Spain",
                 "Iraqi": "Iraq", "Iranian": "Iran", "Afghan": "Afghanistan", "Belarusian": "Belarus",
                 "Georgian": "Georgia", "Armenian": "Armenia", "Azerbaijani": "Azerbaijan", "Serbian": "Serbia",
                 "Kosovar": "Kosovo", "Moldovan": "Moldova", "German": "Germany", "Italian": "Italy",
                 "Syrian": "Syria", "Saudi": "Saudi Arabia", "Western": "West", "European": "European Union"}
    if word in irregular and irregular[word] not in found:
        found.insert(0, irregular[word])
    return found


class Registry:
    """The registry's names, folded, for mapping a name found in a text to an entity id."""

    def __init__(self, entities: dict[str, Entity], governments: dict[str, str]):
        self.entities = entities
        self.by_name: dict[str, str] = {}
        self.by_initials: dict[str, str] = {}
        for eid, e in sorted(entities.items()):
            for name in (e.label, *e.aliases):
                self.by_name.setdefault(fold(name), eid)
                if len(name.split()) > 1:
                    self.by_initials.setdefault(initials(name), eid)
        self.governments = governments  #: state id -> its government's id

    def lookup(self, name: str, *, government: bool = False) -> str | None:
        """The registry id for a name, a demonym, an abbreviation or a capital, or None."""
        clean = re.sub(r"^(the|The)\s+", "", normalise(name)[0]).removesuffix("'s").removesuffix("'").strip()
        for candidate in (clean, clean.replace(".", "")):
            eid = self.by_name.get(fold(candidate))
            if eid:
                return self._government(eid) if government else eid
        bare = clean.replace(".", "")
        if bare.isupper() and 2 <= len(bare) <= 6 and bare in self.by_initials:
            return self.by_initials[bare]
        if clean in CAPITALS:
            eid = self.by_name.get(fold(CAPITALS[clean]))
            return self.governments.get(eid, eid) if eid else None
        for state in demonym_of(clean):
            eid = self.by_name.get(fold(state))
            if eid:
                return self._government(eid) if government else eid
        return None

    def _government(self, eid: str) -> str:
        return self.governments.get(eid, eid)


def new_class(label: str, ner: str) -> str:
    """A class for a name the registry lacks, from its NER type and the list of states."""
    from .newentities import guess_class

    if ner in ("GPE", "LOC") and label.removeprefix("the ") in STATES:
        return "State"
    guessed, confidence, _ = guess_class(label)
    if confidence >= 0.6:  # a head word: Forum, Institute, Party, Agreement...
        return guessed
    words = label.split()
    if ner == "ORG" and 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "Person"  # NER takes names in other scripts for organisations
    return NER_CLASSES.get(ner, "Place")


def whole(text: str, start: int, end: int) -> tuple[int, int]:
    """A name's span grown over letters, hyphens and apostrophes NER may have cut off."""
    while start > 0 and (text[start - 1].isalpha() or (text[start - 1] in "-'’" and start > 1
                                                        and text[start - 2].isalpha())):
        start -= 1
    while end < len(text) and (text[end].isalpha() or (text[end] in "-'’" and end + 1 < len(text)
                                                        and text[end + 1].isalpha() and text[end + 1] != "s")):
        end += 1
    return start, end
