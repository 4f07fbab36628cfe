"""Re-loading a partition whose mentions have NULL document ids and sentence indexes: the
``event_mention`` count stays exactly one per mention (the unique key treats NULLs as distinct,
so an upsert alone used to add a copy of each on every re-load)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "bench"))
from _common import load_synthetic, synthetic_events  # noqa: E402

DAY = date(2024, 6, 2)


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as c:
        return c.execute(
            text(
                "SELECT count(*), count(DISTINCT event_id), "
                "count(*) FILTER (WHERE document_id IS NULL) FROM event_mention"
            )
        ).one()


def test_reload_with_null_mention_keys_keeps_the_count(db: Engine) -> None:
    events = synthetic_events(300, first_day=DAY, days=1, seed=11, partition=DAY)
    for _ in range(3):  # first load (COPY), then two re-loads (staging + upsert path)
        load_synthetic(db, DAY, events, coder_version="t1")
        assert _counts(db) == (300, 300, 300)
    # A recoding that drops 100 events and changes the rest: their NULL-key mentions follow.
    fewer = synthetic_events(200, first_day=DAY, days=1, seed=11, partition=DAY)
    load_synthetic(db, DAY, fewer, coder_version="t2")
    assert _counts(db) == (200, 200, 200)
    with db.connect() as c:
        orphans = c.execute(
            text(
                "SELECT count(*) FROM event_mention m LEFT JOIN event e ON e.id = m.event_id "
                "WHERE e.id IS NULL"
            )
        ).scalar_one()
    assert orphans == 0
