"""What the database holds for one partition: its stored events, counts and quarantine.

The Dagster assets report these when a day is already up to date (nothing recoded), so their
metadata and checks describe the rows that are really there, not an empty skip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl
from sqlalchemy import Engine, func, select

from etl.load.events import CODED
from etl.pipeline.frames import EVENT_SCHEMA
from schema import Document, Event, EventMention, Quarantine, Sentence

#: Payload fields shown in a quarantine preview (the rest stay in the table).
PREVIEW_FIELDS = ("id", "event_date", "cameo_code", "acled_sub_event_type", "location")


@dataclass(frozen=True)
class PartitionCounts:
    """Rows stored for one partition.

    Attributes:
        documents: documents published that day.
        sentences: their sentences.
        events: coded events of the partition.
        mentions: mentions of those events.
        quarantined: quarantined rows of the partition.
    """

    documents: int = 0
    sentences: int = 0
    events: int = 0
    mentions: int = 0
    quarantined: int = 0


@dataclass(frozen=True)
class QuarantineSummary:
    """A partition's quarantined rows: how many, why, and the first few.

    Attributes:
        total: rows in ``quarantine`` for the partition.
        by_check: rows per failed check name.
        preview: up to the requested number of rows (check, reason, key payload fields).
    """

    total: int = 0
    by_check: dict[str, int] = field(default_factory=dict)
    preview: list[dict[str, Any]] = field(default_factory=list)


def stored_events(engine: Engine, partition: date) -> pl.DataFrame:
    """The partition's coded events as stored, as an event frame (``EVENT_SCHEMA``)."""
    columns = [Event.__table__.c[name] for name in EVENT_SCHEMA]
    with engine.connect() as connection:
        rows = connection.execute(
            select(*columns)
            .where(Event.partition_date == partition, Event.origin == CODED)
            .order_by(Event.id)
        ).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=EVENT_SCHEMA, orient="row")


def partition_counts(engine: Engine, partition: date) -> PartitionCounts:
    """Stored rows of the partition: documents, sentences, events, mentions, quarantined."""
    events = select(Event.id).where(Event.partition_date == partition, Event.origin == CODED)
    documents = select(Document.id).where(Document.published == partition)
    with engine.connect() as connection:
        one = connection.execute(
            select(
                select(func.count()).select_from(documents.subquery()).scalar_subquery(),
                select(func.count())
                .select_from(Sentence)
                .where(Sentence.document_id.in_(documents))
                .scalar_subquery(),
                select(func.count()).select_from(events.subquery()).scalar_subquery(),
                select(func.count())
                .select_from(EventMention)
                .where(EventMention.event_id.in_(events))
                .scalar_subquery(),
                select(func.count())
                .select_from(Quarantine)
                .where(Quarantine.partition == partition.isoformat())
                .scalar_subquery(),
            )
        ).one()
    return PartitionCounts(*(int(n) for n in one))


def quarantine_summary(engine: Engine, partition: date, *, limit: int = 10) -> QuarantineSummary:
    """The partition's quarantined rows: total, count per check and a preview of ``limit``."""
    key = partition.isoformat()
    with engine.connect() as connection:
        by_check = {
            str(check): int(n)
            for check, n in connection.execute(
                select(Quarantine.check_name, func.count())
                .where(Quarantine.partition == key)
                .group_by(Quarantine.check_name)
                .order_by(func.count().desc(), Quarantine.check_name)
            )
        }
        rows = connection.execute(
            select(Quarantine.id, Quarantine.check_name, Quarantine.reason, Quarantine.payload)
            .where(Quarantine.partition == key)
            .order_by(Quarantine.id)
            .limit(limit)
        ).all()
    preview = [
        {"quarantine_id": row_id, "check_name": check, "reason": reason}
        | {name: (payload or {}).get(name) for name in PREVIEW_FIELDS}
        for row_id, check, reason, payload in rows
    ]
    return QuarantineSummary(sum(by_check.values()), by_check, preview)
