"""The build and stats commands as a user runs them."""

from __future__ import annotations

from click.testing import CliRunner

from peacekg.cli import cli


def test_dry_run_writes_nothing(scratch_project):
    target = scratch_project.document_output("carment-belo-ukraine")
    target.write_bytes(b"# stale\n")
    result = CliRunner().invoke(cli, ["build", "--no-reason", "--dry-run"],
                                env={"PEACEKG_ROOT": str(scratch_project.root)})
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == b"# stale\n"


def test_build_rewrites_a_stale_output(scratch_project):
    target = scratch_project.document_output("carment-belo-ukraine")
    good = target.read_bytes()
    target.write_bytes(b"# stale\n")
    result = CliRunner().invoke(cli, ["build", "--no-reason"], env={"PEACEKG_ROOT": str(scratch_project.root)})
    assert result.exit_code == 0, result.output
    assert "wrote carment-belo-ukraine.ttl" in result.output
    assert target.read_bytes() == good


def test_stats_reports_coverage(project):
    result = CliRunner().invoke(cli, ["stats"], env={"PEACEKG_ROOT": str(project.root)})
    assert result.exit_code == 0, result.output
    assert "statements per paragraph" in result.output
    assert "Proposal" in result.output


def test_residence_gives_a_lives_in_triple(project):
    text = project.document_output("carment-belo-ukraine").read_text(encoding="utf-8")
    assert "pkr:hungarians-in-transcarpathia pko:livesIn pkr:transcarpathia" in text
    assert "pkr:russians-outside-russia pko:livesIn pkr:baltic-states" in text
