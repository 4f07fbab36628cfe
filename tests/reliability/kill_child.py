"""A loader process for the kill tests: it imports what it needs, says ``ready``, waits for a
line on stdin, runs its command and prints ``done PID SECONDS`` after each commit.

Commands: ``partition URL FRAME.parquet DAY PREFIX`` loads a synthetic partition whose ids and
coder version carry PREFIX; ``gdelt URL FILE [FILE ...]`` imports GDELT files one by one through
``etl.load.imports`` (read, quarantine, COPY to staging, merge: one transaction per file). The
import skips the Great Expectations pass of ``eventetl import`` (pure computation before any
write, and 5 s of start-up per process), so kill points fall in the database work.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl
from sqlalchemy import create_engine

from etl.interop.commands import _from_problem
from etl.interop.gdelt import read_gdelt
from etl.load.imports import import_session

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from _common import load_synthetic


def load(url: str, frame_path: str, day: str, prefix: str) -> None:
    events = pl.read_parquet(frame_path).with_columns(
        (pl.lit(prefix) + pl.col("id")).alias("id"), pl.lit(prefix).alias("coder_version")
    )
    rejected = events.head(3).with_columns(
        pl.col("id") + "-rejected",
        pl.lit(f"planted by {prefix}").alias("reason"),
        pl.lit("planted").alias("check_name"),
    )
    engine = create_engine(url)
    started = time.perf_counter()
    load_synthetic(engine, date.fromisoformat(day), events, coder_version=prefix, rejected=rejected)
    print(f"done {os.getpid()} {time.perf_counter() - started:.3f}", flush=True)


def import_gdelt(url: str, *paths: str) -> None:
    engine = create_engine(url)
    for path in paths:
        started = time.perf_counter()
        source = str(Path(path).resolve())
        with import_session(engine, origin="gdelt", source_file=source) as session:
            for frame, problems in read_gdelt(Path(path), batch_size=2_000):
                session.quarantine([_from_problem(p) for p in problems])
                session.stage(frame)
            session.merge(newer_only=False)
        print(f"done {os.getpid()} {time.perf_counter() - started:.3f}", flush=True)


if __name__ == "__main__":
    create_engine(sys.argv[2]).connect().close()  # the driver loaded and the server reachable
    print("ready", flush=True)
    sys.stdin.readline()
    (load if sys.argv[1] == "partition" else import_gdelt)(*sys.argv[2:])
