"""Readers take one build's snapshot: a build that replaces files while they read is seen, and read again.

An export during a build once mixed two builds (3 of 565 in 150 s): the check for a
half-written folder looked only before reading. Here a "build" replaces a file in the
middle of the read (as ``os.replace`` does), and the reader must notice and read again.
"""

from __future__ import annotations

import os

import pytest

from peacekg.errors import IncompleteBuild
from peacekg.query import store as store_module
from peacekg.query.export import export_bytes

from .conftest import copy_project

EXTRA = '<https://w3id.org/peacekg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "second build" .\n'


def replace_during_read(monkeypatch, project, times: int) -> list[int]:
    """Make the next ``times`` reads of the graph see a build replace graph/entities.ttl half-way."""
    calls = []
    real = store_module._load

    def load(store, proj, files):
        calls.append(1)
        result = real(store, proj, files)
        if len(calls) <= times:  # the "build" renames a new file over the old one after it was read
            target = project.entities_output
            tmp = target.with_name(".entities.ttl.tmp")
            tmp.write_text(target.read_text(encoding="utf-8") + EXTRA.replace("second", f"build {len(calls)}"),
                           encoding="utf-8")
            os.replace(tmp, target)
        return result

    monkeypatch.setattr(store_module, "_load", load)
    return calls


def test_an_export_during_a_build_reads_again_and_holds_one_build(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    calls = replace_during_read(monkeypatch, project, times=1)
    data = export_bytes("ntriples", project=project)
    assert len(calls) == 2  # the first read was of two builds, and was thrown away
    assert b'"build 1 build"' in data  # the snapshot is the file as the "build" left it, whole


def test_a_graph_that_keeps_changing_is_an_error_not_a_mix(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    replace_during_read(monkeypatch, project, times=store_module.SNAPSHOT_ATTEMPTS)
    with pytest.raises(IncompleteBuild, match="changed while it was read"):
        export_bytes("ntriples", project=project)
