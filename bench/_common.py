"""Helpers shared by the benchmarks: a scratch database, synthetic events, RSS and timing."""

from __future__ import annotations

import os
import platform
import resource
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

import numpy as np
import polars as pl
from sqlalchemy import Engine

from etl.load import migrate
from etl.load.database import embedded_url, ensure_driver, temporary_database
from etl.load.events import LoadResult, load_partition
from etl.pipeline.frames import EVENT_SCHEMA, MENTION_SCHEMA
from etl.records import Document
from schema.reference_data import read_reference_rows

COUNTRIES = [
    ("SYR", 35.0, 38.0),
    ("UKR", 49.0, 31.0),
    ("YEM", 15.5, 47.5),
    ("SDN", 15.0, 30.0),
    ("MLI", 17.0, -4.0),
    ("NGA", 9.0, 8.0),
    ("COD", -2.0, 23.0),
    ("SOM", 5.0, 46.0),
    ("AFG", 33.0, 65.0),
    ("IRQ", 33.0, 44.0),
    ("LBN", 33.8, 35.8),
    ("ISR", 31.0, 35.0),
    ("PSE", 31.9, 35.2),
    ("MMR", 21.0, 96.0),
    ("ETH", 9.0, 40.0),
    ("LBY", 27.0, 17.0),
    ("PAK", 30.0, 70.0),
    ("IND", 22.0, 79.0),
    ("MEX", 23.0, -102.0),
    ("COL", 4.0, -72.0),
    ("BRA", -10.0, -55.0),
    ("VEN", 8.0, -66.0),
    ("HTI", 19.0, -72.3),
    ("RUS", 55.0, 37.0),
    ("IRN", 32.0, 53.0),
    ("TUR", 39.0, 35.0),
    ("EGY", 26.0, 30.0),
    ("NER", 16.0, 8.0),
    ("BFA", 12.0, -1.5),
    ("CMR", 6.0, 12.0),
    ("CAF", 7.0, 21.0),
    ("SSD", 7.0, 30.0),
    ("MOZ", -18.0, 35.0),
    ("KEN", 0.0, 38.0),
    ("UGA", 1.0, 32.0),
    ("TCD", 15.0, 19.0),
    ("PHL", 13.0, 122.0),
    ("THA", 15.0, 101.0),
    ("BGD", 24.0, 90.0),
    ("LKA", 7.0, 81.0),
    ("GEO", 42.0, 43.5),
    ("ARM", 40.0, 45.0),
    ("AZE", 40.5, 47.5),
    ("SRB", 44.0, 21.0),
    ("FRA", 46.0, 2.0),
    ("DEU", 51.0, 9.0),
    ("GBR", 54.0, -2.0),
    ("USA", 38.0, -97.0),
    ("CHN", 35.0, 103.0),
    ("KOR", 36.5, 127.8),
]
ACTOR_ROLES = ["GOV", "MIL", "REB", "OPP", "COP", "CVL"]


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GiB RAM, Python {platform.python_version()}"
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_url() -> str:
    configured = os.environ.get("EVENTETL_BENCH_DATABASE_URL")
    if configured:
        return ensure_driver(configured)
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    except OSError:
        home = os.environ.get("EVENTETL_HOME", os.path.expanduser("~/.local/share/eventetl"))
        return embedded_url(__import__("pathlib").Path(home) / "pgdata", database="postgres")


@contextmanager
def scratch_database(migrated: bool = True) -> Iterator[str]:
    """A new database for one benchmark run, dropped afterwards."""
    with temporary_database(server_url(), "eventetl_bench") as url:
        if migrated:
            migrate.upgrade(url)
        yield url


@contextmanager
def timed() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


def synthetic_events(
    n: int, *, first_day: date, days: int, seed: int, partition: date | None = None
) -> pl.DataFrame:
    """``n`` valid coded events spread over ``days`` days, 50 countries and every CAMEO root."""
    rng = np.random.default_rng(seed)
    codes = [row for row in read_reference_rows("cameo_event_codes.tsv") if row["goldstein"]]
    code_index = rng.integers(0, len(codes), n)
    country_index = rng.integers(0, len(COUNTRIES), n)
    day_offsets = rng.integers(0, days, n)
    taxonomy = read_reference_rows("acled_sub_event_types.tsv")
    sub_index = rng.integers(0, len(taxonomy), n)
    inter1 = rng.integers(1, 9, n)
    inter2 = rng.integers(0, 9, n)
    low, high = np.minimum(inter1, inter2), np.maximum(inter1, inter2)
    interaction = np.where(inter2 == 0, inter1 * 10, low * 10 + high)
    lat0 = np.array([COUNTRIES[i][1] for i in country_index])
    lon0 = np.array([COUNTRIES[i][2] for i in country_index])
    event_dates = [first_day + timedelta(days=int(d)) for d in day_offsets]
    iso3 = [COUNTRIES[i][0] for i in country_index]
    roles1 = rng.integers(0, len(ACTOR_ROLES), n)
    roles2 = rng.integers(0, len(ACTOR_ROLES), n)
    frame = pl.DataFrame(
        {
            "id": [f"bench-{seed}-{i}" for i in range(n)],
            "origin": ["coded"] * n,
            "partition_date": [partition] * n if partition else event_dates,
            "event_date": event_dates,
            "time_precision": rng.integers(1, 4, n),
            "cameo_code": [codes[i]["code"] for i in code_index],
            "cameo_base": [codes[i]["base_code"] for i in code_index],
            "cameo_root": [codes[i]["root_code"] for i in code_index],
            "quad_class": [int(codes[i]["quad_class"]) for i in code_index],
            "goldstein": [float(codes[i]["goldstein"]) for i in code_index],
            "actor1_code": [f"{iso3[i]}{ACTOR_ROLES[r]}" for i, r in enumerate(roles1)],
            "actor2_code": [f"{iso3[i]}{ACTOR_ROLES[r]}" for i, r in enumerate(roles2)],
            "actor1_country": iso3,
            "actor2_country": iso3,
            "acled_event_type": [taxonomy[i]["event_type"] for i in sub_index],
            "acled_sub_event_type": [taxonomy[i]["sub_event_type"] for i in sub_index],
            "disorder_type": [taxonomy[i]["disorder_type"] for i in sub_index],
            "inter1": inter1,
            "inter2": inter2,
            "interaction": interaction,
            "iso3": iso3,
            "location": [f"Place {i % 997}" for i in range(n)],
            "admin1": [f"Province {i % 37}" for i in range(n)],
            "latitude": lat0 + rng.uniform(-0.5, 0.5, n),
            "longitude": lon0 + rng.uniform(-0.5, 0.5, n),
            "geo_precision": rng.integers(1, 4, n),
            "fatalities": rng.poisson(1.5, n),
            "notes": ["Synthetic benchmark event sentence about shelling near a town."] * n,
            "coder_version": ["bench"] * n,
            "num_mentions": [1] * n,
            "num_sources": [1] * n,
            "num_articles": [1] * n,
        }
    )
    missing = {
        name: pl.lit(None, dtype=dtype)
        for name, dtype in EVENT_SCHEMA.items()
        if name not in frame.columns
    }
    frame = frame.with_columns(**missing) if missing else frame
    return frame.select([pl.col(name).cast(dtype) for name, dtype in EVENT_SCHEMA.items()])


def mentions_for(events: pl.DataFrame) -> pl.DataFrame:
    """One mention per event, without a document or sentence (synthetic events have none)."""
    return events.select(
        pl.col("id").alias("event_id") if name == "event_id" else pl.lit(None).alias(name)
        for name in MENTION_SCHEMA
    ).cast(MENTION_SCHEMA)


def load_synthetic(
    engine: Engine,
    day: date,
    events: pl.DataFrame,
    *,
    coder_version: str,
    mentions: pl.DataFrame | None = None,
    rejected: pl.DataFrame | None = None,
    documents: Sequence[Document] = (),
) -> LoadResult:
    """Load ``events`` as the partition ``day`` through the project's loader, with no input
    files or sentences; mentions default to :func:`mentions_for`, rejects to none."""
    if rejected is None:
        rejected = events.head(0).with_columns(
            pl.lit("", dtype=pl.String).alias("reason"),
            pl.lit("", dtype=pl.String).alias("check_name"),
        )
    return load_partition(
        engine,
        partition=day,
        files=[],
        documents=list(documents),
        sentences=[],
        events=events,
        mentions=mentions_for(events) if mentions is None else mentions,
        rejected=rejected,
        coder_version=coder_version,
    )


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
