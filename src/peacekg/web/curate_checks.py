"""The guards of ``serve --curate``: the address a request names, the session token, the body.

**Address.** A DNS-rebinding page reaches a loopback server under a name of its own
(``Host: evil.example:8000``) and sends a matching ``Origin``: the two agree with each
other, so both are checked against the address the server listens on, its loopback
name or address and port (``127.0.0.1:8000`` or ``localhost:8000``). In curate mode
every request is checked so (:class:`HostGuard`: a rebinding page cannot even read the
page that holds the token), and a write's ``Origin``, when sent, must be this server.

**Body.** A write is a JSON object of at most :data:`MAX_BODY` bytes, UTF-8 (a UTF-16
body, a byte-order mark or a NUL is refused), nested at most :data:`MAX_DEPTH` deep
(measured before parsing, so no input recurses), with no key twice and no NaN.

>>> depth(b'{"a": [1, {"b": "]]]"}]}')
3
>>> parse_json(b'{"a": 1, "a": 2}')
Traceback (most recent call last):
...
peacekg.web.curate_checks.Refused: the key 'a' is given twice
"""

from __future__ import annotations

import json
import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse

TOKEN_HEADER = "X-Peacekg-Token"
MAX_BODY = 65_536
MAX_DEPTH = 6


class Refused(Exception):
    """A request refused before anything is judged: its status and one line for the person."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status

    def response(self) -> JSONResponse:
        return JSONResponse({"error": str(self)}, status_code=self.status)


def allowed_hosts(listen: tuple[str, int] | None) -> set[str]:
    """The ``Host`` values naming a server listening on ``listen`` (host, port).

    >>> sorted(allowed_hosts(("127.0.0.1", 8000)))
    ['127.0.0.1:8000', 'localhost:8000']
    """
    if not listen:
        return set()
    host, port = listen
    names = {"127.0.0.1": ["127.0.0.1", "localhost"], "::1": ["[::1]", "localhost"],
             "localhost": ["localhost", "127.0.0.1", "[::1]"]}.get(host, [f"[{host}]" if ":" in host else host])
    return {f"{name}:{port}" for name in names}


def check_host(headers, listen) -> None:
    if headers.get("host", "").lower() not in allowed_hosts(listen):
        raise Refused(403, "this curation server answers only under its own address "
                           f"({', '.join(sorted(allowed_hosts(listen))) or 'none known'})")


class HostGuard:
    """In curate mode: 403 for any request whose ``Host`` is not the server's own address."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            try:
                check_host(headers, getattr(scope["app"].state, "listen", None))
            except Refused as refused:
                return await refused.response()(scope, receive, send)
        await self.app(scope, receive, send)


def check_write(request: Request) -> None:
    """Token, address and origin of a write; raise :class:`Refused`."""
    token = request.headers.get(TOKEN_HEADER, "")
    if not secrets.compare_digest(token.encode("utf-8", "replace"), request.app.state.curate_token.encode()):
        raise Refused(403, "a write needs this session's token (open the document page of this server)")
    listen = getattr(request.app.state, "listen", None)
    check_host(request.headers, listen)
    origin = request.headers.get("origin")
    if origin is not None and origin.lower() not in {f"http://{h}" for h in allowed_hosts(listen)}:
        raise Refused(403, f"writes from {origin[:100]} are refused: only this server's pages write")
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        raise Refused(403, "writes from another site are refused")


def depth(raw: bytes) -> int:
    """How deep the brackets of a JSON text nest (strings skipped)."""
    deepest = level = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            level += 1
            deepest = max(deepest, level)
        elif byte in (0x5D, 0x7D):
            level -= 1
    return deepest


def _pairs(pairs: list) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise Refused(400, f"the key {key[:60]!r} is given twice")
        seen[key] = value
    return seen


def _constant(name: str):
    raise Refused(400, f"{name} is not a number JSON allows")


def parse_json(raw: bytes) -> dict:
    """The JSON object of a write's body; raise :class:`Refused` (400) for anything else."""
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        raise Refused(400, "the body must be UTF-8 JSON without a byte-order mark (not UTF-16)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the body is not UTF-8") from None
    if depth(raw) > MAX_DEPTH:
        raise Refused(400, f"the body nests deeper than {MAX_DEPTH} levels")
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except ValueError:
        raise Refused(400, "the body is not JSON") from None
    if not isinstance(data, dict):
        raise Refused(400, "the body must be a JSON object")
    return data


async def read_write(request: Request) -> dict:
    """Check a write's guards and read its body."""
    check_write(request)
    kind, _, params = request.headers.get("content-type", "").partition(";")
    if kind.strip().lower() != "application/json":
        raise Refused(415, "a write is a JSON body (Content-Type: application/json)")
    charset = params.strip().lower()
    if charset and charset.replace(" ", "") not in ("charset=utf-8", "charset=\"utf-8\""):
        raise Refused(415, "a write is UTF-8 JSON")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise Refused(413, f"the body is larger than {MAX_BODY:,} bytes")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            raise Refused(413, f"the body is larger than {MAX_BODY:,} bytes")
    return parse_json(bytes(raw))
