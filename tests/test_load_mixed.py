"""Load with slow queries running: 20 clients for 10 s on 127.0.0.1, and not one fast request fails.

Clients alternate pages and saved queries (POST /sparql) while two more send a
query that runs for hours, stopped at the server's time limit. Bounded in time
and in clients; only the server this test starts is contacted. The 5-minute
soak is ``python -m bench.soak`` (figures in bench/RESULTS.md).
"""

from __future__ import annotations

import os

from bench.soak import run_load

from .serving import running_server

# 20 clients, 4 workers: on two cores, the two slow queries hold both cores while they run, so the
# fast ones share what is left; 50 clients and 3 workers failed some fast requests when the machine
# was busy with other work (the 5-minute soak in bench/ runs the heavier mix).
CLIENTS = int(os.environ.get("PEACEKG_LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("PEACEKG_LOAD_SECONDS", "10"))


def test_fast_requests_never_fail_while_slow_queries_run(project):
    with running_server(project.root, "--workers", "4", "--timeout", "2") as base:
        stats = run_load(base, clients=CLIENTS, slow_clients=2, seconds=SECONDS)
    summary = stats.summary()
    print(f"\nload: {summary}")
    assert stats.errors == [], stats.errors[:5]
    assert summary["requests"] > CLIENTS  # every client got answers
    assert summary["slow"] and set(summary["slow"]) <= {503}  # the slow ones ran and were stopped at the limit
