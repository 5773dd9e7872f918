"""The `/id/` index: entities grouped by kind (states, organisations, people, places, then
mechanisms), each group's classes and entities sorted regardless of case."""

from __future__ import annotations

import html
import re
import urllib.request

import pytest

from .serving import running_server

KINDS = ["States", "Organisations", "People", "Places", "Mechanisms"]
#: (an entity's label, the kind it must be listed under)
WHERE = [("Russia", "States"), ("the West", "States"), ("NATO", "Organisations"),
         ("Government of Germany", "Organisations"), ("Angela Merkel", "People"),
         ("European leaders", "People"), ("Crimea", "Places"), ("Ottawa", "Places"),
         ("Minsk II", "Mechanisms"), ("NATO Comprehensive Approach", "Mechanisms")]


@pytest.fixture(scope="module")
def index(project) -> dict[str, dict[str, list[str]]]:
    """kind -> class -> labels, in the page's order."""
    with running_server(project.root) as base:
        with urllib.request.urlopen(base + "/id/", timeout=30) as response:
            page = response.read().decode("utf-8")
    kinds: dict[str, dict[str, list[str]]] = {}
    for kind, body in re.findall(r'<section class="kind"[^>]*>\s*<h2>(.*?)</h2>(.*?)</section>\s*</section>', page,
                                 re.S):
        kinds[html.unescape(kind)] = {
            html.unescape(name.strip()): [html.unescape(a) for a in re.findall(r"<a [^>]*>(.*?)</a>", items)]
            for name, items in re.findall(r'<h3>(.*?) <span class="count">\d+</span></h3>\s*<ul[^>]*>(.*?)</ul>',
                                          body + "</section>", re.S)}
    return kinds


def test_the_kinds_come_in_a_readers_order(index):
    shown = list(index)
    assert shown[:len(KINDS)] == KINDS and set(shown[len(KINDS):]) <= {"Other entities"}


@pytest.mark.parametrize("label, kind", WHERE)
def test_each_entity_is_under_its_kind(index, label, kind):
    assert [k for k, groups in index.items() if any(label in items for items in groups.values())] == [kind]


def test_classes_and_entities_are_sorted_regardless_of_case(index):
    for groups in index.values():
        names = list(groups)
        assert names == sorted(names, key=str.casefold)
        for items in groups.values():
            assert items == sorted(items, key=str.casefold)
    mechanisms = list(index["Mechanisms"])
    assert mechanisms.index("collective security") < mechanisms.index("Comprehensive Approach") \
        < mechanisms.index("conflict avoidance")
