"""The event frame: coded events as a polars frame with the ``event`` table's columns.

Cross-article de-duplication happens here: the same event told by several articles of a
partition becomes one row, and every sentence that tells it becomes one mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import polars as pl
from sqlalchemy import BigInteger, Boolean, Date, DateTime, Double, Integer, SmallInteger

from etl.records import CodedEvent, Document, Mention, Sentence
from schema import Event

#: Server-maintained columns the frame leaves out.
SERVER_COLUMNS = ("created_at", "updated_at")


def _polars_type(column) -> pl.DataType:
    kind = column.type
    if isinstance(kind, SmallInteger | Integer | BigInteger):
        return pl.Int64()
    if isinstance(kind, Double):
        return pl.Float64()
    if isinstance(kind, Boolean):
        return pl.Boolean()
    if isinstance(kind, DateTime):
        return pl.Datetime("us", "UTC")
    if isinstance(kind, Date):
        return pl.Date()
    return pl.String()


#: Column name -> dtype of the event frame, in table order.
EVENT_SCHEMA: dict[str, pl.DataType] = {
    column.name: _polars_type(column)
    for column in Event.__table__.columns
    if column.name not in SERVER_COLUMNS
}
MENTION_SCHEMA: dict[str, pl.DataType] = {
    "event_id": pl.String(),
    "document_id": pl.String(),
    "sentence_index": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "source": pl.String(),
    "url": pl.String(),
}
SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "index": pl.Int64(),
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "text": pl.String(),
}

# CodedEvent fields copied unchanged into event columns of the same name.
_SAME_NAME = tuple(
    name
    for name in CodedEvent.__slots__  # type: ignore[attr-defined]
    if name in EVENT_SCHEMA
)


@dataclass(frozen=True)
class EventFrames:
    """A partition's events and their mentions (one row per sentence telling an event).

    ``codings`` holds the events of the documents coded (not read from the coding cache) to
    make these frames, by document id; the load stores them in the cache.
    """

    events: pl.DataFrame
    mentions: pl.DataFrame
    codings: Mapping[str, tuple[CodedEvent, ...]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> EventFrames:
        return cls(pl.DataFrame(schema=EVENT_SCHEMA), pl.DataFrame(schema=MENTION_SCHEMA))

    def only(self, event_ids: pl.Series | list[str]) -> EventFrames:
        """The frames restricted to ``event_ids`` (e.g. the rows that passed validation)."""
        ids = [str(i) for i in event_ids]
        return EventFrames(
            self.events.filter(pl.col("id").is_in(ids)),
            self.mentions.filter(pl.col("event_id").is_in(ids)),
            self.codings,
        )


def sentences_frame(sentences: Iterable[Sentence]) -> pl.DataFrame:
    """Sentences as a frame with the ``sentence`` table's columns."""
    return pl.DataFrame(
        [(s.doc_id, s.index, s.char_start, s.char_end, s.text) for s in sentences],
        schema=SENTENCE_SCHEMA,
        orient="row",
    )


def dedup_key(event: CodedEvent) -> tuple[object, ...]:
    """What makes two reports the same event.

    Same day, same CAMEO code and ACLED sub-type, same actors (CAMEO codes and ACLED names),
    same country and same admin1 (the place itself when admin1 is unknown).
    """
    return (
        event.event_date,
        event.cameo_code,
        event.acled_sub_event_type,
        event.actor1_code,
        event.actor2_code,
        event.acled_actor1,
        event.acled_actor2,
        event.iso3 or event.country,
        event.admin1 or event.location,
    )


def _order(event: CodedEvent) -> tuple[object, ...]:
    return (event.doc_id, event.sentence_index, event.char_start, event.event_id)


def build_event_frames(
    events: Iterable[CodedEvent],
    documents: Mapping[str, Document],
    partition: date,
) -> EventFrames:
    """Turn coded events into the event and mention frames, merging cross-article duplicates.

    The merged row is the earliest report's (by document id, sentence, offset), so its id is
    stable across runs. Fatalities: the lowest non-zero figure reported (ACLED counts
    conservatively; a report that does not mention deaths does not lower it to 0).

    Args:
        events: the partition's coded events.
        documents: the partition's documents by id (for source and url).
        partition: the partition day (publication day).

    Returns:
        The frames, rows sorted by event id.
    """
    groups: dict[tuple[object, ...], list[CodedEvent]] = {}
    for event in sorted(events, key=_order):
        groups.setdefault(dedup_key(event), []).append(event)
    event_rows: list[dict[str, object]] = []
    mention_rows: dict[tuple[str, str, int], dict[str, object]] = {}
    for reports in groups.values():
        first = reports[0]
        event_id = first.event_id
        own_mentions: set[tuple[str, str, int]] = set()
        for report in reports:
            doc = documents.get(report.doc_id)
            mentions = report.mentions or (
                Mention(
                    report.doc_id,
                    report.sentence_index,
                    report.char_start,
                    report.char_end,
                    report.sentence,
                ),
            )
            for mention in mentions:
                key = (event_id, mention.doc_id, mention.sentence_index)
                own_mentions.add(key)
                mention_rows.setdefault(
                    key,
                    {
                        "event_id": event_id,
                        "document_id": mention.doc_id,
                        "sentence_index": mention.sentence_index,
                        "char_start": mention.char_start,
                        "char_end": mention.char_end,
                        "source": doc.source if doc else None,
                        "url": doc.url if doc else None,
                    },
                )
        doc_ids = {report.doc_id for report in reports}
        sources = {
            (documents[d].source if d in documents and documents[d].source else d) for d in doc_ids
        }
        reported = [r.fatalities for r in reports if r.fatalities]
        doc = documents.get(first.doc_id)
        row: dict[str, object] = {name: getattr(first, name) for name in _SAME_NAME}
        row.update(
            id=event_id,
            origin="coded",
            partition_date=partition,
            document_id=first.doc_id,
            is_root_event=first.sentence_index == 0,
            fatalities=min(reported) if reported else 0,
            source=doc.source if doc else None,
            source_url=doc.url if doc else None,
            num_mentions=len(own_mentions),
            num_sources=len(sources),
            num_articles=len(doc_ids),
        )
        event_rows.append(row)
    events_frame = pl.DataFrame(event_rows, schema=EVENT_SCHEMA).sort("id")
    mentions_frame = pl.DataFrame(list(mention_rows.values()), schema=MENTION_SCHEMA).sort(
        "event_id", "document_id", "sentence_index"
    )
    return EventFrames(events_frame, mentions_frame)
