"""A polite SPARQL client for Wikidata's query service (or any endpoint), over SPARQLWrapper.

Polite, as Wikimedia's User-Agent and robot policies ask: a descriptive
User-Agent (tool, version, contact), a timeout on every request, and on 429 or
503 a pause for as long as ``Retry-After`` says (or an exponential backoff when
it says nothing) before trying again, a bounded number of times.

Every failure ends in an :class:`~peacekg.errors.EndpointError` that says what
happened in plain words. With a ``cache_dir``, each answered query is kept as a
file named by the hash of endpoint and query, so that an interrupted run that is
started again asks only what it did not get the first time.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import socket
import time
import urllib.error
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EndpointError

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
PROJECT_URL = "https://w3id.org/peacekg"
RETRY_STATUSES = (429, 503)


def user_agent(contact: str | None = None) -> str:
    """``peacekg/<version> (<url>; <contact>) SPARQLWrapper/<version>``, as Wikimedia asks.

    >>> user_agent("curator@example.org").startswith("peacekg/")
    True
    >>> "(https://w3id.org/peacekg; curator@example.org) SPARQLWrapper/" in user_agent("curator@example.org")
    True
    """
    from importlib.metadata import version

    from ..project import package_version

    contact = contact or os.environ.get("PEACEKG_CONTACT")
    who = f"{PROJECT_URL}; {contact}" if contact else PROJECT_URL
    return f"peacekg/{package_version()} ({who}) SPARQLWrapper/{version('SPARQLWrapper')}"


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date).

    >>> retry_after("7")
    7.0
    >>> retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now=1445412480.0)
    5.0
    >>> retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class SparqlClient:
    """Ask one endpoint SELECT and CONSTRUCT queries; see the module docstring."""

    endpoint: str = WIKIDATA_SPARQL
    timeout: float = 60.0
    retries: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0
    contact: str | None = None
    cache_dir: Path | None = None
    sleep: Callable[[float], None] = time.sleep
    requests: int = field(default=0, init=False)  #: requests sent (not answered from the cache)

    def select(self, query: str, *, cached: bool = False) -> list[dict[str, str]]:
        """The rows of a SELECT query, each a dict from variable to value (IRI or literal text)."""
        path = self._cache_path(query) if cached else None
        if path and path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        data = self._ask(query, "json")
        rows = _bindings(data, self.endpoint)
        if path:
            _write_atomically(path, json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return rows

    def construct(self, query: str) -> bytes:
        """The Turtle answer of a CONSTRUCT query."""
        data = self._ask(query, "turtle")
        if not isinstance(data, bytes | str):
            raise EndpointError(f"{self.endpoint} did not answer the CONSTRUCT query with Turtle")
        return data.encode("utf-8") if isinstance(data, str) else data

    # -- internals --------------------------------------------------------------------------

    def _cache_path(self, query: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()[:32]
        return self.cache_dir / f"{digest}.json"

    def _wrapper(self, query: str, fmt: str):
        from SPARQLWrapper import GET, JSON, TURTLE, SPARQLWrapper

        sparql = SPARQLWrapper(self.endpoint, agent=user_agent(self.contact))
        sparql.setMethod(GET)
        sparql.setQuery(query)
        sparql.setReturnFormat(JSON if fmt == "json" else TURTLE)
        sparql.timeout = self.timeout  # setTimeout() would round it down to whole seconds
        return sparql

    def _ask(self, query: str, fmt: str):
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        attempt = 0
        while True:
            self.requests += 1
            try:
                with warnings.catch_warnings():  # a wrong content type is reported below, as malformed
                    warnings.simplefilter("ignore")
                    return self._wrapper(query, fmt).query().convert()
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES:
                    raise EndpointError(f"{self.endpoint} answered HTTP {exc.code} {exc.reason}") from None
                wait = retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                told = wait is not None
                wait = wait if told else self.backoff * (2 ** attempt)
                if attempt >= self.retries:
                    raise EndpointError(
                        f"{self.endpoint} answered HTTP {exc.code} ({exc.reason}) {attempt + 1} times; "
                        "nothing more was asked: try again later") from None
                if wait > self.max_wait:
                    raise EndpointError(
                        f"{self.endpoint} answered HTTP {exc.code} and asks to wait {wait:.0f} s "
                        f"(Retry-After), longer than the {self.max_wait:.0f} s allowed: try again later") from None
                attempt += 1
                self.sleep(wait)
            except SPARQLWrapperException as exc:
                raise EndpointError(f"{self.endpoint} refused the query: {_first_line(exc)}") from None
            except (TimeoutError, socket.timeout):
                raise EndpointError(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError | socket.timeout):
                    raise EndpointError(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
                raise EndpointError(f"cannot reach {self.endpoint}: {exc.reason}") from None
            except (ConnectionError, OSError) as exc:
                raise EndpointError(f"cannot reach {self.endpoint}: {exc}") from None
            except ValueError as exc:  # JSON that does not parse, a body that is not UTF-8
                raise EndpointError(f"{self.endpoint} sent a malformed response: {_first_line(exc)}") from None


def _bindings(data, endpoint: str) -> list[dict[str, str]]:
    """Plain rows from SPARQL JSON results; anything else is a malformed response."""
    try:
        rows = data["results"]["bindings"]
        return [{k: str(v["value"]) for k, v in row.items()} for row in rows]
    except (TypeError, KeyError, AttributeError):
        raise EndpointError(f"{endpoint} sent a malformed response: not SPARQL JSON results") from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _write_atomically(path: Path, data: bytes) -> None:
    from ..compile.write import write_atomically

    write_atomically({path: data})
