"""Commands refuse what they cannot bound or would lose data with: one line, exit 2, nothing changed.

One case per file of tests/data/bad_cli/: the command's arguments (``{root}`` is
the project copy, ``{tmp}`` a scratch folder), files to make first (``make``: a
text, bytes repeated, a named pipe, a link), the exit code and message to
expect, and a time bound. Every case runs in a child process under a memory
limit (``resource.setrlimit``), so a read without end (``/dev/zero``) fails the
test instead of the machine; and no file of the project may change.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, copy_project

CASES = sorted((DATA / "bad_cli").glob("*.yaml"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def make(entry: dict, fill) -> None:
    path = Path(fill(entry["path"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a file of the project replaced
    if entry.get("fifo"):
        os.mkfifo(path)
    elif "link_to" in entry:
        path.symlink_to(fill(entry["link_to"]))
    elif "hex" in entry:
        path.write_bytes(bytes.fromhex(entry["hex"]) * entry.get("times", 1))
    else:
        path.write_text(fill(entry.get("text", "")) * entry.get("times", 1), encoding="utf-8")


def limited(megabytes: int):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))
    return apply


@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_bad_command(case_path, tmp_path):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    project = copy_project(tmp_path / "project")
    scratch = tmp_path / "scratch"
    scratch.mkdir()

    def fill(text: str) -> str:
        return text.replace("{root}", str(project.root)).replace("{tmp}", str(scratch))

    for entry in case.get("make", []):
        make(entry, fill)
    before = snapshot(project.root)
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "peacekg", *map(fill, case["args"])], capture_output=True,
                         text=True, timeout=case.get("within", 30) + 30, cwd=str(project.root),
                         env={**os.environ, "PEACEKG_ROOT": str(project.root)},
                         preexec_fn=limited(case.get("memory_mb", 1500)), stdin=subprocess.DEVNULL)
    took = time.monotonic() - start
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == case["exit"], run.stderr
    assert re.search(case["message"], run.stderr), run.stderr
    assert len(run.stderr.strip().splitlines()) == case.get("lines", 1), run.stderr  # one line (a build: a head)
    assert took < case.get("within", 30), f"took {took:.1f} s"
    assert snapshot(project.root) == before, "a file of the project changed"


def peacekg(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peacekg", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PEACEKG_ROOT": str(root)})


def test_the_build_removes_the_graph_of_a_document_no_longer_in_the_sources(tmp_path):
    project = copy_project(tmp_path)
    built = (project.graph_dir / "carment-belo-ukraine.ttl").read_text(encoding="utf-8")
    (project.graph_dir / "old-essay.ttl").write_text(built.replace("carment-belo-ukraine", "old-essay"),
                                                     encoding="utf-8")
    (project.graph_dir / "notes.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    ask = "ASK { <https://w3id.org/peacekg/doc/old-essay> ?p ?o }"
    before = subprocess.run([sys.executable, "-m", "peacekg", "sparql", "-"], input=ask, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "PEACEKG_ROOT": str(project.root)})
    assert before.stdout.strip() == "yes", before.stderr  # served from its old built file
    run = peacekg(project.root, "build", "--no-reason")
    assert run.returncode == 0, run.stderr
    assert "removed old-essay.ttl: its document is no longer in the sources" in run.stdout
    assert not (project.graph_dir / "old-essay.ttl").exists()
    assert (project.graph_dir / "notes.ttl").exists()  # not a document's graph: left alone
    after = subprocess.run([sys.executable, "-m", "peacekg", "sparql", "-"], input=ask, capture_output=True,
                           text=True, timeout=60, env={**os.environ, "PEACEKG_ROOT": str(project.root)})
    assert after.stdout.strip() == "no", after.stderr


#: (case, text, quote): a quote that cuts a user-perceived character in two, once accepted.
SPLIT = [
    ("accent-written-as-two", "Talks in Kyi\u0301v resumed.", "Talks in Kyi"),
    ("accent-start", "Talks in Kyi\u0301v resumed.", "\u0301v resumed"),
    ("half-a-flag", "Both waved \U0001f1fa\U0001f1e6 flags.", "Both waved \U0001f1fa"),
    ("second-half-of-a-flag", "Both waved \U0001f1fa\U0001f1e6 flags.", "\U0001f1e6 flags"),
    ("emoji-joined", "A family \U0001f468\u200d\U0001f469 came.", "A family \U0001f468"),
    ("skin-tone", "A wave \U0001f44b\U0001f3fd here.", "A wave \U0001f44b"),
]


@pytest.mark.parametrize("case,text,quote", SPLIT, ids=[c[0] for c in SPLIT])
def test_a_quote_that_cuts_a_character_in_two_is_refused(case, text, quote):
    from peacekg.sources.evidence import AnchorError, anchor

    with pytest.raises(AnchorError, match="cuts a character in two"):
        anchor(quote, text)
    whole = anchor(text[:-1], text)  # the whole of it is fine
    assert (whole.start, whole.end) == (0, len(text) - 1)


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029"])
def test_a_quote_with_a_character_yaml_reads_as_a_line_break_is_refused(character):
    from peacekg.curate.writes import check_statement
    from peacekg.errors import CurationError

    with pytest.raises(CurationError, match=f"U\\+{ord(character):04X}, which YAML reads back as a line break"):
        check_statement({"id": "s1", "type": "Claim", "quote": f"first{character}second"}, set())
    with pytest.raises(CurationError, match="markup or control characters"):
        check_statement({"id": "s1", "type": "Claim", "quote": "q", "summary": f"a{character}b"}, set())


def test_the_build_refuses_a_quote_that_cuts_an_accented_letter(tmp_path):
    from peacekg.compile.pipeline import build
    from peacekg.curate.add import add_document
    from peacekg.errors import SourceError

    project = copy_project(tmp_path / "project")
    text = tmp_path / "talks.txt"
    text.write_text("Talks in Kyi\u0301v resumed after a long pause, both sides said.\n", encoding="utf-8")
    add_document(project, text, doc_id="talks", authors=["Lena Marsh"], reason=False)
    statements = project.statements_dir / "talks.yaml"
    statements.write_text("document: talks\nstatements:\n  - id: talks-resumed\n    type: Claim\n"
                          "    mode: assessment\n    about: [lena-marsh]\n    quote: Talks in Kyi\n",
                          encoding="utf-8")
    with pytest.raises(SourceError, match=r"graph/statements/talks.yaml:\d+: .*cuts a character in two at offset 12"):
        build(project, reason=False)
