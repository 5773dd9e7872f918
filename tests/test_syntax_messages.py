"""A syntax error at the end of a query (a text that ends in a newline, as `echo` gives it)
names the end, not a word of the first line."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_an_unfinished_query_is_said_to_stop_at_the_end():
    run = subprocess.run([sys.executable, "-m", "peacekg", "sparql", "-"], capture_output=True, text=True,
                         timeout=60, cwd=ROOT, input="SELECT ?x WHERE { ?x ?y ?z FILTER(?y = \n")
    assert run.returncode == 2
    assert "<stdin>: syntax error at line 2, column 1, at the end: expected one of" in run.stderr
    assert "at 'SELECT'" not in run.stderr
