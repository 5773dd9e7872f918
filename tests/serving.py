"""Start ``peacekg serve`` for a test: a real server on 127.0.0.1, a free port, stopped after."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .oxigraph_server import stop


@contextlib.contextmanager
def running_server(root: Path, *options: str, ready_timeout: float = 60.0):
    """Yield the base URL of a server for the project at ``root``; stop it on exit."""
    env = {**os.environ, "PEACEKG_ROOT": str(root)}
    log = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a full pipe would stall the server
    process = subprocess.Popen(
        [sys.executable, "-m", "peacekg", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=log, text=True, env=env,
    )

    def errors() -> str:
        log.seek(0)
        return log.read()

    try:
        line = process.stdout.readline()  # the server says where it listens once it is bound
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            process.kill()
            raise RuntimeError(f"peacekg serve did not start: {line!r} {errors()}")
        base = f"http://127.0.0.1:{match.group(1)}"
        deadline = time.monotonic() + ready_timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"peacekg serve did not answer: {errors()}")
                time.sleep(0.1)
        yield base
    finally:
        stop(process, timeout=15)
        process.stdout.close()
        log.close()


#: Labels and links an attacker might curate; none of them may run in a page.
HOSTILE_TURTLE = """
<https://w3id.org/peacekg/id/hostile> a <https://w3id.org/peacekg/ontology#Person> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "<script>window.__pwned=1</script>"@en ;
    <http://www.w3.org/2004/02/skos/core#altLabel> "<img src=x onerror=\\"window.__pwned=2\\">"@en ;
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:window.__pwned=3> .
<https://w3id.org/peacekg/statement/p03-scholz-reversal>
    <https://w3id.org/peacekg/ontology#about> <https://w3id.org/peacekg/id/hostile> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "<img src=x onerror=window.__pwned=4>" .
"""
HOSTILE_LABEL = "<script>window.__pwned=1</script>"
#: A link as graph/links.ttl holds them (issue 4), for the Wikidata link of entity pages.
LINK_TURTLE = """
<https://w3id.org/peacekg/id/nato> <http://www.w3.org/2004/02/skos/core#exactMatch>
    <http://www.wikidata.org/entity/Q7184> .
"""


def hostile_copy(destination: Path) -> Path:
    """A copy of the project whose graph holds an entity with hostile labels."""
    from .conftest import copy_project

    project = copy_project(destination)
    with open(project.entities_output, "a", encoding="utf-8") as graph:
        graph.write(HOSTILE_TURTLE)
    with open(project.graph_dir / "links.ttl", "a", encoding="utf-8") as links:
        links.write(LINK_TURTLE)
    return project.root
