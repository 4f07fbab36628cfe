"""Every ACLED layout users hold imports every row into a real database: the pre-2022 export
without disorder_type (derived from the sub-event type), the oldest column names (ally_actor_*,
gwno), a curated subset without iso, region, admin3 or timestamp, the API's population columns
with text interaction, and the API's JSON answer; a broken API answer is refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from etl.interop.commands import run_import
from etl.interop.errors import InteropError
from etl.validation.reference import acled_sub_event_types

DATA = Path(__file__).resolve().parents[1] / "data"
# file -> rows in it (each file's rows are written by scripts/build_acled_test_layouts.py)
LAYOUTS = {
    "acled_iso_dates_numeric.csv": 6,  # today's 31 columns
    "acled_text_forms_legacy.csv": 4,  # website dates, text interaction, data_id, iso3
    "acled_excel.xlsx": 3,
    "acled_layout_2020_no_disorder_type.csv": 8,
    "acled_layout_legacy_names_gwno.csv": 4,
    "acled_layout_minimal_subset.csv": 8,
    "acled_layout_population_text_inter.csv": 4,
    "acled_layout_api_response.json": 4,
}


@pytest.fixture
def db(clean_db: str) -> Engine:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


def loaded(engine: Engine) -> list[dict]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT external_id, disorder_type, acled_sub_event_type, iso3, inter1, inter2, "
                "interaction, quality_flags, assoc_actor_1, acled_timestamp FROM event "
                "WHERE origin = 'acled' ORDER BY external_id"
            )
        )
        return [dict(r._mapping) for r in rows]


@pytest.mark.parametrize(("name", "rows"), sorted(LAYOUTS.items()))
def test_every_row_of_each_layout_loads_as_published(db: Engine, name: str, rows: int) -> None:
    report = run_import("acled", DATA / name, engine=db)
    assert (report.rows, report.inserted, dict(report.rejected)) == (rows, rows, {}), (
        report.summary()
    )
    assert report.flagged_rows == 0, report.summary()
    events = loaded(db)
    assert len(events) == rows
    taxonomy = acled_sub_event_types()
    for event in events:
        assert event["iso3"] and len(event["iso3"]) == 3, event
        expected = taxonomy[event["acled_sub_event_type"]].disorder_type
        assert event["disorder_type"] == expected, event
        assert event["interaction"] is not None and event["inter1"] is not None, event


def test_pre_2022_export_gets_disorder_type_from_the_taxonomy(db: Engine) -> None:
    run_import("acled", DATA / "acled_layout_2020_no_disorder_type.csv", engine=db)
    disorder = {e["external_id"]: e["disorder_type"] for e in loaded(db)}
    assert disorder["IRQ27103"] == "Political violence; Demonstrations"  # excessive force
    assert disorder["CHL3104"] == "Demonstrations"
    assert disorder["MEX11107"] == "Strategic developments"
    with db.connect() as connection:
        compared = connection.execute(
            text("SELECT sum(acled_events), sum(acled_flagged) FROM v_compare_sources")
        ).one()
    assert tuple(compared) == (8, 0)


def test_text_interaction_and_legacy_names_read_as_codes(db: Engine) -> None:
    run_import("acled", DATA / "acled_layout_population_text_inter.csv", engine=db)
    run_import("acled", DATA / "acled_layout_legacy_names_gwno.csv", engine=db)
    by_id = {e["external_id"]: e for e in loaded(db)}
    assert (by_id["RUS90203"]["inter1"], by_id["RUS90203"]["interaction"]) == (1, 17)
    assert (by_id["NOR202"]["inter2"], by_id["NOR202"]["interaction"]) == (None, 60)
    assert by_id["YEM52101"]["interaction"] == 12


def test_a_re_import_of_a_layout_without_timestamps_changes_nothing(db: Engine) -> None:
    path = DATA / "acled_layout_minimal_subset.csv"
    run_import("acled", path, engine=db)
    assert all(e["acled_timestamp"] is None for e in loaded(db))
    again = run_import("acled", path, engine=db)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 8)


def test_api_json_with_an_error_status_is_refused_and_a_bad_record_quarantined(
    db: Engine, tmp_path: Path
) -> None:
    refused = tmp_path / "refused.json"
    refused.write_text(json.dumps({"status": 403, "messages": ["Access denied"]}))
    with pytest.raises(InteropError, match="status 403"):
        run_import("acled", refused, engine=db)
    answer = json.loads((DATA / "acled_layout_api_response.json").read_text(encoding="utf-8"))
    answer["data"].insert(1, "not a record")
    answer["data"][3]["event_date"] = "2024-02-30"
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps(answer), encoding="utf-8")
    report = run_import("acled", mixed, engine=db)
    assert report.inserted == 3
    assert report.rejected == {"acled_record_not_object": 1, "bad_value": 1}
    with db.connect() as connection:
        reasons = dict(connection.execute(text("SELECT source_line, reason FROM quarantine")).all())
    assert set(reasons) == {2, 4}
    assert "mixed.json, record 4: field event_date: '2024-02-30'" in reasons[4]
