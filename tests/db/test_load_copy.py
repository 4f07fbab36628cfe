"""The loader's CSV COPY round-trips tricky values exactly: quotes, commas, newlines, tabs,
backslashes, a literal ``\\N``, empty strings versus nulls, dates, timestamps, booleans and
floats, across more than one COPY chunk."""

from __future__ import annotations

import datetime as dt

import polars as pl
from sqlalchemy import Engine, select

from etl.load.events import _EVENT, _copy_into, _staging_table

TRICKY = [
    'say "hello", then leave',
    "line one\nline two\r\nline three",
    "tab\there",
    "back\\slash \\\\ twice",
    "\\N",
    "\\\\N",
    "",
    " ",
    "NULL",
    "null",
    '""',
    "ünïcødé — ‘quotes’ 日本",
    None,
    ",",
    '"',
    "\\.",
]


def test_copy_round_trips_tricky_values(engine: Engine) -> None:
    n = len(TRICKY)
    frame = pl.DataFrame(
        {
            "id": [f"copy-{i}" for i in range(n)],
            "notes": TRICKY,
            "location": list(reversed(TRICKY)),
            "event_date": [
                dt.date(2024, 1, 1) + dt.timedelta(days=i) if i % 3 else None for i in range(n)
            ],
            "date_added": pl.Series(
                [
                    dt.datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=dt.UTC) if i % 2 else None
                    for i in range(n)
                ],
                dtype=pl.Datetime("us", "UTC"),
            ),
            "is_root_event": [None if i % 4 == 0 else bool(i % 2) for i in range(n)],
            "goldstein": [None if i == 1 else -7.25 + i / 3 for i in range(n)],
            "fatalities": [None if i == 2 else i for i in range(n)],
        }
    )
    with engine.begin() as connection:
        staging = _staging_table(connection, "copy_roundtrip", _EVENT, frame.columns)
        # a chunk of 5 rows: several COPY writes in one COPY statement
        _copy_into(connection, staging, frame, chunk_rows=5)
        rows = connection.execute(
            select(*(staging.c[c] for c in frame.columns)).order_by(staging.c.id)
        ).all()
        connection.rollback()
    expected = sorted(frame.iter_rows(), key=lambda row: row[0])
    assert [tuple(row) for row in rows] == expected
