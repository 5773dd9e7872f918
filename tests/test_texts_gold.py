"""The development texts' gold (tests/data/texts/dev) compiles with the build's own code.

Each text becomes a seed of a copy of the project, its entities are merged into the
registry (by id) and its gold becomes the document's statements; `peacekg build` must
accept all of them together with the essay. Only dev/ is read here.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from peacekg.cli import cli

from .conftest import DATA, copy_project

DEV = DATA / "texts" / "dev"
DOCS = sorted(p.name[: -len(".gold.yaml")] for p in DEV.glob("*.gold.yaml"))


def _entities(doc: str) -> list[dict]:
    return yaml.safe_load((DEV / f"{doc}.entities.yaml").read_text(encoding="utf-8"))["entities"]


def test_there_are_dev_texts_with_their_four_files():
    assert len(DOCS) >= 3
    for doc in DOCS:
        for suffix in (".txt", ".yaml", ".gold.yaml", ".entities.yaml"):
            assert (DEV / f"{doc}{suffix}").is_file(), f"{doc}{suffix}"
        assert (DEV / f"{doc}.txt").read_text(encoding="utf-8").endswith("\n")


def test_an_entry_shared_by_two_texts_is_the_same_in_both():
    seen: dict[str, tuple[str, dict]] = {}
    for doc in DOCS:
        for entry in _entities(doc):
            if entry["id"] in seen:
                assert entry == seen[entry["id"]][1], f"{entry['id']}: {doc} and {seen[entry['id']][0]} differ"
            seen[entry["id"]] = (doc, entry)


def test_the_gold_of_every_dev_text_builds_with_the_essay(tmp_path):
    project = copy_project(tmp_path / "p")
    registry = yaml.safe_load(project.entities_source.read_text(encoding="utf-8"))
    index = {entry["id"]: n for n, entry in enumerate(registry["entities"])}
    for doc in DOCS:
        shutil.copy(DEV / f"{doc}.txt", project.seeds / f"{doc}.txt")
        shutil.copy(DEV / f"{doc}.yaml", project.seeds / f"{doc}.yaml")
        shutil.copy(DEV / f"{doc}.gold.yaml", project.statements_dir / f"{doc}.yaml")
        for entry in _entities(doc):
            if entry["id"] in index:
                registry["entities"][index[entry["id"]]] = entry
            else:
                index[entry["id"]] = len(registry["entities"])
                registry["entities"].append(entry)
    project.entities_source.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--no-reason"], env={"PEACEKG_ROOT": str(project.root)},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for doc in DOCS:
        built = (project.graph_dir / f"{doc}.ttl").read_text(encoding="utf-8")
        gold = yaml.safe_load((DEV / f"{doc}.gold.yaml").read_text(encoding="utf-8"))["statements"]
        missing = [s["id"] for s in gold if f"\npks:{s['id']} a pko:{s['type']} ;" not in built]
        assert not missing, f"{doc}: not in the built graph: {missing[:5]}"
