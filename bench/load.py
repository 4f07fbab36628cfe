"""Loader throughput against a raw COPY of the same rows, with peak memory.

Usage: ``uv run python bench/load.py [--events 1000000] [--partition-size 10000]``

It generates valid coded events in bounded batches (one partition at a time), loads them through
``etl.load.events.load_partition`` (staging COPY + upsert + mentions + coding run, one
transaction per partition), then COPYs the same rows into a bare table with no indexes or
constraints: the physical ceiling on this machine. Both are timed in the same run.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    git_commit,
    load_synthetic,
    machine_description,
    peak_rss_mb,
    scratch_database,
    synthetic_events,
)

from etl.load.database import libpq_url


def raw_copy_rate(
    url: str, table: str, including: str, partitions: int, size: int, first: date
) -> float:
    """Rows/s of a plain CSV COPY of the benchmark's rows into a ``LIKE event`` table."""
    seconds = 0.0
    copied = 0
    with psycopg.connect(libpq_url(url)) as conn:
        conn.execute(f"CREATE TABLE {table} (LIKE event INCLUDING DEFAULTS {including})")
        conn.commit()
        for index in range(partitions):
            day = first + timedelta(days=index)
            frame = synthetic_events(
                size, first_day=day - timedelta(days=3), days=4, seed=index, partition=day
            )
            started = time.perf_counter()
            buffer = io.BytesIO()
            frame.write_csv(buffer, include_header=False)
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            with (
                conn.cursor() as cursor,
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy,
            ):
                copy.write(buffer.getvalue())
            conn.commit()
            seconds += time.perf_counter() - started
            copied += frame.height
    return copied / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--partition-size", type=int, default=10_000)
    args = parser.parse_args()
    partitions = max(1, args.events // args.partition_size)
    first = date(2020, 1, 1)

    print(
        f"command: uv run python bench/load.py --events {args.events} "
        f"--partition-size {args.partition_size}"
    )
    print(f"machine: {machine_description()}; commit {git_commit()}")
    with scratch_database() as url:
        engine = create_engine(url)
        loader_seconds = 0.0
        loaded = 0
        for index in range(partitions):
            day = first + timedelta(days=index)
            frame = synthetic_events(
                args.partition_size,
                first_day=day - timedelta(days=3),
                days=4,
                seed=index,
                partition=day,
            )
            started = time.perf_counter()
            result = load_synthetic(engine, day, frame, coder_version="bench")
            loader_seconds += time.perf_counter() - started
            loaded += result.events
        loader_rate = loaded / loader_seconds
        print(
            f"loader:   {loaded:,} events in {loader_seconds:.1f} s = {loader_rate:,.0f} events/s "
            f"({partitions} partitions of {args.partition_size:,})"
        )

        copy_rate = raw_copy_rate(url, "bare_event", "", partitions, args.partition_size, first)
        print(
            f"raw COPY: {copy_rate:,.0f} rows/s "
            "(bare logged table, no indexes or constraints, CSV from polars)"
        )
        indexed_rate = raw_copy_rate(
            url, "indexed_event", "INCLUDING ALL", partitions, args.partition_size, first
        )
        print(
            f"indexed COPY: {indexed_rate:,.0f} rows/s (same rows into a copy of event with its "
            f"indexes and CHECKs, no FKs: the ceiling while the table keeps its indexes)"
        )
        print(f"ratio loader / indexed COPY: {loader_rate / indexed_rate:.0%}")
        print(f"ratio loader / raw COPY: {loader_rate / copy_rate:.0%} (target >= 60%)")
        print(f"peak RSS: {peak_rss_mb():,.0f} MB (target < 1024 MB)")
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
