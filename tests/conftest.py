"""Shared fixtures: the project under test, and disposable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from peacekg.project import Project, find_project

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser):
    parser.addoption("--with-network", action="store_true", help="run tests that need the internet")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--with-network"):
        return
    skip = pytest.mark.skip(reason="needs --with-network")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def project() -> Project:
    return find_project(ROOT)


def copy_project(destination: Path) -> Project:
    """A copy of the project's data (not its code) that a test may break."""
    for name in ("seeds", "ontology", "graph", "queries"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, destination / name)
    return Project(destination)


@pytest.fixture
def scratch_project(tmp_path) -> Project:
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory, project):
    """A real Oxigraph server on 127.0.0.1 holding the built graph, loaded with `peacekg push`."""
    from peacekg.query.remote import push

    from .oxigraph_server import start, stop

    process, server = start(tmp_path_factory.mktemp("oxigraph"))
    try:
        push(server.store, project=project, timeout=30)
        yield server
    finally:
        stop(process)
