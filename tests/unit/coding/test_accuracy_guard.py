"""The real coder, run on 417 texts written for this guard (tests/data/coder_guard.jsonl), keeps at
least the accuracy recorded in tests/data/coder_guard_floor.json, so a later change cannot quietly
lose it; the set itself is checked for well-formed gold, and the guard is shown to fail on a drop.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from etl.coding.reference import acled_taxonomy
from etl.records import CodedEvent

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from eval_guard import (
    ERROR_METRICS,
    FLOOR_FILE,
    GUARD_SET,
    RECALL_METRICS,
    GuardScores,
    check_floor,
    format_scores,
    load_floor,
    load_guard_set,
    run_guard,
    score_record,
)

# Every failure class of issue 13 must keep texts in the set.
REQUIRED_CLASSES = {
    "taxonomy",
    "nominal",
    "existential",
    "passive",
    "headline",
    "negation",
    "denial",
    "accusation",
    "claim",
    "threat",
    "warning",
    "plan",
    "conditional",
    "question",
    "history",
    "sense_sports",
    "sense_business",
    "sense_markets",
    "sense_entertainment",
    "sense_weather",
    "sense_accident",
    "sense_suicide",
    "sense_crime",
    "sense_drugs",
    "sense_fired",
    "cross_sentence",
    "coreference",
    "conjoined",
    "multi_place",
    "multi_event",
    "language_short",
    "non_english",
}


def test_guard_set_is_well_formed() -> None:
    records = load_guard_set()
    assert len(records) >= 180
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    classes = Counter(r["class"] for r in records)
    assert set(classes) >= REQUIRED_CLASSES, REQUIRED_CLASSES - set(classes)
    types = {sub: ev for _dis, ev, sub in acled_taxonomy()}
    seen_subs: Counter[str] = Counter()
    for r in records:
        date.fromisoformat(r["published"])
        gold = r["gold"]
        if gold.get("skip"):
            continue
        assert gold.get("events") or gold.get("no_violence"), f"{r['id']}: gold says nothing"
        if gold.get("no_violence"):
            assert set(gold["forbid_roots"]) >= {"18", "19", "20"}, r["id"]
        for ev in gold.get("events", []):
            assert types.get(ev["sub_event_type"]) == ev["event_type"], r["id"]
            assert len(ev["iso3"]) == 3 and ev["iso3"].isupper(), r["id"]
            # an event cannot happen after the report of it
            assert date.fromisoformat(ev["date"]) <= date.fromisoformat(r["published"]), r["id"]
            seen_subs[ev["sub_event_type"]] += 1
    missing = set(types) - set(seen_subs)
    assert not missing, f"sub-event types without a gold event: {missing}"


def test_floor_file_covers_every_metric() -> None:
    floor = load_floor()
    assert set(floor["floors"]) == set(RECALL_METRICS)
    assert set(floor["ceilings"]) == set(ERROR_METRICS)
    assert all(0.0 <= v <= 1.0 for v in (*floor["floors"].values(), *floor["ceilings"].values()))


def _event(**fields: object) -> CodedEvent:
    base: dict[str, object] = {
        "doc_id": "d",
        "sentence_index": 0,
        "sentence": "",
        "char_start": 0,
        "char_end": 1,
        "coder_version": "fake",
        "event_date": date(2024, 3, 4),
        "time_precision": 1,
    }
    base.update(fields)
    return CodedEvent(**base)  # type: ignore[arg-type]


def test_guard_fails_and_names_the_ids_when_accuracy_drops() -> None:
    positive = {
        "id": "p1",
        "class": "taxonomy",
        "published": "2024-03-05",
        "text": "",
        "gold": {
            "events": [
                {
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "iso3": "BFA",
                    "location": "Djibo",
                    "date": "2024-03-04",
                    "fatalities": 5,
                }
            ]
        },
    }
    negative = {
        "id": "n1",
        "class": "sense_sports",
        "published": "2024-03-05",
        "text": "",
        "gold": {"no_violence": True, "forbid_roots": ["18", "19", "20"]},
    }
    right = _event(
        acled_event_type="Battles",
        acled_sub_event_type="Armed clash",
        iso3="BFA",
        location="Djibo",
        fatalities=5,
    )
    good = GuardScores()
    score_record(good, positive, [right], None)
    score_record(good, negative, [], None)
    floor = {
        "floors": {"event_type": 1.0, "fatalities": 1.0},
        "ceilings": {"negatives_violent_root": 0.0},
    }
    assert check_floor(good, floor) == []

    worse = GuardScores()
    score_record(
        worse,
        positive,
        [
            _event(
                acled_event_type="Battles",
                acled_sub_event_type="Armed clash",
                iso3="BFA",
                location="Djibo",
                fatalities=3,
            )
        ],
        None,
    )
    score_record(worse, negative, [_event(cameo_root="19", acled_event_type="Battles")], None)
    problems = check_floor(worse, floor)
    assert any(p.startswith("fatalities") and "p1" in p for p in problems)
    assert any(p.startswith("negatives_violent_root") and "n1" in p for p in problems)
    assert not any(p.startswith("event_type") for p in problems)


@pytest.mark.slow
def test_coder_keeps_its_recorded_accuracy_on_the_guard_set() -> None:
    from etl.coding import Coder

    started = time.perf_counter()
    scores = run_guard(Coder(), load_guard_set(GUARD_SET))
    seconds = time.perf_counter() - started
    table = format_scores(scores, failures=True)
    print(f"{table}\n(guard coded and scored in {seconds:.1f} s)")
    problems = check_floor(scores, load_floor(FLOOR_FILE))
    assert not problems, (
        "the coder fell below the recorded floor (tests/data/coder_guard_floor.json):\n  "
        + "\n  ".join(problems)
        + "\n"
        + table
    )
