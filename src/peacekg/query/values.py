"""Parameter values checked against the graph, so that a mistyped value is not a silent empty answer.

- A bare id (``russia``, ``p26-russia-requests-legal-guarantees``) names the
  first of the graph's namespaces where it exists: for a parameter called
  ``statement`` the statement nodes first, else the registry, then the
  statements, evidence and documents (:func:`resolve_bare_ids`).
- A vocabulary parameter (:func:`is_vocabulary`: its default is a term of the
  ontology, or it is called ``mode``, ``scope``, ``status``, ``kind``, ``class``
  ...) takes a term as the YAML writes it (``imputed``, ``actor-only``,
  ``Guarantee``): the ontology's namespace is tried first.
- A paragraph outside the texts' paragraphs is an error (:func:`check_paragraphs`).
- When an answer has no rows, each value that names nothing in the graph gets
  a warning with the closest ids or names (:func:`explain_empty`): for a
  vocabulary parameter the closest terms of its vocabulary (the concept
  scheme of its default, or the classes of its default's taxonomy), on
  :class:`~peacekg.errors.PeacekgWarning`, which the CLI prints on stderr.

Each function takes ``ask``: a callable running a query where the answer came
from (the embedded store or the endpoint), so the same checks work on both.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from pathlib import Path
from typing import Callable

from pyoxigraph import Literal, NamedNode

from ..errors import QueryError
from ..namespaces import DOC, PKE, PKO, PKR, PKS
from .terms import compact

#: Parameters that take a term of the ontology's vocabularies, whatever their default.
VOCABULARY_NAMES = frozenset({"mode", "scope", "status", "kind", "class", "type", "polarity", "modality",
                              "unit", "role", "topic"})
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"

Ask = Callable[[str], object]  #: runs a SELECT, returns something with ``terms``

#: Namespaces a bare id may name, in the order they are tried.
BARE_NAMESPACES = (PKR, PKS, PKE, DOC)
#: How many close ids a warning names.
CLOSEST = 5


def fold(text: str) -> str:
    """Lower case, without accents: how names are compared.

    >>> fold("Zelensky"), fold("Zélensky")
    ('zelensky', 'zelensky')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_bare(value: str) -> bool:
    """A registry-style id: no colon, no angle brackets."""
    return ":" not in value and not value.strip().startswith("<")


def is_vocabulary(param) -> bool:
    """Whether a saved query's parameter takes a term of the ontology (a mode, scope, class ...).

    Its header says so by its default (``pko:...``), or its name does (:data:`VOCABULARY_NAMES`).

    >>> from peacekg.query.catalogue import get_query
    >>> [(p.name, is_vocabulary(p)) for p in get_query("actor-statements").params]
    [('actor', False), ('scope', True)]
    """
    if param.kind != "iri":
        return False
    default = str(param.default or "")
    return default.startswith(PKO) or default.startswith("pko:") or param.name in VOCABULARY_NAMES


def _order(name: str, vocabulary: bool = False) -> list[str]:
    if vocabulary:
        return [PKO, *BARE_NAMESPACES]
    first = {"statement": PKS, "evidence": PKE, "document": DOC}.get(name)
    order = [first] + [n for n in BARE_NAMESPACES if n != first] if first else list(BARE_NAMESPACES)
    return [*order, PKO]


def resolve_bare_ids(params: list[tuple[str, str, str]], ask: Ask,
                     vocabulary: frozenset[str] | set[str] = frozenset()) -> dict[str, list[NamedNode]]:
    """For each (variable, name, bare id): the IRI of the first namespace where the id names something.

    Parameters named in ``vocabulary`` try the ontology's namespace first, the
    others last. An id that exists nowhere keeps the first namespace's IRI.
    """
    resolved: dict[str, list[NamedNode]] = {}
    for variable, name, value in params:
        candidates = [NamedNode(namespace + value.strip()) for namespace in _order(name, name in vocabulary)]
        found = _existing(candidates, ask)
        resolved.setdefault(variable, []).append(next((c for c in candidates if c in found), candidates[0]))
    return resolved


def _existing(iris: list[NamedNode], ask: Ask) -> set[NamedNode]:
    if not iris:
        return set()
    values = " ".join(str(i) for i in iris)
    answer = ask(f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} }}")
    return {row[0] for row in answer.terms}


def paragraph_counts(project) -> dict[str, int]:
    """How many paragraphs each text of ``seeds/`` has (counted again only when a text changes)."""
    texts = []
    for path in sorted(project.seeds.glob("*.txt")):
        stat = path.stat()
        texts.append((str(path), stat.st_mtime_ns, stat.st_size))
    return dict(_paragraph_counts(tuple(texts)))


@functools.lru_cache(maxsize=8)
def _paragraph_counts(texts: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, int], ...]:
    from ..sources.seeds import paragraph_starts

    return tuple((Path(path).stem, len(paragraph_starts(Path(path).read_text(encoding="utf-8"))))
                 for path, _, _ in texts)


#: The value of a ``document`` parameter that stands for every document.
EVERY_DOCUMENT = "*"


def check_paragraphs(name: str, numbers: list[int], project, *, document: str | None = None) -> None:
    """Refuse a paragraph number no text has (or, given a ``document`` identifier, that this text lacks)."""
    counts = paragraph_counts(project)
    if document not in (None, EVERY_DOCUMENT) and document in counts:
        counts = {document: counts[document]}
    if not counts:
        return
    most = max(counts.values())
    for number in numbers:
        if not 1 <= number <= most:
            texts = ", ".join(f"{doc} has paragraphs 1 to {n}" for doc, n in counts.items())
            where = "no text has a" if len(counts) > 1 or document in (None, EVERY_DOCUMENT) else f"{document} has no"
            raise QueryError(f"--param {name} {number}: {where} paragraph {number} ({texts})")


def _closest_documents(value: str, ask: Ask) -> list[str] | None:
    """The document identifiers closest to ``value``, or None when ``value`` is one (or stands for every one)."""
    if value == EVERY_DOCUMENT:
        return None
    answer = ask("SELECT DISTINCT ?id WHERE { ?d a <https://w3id.org/peacekg/ontology#Document> ; "
                 "<http://purl.org/dc/terms/identifier> ?id }")
    known = sorted(row[0].value for row in answer.terms if isinstance(row[0], Literal))
    if value in known:
        return None
    return difflib.get_close_matches(value, known, n=CLOSEST, cutoff=0.3) or known[:CLOSEST]


def _vocabulary_query(default: NamedNode | None) -> str:
    """The terms of the vocabulary ``default`` belongs to: its concept scheme, or its taxonomy of classes."""
    if default is None:
        return f"""SELECT DISTINCT ?x ?label WHERE {{ {{ ?x a <{_OWL}Class> }} UNION {{ ?x <{_SKOS}inScheme> ?s }}
  FILTER(STRSTARTS(STR(?x), "{PKO}")) OPTIONAL {{ ?x <{_RDFS}label> ?label }} }}"""
    return f"""SELECT DISTINCT ?x ?label WHERE {{
  {{ {default} <{_SKOS}inScheme> ?scheme . ?x <{_SKOS}inScheme> ?scheme }}
  UNION
  {{ {default} a <{_OWL}Class> ; <{_RDFS}subClassOf>* ?root .
     FILTER(STRSTARTS(STR(?root), "{PKO}"))
     FILTER NOT EXISTS {{ ?root <{_RDFS}subClassOf> ?up FILTER(STRSTARTS(STR(?up), "{PKO}")) }}
     ?x <{_RDFS}subClassOf>* ?root }}
  OPTIONAL {{ ?x <{_RDFS}label> ?label }} }}"""


def _closest_iris(value: NamedNode, ask: Ask, vocabulary: NamedNode | None | bool = False) -> list[str]:
    """Ids of the graph closest to ``value``: by local name and by label, case and accents aside.

    With ``vocabulary`` (a parameter's default term, or None when it has none), only
    the terms of that vocabulary, shown as the YAML writes them (``imputed``).
    """
    if vocabulary is not False:
        namespace = PKO
        answer = ask(_vocabulary_query(vocabulary))
    else:
        namespace = next((n for n in (PKS, PKE, DOC, PKR, PKO) if value.value.startswith(n)), None)
        if namespace is None:
            return []
        answer = ask(f"""SELECT DISTINCT ?x ?label WHERE {{
  ?x ?p ?o . FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{namespace}"))
  OPTIONAL {{ ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }}""")
    keys: dict[str, set[str]] = {}
    for iri, label in answer.terms:
        if not iri.value.startswith(namespace):
            continue
        local = iri.value[len(namespace):]
        keys.setdefault(fold(local), set()).add(iri.value)
        if isinstance(label, Literal):
            keys.setdefault(fold(label.value), set()).add(iri.value)
            keys.setdefault(fold(label.value).replace(" ", "-"), set()).add(iri.value)
    given = value.value  # the local name; of another namespace (pkr:imputd for a mode), its last segment
    wanted = fold(given[len(namespace):] if given.startswith(namespace) else re.split(r"[#/:]", given)[-1])
    close = difflib.get_close_matches(wanted, list(keys), n=CLOSEST * 2, cutoff=0.6)
    contains = [k for k in keys if wanted and len(wanted) > 2 and wanted in k]
    ids: list[str] = []
    for key in [*close, *sorted(contains, key=len)]:
        for iri in sorted(keys[key]):
            short = iri[len(namespace):] if namespace in (PKR, PKS) or vocabulary is not False else compact(iri)
            if short not in ids:
                ids.append(short)
    return ids[:CLOSEST]


def _closest_literals(value: Literal, ask: Ask) -> list[str]:
    """Literals of the graph equal to ``value`` but for case and accents (same language).

    Any literal of the graph is compared regardless of case; names (labels and
    aliases) regardless of accents too.
    """
    language = f'LANG(?l) = "{value.language}"' if value.language else "LANG(?l) = \"\""
    answer = ask(f"""SELECT DISTINCT ?l WHERE {{ ?s ?p ?l FILTER(isLiteral(?l) && {language}
  && LCASE(STR(?l)) = LCASE({Literal(value.value)})) }}""")
    names = ask(f"""SELECT DISTINCT ?l WHERE {{
  VALUES ?p {{ <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#altLabel>
              <http://www.w3.org/2004/02/skos/core#prefLabel> }}
  ?s ?p ?l FILTER({language}) }}""")
    found = [row[0].value for row in [*answer.terms, *names.terms] if isinstance(row[0], Literal)]
    wanted = fold(value.value)
    close = [text for text in dict.fromkeys(found) if fold(text) == wanted and text != value.value]
    return close[:CLOSEST]


def explain_empty(bound: list[tuple[str, object]], ask: Ask,
                  vocabularies: dict[str, NamedNode | None] | None = None) -> list[str]:
    """Why an answer may be empty: the values (name, term) that name nothing in the graph, with close ones.

    ``vocabularies`` maps a vocabulary parameter's name to its default term (or
    None): its near misses are looked for among that vocabulary's terms.
    """
    notes = []
    vocabularies = vocabularies or {}
    for name, term in bound:
        if isinstance(term, NamedNode):
            if _existing([term], ask):
                continue
            close = _closest_iris(term, ask, vocabularies[name] if name in vocabularies else False)
            hint = f"; did you mean: {', '.join(close)}?" if close else ""
            shown = term.value[len(PKO):] if name in vocabularies and term.value.startswith(PKO) else compact(term.value)
            notes.append(f"--param {name} {shown} names nothing in the graph{hint}")
        elif isinstance(term, Literal) and name == "document":
            documents = _closest_documents(term.value, ask)
            if documents is not None:
                hint = f"; did you mean: {', '.join(documents)}?" if documents else ""
                notes.append(f"--param document {term.value!r} is no document's identifier{hint}")
        elif isinstance(term, Literal):
            close = _closest_literals(term, ask)
            if close:
                shown = ", ".join(repr(c) for c in close)
                notes.append(f"--param {name} {term.value!r} occurs nowhere in the graph; did you mean: {shown}? "
                             "(names are matched exactly)")
    return notes


def matching_literals(term: Literal, ask: Ask) -> list[Literal]:
    """The literals of the graph equal to ``term`` but for case and accents, ``term`` itself first."""
    close = _closest_literals(term, ask)
    return [term, *(Literal(text, language=term.language) if term.language else Literal(text) for text in close)]
