"""ACLED import and export against a real database: CSV and XLSX in both date and interaction
forms, coded events exported with stable ids and imported back, and timestamp-guarded re-imports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from etl.interop import acled
from etl.interop.commands import parse_filter, run_import, write_export

DATA = Path(__file__).resolve().parents[1] / "data"
ISO_NUMERIC = DATA / "acled_iso_dates_numeric.csv"
TEXT_LEGACY = DATA / "acled_text_forms_legacy.csv"
XLSX = DATA / "acled_excel.xlsx"
SENTENCE = "Russian jets struck a market in Aleppo on Saturday, killing five people."


@pytest.fixture
def db(clean_db: str) -> Engine:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


def csv_rows(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data)))


def export_acled(engine: Engine, interaction: str = "numeric", **filters: str) -> str:
    out = io.StringIO()
    where = parse_filter(filters.get("date_from"), filters.get("date_to"), filters.get("country"))
    write_export("acled", out, engine=engine, where=where, interaction=interaction)
    return out.getvalue()


def insert_coded_event(engine: Engine, event_id: str = "coded-aleppo-1") -> None:
    """One event as the pipeline writes it: a document, its sentence and the coded row."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO document (id, url, published, text) VALUES "
                "('doc-1', 'https://example.org/aleppo', DATE '2024-11-30', :body) "
                "ON CONFLICT DO NOTHING"
            ),
            {"body": SENTENCE},
        )
        connection.execute(
            text(
                "INSERT INTO sentence (document_id, index, char_start, char_end, text) VALUES "
                "('doc-1', 0, 0, :end, :body) ON CONFLICT DO NOTHING"
            ),
            {"body": SENTENCE, "end": len(SENTENCE)},
        )
        connection.execute(
            text(
                "INSERT INTO event (id, origin, partition_date, document_id, sentence_index, "
                "event_date, time_precision, cameo_code, cameo_base, cameo_root, quad_class, "
                "goldstein, actor1_code, actor2_code, acled_event_type, acled_sub_event_type, "
                "acled_actor1, inter1, acled_actor2, inter2, iso3, country, location, "
                "latitude, longitude, geo_precision, source, fatalities, num_mentions) VALUES "
                "(:id, 'coded', DATE '2024-11-30', 'doc-1', 0, DATE '2024-11-30', 1, '195', "
                "'195', '19', 4, -10, 'RUSMIL', 'SYRCVL', 'Explosions/Remote violence', "
                "'Air/drone strike', 'Military Forces of Russia (2000-)', 8, "
                "'Civilians (Syria)', 7, 'SYR', 'Syria', 'Aleppo', 36.2021, 37.1343, 1, "
                "'Example News', 5, 3)"
            ),
            {"id": event_id},
        )


def test_acled_csv_round_trip_gives_back_the_same_rows(db: Engine) -> None:
    report = run_import("acled", ISO_NUMERIC, engine=db)
    assert (report.inserted, sum(report.rejected.values())) == (6, 0)
    original = {r["event_id_cnty"]: r for r in csv_rows(ISO_NUMERIC.read_text(encoding="utf-8"))}
    exported = export_acled(db)
    assert exported.splitlines()[0] == ",".join(acled.COLUMNS)
    rows = csv_rows(exported)
    assert len(rows) == 6
    for row in rows:
        assert row == original[row["event_id_cnty"]]


def test_text_forms_and_website_dates_round_trip_in_text_form(db: Engine) -> None:
    run_import("acled", TEXT_LEGACY, engine=db)
    original = {r["event_id_cnty"]: r for r in csv_rows(TEXT_LEGACY.read_text(encoding="utf-8"))}
    rows = csv_rows(export_acled(db, interaction="text"))
    assert len(rows) == 4
    for row in rows:
        source = original[row["event_id_cnty"]]
        for column in acled.COLUMNS:
            if column == "event_date":
                assert row[column] == acled.parse_date(source[column]).isoformat()
            else:
                assert row[column] == source[column], f"{row['event_id_cnty']} {column}"
    numeric = {r["event_id_cnty"]: r for r in csv_rows(export_acled(db))}
    assert numeric["SYR1101"]["interaction"] == "12"
    assert numeric["UKR2101"]["interaction"] == "60"


def test_xlsx_import_matches_the_csv_rows(db: Engine) -> None:
    report = run_import("acled", XLSX, engine=db)
    assert report.inserted == 3
    original = {r["event_id_cnty"]: r for r in csv_rows(ISO_NUMERIC.read_text(encoding="utf-8"))}
    for row in csv_rows(export_acled(db)):
        number = int(row["event_id_cnty"][3:]) - 200
        source = original[f"{row['event_id_cnty'][:3]}{number}"]
        assert {k: v for k, v in row.items() if k != "event_id_cnty"} == {
            k: v for k, v in source.items() if k != "event_id_cnty"
        }


def test_coded_events_export_with_stable_ids_and_import_back(db: Engine, tmp_path) -> None:
    insert_coded_event(db)
    first = csv_rows(export_acled(db))
    assert len(first) == 1
    row = first[0]
    assert re.fullmatch(r"SYR9\d{8}", row["event_id_cnty"])
    assert row["iso"] == "760"
    assert row["region"] == "Middle East"
    assert row["disorder_type"] == "Political violence"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "7", "78")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["notes"] == SENTENCE
    with db.connect() as connection:
        updated = connection.execute(
            text("SELECT extract(epoch FROM updated_at)::bigint FROM event")
        ).scalar_one()
    assert row["timestamp"] == str(updated)
    assert csv_rows(export_acled(db)) == first  # the id is stable across exports

    path = tmp_path / "ours.csv"
    path.write_text(export_acled(db), encoding="utf-8")
    report = run_import("acled", path, engine=db)
    assert report.inserted == 1
    both = csv_rows(export_acled(db))
    assert len(both) == 2
    assert both[0] == both[1]  # the imported copy exports exactly as the coded original


def test_re_import_updates_only_rows_with_a_newer_timestamp(db: Engine, tmp_path) -> None:
    run_import("acled", ISO_NUMERIC, engine=db)
    rows = csv_rows(ISO_NUMERIC.read_text(encoding="utf-8"))
    for row in rows:
        if row["event_id_cnty"] == "SYR1001":  # an older edit: ignored
            row["fatalities"], row["timestamp"] = "99", str(int(row["timestamp"]) - 60)
        if row["event_id_cnty"] == "KEN3001":  # a newer edit: applied
            row["fatalities"], row["timestamp"] = "2", str(int(row["timestamp"]) + 60)
    path = tmp_path / "acled_edited.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(acled.COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    report = run_import("acled", path, engine=db)
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 5)
    with db.connect() as connection:
        fatalities = dict(
            connection.execute(text("SELECT external_id, fatalities FROM event")).all()
        )
    assert fatalities["SYR1001"] == 12
    assert fatalities["KEN3001"] == 2


def test_implausible_acled_rows_load_flagged_and_unreadable_ones_are_quarantined(
    db: Engine, tmp_path
) -> None:
    lines = ISO_NUMERIC.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Battles,Armed clash", "Battles,Air/drone strike")
    lines[3] = lines[3].replace(",6,,,0,60,", ",6,,,0,61,")
    lines[4] = lines[4].replace("2024-10-15,2024", "2024-10-32,2024")
    path = tmp_path / "acled_bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_import("acled", path, engine=db)
    assert report.inserted == 5
    assert report.rejected == {"bad_value": 1}
    assert report.flagged == {"acled_pair_valid": 1, "interaction_consistent": 1}
    with db.connect() as connection:
        reasons = dict(
            connection.execute(
                text("SELECT source_line, reason FROM quarantine WHERE origin = 'acled'")
            ).all()
        )
        flags = dict(
            connection.execute(
                text("SELECT external_id, quality_flags FROM event WHERE quality_flags IS NOT NULL")
            ).all()
        )
        compared = connection.execute(
            text("SELECT sum(acled_events), sum(acled_flagged) FROM v_compare_sources")
        ).one()
    assert set(reasons) == {5}
    assert "event_date: '2024-10-32'" in reasons[5]
    # loaded as published (a battle coded with an air-strike sub-type; interaction 61)
    assert sorted(flags.values()) == [["acled_pair_valid"], ["interaction_consistent"]]
    assert tuple(compared) == (5, 2)


def test_a_nul_in_any_field_quarantines_that_row_and_the_rest_load(db: Engine, tmp_path) -> None:
    # Found by the fuzzer: a NUL in event_date reached the quarantine row's partition field,
    # which PostgreSQL text cannot hold, and the whole import failed.
    lines = ISO_NUMERIC.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("2024-11-30,2024", "2024-11-\x0030,2024", 1)
    lines[3] = lines[3].replace("Protesters (Ukraine)", "Protesters\x00 (Ukraine)", 1)
    lines[4] = lines[4].replace(",404,", ",99999,", 1)  # iso is a smallint: 32767 at most
    path = tmp_path / "acled_nul.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_import("acled", path, engine=db)
    assert report.inserted == 3 and report.rejected == {"bad_value": 3}
    with db.connect() as connection:
        rows = connection.execute(
            text("SELECT source_line, reason, partition FROM quarantine ORDER BY source_line")
        ).all()
    assert [line for line, _, _ in rows] == [3, 4, 5]
    assert "field event_date" in rows[0][1] and "NUL" in rows[0][1]
    assert rows[0][2] == "2024-11-\\x0030"
    assert "NUL" in rows[1][1]
    assert "(smallint)" in rows[2][1]


def test_export_filters_by_country_and_dates(db: Engine) -> None:
    run_import("acled", ISO_NUMERIC, engine=db)
    syria = csv_rows(export_acled(db, country="SYR"))
    assert {r["event_id_cnty"] for r in syria} == {"SYR1001", "SYR1002"}
    november = csv_rows(export_acled(db, date_from="2024-11-01", date_to="2024-11-29"))
    assert {r["event_id_cnty"] for r in november} == {"SYR1001", "UKR2001", "PSE5001"}
    assert all(dt.date.fromisoformat(r["event_date"]).month == 11 for r in november)


def test_undecodable_bytes_in_a_column_name_reach_quarantine_escaped(db: Engine, tmp_path) -> None:
    # Found by the fuzzer: a header name with bytes that are not UTF-8 became a jsonb key
    # PostgreSQL refused, and the whole import failed instead of quarantining one row.
    data = ISO_NUMERIC.read_bytes().replace(b"civilian_targeting", b"\xff\xfecivilian_targeting", 1)
    lines = data.split(b"\n")
    lines[4] = lines[4].replace(b"2024-10-15,2024", b"2024-10-32,2024")
    path = tmp_path / "acled_bad_header.csv"
    path.write_bytes(b"\n".join(lines))
    report = run_import("acled", path, engine=db)
    assert report.rejected == {"bad_value": 1}
    assert report.inserted == 5
    with db.connect() as connection:
        keys = connection.execute(
            text("SELECT jsonb_object_keys(payload) FROM quarantine WHERE origin = 'acled'")
        ).scalars()
        assert "\\udcff\\udcfecivilian_targeting" in set(keys)
