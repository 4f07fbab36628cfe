"""The partition loader against a real PostgreSQL: what one load writes, cross-article dedup,
quarantine of planted bad rows, identical re-runs, recoding with a new coder version, documents
seen under another file name, unreadable files, and the per-partition advisory lock."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster"))
from pipeline_fakes import (
    AIRSTRIKE_SARMADA,
    SAMPLE_RULES,
    SHELLING_KHARKIV,
    fake_handle,
)

from etl.ingest import scan_inbox
from etl.load.events import lock_partition
from etl.pipeline import partitions_in, run_partition

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DAY = date(2024, 11, 28)
TABLES = {
    "document": "id",
    "sentence": "document_id, index",
    "event": "id",
    "event_mention": "event_id, document_id, sentence_index",
    "quarantine": "id",
    "ingest_file": "path",
}


@pytest.fixture
def db(clean_db: str) -> Iterator[Engine]:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


def dump(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {
            table: [
                tuple(row)
                for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
            ]
            for table, order in TABLES.items()
        }


def run_all(engine: Engine, inbox: Path, handle, *, force: bool = False):
    scan = scan_inbox(inbox)
    return [
        run_partition(engine, inbox, date.fromisoformat(p), handle, scan=scan, force=force)
        for p in partitions_in(scan)
    ]


def test_samples_load_with_dedup_mentions_and_files(db: Engine) -> None:
    handle, _ = fake_handle()
    reports = run_all(db, SAMPLES, handle)
    assert all(r.load is not None for r in reports)
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM document")).scalar_one() == 22
        # the Sarmada airstrike is told by a .txt and a .csv article: one event, two mentions
        (event_id, mentions, articles, sources) = c.execute(
            text(
                "SELECT id, num_mentions, num_articles, num_sources FROM event "
                "WHERE location = 'Sarmada'"
            )
        ).one()
        assert (mentions, articles, sources) == (2, 2, 2)
        origins = (
            c.execute(
                text(
                    "SELECT d.origin FROM event_mention m JOIN document d ON d.id = m.document_id "
                    "WHERE m.event_id = :id ORDER BY d.origin"
                ),
                {"id": event_id},
            )
            .scalars()
            .all()
        )
        assert [o.split(":")[0] for o in origins] == [
            "2024-11-28_idlib_airstrike.txt",
            "2024-11-28_regional_roundup.csv",
        ]
        failed = c.execute(
            text("SELECT status, documents, error FROM ingest_file WHERE path LIKE '%broken%'")
        ).one()
        assert failed[0] == "failed" and failed[1] == 0 and "not valid JSON" in failed[2]
        runs = c.execute(
            text("SELECT status, coder_version, event_count FROM coding_run WHERE partition = :p"),
            {"p": DAY.isoformat()},
        ).all()
        assert runs == [("succeeded", "fake-coder-1", 3)]
        # every mention points at a stored sentence with the same span
        orphans = c.execute(
            text(
                "SELECT count(*) FROM event_mention m LEFT JOIN sentence s ON "
                "s.document_id = m.document_id AND s.index = m.sentence_index "
                "WHERE s.id IS NULL OR s.char_start <> m.char_start"
            )
        ).scalar_one()
        assert orphans == 0


def test_rerun_is_a_no_op_and_a_forced_rerun_writes_identical_rows(db: Engine) -> None:
    handle, coder = fake_handle()
    run_all(db, SAMPLES, handle)
    before = dump(db)
    calls = coder.calls
    again = run_all(db, SAMPLES, handle)
    assert all(r.skipped_reason == "up to date" for r in again)
    assert coder.calls == calls  # nothing was coded
    assert dump(db) == before
    forced = run_all(db, SAMPLES, handle, force=True)
    assert all(r.load is not None and r.load.events_changed == 0 for r in forced)
    assert dump(db) == before  # same ids, same timestamps, same quarantine rows


def test_planted_bad_rows_go_to_quarantine_and_good_rows_load(db: Engine) -> None:
    rules = dict(SAMPLE_RULES)
    rules["shelled the northern suburbs of kharkiv"] = SHELLING_KHARKIV | {"goldstein": 5.0}
    rules["fought for control of villages"] = SHELLING_KHARKIV | {
        "location": "Pokrovsk",
        "admin1": "Donetsk",
        "acled_event_type": "Battles",
    }
    handle, _ = fake_handle(rules)
    scan = scan_inbox(SAMPLES)
    report = run_partition(db, SAMPLES, DAY, handle, scan=scan, run_id="run-42")
    assert report.load is not None and report.load.quarantined == 2
    with db.connect() as c:
        locations = c.execute(text("SELECT location FROM event ORDER BY location")).scalars().all()
        assert locations == ["Sarmada", "Yerevan"]
        rows = c.execute(
            text(
                "SELECT check_name, reason, partition, run_id, origin, payload->>'location' "
                "FROM quarantine ORDER BY check_name"
            )
        ).all()
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("acled_pair_valid", "2024-11-28", "run-42", "coded", "Pokrovsk"),
        ("goldstein_matches_code", "2024-11-28", "run-42", "coded", "Kharkiv"),
    ]
    assert "goldstein=5.0" in rows[1][1]


def test_recoding_with_a_new_version_replaces_the_partition(db: Engine) -> None:
    old, _ = fake_handle()
    scan = scan_inbox(SAMPLES)
    run_partition(db, SAMPLES, DAY, old, scan=scan)
    with db.connect() as c:
        old_ids = set(c.execute(text("SELECT id FROM event")).scalars())
    new, coder = fake_handle({"warplanes struck": AIRSTRIKE_SARMADA}, version="fake-coder-2")
    report = run_partition(db, SAMPLES, DAY, new, scan=scan)
    assert coder.calls == 1 and report.load is not None
    assert report.load.events_deleted == len(old_ids)
    with db.connect() as c:
        rows = c.execute(text("SELECT id, coder_version FROM event")).all()
        runs = c.execute(text("SELECT coder_version FROM coding_run ORDER BY id")).scalars().all()
        mentions = c.execute(text("SELECT count(*) FROM event_mention")).scalar_one()
    assert {v for _, v in rows} == {"fake-coder-2"} and len(rows) == 1
    assert not old_ids & {i for i, _ in rows}
    assert runs == ["fake-coder-1", "fake-coder-2"] and mentions == 2


def test_same_text_under_another_file_name_is_skipped_and_counted(
    db: Engine, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "2024-11-28_idlib_airstrike.txt", inbox / "a.txt")
    handle, _ = fake_handle()
    run_partition(db, inbox, DAY, handle)
    shutil.copy(inbox / "a.txt", inbox / "b_copy.txt")
    report = run_partition(db, inbox, DAY, handle)
    assert report.input.inbox_documents == 2 and report.input.duplicates >= 1
    assert report.load is not None and report.load.documents_new == 0
    with db.connect() as c:
        files = c.execute(
            text("SELECT path, status, documents, duplicates FROM ingest_file ORDER BY path")
        ).all()
        assert c.execute(text("SELECT count(*) FROM document")).scalar_one() == 1
    assert files == [("a.txt", "loaded", 1, 0), ("b_copy.txt", "loaded", 0, 1)]


def test_loads_of_one_partition_wait_for_the_advisory_lock(db: Engine) -> None:
    handle, _ = fake_handle()
    scan = scan_inbox(SAMPLES)
    finished: list[float] = []

    def load() -> None:
        run_partition(db, SAMPLES, DAY, handle, scan=scan)
        finished.append(time.monotonic())

    with db.connect() as holder:
        with holder.begin():
            lock_partition(holder, DAY.isoformat())
            worker = threading.Thread(target=load)
            worker.start()
            time.sleep(1.5)
            assert not finished, "the load ran while another transaction held the lock"
            released = time.monotonic()
        worker.join(timeout=60)
    assert finished and finished[0] >= released
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 3
