"""Streaming events out of the ``v_events_acled`` and ``v_events_gdelt`` views.

Rows come through a server-side cursor in batches, so memory stays bounded however many rows the
export has. Events exported to a layout whose id they lack natively (coded events, or ACLED rows
in GDELT's layout) first get a stable number in ``event_export_key``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, column, func, literal, select, table, true
from sqlalchemy.dialects.postgresql import insert

from schema.events import Event
from schema.interop import EventExportKey

VIEWS = {"acled": "v_events_acled", "gdelt": "v_events_gdelt"}
# The event column that must be set for a row to appear in a layout's view.
_CODING = {"acled": Event.acled_event_type, "gdelt": Event.cameo_code}


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which events to export: an inclusive event-date range and an ISO3 country."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    iso3: str | None = None


def _conditions(date_column: Any, iso3_column: Any, where: ExportFilter) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if where.date_from is not None:
        parts.append(date_column >= where.date_from)
    if where.date_to is not None:
        parts.append(date_column <= where.date_to)
    if where.iso3 is not None:
        parts.append(iso3_column == where.iso3)
    return and_(true(), *parts)


def assign_export_keys(engine: Engine, layout: str, where: ExportFilter) -> int:
    """Give every event of the export that lacks a native id in ``layout`` a stable number.

    Numbers are keyed by event id and never reassigned, so repeated exports agree.

    Returns:
        How many events got a new number.
    """
    native_origin = layout  # ACLED rows have event_id_cnty, GDELT rows GLOBALEVENTID
    candidates = select(Event.id).where(
        Event.origin != native_origin,
        _CODING[layout].is_not(None),
        _conditions(Event.event_date, Event.iso3, where),
        ~select(literal(1)).where(EventExportKey.event_id == Event.id).exists(),
    )
    statement = (
        insert(EventExportKey)
        .from_select(["event_id"], candidates)
        .on_conflict_do_nothing(index_elements=["event_id"])
    )
    with engine.begin() as connection:
        return connection.execute(statement).rowcount or 0


def count_rows(engine: Engine, layout: str, where: ExportFilter) -> int:
    """How many rows an export will write (for the progress bar)."""
    view = table(VIEWS[layout], column("event_date"), column("iso3"))
    query = (
        select(func.count())
        .select_from(view)
        .where(_conditions(view.c.event_date, view.c.iso3, where))
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def stream_rows(
    engine: Engine,
    layout: str,
    columns: Sequence[str],
    where: ExportFilter,
    *,
    batch_size: int = 5_000,
) -> Iterator[dict[str, Any]]:
    """The view's rows (``columns`` of them), ordered by event date and event id.

    Args:
        engine: the database.
        layout: ``acled`` or ``gdelt``.
        columns: the view columns to read.
        where: the filter.
        batch_size: rows fetched per round trip of the server-side cursor.

    Yields:
        One mapping per row, column name -> value.
    """
    for batch in stream_batches(engine, layout, columns, where, batch_size=batch_size):
        for row in batch:
            yield dict(zip(columns, row, strict=True))


def stream_batches(
    engine: Engine,
    layout: str,
    columns: Sequence[str],
    where: ExportFilter,
    *,
    batch_size: int = 5_000,
) -> Iterator[Sequence[Sequence[Any]]]:
    """Like :func:`stream_rows`, but a batch at a time, each row its values in ``columns`` order.

    Memory stays bounded by ``batch_size`` rows (a server-side cursor); skipping the per-row
    mapping is what makes a million-row export cheap in Python.
    """
    names = list(dict.fromkeys([*columns, "event_date", "iso3", "event_id"]))
    view = table(VIEWS[layout], *(column(name) for name in names))
    query = (
        select(*(view.c[name] for name in columns))
        .where(_conditions(view.c.event_date, view.c.iso3, where))
        .order_by(view.c.event_date, view.c.event_id)
    )
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=batch_size).execute(
            query
        )
        yield from result.partitions()
