"""`peacekg link --check` and `--check-local`, and the faults every request can meet."""

from __future__ import annotations

import time

import pytest

from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.errors import EndpointError
from peacekg.wikidata import run
from peacekg.wikidata.client import SparqlClient

from .linkkit import HEADER, link_project, mapping_row, oxigraph_endpoint, proxy, snapshot  # noqa: F401
from .oxigraph_server import free_port


def write_links(project, *rows):
    (project.links_dir / "wikidata.sssom.tsv").write_text(HEADER + "".join(rows), encoding="utf-8")


def test_check_reports_a_changed_label_a_redirect_a_missing_item_and_a_wrong_kind(link_project, oxigraph_endpoint):
    write_links(link_project,
                mapping_row("nato", "Q7184", "North Atlantic Treaty Organization"),  # label changed
                mapping_row("osce", "Q81299", "Organization for Security and Co-operation in Europe"),  # fine
                mapping_row("government-of-the-united-states", "Q900000010", "Federal Government of the USA"),
                mapping_row("vladimir-putin", "Q900000099", "Vladimir Putin"),  # no such item
                mapping_row("olaf-scholz", "Q900000002", "Scholz"),  # a person linked to a non-human
                mapping_row("crimea", "Q7835", "Crimea", "skos:closeMatch", "0.8"))  # fine
    client = SparqlClient(oxigraph_endpoint, timeout=10)
    checked, drifts = run.check(link_project, client, batch_size=50)
    assert checked == 6 and client.requests == 1  # one batched request
    found = {(d.entity_id, d.kind) for d in drifts}
    assert found == {("nato", "label"), ("government-of-the-united-states", "redirect"),
                     ("vladimir-putin", "missing"), ("olaf-scholz", "type")}
    redirect = next(d for d in drifts if d.kind == "redirect")
    assert "wd:Q48525" in redirect.message and redirect.line == 9
    label = next(d for d in drifts if d.kind == "label")
    assert "label changed in the fixture" in label.message


def test_check_cli_exits_1_on_drift_and_0_when_all_fit(link_project, oxigraph_endpoint):
    runner = CliRunner()
    result = runner.invoke(cli, ["link", "--check", "--endpoint", oxigraph_endpoint, "--no-progress"])
    assert result.exit_code == 1, result.output
    assert "drift: graph/links/wikidata.sssom.tsv:7: pkr:nato -> wd:Q7184: label:" in result.output
    assert "2 links checked, 1 drift" in result.output
    write_links(link_project, mapping_row("osce", "Q81299", "Organization for Security and Co-operation in Europe"),
                mapping_row("russia", "Q159", "Russia"),
                # its P31 is a subclass (P279) of government: the kind fits
                mapping_row("government-of-the-united-states", "Q48525", "Federal Government of the USA"))
    result = runner.invoke(cli, ["link", "--check", "--endpoint", oxigraph_endpoint, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "3 links checked, 0 drifts" in result.output


def test_check_local_names_file_and_line(link_project):
    write_links(link_project, mapping_row("osce", "Q81299", "OSCE"), mapping_row("no-such-entity", "Q1", "x"),
                mapping_row("government-of-russia", "Q159", "Russia"), mapping_row("russia", "Q159", "Russia"))
    result = CliRunner().invoke(cli, ["link", "--check-local"])
    assert result.exit_code == 2
    assert "graph/links/wikidata.sssom.tsv:8: subject pkr:no-such-entity is not in graph/entities.yaml" in result.output
    assert "graph/links/wikidata.sssom.tsv:10: wd:Q159 is already linked from pkr:government-of-russia" in result.output
    # the subject label is the registry's (audit F60): "OSCE" is an alias of the Organization for Security ...
    assert ("graph/links/wikidata.sssom.tsv:7: subject_label 'osce' of pkr:osce is not the registry's label "
            "'Organization for Security and Co-operation in Europe'") in result.output


def test_the_committed_links_pass_the_offline_checks(project):
    from peacekg.wikidata.run import check_offline

    assert check_offline(project) > 70  # every subject label is the registry's, no item linked twice


# -- faults: each ends in a clear message and leaves the files as they were ---------------------------

def run_link(args):
    return CliRunner().invoke(cli, ["link", "--no-progress", *args])


def test_server_down(link_project):
    before = snapshot(link_project)
    url = f"http://127.0.0.1:{free_port()}/sparql"  # nobody listens there
    for args in (["--entity", "russia"], ["--check"], ["--refresh-cache"]):
        result = run_link(["--endpoint", url, *args])
        assert result.exit_code == 3, result.output
        assert f"cannot reach {url}" in result.output and "refused" in result.output.lower()
        assert snapshot(link_project) == before


def test_a_response_slower_than_the_timeout(link_project, proxy):
    proxy.mode, proxy.delay = "slow", 3.0
    before = snapshot(link_project)
    t0 = time.monotonic()
    result = run_link(["--endpoint", proxy.url, "--timeout", "0.5", "--check"])
    assert time.monotonic() - t0 < 2.5
    assert result.exit_code == 3, result.output
    assert f"{proxy.url} did not answer within 0.5 s" in result.output
    assert snapshot(link_project) == before


def test_429_with_retry_after_is_honoured(link_project, proxy):
    proxy.mode, proxy.faults = "429", 1
    t0 = time.monotonic()
    result = run_link(["--endpoint", proxy.url, "--check"])
    assert time.monotonic() - t0 >= 1.0  # waited as Retry-After: 1 said
    assert result.exit_code == 1, result.output  # then got the answer (nato's label drifted)
    assert len(proxy.requests) == 2 and "2 links checked" in result.output


def test_429_that_does_not_stop(link_project, proxy):
    proxy.mode, proxy.faults = "429", 100
    before = snapshot(link_project)
    result = run_link(["--endpoint", proxy.url, "--entity", "russia", "--retries", "1"])
    assert result.exit_code == 3, result.output
    assert "answered HTTP 429" in result.output and "2 times" in result.output
    assert len(proxy.requests) == 2 and snapshot(link_project) == before


def test_retry_after_longer_than_allowed(link_project, proxy):
    proxy.mode, proxy.faults = "429", 100
    result = run_link(["--endpoint", proxy.url, "--check", "--max-wait", "0.5"])
    assert result.exit_code == 3 and "asks to wait 1 s (Retry-After)" in result.output
    assert len(proxy.requests) == 1


def test_a_malformed_response(link_project, proxy):
    proxy.mode = "malformed"
    before = snapshot(link_project)
    for args in (["--entity", "russia"], ["--check"]):
        result = run_link(["--endpoint", proxy.url, *args])
        assert result.exit_code == 3, result.output
        assert f"{proxy.url} sent a malformed response" in result.output
        assert snapshot(link_project) == before


def test_503_with_retry_after_is_honoured_too(link_project, proxy):
    proxy.mode, proxy.status, proxy.faults = "429", 503, 1
    waits = []
    client = SparqlClient(proxy.url, timeout=10, sleep=waits.append)
    checked, _drifts = run.check(link_project, client)
    assert checked == 2 and waits == [1.0] and len(proxy.requests) == 2


def test_without_retry_after_the_client_backs_off_exponentially(link_project, proxy):
    proxy.mode, proxy.faults = "503-after", 0  # 503 from the first request on, no Retry-After
    waits = []
    client = SparqlClient(proxy.url, timeout=10, retries=3, backoff=0.25, sleep=waits.append)
    with pytest.raises(EndpointError, match="answered HTTP 503 .* 4 times"):
        run.check(link_project, client)
    assert waits == [0.25, 0.5, 1.0] and len(proxy.requests) == 4
