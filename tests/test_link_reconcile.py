"""`peacekg link` against a real Oxigraph server on 127.0.0.1 holding a Wikidata-shaped fixture."""

from __future__ import annotations

import math
from urllib.parse import unquote_plus

from click.testing import CliRunner

from peacekg.cli import cli
from peacekg.sources import sssom
from peacekg.wikidata import run
from peacekg.wikidata.client import SparqlClient
from peacekg.wikidata.reconcile import names

from .linkkit import link_project, oxigraph_endpoint, proxy, snapshot  # noqa: F401 - fixtures


def candidates_by_entity(project):
    mset = sssom.read(project.links_dir / "candidates.sssom.tsv", curated=False)
    out: dict[str, list[sssom.Mapping]] = {}
    for m in mset.mappings:
        out.setdefault(m.entity_id, []).append(m)
    return out


def suggest(project, endpoint, **options):
    client = SparqlClient(endpoint, timeout=10, cache_dir=run.cache_dir(project))
    return run.suggest(project, client, **options), client


def test_finds_the_right_candidates(link_project, oxigraph_endpoint):
    result, _ = suggest(link_project, oxigraph_endpoint,
                        only=["vladimir-putin", "olaf-scholz", "russia", "government-of-the-united-states"])
    found = candidates_by_entity(link_project)
    assert found["vladimir-putin"][0].qid == "Q7747"
    assert found["olaf-scholz"][0].qid == "Q61053"
    assert found["russia"][0].qid == "Q159"
    assert "government-of-the-united-states" not in found  # its label is nobody's label or alias
    assert all(m.get("mapping_justification") == "semapv:LexicalMatching" for ms in found.values() for m in ms)
    assert {c.entity.id for c in result.candidates} == {"vladimir-putin", "olaf-scholz", "russia"}


def test_type_match_ranks_above_a_same_label_item_of_another_kind(link_project, oxigraph_endpoint):
    result, _ = suggest(link_project, oxigraph_endpoint, only=["vladimir-putin", "russia"])
    putin = [c for c in result.candidates if c.entity.id == "vladimir-putin"]
    assert [c.qid for c in putin] == ["Q7747", "Q900000001"]  # the human, then the ship
    assert putin[0].name_match == putin[1].name_match == 1.0  # the same label...
    assert (putin[0].type_match, putin[1].type_match) == (1.0, 0.0)  # ...told apart by type
    assert putin[0].score > putin[1].score
    russia = [c.qid for c in result.candidates if c.entity.id == "russia"]
    assert russia[0] == "Q159" and "Q900000003" in russia
    row = candidates_by_entity(link_project)["vladimir-putin"][0]
    assert "type=1 (P31: Q5)" in row.get("comment") and row.get("confidence") == "1.000"


def test_strict_type_drops_items_of_the_wrong_kind(link_project, oxigraph_endpoint):
    result, _ = suggest(link_project, oxigraph_endpoint, only=["vladimir-putin", "russia", "crimea"],
                        strict_type=True)
    got = {(c.entity.id, c.qid) for c in result.candidates}
    assert got == {("vladimir-putin", "Q7747"), ("russia", "Q159"), ("crimea", "Q7835")}  # regions: not checked


def test_an_alias_match_of_the_right_kind_beats_a_label_match_of_the_wrong_kind(link_project, oxigraph_endpoint):
    # "Scholz" is an alias of the entity: Q61053 has it as alias, a decoy surname item as label
    result, _ = suggest(link_project, oxigraph_endpoint, only=["olaf-scholz"])
    assert [c.qid for c in result.candidates][:2] == ["Q61053", "Q900000002"]


def test_linked_entities_get_no_candidates_and_the_curated_file_is_untouched(link_project, oxigraph_endpoint):
    before = (link_project.links_dir / "wikidata.sssom.tsv").read_bytes()
    result, _ = suggest(link_project, oxigraph_endpoint)
    assert (link_project.links_dir / "wikidata.sssom.tsv").read_bytes() == before
    ids = {e.id for e in result.entities}
    assert "nato" not in ids and "osce" not in ids  # curated links
    assert "vladimir-putin" in ids and "security-guarantees" not in ids  # mechanisms have no items
    assert "nato" not in candidates_by_entity(link_project)


def test_requests_are_batched_and_a_second_run_asks_nothing(link_project, proxy):
    only = ["vladimir-putin", "olaf-scholz", "russia", "crimea", "kaliningrad"]
    result, client = suggest(link_project, proxy.url, only=only, batch_size=2)
    total = sum(len(names(e)) for e in result.entities)
    assert total >= 6
    assert len(proxy.requests) == client.requests == math.ceil(total / 2)
    assert all("VALUES ?name" in unquote_plus(r) for r in proxy.requests)
    first = (link_project.links_dir / "candidates.sssom.tsv").read_bytes()
    again, client2 = suggest(link_project, proxy.url, only=only, batch_size=2)
    assert client2.requests == 0 and len(proxy.requests) == math.ceil(total / 2)
    assert (link_project.links_dir / "candidates.sssom.tsv").read_bytes() == first


def test_user_agent_names_the_tool_and_a_contact(link_project, proxy, monkeypatch):
    monkeypatch.setenv("PEACEKG_CONTACT", "curator@example.org")
    suggest(link_project, proxy.url, only=["russia"])
    assert proxy.agents and proxy.agents[0].startswith("peacekg/")
    assert "curator@example.org" in proxy.agents[0] and "SPARQLWrapper/" in proxy.agents[0]


def test_an_interrupted_run_resumes_where_it_stopped(link_project, proxy):
    only = ["vladimir-putin", "olaf-scholz", "russia", "crimea", "kaliningrad"]
    proxy.mode, proxy.faults = "503-after", 1  # the first batch is answered, then 503s
    before = snapshot(link_project)
    runner = CliRunner()
    args = ["link", "--endpoint", proxy.url, "--batch-size", "2", "--retries", "0", "--no-progress"]
    for entity in only:
        args += ["--entity", entity]
    failed = runner.invoke(cli, args)
    assert failed.exit_code == 3, failed.output
    assert "503" in failed.output and "run again to resume" in failed.output
    assert snapshot(link_project) == before
    asked_first = len(proxy.requests)
    proxy.mode = "forward"
    done = runner.invoke(cli, args)
    assert done.exit_code == 0, done.output
    batches = int(done.output.rsplit("(", 1)[1].split()[0])  # "(N requests)"
    total = sum(1 for _ in proxy.requests) - asked_first
    assert batches == total and batches >= 1
    assert snapshot(link_project)["wikidata.sssom.tsv"] == before["wikidata.sssom.tsv"]
    assert "Q7747" in (link_project.links_dir / "candidates.sssom.tsv").read_text(encoding="utf-8")
    # the first batch came from the cache: one request fewer than a fresh run needs
    fresh_total = math.ceil(sum(len(names(e)) for e in run.load_registry(link_project)[0].values()
                                if e.id in only) / 2)
    assert batches == fresh_total - 1


def test_cli_prints_features(link_project, oxigraph_endpoint):
    result = CliRunner().invoke(cli, ["link", "--endpoint", oxigraph_endpoint, "--entity", "vladimir-putin",
                                      "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "vladimir-putin\twd:Q7747\t100\tVladimir Putin\tname=1 (entity label = item label); type=1" in result.output


def test_fresh_forgets_the_fetched_batches(link_project, proxy):
    args = ["link", "--endpoint", proxy.url, "--entity", "russia", "--no-progress"]
    runner = CliRunner()
    assert runner.invoke(cli, args).exit_code == 0
    assert runner.invoke(cli, args).exit_code == 0
    assert len(proxy.requests) == 1  # the second run was answered from the cache
    result = runner.invoke(cli, [*args, "--fresh"])
    assert result.exit_code == 0 and "forgot 1 fetched batches" in result.output
    assert len(proxy.requests) == 2


def test_a_progress_bar_is_shown(link_project, oxigraph_endpoint):
    result = CliRunner().invoke(cli, ["link", "--endpoint", oxigraph_endpoint, "--entity", "russia", "--progress"])
    assert result.exit_code == 0 and "asking for candidates" in result.output
