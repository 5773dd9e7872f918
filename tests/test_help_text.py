"""Help speaks of what a command does, never of peacekg's own modules or files."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from peacekg.cli import cli

COMMANDS = sorted(cli.commands)
#: What a person should never meet in help: a Python file, a module path, peacekg's internal names.
INTERNAL = re.compile(r"\b\w+\.py\b|peacekg/|peacekg\.\w+|\bfast\b|click\b")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_no_internal_module(command):
    run = CliRunner().invoke(cli, [*command.split(), "--help"], catch_exceptions=False)
    assert run.exit_code == 0
    assert not INTERNAL.search(run.output), INTERNAL.search(run.output)


def test_query_help_says_how_values_are_written():
    run = CliRunner().invoke(cli, ["query", "--help"])
    assert "imputed" in run.output and "russia" in run.output
