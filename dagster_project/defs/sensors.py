"""The inbox sensor: a run per partition whose files changed since the last tick."""

import hashlib
import json
from typing import Any

import dagster as dg

from dagster_project.defs.resources import InboxResource
from etl.ingest import file_fingerprints, read_file

SENSOR_NAME = "inbox_sensor"


def load_cursor(cursor: str | None) -> dict[str, dict[str, object]]:
    """``{path: {"fingerprint": str, "partitions": [str]}}`` from the sensor cursor."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except json.JSONDecodeError:
        return {}  # an unreadable cursor means "seen nothing": every file is new
    return data if isinstance(data, dict) else {}


def partition_run_key(partition: str, files: dict[str, dict[str, object]]) -> str:
    """The run key of a partition: the partition and its files' fingerprints.

    The same files give the same key, so a repeated tick never launches a second run.
    """
    members = sorted(
        (path, str(entry["fingerprint"]))
        for path, entry in files.items()
        if partition in entry.get("partitions", [])  # type: ignore[operator]
    )
    digest = hashlib.sha256(json.dumps(members).encode()).hexdigest()[:16]
    return f"{partition}:{digest}"


def build_inbox_sensor(job: Any, partitions_def: dg.PartitionsDefinition) -> dg.SensorDefinition:
    """A cursor-based sensor on the inbox requesting ``job`` for changed partitions."""

    @dg.sensor(
        name=SENSOR_NAME,
        job=job,
        minimum_interval_seconds=60,
        description=(
            "Every minute: fingerprint the inbox's files and request the partition job for each "
            "day whose files are new or changed (one run per day and set of files)."
        ),
    )
    def inbox_sensor(context: dg.SensorEvaluationContext, inbox: InboxResource):
        """Hash the inbox's files; re-read only new or changed ones to learn their days, and
        request a run for each day whose set of files changed."""
        previous = load_cursor(context.cursor)
        if not inbox.folder.is_dir():
            return dg.SkipReason(f"inbox {inbox.folder} does not exist")
        current: dict[str, dict[str, object]] = {}
        changed: set[str] = set()
        for path, digest in file_fingerprints(inbox.folder).items():
            entry = previous.get(path)
            if entry and entry.get("fingerprint") == digest:
                current[path] = entry
                continue
            result = read_file(inbox.folder / path, display_path=path)
            current[path] = {"fingerprint": digest, "partitions": sorted(result.partitions)}
            if not result.documents:
                context.log.warning(f"{path}: no documents ({result.error_text})")
            changed.update(result.partitions)
            if entry:
                changed.update(entry.get("partitions", []))  # type: ignore[arg-type]
        valid = set(partitions_def.get_partition_keys())
        requests = []
        for partition in sorted(changed):
            if partition not in valid:
                context.log.warning(f"partition {partition} is outside the partitions; skipped")
                continue
            requests.append(
                dg.RunRequest(
                    run_key=partition_run_key(partition, current), partition_key=partition
                )
            )
        cursor = json.dumps(current, sort_keys=True)
        if not requests:
            return dg.SensorResult(skip_reason="no changed partitions", cursor=cursor)
        return dg.SensorResult(run_requests=requests, cursor=cursor)

    return inbox_sensor
