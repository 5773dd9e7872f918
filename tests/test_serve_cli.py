"""``peacekg docs`` and ``peacekg serve`` from the command line; the light import path."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from peacekg.cli import cli

from .serving import running_server
from .test_serve_endpoint import fetch

HEAVY = ("starlette", "uvicorn", "jinja2", "werkzeug", "pebble", "pylode", "selenium")


def test_docs_writes_a_static_site(tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["docs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "peacekg ontology" in page and 'id="Proposal"' in page and 'id="rejectedBy"' in page
    assert "<script src=" not in page and 'rel="stylesheet" href="http' not in page  # self-contained
    assert (out / "peacekg.ttl").read_bytes().startswith(b"@prefix")
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "peacekg.ttl"]  # no temporary left


def test_importing_peacekg_and_its_cli_loads_no_server_library():
    code = ("import sys, peacekg, peacekg.cli; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


def test_serve_refuses_a_port_in_use(project):
    with running_server(project.root) as base:
        port = base.rsplit(":", 1)[1]
        result = subprocess.run([sys.executable, "-m", "peacekg", "serve", "--port", port],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 3
        assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
        assert fetch(base + "/health")[0] == 200


def test_connections_of_the_listening_socket_send_without_delay():
    """asyncio sets TCP_NODELAY on accepted connections only when the socket says IPPROTO_TCP."""
    import asyncio
    import socket

    from peacekg.web.serve import listening_socket

    async def accepted_nodelay() -> int:
        sock = listening_socket("127.0.0.1", 0)
        seen = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            seen.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=sock)
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        value = await asyncio.wait_for(seen, 10)
        writer.close()
        server.close()
        await server.wait_closed()
        return value

    assert asyncio.run(accepted_nodelay()) != 0
