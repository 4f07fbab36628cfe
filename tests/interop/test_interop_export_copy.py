"""The COPY-based export writes, byte for byte, what the exporter's Python formatters wrote.

Events with awkward values (quotes, commas, line breaks, tabs, backslashes, unicode, empty strings
next to NULLs, whole and tiny and huge floats, half-way roundings, negative Goldstein scores,
missing coordinates, every interaction form) go into a fresh database; each layout is exported
through ``write_export`` and through the reference below (the formatters as they were before
PostgreSQL took the formatting over), and the two must be equal. The SQL that writes floats as
Python does is also checked against ``repr`` on many random floats.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import struct
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, insert, text

from etl.interop import acled, gdelt
from etl.interop.commands import parse_filter, write_export
from etl.interop.reference import inter_text_labels, interaction_text
from etl.load.database import libpq_url
from etl.load.exports import (
    assign_export_keys,
    count_rows,
    python_float_sql,
    python_round4_sql,
)
from schema.events import Event

# --- the reference: the Python formatters the exporter used before ----------------------------


def reference_acled_fields(row: Mapping[str, Any], interaction: str) -> list[str]:
    values = dict(row)
    if interaction == "text":
        values["inter1"] = inter_text_labels().get(row["inter1"]) if row["inter1"] else None
        values["inter2"] = inter_text_labels().get(row["inter2"]) if row["inter2"] else None
        code = row["interaction"]
        values["interaction"] = None if code is None else interaction_text(code // 10, code % 10)
    return [_acled_value(values[name]) for name in acled.COLUMNS]


def _acled_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 4))
    return str(value)


def reference_gdelt_fields(row: Mapping[str, Any]) -> list[str]:
    fields = []
    for name in gdelt.VIEW_COLUMNS:
        value = row[name]
        if value is None:
            fields.append("")
        elif name == "goldsteinscale":
            fields.append(repr(float(value)))
        elif name == "fractiondate":
            fields.append(f"{float(value):.4f}")
        else:
            fields.append(_gdelt_plain(value))
    return fields


def _gdelt_plain(value: Any) -> str:
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, str):
        return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return str(value)


def reference_export(engine: Engine, fmt: str, interaction: str = "numeric") -> str:
    """The export as the Python formatters wrote it, from the view's rows in export order."""
    columns = acled.COLUMNS if fmt == "acled" else gdelt.VIEW_COLUMNS
    view = "v_events_acled" if fmt == "acled" else "v_events_gdelt"
    listed = ", ".join(f'"{name}"' for name in columns)
    with engine.connect() as connection:
        rows = connection.execute(
            text(f"SELECT {listed} FROM {view} ORDER BY event_date, event_id")
        ).mappings()
        out = io.StringIO()
        if fmt == "acled":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(acled.header())
            writer.writerows(reference_acled_fields(row, interaction) for row in rows)
        else:
            out.writelines("\t".join(reference_gdelt_fields(row)) + "\n" for row in rows)
    return out.getvalue()


# --- awkward events ---------------------------------------------------------------------------

STRINGS = [
    'He said "no", then left.',
    "line one\nline two",
    "a\ttab",
    "back\\slash \\N \\t",
    "\\.",
    "ünïcödé — 東京 🚀",
    "",
    None,
    " leading and trailing ",
    "control \x08 \x0c \x0b bytes",
    ",",
    '"',
    '""',
    "\n",
    '"\n,\t\\',
]
# Carriage returns, in a few rows only: ACLED rows holding one take another path (csv_lines).
CR_STRINGS = ["carriage\rreturn only", "windows\r\nline end", "\r", '\r"\n,\t\\']
LATITUDES = [35.930612345, 0.0, -0.0, 90.0, -90.0, 12.34565, 1.03125, 1.09375, 0.00015, -0.00004,
             5e-324, 1e-05, -33.5, 89.99995, None]  # fmt: skip
LONGITUDES = [179.99995, -179.99995, 2.675, 100.0, -0.00005, None, 36.6339, 38.0, -123.133]
# Columns without a range check: huge, tiny, not a number, infinite.
UNBOUNDED = [0.0, -0.0, 3.0, 1e15, 1e15 + 0.5, 1e16, 1.5e16, 8.35060221551454e16, 1e300, 5e-324,
             1e-05, 123456789012345.6, -2.5, math.nan, math.inf, -math.inf, None]  # fmt: skip
GOLDSTEIN = [-10.0, 10.0, -7.0, 2.8, 0.0, -0.0, 3.4, 1e-05, -0.5, None]
CAMEO = ["040", "0999", "195", "14", "1823"]  # 0999 has no Goldstein score in CAMEO's table
INTERS = [(8, 7, 78), (6, 0, 60), (1, None, 10), (0, 5, 5), (None, None, None), (7, 7, 77),
          (2, 3, 99), (3, 1, 13), (4, 4, -5), (3, 1, 31)]  # fmt: skip
ORIGINS = ["coded", "acled", "gdelt"]


def awkward_events() -> Iterator[dict[str, Any]]:
    string_columns = [
        "actor1_code", "actor1_name", "actor2_name", "acled_actor1", "assoc_actor_1",
        "acled_actor2", "civilian_targeting", "region", "country", "admin1", "admin2", "admin3",
        "location", "source", "source_scale", "notes", "tags", "actor1_geo_fullname",
        "action_geo_adm1_code", "source_url", "disorder_type",
    ]  # fmt: skip
    for n in range(90):
        origin = ORIGINS[n % 3]
        code = CAMEO[n % len(CAMEO)]
        inter1, inter2, interaction = INTERS[n % len(INTERS)]
        row: dict[str, Any] = {
            "id": f"awkward-{n:03d}",
            "origin": origin,
            "external_id": None if origin == "coded" else str(800_000_000 + n),
            "partition_date": dt.date(2024, 11, 30),
            "event_date": dt.date(1979, 1, 1) + dt.timedelta(days=(n * 3779) % 17000),
            "cameo_code": code,
            "cameo_base": code[:3] if len(code) >= 3 else None,
            "cameo_root": code[:2],
            "goldstein": GOLDSTEIN[n % len(GOLDSTEIN)],
            "is_root_event": [True, False, None][n % 3],
            "acled_event_type": "Protests",
            "acled_sub_event_type": ["Peaceful protest", "Excessive force against protesters"][
                n % 2
            ],
            "inter1": inter1,
            "inter2": inter2,
            "interaction": interaction,
            "iso3": ["SYR", "UKR", None, "NGA"][n % 4],
            "latitude": LATITUDES[n % len(LATITUDES)],
            "longitude": LONGITUDES[n % len(LONGITUDES)],
            "avg_tone": UNBOUNDED[n % len(UNBOUNDED)],
            "actor1_geo_lat": UNBOUNDED[(n + 5) % len(UNBOUNDED)],
            "actor2_geo_long": UNBOUNDED[(n + 11) % len(UNBOUNDED)],
            "fatalities": [0, 3, 2_000_000][n % 3],
            "time_precision": [None, 1, 2, 3][n % 4],
            "acled_timestamp": [None, 1_700_000_000][n % 2],
            "date_added": dt.datetime(2024, 12, 1, 13, 45, n % 60, tzinfo=dt.UTC),
        }
        for offset, column in enumerate(string_columns):
            row[column] = STRINGS[(n + offset) % len(STRINGS)]
        if n % 6 == 0:
            row["tags"] = row["actor1_name"] = CR_STRINGS[n // 6 % len(CR_STRINGS)]
        yield row


@pytest.fixture
def awkward_db(clean_db: str) -> Iterator[Engine]:
    engine = create_engine(clean_db)
    rows = list(awkward_events())
    with engine.begin() as connection:
        # Export keys outlive their events by design (no foreign key): start without any.
        connection.execute(text("DELETE FROM event_export_key"))
        connection.execute(
            text(
                "INSERT INTO document (id, url, published, text) VALUES ('doc-a', "
                "'https://example.org/a?b=\"c\"&d=e\tf', DATE '2024-11-30', :body)"
            ),
            {"body": 'She said "it, was\nlate".'},
        )
        connection.execute(
            text(
                "INSERT INTO sentence (document_id, index, char_start, char_end, text) VALUES "
                "('doc-a', 0, 0, 25, :body)"
            ),
            {"body": 'She said "it, was\nlate".'},
        )
        connection.execute(insert(Event), rows)
        # Coded events with their provenance: notes and source URL come from the document.
        connection.execute(
            text(
                "UPDATE event SET document_id = 'doc-a', sentence_index = 0, notes = NULL, "
                "source_url = NULL WHERE origin = 'coded' AND id < 'awkward-020'"
            )
        )
    yield engine
    engine.dispose()


def export(engine: Engine, fmt: str, interaction: str = "numeric", **filters: str) -> str:
    out = io.StringIO()
    where = parse_filter(filters.get("date_from"), filters.get("date_to"), filters.get("country"))
    written = write_export(fmt, out, engine=engine, where=where, interaction=interaction)
    assert written == count_rows(engine, fmt, where)
    return out.getvalue()


def exported_rows(data: str, fmt: str) -> list[list[str]]:
    """An export's rows as fields (ACLED: without the header)."""
    if fmt == "gdelt":  # not splitlines(): a field may hold a form feed or vertical tab
        return [line.split("\t") for line in data.split("\n")[:-1]]
    # csv.writer leaves a lone CR unquoted, and csv.reader takes that for a line end: read it
    # as another character (PostgreSQL text never holds NUL).
    rows = csv.reader(io.StringIO(data.replace("\r", "\0"), newline=""))
    return [[field.replace("\0", "\r") for field in row] for row in rows][1:]


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "interaction"), [("acled", "numeric"), ("acled", "text"), ("gdelt", "numeric")]
)
def test_the_export_is_byte_identical_to_the_python_formatters(
    awkward_db: Engine, fmt: str, interaction: str
) -> None:
    exported = export(awkward_db, fmt, interaction)  # also assigns the export keys
    expected = reference_export(awkward_db, fmt, interaction)
    assert exported.count("\n") >= 90  # not two empty exports
    assert exported == expected


def test_a_filtered_export_is_the_full_export_filtered(awkward_db: Engine) -> None:
    full = exported_rows(export(awkward_db, "gdelt"), "gdelt")
    part = exported_rows(
        export(awkward_db, "gdelt", date_from="1990-01-01", date_to="2010-12-31", country="SYR"),
        "gdelt",
    )
    expected = [row for row in full if "19900101" <= row[1] <= "20101231"]
    with awkward_db.connect() as connection:
        syr = {
            str(r[0])
            for r in connection.execute(
                text("SELECT globaleventid FROM v_events_gdelt WHERE iso3 = 'SYR'")
            )
        }
    assert part == [row for row in expected if row[0] in syr]
    assert part  # the filter keeps some rows


def test_awkward_values_come_out_as_each_layout_writes_them(awkward_db: Engine) -> None:
    rows = exported_rows(export(awkward_db, "acled"), "acled")
    notes = {row[acled.COLUMNS.index("notes")] for row in rows}
    assert 'She said "it, was\nlate".' in notes  # from the sentence, quoted by csv
    assert "carriage\rreturn only" in {row[acled.COLUMNS.index("tags")] for row in rows}
    raw = export(awkward_db, "acled")
    assert '"He said ""no"", then left."' in raw
    assert ",carriage\rreturn only," in raw  # csv.writer does not quote a lone CR; COPY does
    latitudes = {row[acled.COLUMNS.index("latitude")] for row in rows}
    assert {"35.9306", "0.0", "-0.0", "90.0", "12.3456", "1.0312", "1.0938", "0.0001"} <= latitudes
    assert "" in latitudes  # NULL coordinates

    text_rows = exported_rows(export(awkward_db, "acled", "text"), "acled")
    forms = {
        tuple(row[acled.COLUMNS.index(name)] for name in ("inter1", "inter2", "interaction"))
        for row in text_rows
    }
    assert ("External/Other forces", "Civilians", "Civilians-External/Other forces") in forms
    assert ("Protesters", "", "Protesters only") in forms
    assert ("", "Rioters", "") in forms  # inter1 0: no label, no interaction text

    fields = exported_rows(export(awkward_db, "gdelt"), "gdelt")
    assert all(len(row) == 61 for row in fields)  # no tab or line break shifted a column
    column = {name: i for i, name in enumerate(gdelt.VIEW_COLUMNS)}
    goldstein = {row[column["goldsteinscale"]] for row in fields}
    assert {"-10.0", "10.0", "-7.0", "2.8", "0.0", "-0.0", "1e-05"} <= goldstein
    tones = {row[column["avgtone"]] for row in fields}
    assert {"0", "-0", "3", "1000000000000000", "1000000000000000.5", "1e+16", "nan", "inf",
            "-inf", "8.35060221551454e+16", "5e-324", ""} <= tones  # fmt: skip
    assert "back\\slash \\N \\t" in {row[column["actor1name"]] for row in fields}
    assert "a tab" in {row[column["actor1name"]] for row in fields}
    assert all(len(row[column["fractiondate"]].split(".")[1]) == 4 for row in fields)


def test_known_values_as_acled_and_gdelt_write_them(clean_db: str) -> None:
    engine = create_engine(clean_db)
    base = {column: None for column in ("document_id", "cameo_base", "cameo_root", "goldstein")}
    acled_event = {
        **base, "id": "acled:SYR900000001", "origin": "acled", "external_id": "SYR900000001",
        "partition_date": dt.date(2024, 11, 30), "event_date": dt.date(2024, 11, 30),
        "acled_event_type": "Battles", "inter1": 8, "inter2": 7, "interaction": 78,
        "latitude": 35.930612345, "fatalities": 4, "cameo_code": None, "avg_tone": None,
        "location": None,
    }  # fmt: skip
    sole = {**acled_event, "id": "acled:SYR900000002", "external_id": "SYR900000002",
            "inter1": 6, "inter2": 0, "interaction": 60}  # fmt: skip
    gdelt_event = {
        **base, "id": "gdelt:881990833", "origin": "gdelt", "external_id": "881990833",
        "partition_date": dt.date(2018, 10, 24), "event_date": dt.date(2018, 10, 24),
        "acled_event_type": None, "inter1": None, "inter2": None, "interaction": None,
        "latitude": 38.0, "fatalities": 0, "cameo_code": "040", "avg_tone": 0.0,
        "location": "Minsk,\tBelarus", "goldstein": 1.0, "cameo_base": "040", "cameo_root": "04",
    }  # fmt: skip
    try:
        with engine.begin() as connection:
            connection.execute(insert(Event), [acled_event, sole, gdelt_event])
            connection.execute(
                text(
                    "UPDATE event SET longitude = -123.133, "
                    "date_added = TIMESTAMPTZ '2019-10-24 14:30:00+00' WHERE origin = 'gdelt'"
                )
            )
        numeric, _sole = exported_rows(export(engine, "acled"), "acled")
        fields = dict(zip(acled.COLUMNS, numeric, strict=True))
        assert (fields["inter1"], fields["inter2"], fields["interaction"]) == ("8", "7", "78")
        assert fields["event_date"] == "2024-11-30"
        assert fields["latitude"] == "35.9306"  # ACLED's four decimals
        assert fields["longitude"] == ""
        labels, sole_labels = exported_rows(export(engine, "acled", "text"), "acled")
        fields = dict(zip(acled.COLUMNS, labels, strict=True))
        assert fields["inter1"] == "External/Other forces"
        assert fields["inter2"] == "Civilians"
        assert fields["interaction"] == "Civilians-External/Other forces"
        fields = dict(zip(acled.COLUMNS, sole_labels, strict=True))
        assert (fields["interaction"], fields["inter2"]) == ("Protesters only", "")

        [row] = exported_rows(export(engine, "gdelt"), "gdelt")
        fields = dict(zip(gdelt.VIEW_COLUMNS, row, strict=True))
        assert fields["globaleventid"] == "881990833"
        assert fields["sqldate"] == "20181024"
        assert fields["goldsteinscale"] == "1.0"
        assert fields["avgtone"] == "0"
        assert fields["actiongeo_lat"] == "38"
        assert fields["actiongeo_long"] == "-123.133"
        assert fields["fractiondate"] == "2018.8055"
        assert fields["eventcode"] == "040"
        assert fields["actiongeo_fullname"] == "Minsk, Belarus"  # a tab would shift the columns
        assert fields["actor1code"] == ""
        assert fields["dateadded"] == "20191024143000"
    finally:
        engine.dispose()


def test_export_keys_are_counted_once(awkward_db: Engine) -> None:
    where = parse_filter(None, None, None)
    # ACLED's layout lacks ids for coded and GDELT rows, GDELT's for coded and ACLED rows.
    assert assign_export_keys(awkward_db, "acled", where) == 60
    assert assign_export_keys(awkward_db, "acled", where) == 0
    assert assign_export_keys(awkward_db, "gdelt", where) == 30  # the ACLED rows; coded have one


def test_files_and_text_streams_get_the_same_bytes(awkward_db: Engine, tmp_path: Path) -> None:
    where = parse_filter(None, None, None)
    for fmt in ("acled", "gdelt"):
        path = tmp_path / f"export.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write("")  # a text write first: the bytes must still follow it in order
            write_export(fmt, handle, engine=awkward_db, where=where)
        assert path.read_bytes() == export(awkward_db, fmt).encode("utf-8")


def test_an_empty_export_is_the_header_or_nothing(clean_db: str) -> None:
    engine = create_engine(clean_db)
    try:
        assert export(engine, "acled") == ",".join(acled.COLUMNS) + "\n"
        assert export(engine, "gdelt") == ""
    finally:
        engine.dispose()


# --- Python's float text in SQL, on many floats ------------------------------------------------


def _plain(value: float) -> str:
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def _random_floats(count: int, seed: int = 20261124) -> list[float]:
    rng = random.Random(seed)
    values = [0.0, -0.0, 1.0, 5.0, 1e15, 1e15 + 0.5, 1e16, 2.0**53, 2.0**53 + 2, 1e-4, 1e-5,
              5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, math.nan, math.inf,
              -math.inf, 1.03125, 0.00015, -0.00005, 2.675, 99999999999.99995, 1e9 + 0.00015,
              999999999999999.9]  # fmt: skip
    for _ in range(count):
        kind = rng.random()
        if kind < 0.25:  # any bit pattern
            value = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
        elif kind < 0.45:  # coordinates
            value = rng.uniform(-180, 180)
        elif kind < 0.6:  # half way at four decimals, and the floats next to it
            value = (rng.randint(-(10**13), 10**13) + 0.5) / 1e4
            for _ in range(rng.randint(0, 2)):
                value = math.nextafter(value, rng.choice([math.inf, -math.inf]))
        elif kind < 0.75:  # all magnitudes
            value = rng.uniform(-1, 1) * 10 ** rng.randint(-8, 25)
        elif kind < 0.9:  # few decimals
            value = round(rng.uniform(-1, 1) * 10 ** rng.randint(0, 17), rng.randint(0, 6))
        else:  # powers, and their neighbours
            value = rng.choice([2.0 ** rng.randint(-1074, 1023), 10.0 ** rng.randint(-30, 300)])
            value = rng.choice([value, -value, math.nextafter(value, 0)])
        values.append(value)
    return values


def _sql_texts(url: str, values: Sequence[float], expressions: Sequence[str]) -> list[tuple]:
    with psycopg.connect(libpq_url(url)) as connection:
        connection.execute("SET jit = off")
        connection.execute("CREATE TEMP TABLE f (i int, x float8)")
        with connection.cursor().copy("COPY f FROM STDIN") as copy:
            for i, value in enumerate(values):
                copy.write_row((i, value))
        listed = ", ".join(expressions)
        return connection.execute(f"SELECT {listed} FROM f ORDER BY i").fetchall()


def test_the_sql_writes_floats_as_python_does(clean_db: str) -> None:
    values = _random_floats(30_000)
    texts = _sql_texts(clean_db, values, [python_float_sql("x"), python_float_sql("x", whole="")])
    wrong = [
        (value, got, (repr(value), _plain(value)))
        for value, got in zip(values, texts, strict=True)
        if got != (repr(value), _plain(value))
    ]
    assert wrong == []


def test_the_sql_rounds_to_four_decimals_as_python_does(clean_db: str) -> None:
    values = [v for v in _random_floats(30_000, seed=7) if math.isfinite(v)]
    texts = _sql_texts(clean_db, values, [python_round4_sql("x")])
    wrong = [
        (value, got, repr(round(value, 4)))
        for value, (got,) in zip(values, texts, strict=True)
        if got != repr(round(value, 4))
    ]
    assert wrong == []


def test_null_stays_null(clean_db: str) -> None:
    with psycopg.connect(libpq_url(clean_db)) as connection:
        row = connection.execute(
            f"SELECT {python_float_sql('NULL::float8')}, {python_round4_sql('NULL::float8')}"
        ).fetchone()
    assert row == (None, None)


# --- the Python side: what COPY's output needs before it is written ----------------------------


def test_csv_lines_writes_a_lone_carriage_return_unquoted_as_csv_writer_does() -> None:
    rows = [b'1,"a\rb",c\n', b'2,"x\r\ny",,"q""uote"\n', b"3,plain,\n"]
    assert acled.csv_lines(rows) == b'1,a\rb,c\n2,"x\r\ny",,"q""uote"\n3,plain,\n'
    assert acled.csv_lines([memoryview(b"4,d\n")]) == b"4,d\n"


def test_tsv_lines_undoes_copys_escapes_and_turns_tabs_and_line_breaks_into_spaces() -> None:
    rows = [b"1\tback\\\\slash\\tand\\ntab\t\\b\\f\\v\n", b"2\tplain\t\n"]
    assert gdelt.tsv_lines(rows) == b"1\tback\\slash and tab\t\x08\x0c\x0b\n2\tplain\t\n"
