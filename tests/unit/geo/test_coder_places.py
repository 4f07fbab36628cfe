"""The coder with the spaCy model places the issue's example sentences right: homonyms abroad,
pieces of names, sentence-initial common words, and a province beside the town."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def located(coder: Coder, text: str) -> list[CodedEvent]:
    doc = Document(id="t", text=text, published=date(2024, 6, 1))
    return [e for e in coder.code_document(doc) if e.latitude is not None]


def test_province_beside_the_town_decides(coder: Coder) -> None:
    events = located(
        coder, "On 30 May 2024, Russian forces shelled Pokrovsk (Donetsk), killing 2 civilians."
    )
    assert events and {(e.iso3, e.admin1) for e in events} == {("UKR", "Donetsk")}


def test_piece_of_a_name_is_no_second_place(coder: Coder) -> None:
    events = located(
        coder,
        "Russian warplanes struck Maarat al-Numan in Idlib province on Thursday, killing four "
        "civilians, rescuers said.",
    )
    assert events and {e.iso3 for e in events} == {"SYR"}
    assert {e.admin1 for e in events} == {"Idleb"}


def test_human_rights_is_not_uman_and_police_is_not_poland(coder: Coder) -> None:
    events = located(
        coder,
        "Police fired tear gas at protesters in Nairobi on Tuesday, the Kenya National "
        "Commission on Human Rights said.",
    )
    assert events and {e.iso3 for e in events} == {"KEN"}
    assert all("Poland" not in (e.acled_actor1 or "") for e in events)


def test_district_town_of_an_unknown_village_at_precision_two(coder: Coder) -> None:
    events = located(
        coder,
        "On 3 July 2024, M23 fighters attacked FARDC positions near Nowhereville "
        "(Rutshuru, North Kivu). 3 soldiers were killed.",
    )
    assert events and {(e.iso3, e.admin1, e.geo_precision) for e in events} == {
        ("COD", "North Kivu", 2)
    }


def test_place_of_another_clause_is_not_the_events(coder: Coder) -> None:
    events = located(
        coder,
        "Supporters of Imran Khan hurled stones at police in Islamabad on Tuesday, and officers "
        "fired tear gas and rubber bullets, while a separate sit-in in Peshawar ended peacefully.",
    )
    violent = [
        e
        for e in events
        if e.cameo_root in {"14", "17", "18", "19"} and e.acled_sub_event_type != "Peaceful protest"
    ]
    assert violent and {e.location for e in violent} == {"Islamabad"}
    # The separate sit-in is its own event, in its own place (ACLED: one event per place).
    peaceful = [e for e in events if e.acled_sub_event_type == "Peaceful protest"]
    assert {e.location for e in peaceful} <= {"Peshawar"}


def test_people_from_a_province_are_no_event_place(coder: Coder) -> None:
    events = located(
        coder,
        "Gunmen stopped a passenger bus on the highway near Kalat on Saturday night and shot "
        "dead seven men from Punjab province, officials said.",
    )
    killings = [e for e in events if e.cameo_root in {"18", "19", "20"}]
    assert killings and {(e.location, e.geo_precision) for e in killings} == {("Kalat", 2)}
