"""The analysis views on a small known mix of coded, ACLED and GDELT events, the GDELT export
of a coded event, and the example queries in docs/analysis.sql."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from statistics import fmean

import pytest
from sqlalchemy import Engine, create_engine, text

from etl.interop import gdelt
from etl.interop.commands import parse_filter, run_import, write_export

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
GDELT_V2 = DATA / "gdelt_v2_20191024143000_head200.export.CSV"
ACLED = DATA / "acled_iso_dates_numeric.csv"


@pytest.fixture
def db(clean_db: str) -> Engine:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


def insert_coded(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO document (id, url, published, text) VALUES "
                "('doc-v', 'https://example.org/idleb', DATE '2024-11-30', 'Jets hit Idleb.')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO event (id, origin, partition_date, document_id, event_date, "
                "cameo_code, cameo_base, cameo_root, quad_class, goldstein, actor1_code, "
                "actor2_code, acled_event_type, acled_sub_event_type, inter1, inter2, iso3, "
                "location, admin1, latitude, longitude, geo_precision, fatalities) VALUES "
                "('coded-v', 'coded', DATE '2024-11-30', 'doc-v', DATE '2024-11-30', '195', "
                "'195', '19', 4, -10, 'RUSMIL', 'SYRCVL', 'Explosions/Remote violence', "
                "'Air/drone strike', 8, 7, 'SYR', 'Idleb', 'Idleb', 35.9306, 36.6339, 1, 5)"
            )
        )


def query(engine: Engine, sql: str, **params: object) -> list[dict]:
    with engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(text(sql), params)]


def test_daily_counts_and_compare_sources_put_the_three_origins_side_by_side(db: Engine) -> None:
    run_import("acled", ACLED, engine=db)
    insert_coded(db)
    daily = query(
        db,
        "SELECT origin, event_type, events, fatalities FROM v_daily_counts "
        "WHERE iso3 = 'SYR' AND event_date = DATE '2024-11-30' ORDER BY origin",
    )
    assert daily == [
        {"origin": "acled", "event_type": "Explosions/Remote violence", "events": 1,
         "fatalities": 4},
        {"origin": "coded", "event_type": "Explosions/Remote violence", "events": 1,
         "fatalities": 5},
    ]  # fmt: skip
    [day] = query(
        db, "SELECT * FROM v_compare_sources WHERE iso3 = 'SYR' AND event_date = '2024-11-30'"
    )
    assert day["country"] == "Syria"
    assert (day["coded_events"], day["coded_fatalities"], day["coded_material_conflict"]) == (
        1,
        5,
        1,
    )
    assert (day["acled_events"], day["acled_fatalities"], day["acled_political_violence"]) == (
        1,
        4,
        1,
    )
    assert day["gdelt_events"] == 0


def test_dyads_match_the_imported_gdelt_rows(db: Engine) -> None:
    run_import("gdelt", GDELT_V2, engine=db)
    loaded = {r["external_id"] for r in query(db, "SELECT external_id FROM event")}
    expected: dict[tuple, list[float]] = defaultdict(list)
    with GDELT_V2.open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if fields[0] in loaded and (fields[5] or fields[15]):
                key = (fields[5] or None, fields[15] or None, int(fields[29]))
                expected[key].append(float(fields[30]))
    rows = query(db, "SELECT * FROM v_dyads WHERE origin = 'gdelt'")
    assert len(rows) == len(expected)
    for row in rows:
        values = expected[(row["actor1_code"], row["actor2_code"], row["quad_class"])]
        assert row["events"] == len(values)
        assert row["mean_goldstein"] == pytest.approx(fmean(values))


def test_a_coded_event_exports_to_gdelt_with_fips_and_a_stable_id(db: Engine) -> None:
    insert_coded(db)

    def export() -> dict[str, str]:
        out = io.StringIO()
        write_export("gdelt", out, engine=db, where=parse_filter(None, None, None))
        [line] = out.getvalue().splitlines()
        return dict(zip(gdelt.V2_COLUMNS, line.split("\t"), strict=True))

    row = export()
    assert int(row["GLOBALEVENTID"]) > 9_000_000_000
    assert row["SQLDATE"] == "20241130"
    assert row["EventCode"] == "195" and row["EventRootCode"] == "19"
    assert row["QuadClass"] == "4" and row["GoldsteinScale"] == "-10.0"
    assert row["ActionGeo_CountryCode"] == "SY"  # FIPS, not ISO
    assert row["ActionGeo_FullName"] == "Idleb, Idleb, Syria"
    assert row["ActionGeo_Type"] == "4"
    assert row["SOURCEURL"] == "https://example.org/idleb"
    assert len(row["DATEADDED"]) == 14
    assert export()["GLOBALEVENTID"] == row["GLOBALEVENTID"]


def test_every_example_query_in_docs_runs(db: Engine) -> None:
    run_import("acled", ACLED, engine=db)
    insert_coded(db)
    sql = (ROOT / "docs" / "analysis.sql").read_text(encoding="utf-8")
    code = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    statements = [s.strip() for s in code.split(";") if s.strip()]
    assert len(statements) == 5
    with db.connect() as connection:
        for statement in statements:
            connection.execute(text(statement)).all()
