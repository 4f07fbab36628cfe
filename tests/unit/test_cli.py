"""The `eventetl` command: masked URLs and the db subcommands against a real database."""

from __future__ import annotations

from typer.testing import CliRunner

from etl.cli import app

runner = CliRunner()


def test_db_current_reports_head_with_a_masked_url(database_url: str, monkeypatch) -> None:
    with_password = database_url.replace("postgres@", "postgres:hunter2@", 1)
    monkeypatch.setenv("EVENTETL_DATABASE_URL", with_password)
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 0, result.output
    assert "hunter2" not in result.output
    assert result.output.split()[0] not in ("base", "")


def test_code_without_input_explains_usage() -> None:
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 2
