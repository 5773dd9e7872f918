"""A real Oxigraph SPARQL server (the Rust binary of the PyPI package `oxigraph`) for tests.

Started on a free port of 127.0.0.1 with `--union-default-graph`, so that queries
see every named graph as the embedded store does, and stopped when the tests end.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Server:
    base: str

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def store(self) -> str:
        return self.base + "/store"


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _binary() -> str:
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
    return binary


def load(location: Path, file: Path) -> None:
    """Load an RDF file into an on-disk store, before serving it."""
    subprocess.run([_binary(), "load", "--location", str(location), "--file", str(file)],
                   check=True, capture_output=True, timeout=60)


def start(location: Path, *, read_only: bool = False, union_default_graph: bool = True,
          wait: float = 30.0) -> tuple[subprocess.Popen, Server]:
    """Serve the store at ``location`` on a free port of 127.0.0.1; return when it answers."""
    port = free_port()
    command = [_binary(), "serve-read-only" if read_only else "serve",
               "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(server.query + "?query=ASK%7B%7D", timeout=1):
                return process, server
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"oxigraph serve did not answer on port {port} within {wait} s")


def stop(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """Stop a server process: politely, then by force."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
