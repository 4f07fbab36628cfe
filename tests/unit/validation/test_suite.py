"""The Great Expectations event suite: a clean coded row and an ACLED-only import pass, and each
planted fault is caught by the check named for it, row by row, with a readable reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest

from etl.validation import check_names, validate_events

PARTITION = date(2024, 11, 28)
TODAY = date(2024, 12, 31)

GOOD: dict[str, Any] = {
    "id": "good",
    "origin": "coded",
    "partition_date": PARTITION,
    "event_date": PARTITION,
    "time_precision": 1,
    "cameo_code": "195",
    "cameo_base": "195",
    "cameo_root": "19",
    "quad_class": 4,
    "goldstein": -10.0,
    "acled_event_type": "Explosions/Remote violence",
    "acled_sub_event_type": "Air/drone strike",
    "disorder_type": "Political violence",
    "inter1": 8,
    "inter2": 7,
    "interaction": 78,
    "iso3": "SYR",
    "country": "Syria",
    "latitude": 36.19,
    "longitude": 36.72,
    "geo_precision": 1,
    "fatalities": 4,
}

# (row id, changes to GOOD, the check that must catch it)
FAULTS: list[tuple[str, dict[str, Any], str]] = [
    ("no_id", {"id": None}, "id_not_null"),
    ("no_event_date", {"event_date": None}, "event_date_not_null"),
    (
        "no_coding",
        {k: None for k in GOOD if k.startswith(("cameo", "acled", "disorder"))}
        | {"quad_class": None, "goldstein": None},
        "has_a_coding",
    ),
    (
        "unknown_code",
        {
            "cameo_code": "999",
            "cameo_base": None,
            "cameo_root": "99",
            "quad_class": None,
            "goldstein": None,
        },
        "cameo_code_known",
    ),
    ("wrong_root", {"cameo_root": "18"}, "cameo_root_consistent"),
    ("wrong_goldstein", {"goldstein": -9.0}, "goldstein_matches_code"),
    ("wrong_quad", {"quad_class": 3}, "quad_class_matches_root"),
    ("bad_pair", {"acled_event_type": "Battles"}, "acled_pair_valid"),
    ("bad_disorder", {"disorder_type": "Demonstrations"}, "disorder_type_consistent"),
    ("bad_inter", {"inter2": 9, "interaction": 89}, "inter2_in_range"),
    ("bad_interaction", {"interaction": 87}, "interaction_consistent"),
    ("bad_latitude", {"latitude": 95.0}, "latitude_in_range"),
    ("bad_geo_precision", {"geo_precision": 4}, "geo_precision_in_range"),
    ("bad_time_precision", {"time_precision": 0}, "time_precision_in_range"),
    ("after_publication", {"event_date": date(2024, 11, 29)}, "event_date_not_after_publication"),
    ("negative_dead", {"fatalities": -1}, "fatalities_non_negative"),
]


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides={"goldstein": pl.Float64}, infer_schema_length=None)


@pytest.fixture(scope="module")
def outcome():
    rows = [GOOD] + [GOOD | {"id": row_id} | changes for row_id, changes, _ in FAULTS]
    rows[1]["id"] = None  # the no_id row
    return validate_events(frame(rows), partition_date=PARTITION, today=TODAY)


def test_the_clean_row_is_valid(outcome) -> None:
    assert outcome.valid["id"].to_list() == ["good"]
    assert 0 not in outcome.failures


@pytest.mark.parametrize(("position", "fault"), list(enumerate(FAULTS, start=1)))
def test_each_fault_is_caught_by_its_check(outcome, position: int, fault) -> None:
    _, _, check = fault
    assert check in outcome.failures[position]


def test_rejected_rows_carry_reason_check_name_and_original_columns(outcome) -> None:
    rejected = outcome.rejected
    assert rejected.height == len(FAULTS)
    assert set(GOOD) <= set(rejected.columns) and {"reason", "check_name"} <= set(rejected.columns)
    row = rejected.filter(pl.col("id") == "wrong_goldstein").row(0, named=True)
    assert row["check_name"] == "goldstein_matches_code"
    assert "goldstein=-9.0" in row["reason"] and "_expected_goldstein=-10.0" in row["reason"]
    assert outcome.counts["goldstein_matches_code"] == 1
    assert outcome.failure_rate == pytest.approx(len(FAULTS) / (len(FAULTS) + 1))


def test_future_dates_and_duplicate_ids() -> None:
    rows = [
        GOOD | {"partition_date": date(2025, 1, 5), "event_date": date(2025, 1, 5)},
        GOOD,
        GOOD | {"id": "other"},
    ]
    result = validate_events(frame(rows), today=TODAY)
    # rows 0 and 1 share the id "good"; row 0 is also dated in the future
    assert result.failures[0] == ["id_unique", "event_date_not_in_future"]
    assert result.failures[1] == ["id_unique"] and 2 not in result.failures


def test_acled_only_import_passes_and_sole_actor_interaction() -> None:
    imported = {
        "id": "acled-1",
        "origin": "acled",
        "partition_date": date(2024, 12, 2),
        "event_date": date(2024, 12, 2),
        "time_precision": 1,
        "acled_event_type": "Protests",
        "acled_sub_event_type": "Peaceful protest",
        "disorder_type": "Demonstrations",
        "inter1": 6,
        "interaction": 60,
        "fatalities": 0,
    }
    result = validate_events(pl.DataFrame([imported]), today=TODAY)
    assert result.rejected.height == 0 and result.valid.height == 1
    wrong = validate_events(pl.DataFrame([imported | {"interaction": 66}]), today=TODAY)
    assert wrong.failures == {0: ["interaction_consistent"]}


def test_point_outside_the_country() -> None:
    result = validate_events(
        frame([GOOD | {"latitude": 48.85, "longitude": 2.35}]),  # Paris, stated as Syria
        partition_date=PARTITION,
        today=TODAY,
    )
    assert result.failures == {0: ["location_in_country"]}


def test_gdelt_country_level_points_are_not_checked_against_the_boundary() -> None:
    # GDELT's centroid of the United Kingdom lies in the Irish Sea; ActionGeo_Type 1 says so.
    uk = {"iso3": "GBR", "country": None, "latitude": 54.0, "longitude": -4.0}
    rows = [GOOD | uk | {"id": "point", "action_geo_type": 4}, GOOD | uk | {"action_geo_type": 1}]
    result = validate_events(frame(rows), partition_date=PARTITION, today=TODAY)
    assert result.failures == {0: ["location_in_country"]}


def test_flag_plausibility_keeps_rows_with_warnings_and_rejects_unstorable_ones() -> None:
    """Imports: a plausibility failure flags the row; a value the table cannot hold rejects it."""
    rows = [
        GOOD,
        GOOD | {"id": "paris", "latitude": 48.85, "longitude": 2.35},
        GOOD | {"id": "pair_and_interaction", "acled_event_type": "Battles", "interaction": 87},
        GOOD | {"id": "future", "event_date": date(2025, 6, 1), "partition_date": date(2025, 6, 1)},
        GOOD | {"id": "paris_bad_latitude", "latitude": 95.0, "longitude": 2.35},
        GOOD | {"id": "letters", "cameo_code": "19X", "cameo_base": "19X"},
    ]
    result = validate_events(frame(rows), today=TODAY, flag_plausibility=True)
    flags = dict(zip(result.valid["id"], result.valid["quality_flags"].to_list(), strict=True))
    assert flags == {
        "good": None,
        "paris": ["location_in_country"],
        "pair_and_interaction": ["acled_pair_valid", "interaction_consistent"],
        "future": ["event_date_not_in_future"],
    }
    assert result.rejected["id"].to_list() == ["paris_bad_latitude", "letters"]
    assert result.rejected["check_name"].to_list() == ["latitude_in_range", "cameo_code_digits"]
    # the same rows, coded by us: every failed check rejects
    coded = validate_events(frame(rows), today=TODAY)
    assert coded.valid["id"].to_list() == ["good"]
    assert "quality_flags" not in coded.valid.columns


def test_empty_frame_and_check_names() -> None:
    result = validate_events(frame([GOOD]).clear(), today=TODAY)
    assert result.total == 0 and result.failure_rate == 0.0
    assert {"reason", "check_name"} <= set(result.rejected.columns)
    assert len(check_names()) == len(set(check_names())) >= 20
