"""A bounded load test of ``peacekg serve`` on 127.0.0.1: N clients, a fixed number of requests each.

Small by default (8 clients x 12 requests). For the figure in the notes, scale it:
``PEACEKG_LOAD_CLIENTS=64 PEACEKG_LOAD_REQUESTS=25 python -m pytest tests/test_load.py -s``.
It sends traffic only to the server it starts on 127.0.0.1 and stops by itself.
"""

from __future__ import annotations

import os
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from .serving import running_server
from .test_serve_endpoint import fetch

CLIENTS = int(os.environ.get("PEACEKG_LOAD_CLIENTS", "8"))
REQUESTS = int(os.environ.get("PEACEKG_LOAD_REQUESTS", "12"))
QUERY = "SELECT ?s ?agent ?m WHERE { ?s a pko:Proposal ; pko:agent ?agent . OPTIONAL { ?s pko:mechanism ?m } }"


def requests(base: str) -> list[tuple[str, dict, bytes | None]]:
    """What one client asks, in turn: queries by GET and POST, pages, an asset."""
    form = urllib.parse.urlencode({"query": QUERY}).encode()
    json_ = {"Accept": "application/sparql-results+json"}
    return [
        (f"{base}/sparql?{urllib.parse.urlencode({'query': QUERY})}", json_, None),
        (f"{base}/sparql", {**json_, "Content-Type": "application/x-www-form-urlencoded"}, form),
        (f"{base}/id/russia", {"Accept": "text/html"}, None),
        (f"{base}/doc/carment-belo-ukraine", {"Accept": "text/html"}, None),
        (f"{base}/statement/p26-russia-requests-legal-guarantees", {"Accept": "text/turtle"}, None),
        (f"{base}/static/site.css", {}, None),
    ]


def client(base: str, number: int) -> tuple[int, list[str], list[float]]:
    plan = requests(base)
    ok, errors, latencies = 0, [], []
    for i in range(REQUESTS):
        url, headers, data = plan[(number + i) % len(plan)]
        started = time.monotonic()
        try:
            status, _, _ = fetch(url, headers=headers, data=data)
        except OSError as exc:
            errors.append(f"{url}: {exc}")
            continue
        latencies.append(time.monotonic() - started)
        if status == 200:
            ok += 1
        else:
            errors.append(f"{url}: HTTP {status}")
    return ok, errors, latencies


def test_concurrent_clients_are_all_served(project):
    with running_server(project.root) as base:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            results = list(pool.map(lambda n: client(base, n), range(CLIENTS)))
        elapsed = time.monotonic() - started
    ok = sum(r[0] for r in results)
    errors = [e for r in results for e in r[1]]
    latencies = sorted(t for r in results for t in r[2])
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"\nload: {CLIENTS} concurrent clients x {REQUESTS} requests: {ok} ok, {len(errors)} errors, "
          f"{elapsed:.1f} s, {ok / elapsed:.0f} requests/s, p95 latency {p95 * 1000:.0f} ms")
    assert not errors, errors[:5]
    assert ok == CLIENTS * REQUESTS
