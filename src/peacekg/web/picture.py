"""An entity's neighbourhood as a picture people can read: the entities around it, grouped by relation.

Each group is one relation through a kind of statement ("proposals by Russia:
mechanism", "positions with Russia as target: agent"), listing the entities
at its other end with the status the statement gives. The page draws the
entity and its groups as boxes joined by lines (HTML and CSS, no layout
engine), so no label can fall on another, and the picture is kept to about a
screen: at most :data:`MAX_ITEMS` entities, :data:`PER_GROUP` a group, the rest
counted ("3 more") and listed in the table of statements.

>>> from peacekg.query.store import open_store
>>> groups = picture(open_store(), "https://w3id.org/peacekg/id/russia")
>>> groups[0].heading
'proposals or recommendations by Russia: mechanism concerned'
>>> any(item.label == "legal security guarantees for minorities" and item.note == "requested"
...     for group in groups for item in group.items)
True
>>> sum(len(g.items) for g in groups) <= MAX_ITEMS
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Store

from ..namespaces import PKO, PKR, RDFS
from .neighbourhood import KINDS_FIRST
from .terms import labels, local_href, this

ROWS = f"""
PREFIX pko: <{PKO}> PREFIX rdfs: <{RDFS}>
SELECT ?this ?st ?class ?status ?focusRole ?role ?value WHERE {{
  ?st ?focusRole ?this ; a ?class .
  ?class rdfs:subClassOf pko:Statement .
  ?st ?role ?value .
  FILTER(isIRI(?value) && STRSTARTS(STR(?value), "{PKR}") && ?value != ?this)
  OPTIONAL {{ ?st pko:status ?status }}
}} ORDER BY ?st ?role ?value"""

#: Roles whose entities the statement's status does not describe (a rejecter is not "requested").
NO_STATUS = {PKO + "agent", PKO + "rejectedBy", PKO + "participant"}
#: At most this many entities in the picture, and in one group.
MAX_ITEMS = 30
PER_GROUP = 5
#: At most this many groups (relations).
MAX_GROUPS = 14


@dataclass
class Item:
    label: str
    href: str | None
    note: str = ""  #: the statuses the statements give (requested, rejected...)
    statements: list[str] = field(default_factory=list)  #: their summaries, for the tooltip


@dataclass
class Group:
    heading: str
    items: list[Item] = field(default_factory=list)
    more: int = 0  #: entities of the group not drawn
    rank: tuple = ()


def _plural(noun: str) -> str:
    """An English plural of a class label: ``policy`` -> ``policies``, ``event`` -> ``events``."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _kind_rank(kind: str) -> int:
    local = kind.removeprefix(PKO)
    return KINDS_FIRST.index(local) if local in KINDS_FIRST else len(KINDS_FIRST)


def picture(store: Store, iri: str) -> "Neighbourhood":
    """The groups around ``iri``: what it does first, then what is said of it, by kind of statement."""
    rows = list(store.query(ROWS, substitutions=this(iri), use_default_graph_as_union=True))
    names = labels(store, {iri} | {r[k].value for r in rows for k in ("st", "class", "status", "focusRole", "role",
                                                                        "value") if isinstance(r[k], NamedNode)})
    me = names.get(iri, iri)
    groups: dict[tuple, Group] = {}
    for r in rows:
        if r["role"].value in (PKO + "evidence", PKO + "assertedBy"):  # the speaker shows in the table
            continue
        focus, kind, role = r["focusRole"].value, r["class"].value, r["role"].value
        kind_name = names.get(kind, kind.rsplit("#", 1)[-1])
        plural = " or ".join(map(_plural, kind_name.split(" or ")))
        role_name = names.get(role, role.rsplit("#", 1)[-1])
        if focus == PKO + "agent":
            heading = f"{plural} by {me}: {role_name}"
        elif focus == PKO + "about":
            heading = f"{plural} about {me}: {role_name}"
        else:
            heading = f"{plural} with {me} as {names.get(focus, focus.rsplit('#', 1)[-1])}: {role_name}"
        key = (focus != PKO + "agent", _kind_rank(kind), heading)
        group = groups.setdefault(key, Group(heading, rank=key))
        value = r["value"].value
        item = next((i for i in group.items if i.href == local_href(value)), None)
        if item is None:
            item = Item(names.get(value, value), local_href(value))
            group.items.append(item)
        status = names.get(r["status"].value, "") if r["status"] and role not in NO_STATUS else ""
        if status and status not in item.note.split(", "):
            item.note = ", ".join(filter(None, [item.note, status]))
        summary = names.get(r["st"].value, "")
        if summary and summary not in item.statements:
            item.statements.append(summary)
    ordered = [groups[k] for k in sorted(groups)]
    room = MAX_ITEMS
    for group in ordered:
        group.items.sort(key=lambda i: i.label.casefold())
        keep = max(0, min(PER_GROUP, room, len(group.items))) if ordered.index(group) < MAX_GROUPS else 0
        group.more, group.items = len(group.items) - keep, group.items[:keep]
        room -= keep
    return Neighbourhood([g for g in ordered if g.items], sum(g.more for g in ordered))


@dataclass
class Neighbourhood:
    groups: list[Group]
    left_out: int  #: entities not drawn (the table of statements has them all)

    def __iter__(self):
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, index: int) -> Group:
        return self.groups[index]
