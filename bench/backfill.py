"""A backfill of many days: one run for the whole range against one run per day.

Usage: ``uv run python bench/backfill.py [--days 60] [--per-day-sample 3]``

An inbox of ``--days`` consecutive days (the bundled samples' article texts, each day's copy
made distinct, so every day has documents to code) is loaded into scratch databases with the
real coder, in the two ways Dagster runs the partition job:

1. in-process (``dg.materialize``, what ``eventetl run`` does): one run over the range
   (the backfill policy's single run), against one run per day for every day;
2. multiprocess (the default executor of ``dagster asset materialize``, ``dg launch``, the UI
   and the daemon: every step its own process): one run over the range, against one run per
   day for ``--per-day-sample`` days, whose mean is multiplied by ``--days`` (printed as an
   extrapolation, since ``--days`` such runs take most of an hour on a small machine).

Both ways end with the same events in the database (checked).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import git_commit, machine_description, scratch_database

ROOT = Path(__file__).resolve().parents[1]
FIRST_DAY = date(2024, 6, 1)
INBOX_ENV = "EVENTETL_BENCH_BACKFILL_INBOX"
DATABASE_ENV = "EVENTETL_BENCH_BACKFILL_DATABASE_URL"


def write_inbox(folder: Path, days: int) -> list[str]:
    """One JSON Lines file per day holding the samples' article texts, made distinct per day."""
    from etl.ingest import scan_inbox

    texts = [
        (d.title, d.text) for f in scan_inbox(ROOT / "samples" / "articles") for d in f.documents
    ]
    keys = []
    for n in range(days):
        day = FIRST_DAY + timedelta(days=n)
        keys.append(day.isoformat())
        with (folder / f"{day.isoformat()}.jsonl").open("w", encoding="utf-8") as out:
            for i, (title, body) in enumerate(texts[:3]):
                record = {
                    "published": day.isoformat(),
                    "title": title or f"article {i}",
                    "text": f"{body}\n\nReport {n}-{i} filed on {day:%d %B %Y}.",
                    "url": f"https://news.example/{day.isoformat()}/{i}",
                    "source": "bench",
                }
                out.write(json.dumps(record) + "\n")
    return keys


def _definitions() -> dg.Definitions:
    from dagster_project.defs.pipeline import build_definitions
    from dagster_project.defs.resources import DatabaseResource, InboxResource
    from etl.settings import load_settings

    settings = load_settings({"EVENTETL_PARTITION_START": FIRST_DAY.isoformat()})
    return build_definitions(
        settings,
        resources={
            "database": DatabaseResource(url=os.environ[DATABASE_ENV]),
            "inbox": InboxResource(path=os.environ[INBOX_ENV]),
        },
    )


def bench_job() -> dg.JobDefinition:
    """The partition job (multiprocess executor) on the bench inbox and database."""
    from dagster_project.defs.pipeline import JOB_NAME

    return _definitions().resolve_job_def(JOB_NAME)


def _events(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as c:
        rows = c.execute(text("SELECT id, cameo_code FROM event ORDER BY id")).all()
    engine.dispose()
    return rows


def _range_tags(keys: list[str]) -> dict[str, str]:
    return {
        "dagster/asset_partition_range_start": keys[0],
        "dagster/asset_partition_range_end": keys[-1],
    }


def in_process(keys: list[str], ranged: bool) -> tuple[float, list[tuple]]:
    definitions = _definitions()
    assets = list(definitions.assets or [])
    resources = dict(definitions.resources or {})
    start = time.perf_counter()
    with dg.instance_for_test() as instance:
        if ranged:
            result = dg.materialize(
                assets, resources=resources, instance=instance, tags=_range_tags(keys)
            )
            assert result.success
        else:
            for key in keys:
                result = dg.materialize(
                    assets, partition_key=key, resources=resources, instance=instance
                )
                assert result.success, key
    return time.perf_counter() - start, _events(os.environ[DATABASE_ENV])


def multiprocess(keys: list[str], ranged: bool) -> tuple[float, list[tuple]]:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as home, dg.instance_for_test(temp_dir=home) as instance:
        runs = [_range_tags(keys)] if ranged else [{"dagster/partition": k} for k in keys]
        for tags in runs:
            result = dg.execute_job(dg.reconstructable(bench_job), instance=instance, tags=tags)
            assert result.success, tags
    return time.perf_counter() - start, _events(os.environ[DATABASE_ENV])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--per-day-sample", type=int, default=3)
    args = parser.parse_args()
    print(f"# backfill of {args.days} days at {git_commit()} on {machine_description()}")
    from etl.pipeline import load_coder

    load_coder()  # the model loads once per process: not inside the first in-process timing
    with tempfile.TemporaryDirectory() as inbox:
        keys = write_inbox(Path(inbox), args.days)
        os.environ[INBOX_ENV] = inbox
        sample = keys[: args.per_day_sample]
        figures: dict[str, tuple[float, list[tuple]]] = {}
        for name, way, days, ranged in (
            ("in-process, one run for the range", in_process, keys, True),
            ("in-process, one run per day", in_process, keys, False),
            ("multiprocess, one run for the range", multiprocess, keys, True),
            ("multiprocess, one run per day (sample)", multiprocess, sample, False),
        ):
            with scratch_database() as url:
                os.environ[DATABASE_ENV] = url
                seconds, events = way(days, ranged)
            figures[name] = (seconds, events)
            print(f"{name:<42} {len(days):>3} days {seconds:8.1f} s  {len(events)} events")
        one = figures["in-process, one run for the range"]
        per_day = figures["in-process, one run per day"]
        assert one[1] == per_day[1], "the range run and the per-day runs loaded different events"
        assert figures["multiprocess, one run for the range"][1] == one[1]
        mp_range = figures["multiprocess, one run for the range"][0]
        mp_sample = figures["multiprocess, one run per day (sample)"][0]
        mp_per_day = mp_sample / len(sample) * args.days
        print(
            f"in-process: {per_day[0]:.1f} s per day-run vs {one[0]:.1f} s as one run "
            f"({per_day[0] / one[0]:.1f}x)"
        )
        print(
            f"multiprocess: ~{mp_per_day:.0f} s for {args.days} day-runs "
            f"(extrapolated from {len(sample)}: {mp_sample / len(sample):.1f} s each) vs "
            f"{mp_range:.1f} s as one run ({mp_per_day / mp_range:.1f}x)"
        )


if __name__ == "__main__":
    main()
