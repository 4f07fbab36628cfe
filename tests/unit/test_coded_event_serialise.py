"""Serialising a CodedEvent for the coding cache: a JSON round trip gives the same event (dates,
floats, mentions, event id), and a payload that is not a serialised event is refused."""

from __future__ import annotations

import json
from datetime import date

import pytest

from etl.records import CodedEvent, Mention, coded_event_from_dict, coded_event_to_dict

EVENT = CodedEvent(
    doc_id="doc-1",
    sentence_index=2,
    sentence="Russian warplanes struck Sarmada.",
    char_start=40,
    char_end=73,
    coder_version="coder-1",
    event_date=date(2024, 11, 28),
    time_precision=1,
    cameo_code="195",
    cameo_base="195",
    cameo_root="19",
    quad_class=4,
    goldstein=-10.0,
    actor1_code="RUSMIL",
    fatalities=4,
    latitude=36.0,
    longitude=36.72,
    mentions=(
        Mention("doc-1", 2, 40, 73, "Russian warplanes struck Sarmada."),
        Mention("doc-1", 5, 120, 150, "The strike on Sarmada killed four."),
    ),
)


def test_round_trip_through_json_gives_the_same_event() -> None:
    payload = json.loads(json.dumps(coded_event_to_dict(EVENT)))
    assert payload["event_date"] == "2024-11-28"
    assert isinstance(payload["mentions"], list) and len(payload["mentions"]) == 2
    back = coded_event_from_dict(payload)
    assert back == EVENT
    assert back.event_id == EVENT.event_id
    assert isinstance(back.mentions, tuple) and isinstance(back.mentions[0], Mention)


def test_whole_floats_come_back_as_floats() -> None:
    payload = coded_event_to_dict(EVENT) | {"goldstein": -10, "latitude": 36}
    back = coded_event_from_dict(payload)
    assert isinstance(back.goldstein, float) and isinstance(back.latitude, float)


@pytest.mark.parametrize(
    "change",
    [
        {"event_date": "28/11/2024"},
        {"unknown_field": 1},
        {"mentions": [{"doc_id": "doc-1"}]},
        {"mentions": ["not a mention"]},
    ],
)
def test_a_malformed_payload_is_refused(change: dict) -> None:
    with pytest.raises((TypeError, ValueError, KeyError)):
        coded_event_from_dict(coded_event_to_dict(EVENT) | change)


def test_a_missing_field_is_refused() -> None:
    payload = coded_event_to_dict(EVENT)
    del payload["doc_id"]
    with pytest.raises(TypeError):
        coded_event_from_dict(payload)
