"""The inbox sensor (cursor, idempotent run keys, only changed partitions), the daily schedule,
the loaded definitions, and ``dg check defs`` run as CI runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import dagster as dg
from conftest import SAMPLES

from dagster_project.defs.pipeline import JOB_NAME, build_definitions
from dagster_project.defs.resources import InboxResource
from dagster_project.defs.sensors import SENSOR_NAME
from etl.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def definitions(inbox: Path) -> dg.Definitions:
    settings = load_settings(
        {"EVENTETL_INBOX": str(inbox), "EVENTETL_PARTITION_START": "2024-01-01"}
    )
    return build_definitions(settings)


def tick(defs: dg.Definitions, inbox: Path, cursor: str | None):
    sensor = defs.resolve_sensor_def(SENSOR_NAME)
    context = dg.build_sensor_context(
        cursor=cursor, resources={"inbox": InboxResource(path=str(inbox))}, definitions=defs
    )
    return sensor(context)


def test_sensor_requests_changed_partitions_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    defs = definitions(inbox)

    first = tick(defs, inbox, None)
    keys = sorted(r.partition_key for r in first.run_requests)
    assert keys[0] == "2024-11-27" and len(keys) == 9  # every day of the samples
    assert len({r.run_key for r in first.run_requests}) == 9

    second = tick(defs, inbox, first.cursor)
    assert not second.run_requests and second.cursor == first.cursor

    # a new file for one day: only that day, with a new run key
    (inbox / "2024-12-02_extra.txt").write_text(
        "Another rally\nDate: 2024-12-02\n\nStudents marched in Tbilisi on Monday.\n"
    )
    third = tick(defs, inbox, second.cursor)
    assert [r.partition_key for r in third.run_requests] == ["2024-12-02"]
    old_key = next(r.run_key for r in first.run_requests if r.partition_key == "2024-12-02")
    assert third.run_requests[0].run_key != old_key

    # the same files again give the same key (the daemon drops a repeated run key)
    replay = tick(defs, inbox, second.cursor)
    assert replay.run_requests[0].run_key == third.run_requests[0].run_key


def test_definitions_job_schedule_and_partitions() -> None:
    defs = definitions(SAMPLES)
    job = defs.resolve_job_def(JOB_NAME)
    assert job.partitions_def is not None
    assert job.partitions_def.get_first_partition_key() == "2024-01-01"
    assert date.today().isoformat() >= job.partitions_def.get_last_partition_key()
    schedule = defs.resolve_schedule_def("daily_latest_partition")
    assert schedule.job_name == JOB_NAME and schedule.cron_schedule == "0 1 * * *"
    graph = defs.resolve_asset_graph()
    assert {k.to_user_string() for k in graph.get_all_asset_keys()} == {
        "articles",
        "sentences",
        "coded_events",
        "validated_events",
        "events_table",
        "event_views",
    }


def test_dg_check_defs() -> None:
    dg_cli = Path(sys.executable).with_name("dg")
    result = subprocess.run(
        [str(dg_cli), "check", "defs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr


def test_no_dagster_import_outside_dagster_project() -> None:
    pattern = re.compile(r"^\s*(import|from) dagster\b", re.MULTILINE)  # not dagster_project
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("etl", "schema")
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
