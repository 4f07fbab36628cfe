"""GDELT events files: read 2.0 (61 fields), 1.0 daily (58) and 1.0 backfile (57); write 2.0.

GDELT's files are tab-separated with no header and no quoting, whatever their ``.CSV`` name says.
Every field is read as a string first, so CAMEO codes keep their leading zeros (``040``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from psycopg.abc import Buffer

from etl.interop.errors import BadValue, InteropError, RowProblem
from etl.interop.frames import (
    EVENT_COLUMNS,
    LINE,
    check_storable_text,
    frame_from_rows,
    storable_int,
)
from etl.interop.reference import iso3_by_fips
from etl.load.exports import python_float_sql

ORIGIN = "gdelt"

#: GDELT 2.0's 61 columns, in order (names as in GDELT's codebook and BigQuery).
V2_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
_ADM2 = ("Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code")
#: 1.0 daily files (2013-04 on): no ADM2 codes; DATEADDED is YYYYMMDD.
V1_DAILY_COLUMNS: tuple[str, ...] = tuple(c for c in V2_COLUMNS if c not in _ADM2)
#: 1.0 backfile (1979-2013-03): as daily, without SOURCEURL.
V1_BACKFILE_COLUMNS: tuple[str, ...] = V1_DAILY_COLUMNS[:-1]
LAYOUTS: dict[int, tuple[str, tuple[str, ...]]] = {
    61: ("GDELT 2.0", V2_COLUMNS),
    58: ("GDELT 1.0 daily", V1_DAILY_COLUMNS),
    57: ("GDELT 1.0 backfile", V1_BACKFILE_COLUMNS),
}

# GDELT field -> event column, for the plain string fields.
_STRING_FIELDS: dict[str, str] = {
    **{
        f"Actor{n}{gdelt}": f"actor{n}_{ours}"
        for n in (1, 2)
        for gdelt, ours in (
            ("Code", "code"),
            ("Name", "name"),
            ("CountryCode", "country"),
            ("KnownGroupCode", "known_group"),
            ("EthnicCode", "ethnic"),
            ("Religion1Code", "religion1"),
            ("Religion2Code", "religion2"),
            ("Type1Code", "role"),
            ("Type2Code", "type2"),
            ("Type3Code", "type3"),
        )
    },
    "EventCode": "cameo_code",
    "EventBaseCode": "cameo_base",
    "EventRootCode": "cameo_root",
    **{
        f"Actor{n}Geo_{gdelt}": f"actor{n}_geo_{ours}"
        for n in (1, 2)
        for gdelt, ours in (
            ("FullName", "fullname"),
            ("CountryCode", "fips"),
            ("ADM1Code", "adm1_code"),
            ("ADM2Code", "adm2_code"),
            ("FeatureID", "feature_id"),
        )
    },
    "ActionGeo_FullName": "location",
    "ActionGeo_CountryCode": "action_geo_fips",
    "ActionGeo_ADM1Code": "action_geo_adm1_code",
    "ActionGeo_ADM2Code": "action_geo_adm2_code",
    "ActionGeo_FeatureID": "action_geo_feature_id",
    "SOURCEURL": "source_url",
}
_INT_FIELDS: dict[str, str] = {
    "QuadClass": "quad_class",
    "NumMentions": "num_mentions",
    "NumSources": "num_sources",
    "NumArticles": "num_articles",
    "Actor1Geo_Type": "actor1_geo_type",
    "Actor2Geo_Type": "actor2_geo_type",
    "ActionGeo_Type": "action_geo_type",
}
_FLOAT_FIELDS: dict[str, str] = {
    "GoldsteinScale": "goldstein",
    "AvgTone": "avg_tone",
    "Actor1Geo_Lat": "actor1_geo_lat",
    "Actor1Geo_Long": "actor1_geo_long",
    "Actor2Geo_Lat": "actor2_geo_lat",
    "Actor2Geo_Long": "actor2_geo_long",
    "ActionGeo_Lat": "latitude",
    "ActionGeo_Long": "longitude",
}
_NON_NEGATIVE = ("NumMentions", "NumSources", "NumArticles")

#: Event columns a GDELT import fills (the frame's columns, in order).
IMPORT_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            "id",
            "origin",
            "external_id",
            "partition_date",
            "source_file",
            "event_date",
            "is_root_event",
            "iso3",
            "date_added",
            *_STRING_FIELDS.values(),
            *_INT_FIELDS.values(),
            *_FLOAT_FIELDS.values(),
            LINE,
        ]
    )
)
assert all(c in EVENT_COLUMNS for c in IMPORT_COLUMNS)


def parse_row(fields: list[str], source_file: str, line: int) -> dict[str, Any]:
    """One GDELT row (57, 58 or 61 string fields) as event columns.

    Raises:
        BadValue: a field does not parse (the message names the field and value).
    """
    _, names = LAYOUTS[len(fields)]
    raw = dict(zip(names, fields, strict=True))
    check_storable_text(raw)
    event_id = raw["GLOBALEVENTID"]
    if not (event_id.isascii() and event_id.isdigit()):  # "²" is a digit to isdigit()
        raise BadValue("GLOBALEVENTID", event_id, "a whole number")
    event_date = _yyyymmdd("SQLDATE", raw["SQLDATE"])
    row: dict[str, Any] = {
        "id": f"gdelt:{event_id}",
        "origin": ORIGIN,
        "external_id": event_id,
        "partition_date": event_date,
        "source_file": source_file,
        "event_date": event_date,
        LINE: line,
    }
    for name, column in _STRING_FIELDS.items():
        value = raw.get(name, "")
        row[column] = value if value != "" else None
    for name, column in _INT_FIELDS.items():
        row[column] = storable_int(name, column, raw[name], _int(name, raw[name]))
        if name in _NON_NEGATIVE and (row[column] is None or row[column] < 0):
            # event's mention counts are NOT NULL: an empty one could not be stored either
            raise BadValue(name, raw[name], "a count (>= 0)")
    for name, column in _FLOAT_FIELDS.items():
        row[column] = _float(name, raw[name])
    root = raw["IsRootEvent"]
    if root not in ("0", "1", ""):
        raise BadValue("IsRootEvent", root, "0 or 1")
    row["is_root_event"] = None if root == "" else root == "1"
    row["date_added"] = _date_added(raw["DATEADDED"])
    fips = row["action_geo_fips"]
    row["iso3"] = iso3_by_fips().get(fips) if fips else None
    return row


def read_gdelt(
    path: Path, *, batch_size: int = 50_000
) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    """Read a GDELT events file in batches: (event frame, rows that could not be read).

    The layout is detected per line from its field count (61, 58 or 57), so GDELT's own
    concatenations of daily and backfile rows read correctly; other counts go to quarantine.

    Raises:
        InteropError: the file is missing, or no line of it has a GDELT field count.
    """
    if not path.is_file():
        raise InteropError(f"{path}: no such file")
    source_file = str(path.resolve())
    rows: list[dict[str, Any]] = []
    problems: list[RowProblem] = []
    good_layout = False
    first_count: int | None = None
    # surrogateescape keeps undecodable bytes so one bad line is quarantined, not the file.
    with path.open(encoding="utf-8", errors="surrogateescape", newline="") as handle:
        for number, text in enumerate(handle, start=1):
            text = text.rstrip("\n").rstrip("\r")
            if not text:
                continue
            problem = _check_line(text, number)
            if problem is not None:
                problems.append(problem)
                continue
            fields = text.split("\t")
            first_count = first_count or len(fields)
            if len(fields) not in LAYOUTS:
                problems.append(
                    RowProblem(
                        line=number,
                        check_name="gdelt_column_count",
                        reason=(
                            f"{path.name}, line {number}: {len(fields)} tab-separated fields; "
                            "GDELT events files have 61 (2.0), 58 (1.0 daily) or 57 "
                            "(1.0 backfile)"
                        ),
                        payload={"fields": fields},
                    )
                )
                continue
            good_layout = True
            try:
                rows.append(parse_row(fields, source_file, number))
            except BadValue as exc:
                problems.append(
                    RowProblem(
                        line=number,
                        check_name="bad_value",
                        reason=f"{path.name}, line {number}: {exc}",
                        payload=dict(zip(LAYOUTS[len(fields)][1], fields, strict=True)),
                        partition=fields[1] if len(fields) > 1 else None,
                    )
                )
            if len(rows) >= batch_size:
                yield frame_from_rows(rows, IMPORT_COLUMNS), problems
                rows, problems = [], []
    if not good_layout and first_count is not None:
        raise InteropError(
            f"{path}: line 1 has {first_count} tab-separated fields and no line has 61 "
            "(GDELT 2.0), 58 (1.0 daily) or 57 (1.0 backfile); is this a GDELT events file? "
            "(mentions and GKG files are not events files)"
        )
    if rows or problems:
        yield frame_from_rows(rows, IMPORT_COLUMNS), problems


def _check_line(text: str, number: int) -> RowProblem | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start : exc.end].encode("utf-8", "surrogateescape")
        return RowProblem(
            line=number,
            check_name="not_utf8",
            reason=(
                f"line {number}: bytes {bad!r} at character {exc.start} are not UTF-8; "
                "re-save the file as UTF-8"
            ),
            payload={"text": text.encode("utf-8", "surrogateescape").decode("latin-1")},
        )
    return None


def _int(name: str, value: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise BadValue(name, value, "a whole number") from None


def _float(name: str, value: str) -> float | None:
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadValue(name, value, "a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise BadValue(name, value, "a finite number")
    return number


def _yyyymmdd(name: str, value: str) -> dt.date:
    try:
        if len(value) != 8:
            raise ValueError
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise BadValue(name, value, "a date YYYYMMDD") from None


def _date_added(value: str) -> dt.datetime | None:
    if value == "":
        return None
    try:
        if len(value) == 14:  # 2.0: YYYYMMDDHHMMSS, UTC
            return dt.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
        if len(value) == 8:  # 1.0: YYYYMMDD
            return dt.datetime.strptime(value, "%Y%m%d").replace(tzinfo=dt.UTC)
    except ValueError:
        pass
    raise BadValue("DATEADDED", value, "YYYYMMDDHHMMSS (2.0) or YYYYMMDD (1.0)")


# --- writing ----------------------------------------------------------------------------------

#: Columns of the ``v_events_gdelt`` view, in GDELT 2.0's order.
VIEW_COLUMNS: tuple[str, ...] = tuple(name.lower() for name in V2_COLUMNS)


#: ``COPY``'s options for the GDELT layout: tab-separated text, NULL an empty field.
COPY_OPTIONS = "FORMAT text, NULL ''"
_FLOAT_COLUMNS = frozenset(name.lower() for name in _FLOAT_FIELDS)


def export_select_list() -> list[str]:
    """SQL over ``v_events_gdelt`` giving each of GDELT 2.0's 61 fields as text, as GDELT writes it.

    GoldsteinScale as Python's ``repr`` (``1.0``, ``-7.0``, ``2.8``); FractionDate with four
    decimals; other decimals in their shortest form without ``.0`` on whole numbers; NULL empty.
    Strings stay as they are: ``COPY`` escapes their tabs and line breaks, and
    :func:`tsv_lines` turns those into spaces.
    """
    select_list: list[str] = []
    for name in VIEW_COLUMNS:
        quoted = f'"{name}"'
        if name == "goldsteinscale":
            select_list.append(python_float_sql(quoted))
        elif name == "fractiondate":
            select_list.append(f"round({quoted}::numeric, 4)::text")
        elif name in _FLOAT_COLUMNS:
            select_list.append(python_float_sql(quoted, whole=""))
        else:  # strings and whole numbers
            select_list.append(quoted)
    return select_list


def tsv_lines(rows: Sequence[Buffer]) -> bytes:
    """Rows of ``COPY``'s text output as GDELT's lines.

    ``COPY`` escapes a backslash as ``\\\\`` and a tab, CR, LF, backspace, form feed or vertical
    tab as ``\\t``, ``\\r``, ``\\n``, ``\\b``, ``\\f``, ``\\v``. GDELT has no quoting, so a tab or
    line break inside a field would shift the columns: those become a space; the others are
    written as they are.
    """
    chunk = b"".join(rows)
    if b"\\" not in chunk:
        return chunk
    return _COPY_ESCAPE.sub(lambda match: _COPY_UNESCAPED[match.group(1)], chunk)


_COPY_UNESCAPED = {
    b"\\": b"\\",
    b"b": b"\b",
    b"f": b"\f",
    b"v": b"\v",
    b"t": b" ",
    b"r": b" ",
    b"n": b" ",
}
_COPY_ESCAPE = re.compile(rb"\\([\\bfnrtv])")
