"""Rows in every data table (document, sentence, event, event_mention, quarantine, coding_run,
ingest_file, event_export_key) survive walking the migrations down one revision at a time, as far
as the tables exist, and back up to head: no table that exists at both ends loses a row."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import polars as pl
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from etl.ingest.inbox import FileResult
from etl.load import migrate
from etl.load.events import load_partition
from etl.pipeline.frames import MENTION_SCHEMA
from etl.records import Document, Sentence

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from _common import synthetic_events

DAY = date(2024, 6, 4)
TABLES = (
    "document",
    "sentence",
    "event",
    "event_mention",
    "quarantine",
    "coding_run",
    "ingest_file",
    "event_export_key",
)
#: The revision that creates each table (the rest come with 0001).
CREATED_BY = {"event_export_key": "0003"}


def _fill(url: str) -> None:
    engine = create_engine(url)
    body = "Rebels shelled the town. Two people were killed."
    document = Document(id="doc-migrations", text=body, published=DAY, origin="a.txt")
    sentences = [
        Sentence(doc_id=document.id, index=0, char_start=0, char_end=24, text=body[:24]),
        Sentence(doc_id=document.id, index=1, char_start=25, char_end=len(body), text=body[25:]),
    ]
    events = synthetic_events(6, first_day=DAY, days=1, seed=21, partition=DAY)
    mentions = pl.DataFrame(
        {
            "event_id": events["id"],
            "document_id": [document.id] * 6,
            "sentence_index": [0, 1, 0, 1, 0, 1],
        }
    ).with_columns(
        pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in MENTION_SCHEMA.items()
        if name not in ("event_id", "document_id", "sentence_index")
    )
    rejected = events.head(2).with_columns(
        pl.col("id") + "-rejected",
        pl.lit("planted").alias("reason"),
        pl.lit("planted").alias("check_name"),
    )
    load_partition(
        engine,
        partition=DAY,
        files=[FileResult("a.txt", "fingerprint-a", (document,))],
        documents=[document],
        sentences=sentences,
        events=events,
        mentions=mentions.select(list(MENTION_SCHEMA)),
        rejected=rejected,
        coder_version="migrations-1",
    )
    with engine.begin() as c:
        c.execute(text("INSERT INTO event_export_key (event_id) SELECT id FROM event"))
    engine.dispose()


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            present = set(
                c.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                ).scalars()
            )
            return {
                t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()  # names: constants
                for t in TABLES
                if t in present
            }
    finally:
        engine.dispose()


def test_each_revision_down_and_back_up_keeps_every_row(new_database: str) -> None:
    url = new_database
    migrate.upgrade(url)
    _fill(url)
    full = _counts(url)
    assert set(full) == set(TABLES) and all(full.values()), full
    script = ScriptDirectory.from_config(migrate.alembic_config(url))
    revisions = [r.revision for r in script.walk_revisions()]  # head first
    for target in revisions[1:]:  # every revision below head, down to the first one
        migrate.downgrade(url, target)
        below = _counts(url)
        expected = {t: n for t, n in full.items() if CREATED_BY.get(t, revisions[-1]) <= target}
        assert below == expected, f"at {target}: {below} != {expected}"
        migrate.upgrade(url)
        back = _counts(url)
        kept = {t: full[t] for t in expected}
        assert {t: back[t] for t in kept} == kept, f"after {target} and back: {back}"
        migrate.downgrade(url, target)  # continue the walk from here
    migrate.upgrade(url)
    assert migrate.current_revision(url) == revisions[0]
    final = _counts(url)
    assert {t: final[t] for t in TABLES if t not in CREATED_BY} == {
        t: full[t] for t in TABLES if t not in CREATED_BY
    }
