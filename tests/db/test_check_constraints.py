"""Each CHECK constraint on the event table rejects a row that breaks it, and a good row passes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from schema import Event


def good_event(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "e1",
        "origin": "coded",
        "partition_date": dt.date(2024, 12, 1),
        "event_date": dt.date(2024, 12, 1),
        "time_precision": 1,
        "cameo_code": "195",
        "cameo_base": "195",
        "cameo_root": "19",
        "quad_class": 4,
        "goldstein": -10.0,
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Air/drone strike",
        "inter1": 8,
        "inter2": 2,
        "interaction": 28,
        "latitude": 36.2,
        "longitude": 37.16,
        "geo_precision": 1,
        "fatalities": 3,
    }
    row.update(overrides)
    return row


BAD_ROWS = {
    "goldstein_range": {"goldstein": -10.5},
    "quad_class_range": {
        "quad_class": 5,
        "cameo_code": None,
        "cameo_base": None,
        "cameo_root": None,
    },
    "quad_class_of_root": {"quad_class": 1},
    "cameo_root_of_code": {"cameo_root": "18"},
    "cameo_base_of_code": {"cameo_code": "1951", "cameo_base": "190"},
    "cameo_code_digits": {"cameo_code": "19x", "cameo_base": "19x"},
    "latitude_range": {"latitude": 91.0},
    "longitude_range": {"longitude": -180.5},
    "time_precision_range": {"time_precision": 4},
    "geo_precision_range": {"geo_precision": 0},
    "inter1_range": {"inter1": 9},
    "inter2_range": {"inter2": -1},
    "fatalities_non_negative": {"fatalities": -1},
    "origin": {"origin": "rumour"},
    "has_a_coding": {
        "cameo_code": None,
        "cameo_base": None,
        "cameo_root": None,
        "quad_class": None,
        "goldstein": None,
        "acled_event_type": None,
    },
    "mention_counts_non_negative": {"num_mentions": -2},
}


def test_a_good_row_is_accepted(engine: Engine, clean_db: str) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Event).values(**good_event()))


@pytest.mark.parametrize("constraint", sorted(BAD_ROWS))
def test_check_rejects_bad_row(engine: Engine, clean_db: str, constraint: str) -> None:
    with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
        connection.execute(insert(Event).values(**good_event(**BAD_ROWS[constraint])))
    assert f"ck_event_{constraint}" in str(caught.value)
