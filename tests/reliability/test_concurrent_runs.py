"""Concurrent runs of the same partition, and concurrent imports of the same GDELT file, started
together from threads: the advisory locks serialise them and nothing is ever doubled."""

from __future__ import annotations

import sys
import threading
from datetime import date
from pathlib import Path

import polars as pl
from sqlalchemy import Engine, text

from etl.interop.commands import run_import
from etl.records import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from _common import load_synthetic, mentions_for, synthetic_events  # noqa: E402
from test_kill_mid_load import gdelt_file  # noqa: E402

DAY = date(2024, 7, 1)
WORKERS = 4


def _together(target, n: int = WORKERS) -> list[object]:
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def work(i: int) -> None:
        barrier.wait()
        try:
            results[i] = target(i)
        except BaseException as exc:  # surfaced by the assertion below
            results[i] = exc

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not [r for r in results if isinstance(r, BaseException)], results
    return results


def test_concurrent_loads_of_one_partition_are_serialised(db: Engine) -> None:
    events = synthetic_events(5_000, first_day=DAY, days=1, seed=3, partition=DAY)
    rejected = events.head(2).with_columns(
        pl.col("id") + "-bad",
        pl.lit("planted").alias("reason"),
        pl.lit("planted").alias("check_name"),
    )

    # Mentions point at a stored document's sentences, as the pipeline's always do.
    document = Document(id="doc-concurrent", text="Shelling was reported.", published=DAY)
    mentions = mentions_for(events).with_columns(
        pl.lit(document.id).alias("document_id"),
        pl.int_range(0, events.height, dtype=pl.Int64).alias("sentence_index"),
    )

    def load(i: int):
        return load_synthetic(
            db,
            DAY,
            events,
            coder_version="concurrent",
            mentions=mentions,
            rejected=rejected,
            documents=[document],
        )

    results = _together(load)
    # Exactly one of the serialised loads inserted the rows; the others found them unchanged.
    assert sorted(r.events_changed for r in results) == [0] * (WORKERS - 1) + [5_000]
    with db.connect() as c:
        assert c.execute(text("SELECT count(*), count(DISTINCT id) FROM event")).one() == (
            5_000,
            5_000,
        )
        assert c.execute(text("SELECT count(*) FROM event_mention")).scalar_one() == 5_000
        assert c.execute(text("SELECT count(*) FROM quarantine")).scalar_one() == 2
        assert (
            c.execute(text("SELECT count(*) FROM coding_run WHERE status='succeeded'")).scalar_one()
            == WORKERS
        )


def test_concurrent_imports_of_one_file_are_serialised(db: Engine, tmp_path: Path) -> None:
    path = gdelt_file(tmp_path / "same.export.CSV", 900_000_000, 1_000)
    reports = _together(lambda i: run_import("gdelt", path, engine=db, today=date(2030, 1, 1)))
    inserted = sorted(r.inserted for r in reports)
    assert inserted[:-1] == [0] * (WORKERS - 1) and inserted[-1] > 0
    assert all(r.loaded == inserted[-1] for r in reports)
    with db.connect() as c:
        total, distinct = c.execute(
            text("SELECT count(*), count(DISTINCT external_id) FROM event WHERE origin='gdelt'")
        ).one()
        quarantined = c.execute(text("SELECT count(*) FROM quarantine")).scalar_one()
    assert total == distinct == inserted[-1]
    # the later imports replaced the file's quarantine rows: one set, not four
    assert quarantined == 1_000 - total
