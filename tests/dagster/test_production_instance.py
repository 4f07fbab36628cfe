"""The production set-up: dagster-webserver and dagster-daemon on the project's
``dagster.postgres.yaml`` (run, event-log and schedule storage in a fresh PostgreSQL database)
run a partition submitted through the GraphQL API, and the inbox sensor, turned on through the
API, starts a run for a day whose files are new; both runs succeed and load the day's events."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from dagster_services import ProductionDagster, production_dagster
from sqlalchemy import Engine, text

from dagster_project.defs.pipeline import JOB_NAME
from dagster_project.defs.sensors import SENSOR_NAME
from etl.load.database import libpq_url

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DAY_SUBMITTED = "2024-11-30"  # one file: rebels take Aleppo
DAY_FROM_SENSOR = "2024-12-02"  # two files: Nairobi riot, Tbilisi protest
RUN_TIMEOUT = 150.0


def copy_day(day: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in SAMPLES.glob(f"{day}_*"):
        shutil.copy(path, folder / path.name)


@pytest.fixture
def dagster(tmp_path: Path, server_url: str, clean_db: str) -> Iterator[ProductionDagster]:
    with production_dagster(tmp_path, server_url, clean_db) as running:
        yield running


def assert_succeeded(dagster: ProductionDagster, run_id: str, status: str) -> None:
    if status != "SUCCESS":
        pytest.fail(
            f"run {run_id} ended {status}:\n{dagster.graphql.run_failure(run_id)}\n"
            f"daemon log:\n{dagster.processes.log('daemon')}"
        )


def events_on(engine: Engine, day: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT count(*) FROM event WHERE partition_date = :day"), {"day": day}
        ).scalar_one()


def test_graphql_run_and_sensor_run_succeed_on_the_postgres_instance(
    dagster: ProductionDagster, db: Engine, tmp_path: Path
) -> None:
    other_inbox = tmp_path / "other"
    # The submitted run reads its own folder (run config, as the launchpad allows), so the
    # sensor's first tick sees only the new day and both runs can go at once.
    copy_day(DAY_SUBMITTED, other_inbox)
    copy_day(DAY_FROM_SENSOR, dagster.inbox)
    started = time.monotonic()
    run_id = dagster.graphql.launch_partition_run(
        JOB_NAME,
        DAY_SUBMITTED,
        run_config={"resources": {"inbox": {"config": {"path": str(other_inbox)}}}},
    )
    assert dagster.graphql.start_sensor(SENSOR_NAME) == "RUNNING"

    status = dagster.graphql.wait_for_run(run_id, dagster.processes, RUN_TIMEOUT)
    assert_succeeded(dagster, run_id, status)

    deadline = started + RUN_TIMEOUT
    sensor_runs: list[dict[str, str]] = []
    while not sensor_runs:
        sensor_runs = dagster.graphql.runs_tagged("dagster/sensor_name", SENSOR_NAME)
        if not sensor_runs:
            assert time.monotonic() < deadline, (
                f"the sensor requested no run:\n{dagster.processes.log('daemon')}"
            )
            time.sleep(1)
    assert [run["partition"] for run in sensor_runs] == [DAY_FROM_SENSOR]
    sensor_run = sensor_runs[0]["runId"]
    status = dagster.graphql.wait_for_run(sensor_run, dagster.processes, RUN_TIMEOUT)
    assert_succeeded(dagster, sensor_run, status)

    assert events_on(db, DAY_SUBMITTED) > 0
    assert events_on(db, DAY_FROM_SENSOR) > 0
    # Both runs are in the instance's PostgreSQL database, not in files under DAGSTER_HOME.
    with psycopg.connect(libpq_url(dagster.storage_url)) as connection:
        stored = {row[0] for row in connection.execute("SELECT run_id FROM runs")}
    assert {run_id, sensor_run} <= stored
    assert not list(dagster.home.glob("**/*.db"))
