"""``run_pipeline`` (what ``eventetl run`` calls) over the sample inbox against a real
PostgreSQL: the summary, a no-op second run, bad partition arguments, and a missing coder."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster"))
from pipeline_fakes import fake_coder_resource, shared_coder

from dagster_project.defs.resources import CoderResource, DatabaseResource
from dagster_project.runner import run_pipeline
from etl.pipeline import CoderHandle, CoderUnavailable
from etl.settings import load_settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


class AbsentCoderResource(CoderResource):
    """A coder resource as it is before etl.coding exists."""

    def handle(self) -> CoderHandle:
        raise CoderUnavailable("coder not available: etl.coding is not installed (test)")

    def identity(self) -> tuple[str, dict[str, str]] | None:
        return None


@pytest.fixture
def db(clean_db: str) -> Iterator[Engine]:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


def run(clean_db: str, tmp_path: Path, coder: CoderResource, partitions: list[str] | None = None):
    out = io.StringIO()
    settings = load_settings({"EVENTETL_HOME": str(tmp_path / "home")})
    code = run_pipeline(
        SAMPLES,
        partitions or [],
        settings=settings,
        resources={"database": DatabaseResource(url=clean_db), "coder": coder},
        out=out,
    )
    return code, out.getvalue()


def test_run_then_no_op_rerun(clean_db: str, db: Engine, tmp_path: Path) -> None:
    coder = fake_coder_resource(rule_set="samples", version="runner-test-1")
    code, summary = run(clean_db, tmp_path, coder)
    assert code == 0, summary
    assert "22 documents" in summary and "5 events" in summary
    assert "2024-12-03_broken_feed.json:1: not valid JSON" in summary
    assert "Protests 2" in summary
    calls = shared_coder("samples", "runner-test-1").calls
    with db.connect() as c:
        before = c.execute(text("SELECT count(*), max(updated_at) FROM event")).one()
        runs = c.execute(text("SELECT count(*) FROM coding_run")).scalar_one()
    assert before[0] == 5 and runs == 9
    # the Dagster instance lives under EVENTETL_HOME/dagster
    assert (tmp_path / "home" / "dagster").is_dir()

    code, summary = run(clean_db, tmp_path, coder)
    assert code == 0 and summary.count("up to date") == 9, summary
    assert shared_coder("samples", "runner-test-1").calls == calls
    with db.connect() as c:
        assert c.execute(text("SELECT count(*), max(updated_at) FROM event")).one() == before
        assert c.execute(text("SELECT count(*) FROM coding_run")).scalar_one() == runs


def test_partition_outside_the_range_is_a_usage_error(clean_db: str, tmp_path: Path) -> None:
    code, summary = run(clean_db, tmp_path, fake_coder_resource(), ["2019-01-01"])
    assert code == 2 and "2019-01-01" in summary


def test_without_a_coder_the_run_fails_clearly_and_codes_nothing(
    clean_db: str, db: Engine, tmp_path: Path
) -> None:
    code, summary = run(clean_db, tmp_path, AbsentCoderResource(), ["2024-12-02"])
    assert code == 1
    assert "coder not available" in summary
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 0


def test_database_url_from_the_environment(
    clean_db: str, db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the CLI path: no database resource given, the URL comes from EVENTETL_DATABASE_URL
    monkeypatch.setenv("EVENTETL_DATABASE_URL", clean_db)
    out = io.StringIO()
    code = run_pipeline(
        SAMPLES,
        ["2024-12-02"],
        settings=load_settings({"EVENTETL_HOME": str(tmp_path / "home")}),
        resources={"coder": fake_coder_resource(version="env-url-1")},
        out=out,
    )
    assert code == 0, out.getvalue()
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM document")).scalar_one() == 2
