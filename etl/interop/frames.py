"""Building polars frames with the ``event`` table's column names from parsed rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import polars as pl
from sqlalchemy import BigInteger, Integer, SmallInteger

from etl.interop.errors import BadValue
from schema.events import Event

#: The column that carries each row's line in the file through validation to quarantine.
LINE = "source_line"

STRING = pl.String()
INT = pl.Int64()
FLOAT = pl.Float64()
DATE = pl.Date()
BOOL = pl.Boolean()
DATETIME = pl.Datetime("us", "UTC")

#: Every column an importer may fill, with its polars type (names are the event table's).
EVENT_COLUMNS: dict[str, pl.DataType] = {
    "id": STRING,
    "origin": STRING,
    "external_id": STRING,
    "partition_date": DATE,
    "source_file": STRING,
    "event_date": DATE,
    "time_precision": INT,
    "cameo_code": STRING,
    "cameo_base": STRING,
    "cameo_root": STRING,
    "quad_class": INT,
    "goldstein": FLOAT,
    "is_root_event": BOOL,
    **{
        f"actor{n}_{name}": STRING
        for n in (1, 2)
        for name in (
            "code",
            "name",
            "country",
            "known_group",
            "ethnic",
            "religion1",
            "religion2",
            "role",
            "type2",
            "type3",
        )
    },
    "acled_event_type": STRING,
    "acled_sub_event_type": STRING,
    "disorder_type": STRING,
    "acled_actor1": STRING,
    "assoc_actor_1": STRING,
    "inter1": INT,
    "acled_actor2": STRING,
    "assoc_actor_2": STRING,
    "inter2": INT,
    "interaction": INT,
    "civilian_targeting": STRING,
    "iso_numeric": INT,
    "iso3": STRING,
    "region": STRING,
    "country": STRING,
    "admin1": STRING,
    "admin2": STRING,
    "admin3": STRING,
    "location": STRING,
    "latitude": FLOAT,
    "longitude": FLOAT,
    "geo_precision": INT,
    "source": STRING,
    "source_scale": STRING,
    "notes": STRING,
    "fatalities": INT,
    "tags": STRING,
    "acled_timestamp": INT,
    "action_geo_type": INT,
    "action_geo_fips": STRING,
    "action_geo_adm1_code": STRING,
    "action_geo_adm2_code": STRING,
    "action_geo_feature_id": STRING,
    **{
        f"actor{n}_geo_{name}": dtype
        for n in (1, 2)
        for name, dtype in (
            ("type", INT),
            ("fullname", STRING),
            ("fips", STRING),
            ("adm1_code", STRING),
            ("adm2_code", STRING),
            ("lat", FLOAT),
            ("long", FLOAT),
            ("feature_id", STRING),
        )
    },
    "num_mentions": INT,
    "num_sources": INT,
    "num_articles": INT,
    "avg_tone": FLOAT,
    "source_url": STRING,
    "date_added": DATETIME,
    LINE: INT,
}


def frame_from_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pl.DataFrame:
    """A frame of ``columns`` (typed from :data:`EVENT_COLUMNS`) from parsed row dicts."""
    schema = {name: EVENT_COLUMNS[name] for name in columns}
    data = {name: [row.get(name) for row in rows] for name in columns}
    return pl.DataFrame(data, schema=schema)


@cache
def integer_ranges() -> dict[str, tuple[int, int, str]]:
    """Event column -> (lowest, highest, SQL type) for its integer columns, read from the schema.

    A value outside its column's range would make the whole file's ``COPY`` fail; readers check
    it per row, so that row alone goes to quarantine.
    """
    ranges: dict[str, tuple[int, int, str]] = {}
    for column in Event.__table__.columns:
        # SmallInteger and BigInteger are Integer subclasses: test the narrow ones first.
        if isinstance(column.type, SmallInteger):
            ranges[column.name] = (-(2**15), 2**15 - 1, "smallint")
        elif isinstance(column.type, BigInteger):
            ranges[column.name] = (-(2**63), 2**63 - 1, "bigint")
        elif isinstance(column.type, Integer):
            ranges[column.name] = (-(2**31), 2**31 - 1, "integer")
    return ranges


def storable_int(field_name: str, column: str, raw: str, number: int | None) -> int | None:
    """``number`` when the event column can hold it.

    Raises:
        BadValue: the number is outside the column's range (the message names the range).
    """
    if number is None or column not in integer_ranges():
        return number
    low, high, sql_type = integer_ranges()[column]
    if not low <= number <= high:
        raise BadValue(field_name, raw, f"a whole number from {low} to {high} ({sql_type})")
    return number


def check_storable_text(raw: Mapping[str, object]) -> None:
    """Refuse a row whose fields hold a NUL character, which PostgreSQL text cannot store.

    Raises:
        BadValue: naming the first such field.
    """
    texts = [value for value in raw.values() if isinstance(value, str)]
    if "\x00" not in "".join(texts):  # one C-speed scan for the common case
        return
    for name, value in raw.items():
        if isinstance(value, str) and "\x00" in value:
            raise BadValue(
                name, value, "text without NUL characters (U+0000), which the database cannot store"
            )
