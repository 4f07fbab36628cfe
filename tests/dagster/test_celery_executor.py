"""Scale-out on Celery: with ``EVENTETL_EXECUTOR=celery`` a backfill of three days, submitted
through the GraphQL API of a webserver and daemon on the PostgreSQL instance, runs every step of
its run(s) on a Celery worker the test starts (RabbitMQ at 127.0.0.1:5672, a queue of its own),
and loads each day's events."""

from __future__ import annotations

import re
import shutil
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from dagster_services import TERMINAL_STATUSES, ProductionDagster, production_dagster
from sqlalchemy import Engine, text

from dagster_project.defs.pipeline import JOB_NAME

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DAYS = ("2024-11-29", "2024-11-30", "2024-12-01")
BROKER = "amqp://guest:guest@127.0.0.1:5672//"
STEPS_PER_RUN = 6
BACKFILL_TIMEOUT = 240.0


def rabbitmq_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def dagster(tmp_path: Path, server_url: str, clean_db: str) -> Iterator[ProductionDagster]:
    if not rabbitmq_answers():
        pytest.fail(
            "RabbitMQ does not answer on 127.0.0.1:5672 (start it: rabbitmq-server -detached)"
        )
    queue = f"eventetl-test-{uuid.uuid4().hex[:12]}"  # this run's steps reach this worker only
    env = {
        "EVENTETL_EXECUTOR": "celery",
        "EVENTETL_CELERY_BROKER_URL": BROKER,
        "EVENTETL_CELERY_QUEUE": queue,
    }
    with production_dagster(
        tmp_path, server_url, clean_db, env, celery_queue=queue, start_daemon=False
    ) as running:
        yield running


def events_per_day(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT partition_date::text, count(*) FROM event GROUP BY 1")
        ).all()
    return {day: count for day, count in rows}


def days_covered(run: dict) -> list[str]:
    """The days a backfill run covered: its partition, or its range (single-run policy)."""
    if run["partition"]:
        return [run["partition"]]
    start, end = run["range"]
    return [day for day in DAYS if start <= day <= end]


def test_backfill_of_three_days_runs_its_steps_on_the_celery_worker(
    dagster: ProductionDagster, db: Engine
) -> None:
    for day in DAYS:
        for path in SAMPLES.glob(f"{day}_*"):
            shutil.copy(path, dagster.inbox / path.name)
    backfill_id = dagster.graphql.launch_job_backfill(JOB_NAME, DAYS)
    dagster.start_daemon()

    deadline = time.monotonic() + BACKFILL_TIMEOUT
    while True:
        # The daemon marks the backfill finished only on its next 30 s loop; the runs tell sooner.
        runs = dagster.graphql.runs_tagged("dagster/backfill", backfill_id)
        requested = sorted(day for run in runs for day in days_covered(run))
        finished = all(run["status"] in TERMINAL_STATUSES for run in runs)
        if requested == sorted(DAYS) and finished:
            break
        dagster.processes.check_alive()
        assert time.monotonic() < deadline, f"backfill unfinished: {runs}"
        time.sleep(1)

    failed = [run for run in runs if run["status"] != "SUCCESS"]
    if failed:
        pytest.fail(
            f"{failed}:\n{dagster.graphql.run_failure(failed[0]['runId'])}\n"
            f"worker log:\n{dagster.processes.log('worker')}"
        )
    # The assets' backfill policy packs the days into as few runs as it can (one here).
    assert len(runs) == 1, runs
    # Every step of every run was a task the worker ran (none ran in the run's own process).
    worker_log = dagster.processes.log("worker", tail=10**7)
    done = re.findall(r"Task execute_plan\[[0-9a-f-]+\] succeeded", worker_log)
    assert len(done) == STEPS_PER_RUN * len(runs)
    loaded = events_per_day(db)
    assert all(loaded.get(day, 0) > 0 for day in DAYS), loaded
    # Steps handed their outputs on through PostgreSQL, which workers on any host reach.
    with db.connect() as connection:
        stored = connection.execute(
            text("SELECT DISTINCT partition FROM pipeline_output WHERE asset = 'coded_events'")
        ).scalars()
        assert sorted(stored) == sorted(DAYS)
