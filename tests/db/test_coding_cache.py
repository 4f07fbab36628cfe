"""The per-document coding cache against a real PostgreSQL: a day run twice with one article
added in between codes only that article and ends with the rows a from-scratch run gives; a new
coder version recodes everything; a missing or corrupted cache entry falls back to coding."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster"))
from pipeline_fakes import fake_coder_resource, fake_handle, shared_coder

from dagster_project.defs.resources import DatabaseResource
from dagster_project.runner import run_pipeline
from etl.load import migrate
from etl.pipeline import run_partition
from etl.settings import load_settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DAY = date(2024, 11, 28)
TODAY = date(2024, 12, 31)
LATE_TEXT = (
    "Late report on Idlib\nDate: 2024-11-28\nSource: Late Wire\n\n"
    "Russian warplanes struck the town of Sarmada again on Thursday, rescuers said. "
    "Elsewhere, demonstrators gathered outside the parliament in Tbilisi."
)
#: Every event column but the bookkeeping ones (the run that wrote it, its timestamps).
EVENT_ROWS = (
    "SELECT to_jsonb(e) - 'created_at' - 'updated_at' - 'coding_run_id' FROM event e ORDER BY id"
)


@pytest.fixture
def db(clean_db: str) -> Iterator[Engine]:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The sample files of 2024-11-28 (7 documents, one event told twice)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in SAMPLES.glob("2024-11-28_*"):
        shutil.copy(path, folder / path.name)
    return folder


def _rows(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as c:
        return {
            "events": list(c.execute(text(EVENT_ROWS)).scalars()),
            "mentions": [
                tuple(r)
                for r in c.execute(
                    text(
                        "SELECT event_id, document_id, sentence_index, char_start, char_end "
                        "FROM event_mention ORDER BY 1, 2, 3"
                    )
                )
            ],
            "quarantine": [
                tuple(r)
                for r in c.execute(text("SELECT check_name, reason FROM quarantine ORDER BY 1, 2"))
            ],
        }


def _cache_entries(engine: Engine) -> int:
    with engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM document_coding")).scalar_one()


def test_one_added_article_is_the_only_one_coded_and_rows_match_a_full_run(
    db: Engine, inbox: Path, new_database: str
) -> None:
    handle, coder = fake_handle()
    first = run_partition(db, inbox, DAY, handle, today=TODAY)
    assert first.load is not None and first.load.events == 3
    assert len(coder.coded) == 7 and _cache_entries(db) == 7

    (inbox / "2024-11-28_late.txt").write_text(LATE_TEXT, encoding="utf-8")
    coder.coded.clear()
    second = run_partition(db, inbox, DAY, handle, today=TODAY)
    assert second.load is not None
    assert len(coder.coded) == 1, "only the added article is coded"
    added = coder.coded[0]
    assert added not in {d.id for d in first.input.documents}
    assert _cache_entries(db) == 8
    incremental = _rows(db)
    # the added article's airstrike merges with the stored reports of it
    assert any(added == m[1] for m in incremental["mentions"])

    migrate.upgrade(new_database)
    scratch = create_engine(new_database)
    try:
        full_handle, full_coder = fake_handle()
        run_partition(scratch, inbox, DAY, full_handle, today=TODAY)
        assert len(full_coder.coded) == 8
        assert _rows(scratch) == incremental
    finally:
        scratch.dispose()


def test_a_new_coder_version_recodes_every_document(db: Engine, inbox: Path) -> None:
    handle, coder = fake_handle(version="cache-v1")
    run_partition(db, inbox, DAY, handle, today=TODAY)
    assert len(coder.coded) == 7

    newer, newer_coder = fake_handle(version="cache-v2")
    report = run_partition(db, inbox, DAY, newer, today=TODAY)
    assert report.skipped_reason is None
    assert len(newer_coder.coded) == 7
    with db.connect() as c:
        versions = dict(
            c.execute(text("SELECT coder_version, count(*) FROM document_coding GROUP BY 1")).all()
        )
        stored = set(c.execute(text("SELECT DISTINCT coder_version FROM event")).scalars())
    assert versions == {handle.cache_key: 7, newer.cache_key: 7}
    assert stored == {"cache-v2"}


@pytest.mark.parametrize(
    "damage",
    [
        "DELETE FROM document_coding WHERE document_id = :doc",
        'UPDATE document_coding SET events = \'{"not": "a list"}\' WHERE document_id = :doc',
        "UPDATE document_coding SET events = '[{\"doc_id\": 1}]' WHERE document_id = :doc",
    ],
    ids=["deleted", "not-a-list", "bad-event"],
)
def test_a_missing_or_corrupted_entry_is_coded_again(db: Engine, inbox: Path, damage: str) -> None:
    handle, coder = fake_handle()
    run_partition(db, inbox, DAY, handle, today=TODAY)
    before = _rows(db)
    # the document with the airstrike: its events are the ones that must come back
    with db.connect() as c:
        doc = c.execute(
            text("SELECT document_id FROM event_mention ORDER BY document_id LIMIT 1")
        ).scalar_one()
    with db.begin() as c:
        c.execute(text(damage), {"doc": doc})
    (inbox / "2024-11-28_late.txt").write_text(LATE_TEXT, encoding="utf-8")
    coder.coded.clear()
    run_partition(db, inbox, DAY, handle, today=TODAY)
    assert doc in coder.coded and len(coder.coded) == 2
    after = _rows(db)
    assert set(m[:3] for m in before["mentions"]) <= set(m[:3] for m in after["mentions"])
    with db.connect() as c:
        payload = c.execute(
            text("SELECT events FROM document_coding WHERE document_id = :doc"), {"doc": doc}
        ).scalar_one()
    assert isinstance(payload, list) and payload and payload[0]["doc_id"] == doc


def test_eventetl_run_codes_only_the_added_article(
    clean_db: str, db: Engine, inbox: Path, tmp_path: Path
) -> None:
    """The same through the Dagster graph ``eventetl run`` materializes."""
    coder = fake_coder_resource(rule_set="samples", version="cache-runner-1")
    fake = shared_coder("samples", "cache-runner-1")
    resources = {"database": DatabaseResource(url=clean_db), "coder": coder}
    settings = load_settings({"EVENTETL_HOME": str(tmp_path / "home")})
    assert run_pipeline(inbox, [], settings=settings, resources=resources, out=io.StringIO()) == 0
    assert len(fake.coded) == 7
    (inbox / "2024-11-28_late.txt").write_text(LATE_TEXT, encoding="utf-8")
    fake.coded.clear()
    assert run_pipeline(inbox, [], settings=settings, resources=resources, out=io.StringIO()) == 0
    assert len(fake.coded) == 1 and _cache_entries(db) == 8
