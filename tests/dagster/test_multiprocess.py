"""The partition job as Dagster runs it for users: every step in its own process (the
multiprocess executor). The run finishes (no helper process holds a step open) and loads the
day; then events_table materialized alone, in a new run, reads its inputs from PostgreSQL and
loads the same events; a permanent error fails at once, without retries; a re-execution from
a failed load runs only the failed steps, on the inputs the failed run stored."""

from __future__ import annotations

import time
from pathlib import Path

import dagster as dg
import pytest
from multiprocess_job import DATABASE_ENV, eventetl_job
from sqlalchemy import Engine, text

DAY = "2024-11-28"
#: Generous for six step processes on a busy 2-core machine; the hang it guards against
#: never finished at all.
RUN_LIMIT_S = 150

pytestmark = pytest.mark.slow


def _events(db: Engine) -> list[tuple]:
    with db.connect() as c:
        return c.execute(text("SELECT id, cameo_code, num_mentions FROM event ORDER BY id")).all()


def _run(instance: dg.DagsterInstance, selection: list[str] | None = None):
    started = time.monotonic()
    result = dg.execute_job(
        dg.reconstructable(eventetl_job),
        instance=instance,
        tags={"dagster/partition": DAY},
        asset_selection=[dg.AssetKey(name) for name in selection] if selection else None,
        raise_on_error=False,
    )
    return result, time.monotonic() - started


def test_each_step_in_its_own_process(
    clean_db: str, db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, clean_db)
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        result, seconds = _run(instance)
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        assert seconds < RUN_LIMIT_S
        step_pids = {e.pid for e in result.all_events if e.event_type_value == "STEP_SUCCESS"}
        assert len(step_pids) == 6  # one process per step: nothing was passed in memory
        loaded = _events(db)
        assert len(loaded) == 3

        with db.begin() as c:  # the day's events must come back from the load, not linger
            c.execute(text("DELETE FROM event_mention; DELETE FROM event"))
        alone, _ = _run(instance, ["events_table"])
        assert alone.success, [e.message for e in alone.all_events if e.is_failure]
        assert _events(db) == loaded


def test_missing_upstream_is_a_permanent_error_not_retried(
    clean_db: str, db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, clean_db)
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        result, _ = _run(instance, ["events_table"])
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert len(failures) == 1
    failure = failures[0].step_failure_data
    assert failure.user_failure_data is not None
    assert "materialize articles for that day first" in failure.user_failure_data.description
    assert not [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert _events(db) == []


def test_reexecution_from_failure_reads_the_failed_runs_inputs_from_postgres(
    clean_db: str, db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATABASE_ENV, clean_db)
    with db.begin() as c:  # the load fails for good (not a lost connection) until dropped
        c.execute(
            text(
                "CREATE FUNCTION refuse_load() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'loads refused by the test'; END $$;"
                "CREATE TRIGGER refuse_load BEFORE INSERT ON coding_run "
                "FOR EACH ROW EXECUTE FUNCTION refuse_load()"
            )
        )
    try:
        with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
            failed, _ = _run(instance)
            assert not failed.success
            assert not [e for e in failed.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
            assert [e.step_key for e in failed.all_events if e.is_step_failure] == ["events_table"]
            with db.begin() as c:
                c.execute(text("DROP TRIGGER refuse_load ON coding_run"))
            again = dg.execute_job(
                dg.reconstructable(eventetl_job),
                instance=instance,
                reexecution_options=dg.ReexecutionOptions.from_failure(failed.run_id, instance),
                tags={"dagster/partition": DAY},  # as the UI's re-execute copies them
            )
            assert again.success
            ran = {e.step_key for e in again.all_events if e.event_type_value == "STEP_SUCCESS"}
            assert ran == {"events_table", "event_views"}  # the rest came from PostgreSQL
            assert len(_events(db)) == 3
    finally:
        with db.begin() as c:
            c.execute(text("DROP TRIGGER IF EXISTS refuse_load ON coding_run"))
            c.execute(text("DROP FUNCTION IF EXISTS refuse_load()"))
