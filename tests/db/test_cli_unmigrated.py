"""`eventetl run`, `import` and `export` against a database without this version's schema: an
empty database is migrated (and the user told so); one that is behind, foreign or unreachable
ends the command with one line saying what to run, and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from etl.cli import app
from etl.load import migrate

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def _invoke(url: str, args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("EVENTETL_DATABASE_URL", url)
    monkeypatch.setenv("EVENTETL_HOME", str(tmp_path / "home"))
    return CliRunner().invoke(app, args)


def _assert_one_clear_line(output: str, *needles: str) -> None:
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if line.startswith("eventetl:")]
    assert len(lines) == 1, output
    for needle in needles:
        assert needle in lines[0], output


def test_export_migrates_an_empty_database_and_says_so(
    new_database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    result = _invoke(
        new_database, ["export", "--format", "acled", "--out", str(out)], monkeypatch, tmp_path
    )
    assert result.exit_code == 0, result.output
    _assert_one_clear_line(result.output, "was empty: migrated", migrate.head_revision() or "?")
    assert migrate.current_revision(new_database) == migrate.head_revision()
    assert out.read_text().startswith("event_id_cnty")


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--inbox", str(SAMPLES), "--partition", "2024-11-28"],
        ["import", "acled", str(DATA / "acled_iso_dates_numeric.csv")],
        ["export", "--format", "gdelt"],
    ],
    ids=["run", "import", "export"],
)
def test_database_behind_says_to_upgrade(
    args: list[str], new_database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    migrate.upgrade(new_database, "0007")
    result = _invoke(new_database, args, monkeypatch, tmp_path)
    assert result.exit_code == 1, result.output
    _assert_one_clear_line(result.output, "revision 0007", "run `eventetl db upgrade`")
    assert migrate.current_revision(new_database) == "0007"  # never migrated behind one's back


def test_foreign_tables_are_left_alone(
    new_database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    engine = create_engine(new_database)
    with engine.begin() as c:
        c.execute(text("CREATE TABLE someone_elses (id int)"))
    engine.dispose()
    result = _invoke(new_database, ["export", "--format", "acled"], monkeypatch, tmp_path)
    assert result.exit_code == 1, result.output
    _assert_one_clear_line(result.output, "has tables but no eventetl schema")
    assert migrate.current_revision(new_database) is None


def test_unreachable_server_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"  # port 1: nothing listens
    result = _invoke(url, ["export", "--format", "acled"], monkeypatch, tmp_path)
    assert result.exit_code == 1, result.output
    _assert_one_clear_line(result.output, "cannot connect to database")
