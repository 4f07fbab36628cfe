"""The project's definitions: assets, job, sensor, schedule and resources.

Settings are read when the definitions load (never at import): the partitions start at
``EVENTETL_PARTITION_START``, the inbox is ``EVENTETL_INBOX``, the database URL comes from
``EVENTETL_DATABASE_URL`` (as a ``dg.EnvVar``, so it is never shown in the UI).

The job runs on the multiprocess executor, or on Celery workers with ``EVENTETL_EXECUTOR=celery``
(see ``dagster_project/executors.py``); the multiprocess executor's concurrency is set per run
with ``execution: {config: {max_concurrent: N}}`` (see dagster.postgres.yaml).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg

from dagster_project.defs.assets import build_assets
from dagster_project.defs.partitions import daily_partitions
from dagster_project.defs.resources import (
    CoderResource,
    DatabaseResource,
    InboxResource,
    ValidationResource,
    step_output_io_manager,
)
from dagster_project.defs.sensors import build_inbox_sensor
from dagster_project.executors import job_executor
from etl.settings import Settings, load_settings

JOB_NAME = "eventetl_partition_job"


def default_resources(settings: Settings) -> dict[str, Any]:
    """Resources configured from settings."""
    url: Any = dg.EnvVar("EVENTETL_DATABASE_URL") if os.environ.get("EVENTETL_DATABASE_URL") else ""
    return {
        "database": DatabaseResource(url=url),
        "inbox": InboxResource(path=str(settings.inbox)),
        "coder": CoderResource(),
        "validation": ValidationResource(quarantine_threshold=settings.quarantine_threshold),
        # Steps hand their outputs over through PostgreSQL: each runs in its own process.
        "io_manager": step_output_io_manager,
    }


def build_definitions(
    settings: Settings | None = None, resources: Mapping[str, Any] | None = None
) -> dg.Definitions:
    """Every definition of the project.

    Args:
        settings: default: read from the environment now.
        resources: replace some of the default resources (tests, the runner).
    """
    settings = settings or load_settings()
    partitions_def = daily_partitions(settings.partition_start)
    assets = build_assets(partitions_def)
    job = dg.define_asset_job(
        JOB_NAME,
        selection=dg.AssetSelection.assets(*assets),
        executor_def=job_executor(),
        description="Read, code, validate and load one day of articles.",
    )
    schedule = dg.build_schedule_from_partitioned_job(
        job,
        name="daily_latest_partition",
        hour_of_day=1,
        minute_of_hour=0,
        description=(
            "At 01:00 UTC, run the partition job for the day that just ended (its articles "
            "are all in by then)."
        ),
    )
    return dg.Definitions(
        assets=assets,
        jobs=[job],
        sensors=[build_inbox_sensor(job, partitions_def)],
        schedules=[schedule],
        resources={**default_resources(settings), **(resources or {})},
        executor=job_executor(),  # runs of assets picked in the UI, outside the job
    )


@dg.definitions
def defs() -> dg.Definitions:
    """Loaded by ``dg.load_from_defs_folder``."""
    return build_definitions()
