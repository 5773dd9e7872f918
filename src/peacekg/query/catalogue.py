"""The catalogue of saved queries: ``queries/*.rq``, each with a grlc ``#+`` header.

A header is YAML behind ``#+`` (summary, description, tags, defaults), so the
folder also works with grlc unchanged. Parameters are grlc variables: ``?_name``
(a plain literal), ``?_name_iri`` (an IRI), ``?_name_<xsd type>`` such as
``?_paragraph_integer`` (a typed literal) or ``?_name_<lang>`` such as
``?_label_en`` (a language-tagged literal). Defaults are keyed by bare name.

>>> q = get_query("proposals")
>>> q.name, bool(q.summary)
('proposals', True)
>>> [p.name for p in get_query("actor-statements").params]
['actor', 'scope']
>>> get_query("proposal")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
peacekg.errors.UnknownQuery: no saved query named 'proposal'; did you mean: proposals...?
"""

from __future__ import annotations

import re
from pathlib import Path
from collections import namedtuple
from collections.abc import Collection

from ..errors import QueryError, UnknownQuery
from ..project import Project, find_project

#: XSD datatypes a parameter may name by suffix (grlc's ``?_name_integer``).
XSD_KINDS = ("string", "integer", "positiveInteger", "nonNegativeInteger", "decimal", "double",
             "boolean", "date", "dateTime", "gYear", "gYearMonth")
_PARAM = re.compile(r"\?(_[A-Za-z0-9]\w*)")
_LANG = re.compile(r"[a-z]{2}")


class Param(namedtuple("Param", "name variable kind default", defaults=[None])):
    """A parameter of a saved query: ``name`` the bare name users give (``actor``), ``variable`` the
    SPARQL variable without ``?`` (``_actor_iri``), ``kind`` (``iri``, ``literal``, an XSD datatype
    local name, or ``@lang``) and ``default`` (None: required)."""

    __slots__ = ()

    @property
    def required(self) -> bool:
        return self.default is None


class SavedQuery(namedtuple("SavedQuery", "name path text summary description tags params multiple ignore_case",
                            defaults=["", "", (), (), (), ()])):
    """One saved query: ``name``, ``path``, ``text``, and what its header says (``summary``,
    ``description``, ``tags``, ``params``: a tuple of :class:`Param`).

    Named tuples of :mod:`collections`, not dataclasses, here and in :mod:`peacekg.project`:
    dataclasses import ``inspect`` (a tenth of the import time of a plain ``peacekg query``),
    and ``typing.NamedTuple`` typing. ``multiple``: parameters that take several values (header
    ``multiple: [name]``), rows matching any of them; ``ignore_case``: literal parameters matched
    regardless of case (header ``ignore_case: [name]``).
    """

    __slots__ = ()

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")


def _split_variable(variable: str) -> tuple[str, str]:
    """``_actor_iri`` -> (``actor``, ``iri``); ``_document`` -> (``document``, ``literal``)."""
    body = variable.lstrip("_")
    head, _, suffix = body.rpartition("_")
    if head and suffix == "iri":
        return head, "iri"
    if head and suffix in XSD_KINDS:
        return head, suffix
    if head and _LANG.fullmatch(suffix):
        return head, "@" + suffix
    return body, "literal"


def parse_header(text: str, *, source: str = "<query>") -> dict:
    """The YAML of a query's leading ``#+`` lines (an empty dict when there are none)."""
    import yaml  # only here: listing or running one query needs it, importing peacekg does not

    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[2:].removeprefix(" "))
        elif line.strip() and not line.startswith("#"):
            break
    if not lines:
        return {}
    try:
        header = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{source}: the #+ header is not valid YAML: {exc}") from None
    if not isinstance(header, dict):
        raise QueryError(f"{source}: the #+ header must be a mapping of keys to values")
    return header


def _defaults(header: dict, source: str) -> dict[str, str]:
    raw = header.get("defaults") or []
    items = raw if isinstance(raw, list) else [raw]
    defaults: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            raise QueryError(f"{source}: defaults must be a list of 'name: value' entries")
        defaults.update({str(k): str(v) for k, v in item.items()})
    return defaults


def load_query(path: Path, *, project: Project | None = None, metadata: bool = True,
               given: Collection[str] = ()) -> SavedQuery:
    """Read one ``.rq`` file into a :class:`SavedQuery`.

    With ``metadata=False`` (what running needs) the header is read only when a
    parameter not named in ``given`` needs its default from it: PyYAML takes
    longer to import than a query on the essay takes to run.
    """
    source = project.relative(path) if project else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{source}: cannot read: {exc.strerror}") from None
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    variables = {variable: _split_variable(variable) for variable in dict.fromkeys(_PARAM.findall(body))}
    needs_header = (metadata or any(name not in given for name, _ in variables.values())
                    or "ignore_case" in text)
    header = parse_header(text, source=source) if needs_header else {}
    defaults = _defaults(header, source)
    params = {name: Param(name, variable, kind, defaults.get(name)) for variable, (name, kind) in variables.items()}
    unknown = sorted(set(defaults) - set(params))
    if unknown:
        raise QueryError(f"{source}: defaults for parameters the query does not use: {', '.join(unknown)}")
    tags = header.get("tags") or []
    listed = {key: _names(header, key, params, source) for key in ("multiple", "ignore_case")}
    return SavedQuery(
        name=path.stem, path=path, text=text,
        summary=str(header.get("summary") or "").strip(),
        description=str(header.get("description") or "").strip(),
        tags=tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])),
        params=tuple(params.values()),
        multiple=listed["multiple"], ignore_case=listed["ignore_case"],
    )


def _names(header: dict, key: str, params: dict, source: str) -> tuple[str, ...]:
    """The parameter names a header key lists (``multiple: [actor]``); each must be a parameter."""
    raw = header.get(key) or []
    names = tuple(str(n) for n in (raw if isinstance(raw, list) else [raw]))
    unknown = [n for n in names if n not in params]
    if unknown:
        raise QueryError(f"{source}: {key} names parameters the query does not use: {', '.join(unknown)}")
    return names


def _folder(project: Project | None, checks: bool) -> tuple[Project, Path]:
    project = project or find_project()
    return project, project.queries / "checks" if checks else project.queries


def query_names(project: Project | None = None, *, checks: bool = False) -> list[str]:
    """The names of the saved queries (or of the checks), sorted."""
    _, folder = _folder(project, checks)
    return sorted(p.stem for p in folder.glob("*.rq"))


def catalogue(project: Project | None = None, *, checks: bool = False) -> list[SavedQuery]:
    """Every saved query (or every check of ``queries/checks``), sorted by name.

    >>> len(catalogue()) >= 15
    True
    """
    project, folder = _folder(project, checks)
    return [load_query(path, project=project) for path in sorted(folder.glob("*.rq"))]


#: The longest name a saved query may have (a longer one is no file name: it is no saved query).
MAX_NAME = 120


def get_query(name: str, project: Project | None = None, *, checks: bool = False,
              metadata: bool = True, given: Collection[str] = ()) -> SavedQuery:
    """The saved query called ``name``; :class:`UnknownQuery` lists close names if none is."""
    project, folder = _folder(project, checks)
    path = folder / f"{name}.rq"
    if len(name) > MAX_NAME or "/" in name or "\\" in name or "\0" in name or not path.is_file():
        import difflib  # only for the error message

        names = query_names(project, checks=checks)
        close = difflib.get_close_matches(name[:MAX_NAME], names, n=5, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else f"; see `peacekg queries` ({len(names)} saved)"
        shown = name if len(name) <= MAX_NAME else name[:40] + f"... ({len(name)} characters)"
        raise UnknownQuery(f"no saved query named {shown!r}{hint}")
    return load_query(path, project=project, metadata=metadata, given=given)
