"""Regression tests for brief H (issue 13): attacks on unnamed victims, verbs written as two
words, passive headlines without a named actor, and one event per coordinated place.

Written with the fixes; each failed on main before them (see bench/probe_attack_roles.py).
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

pytestmark = pytest.mark.slow
PUB = date(2025, 3, 10)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="h", text=text, published=PUB))


def _subs(events: list[CodedEvent]) -> set[str | None]:
    return {e.acled_sub_event_type for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kill 12 in Burkina Faso village attack",
        "Bandits raid Zamfara village, kill 15",
        "Jihadists killed 30 in an attack on a displacement camp near Djibo.",
    ],
)
def test_armed_group_killing_unnamed_people_is_an_attack_not_a_clash(
    coder: Coder, text: str
) -> None:
    subs = _subs(_code(coder, text))
    assert "Attack" in subs and "Armed clash" not in subs


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 12 soldiers in an attack on an army base in Burkina Faso.",
        "Jihadists attacked a military post near Djibo, killing 10 soldiers.",
    ],
)
def test_armed_group_killing_soldiers_stays_an_armed_clash(coder: Coder, text: str) -> None:
    assert "Armed clash" in _subs(_code(coder, text))


@pytest.mark.parametrize(
    "text",
    [
        "Police tear-gassed protesters in Nairobi on Tuesday.",
        "Police tear-gas protesters in Nairobi",
        "Riot police teargassed demonstrators in Kampala on Monday.",
        "Police baton-charged protesters in Lahore on Friday.",
        "Security forces pepper-sprayed protesters outside parliament in Tbilisi.",
    ],
)
def test_verbs_written_as_two_words_are_protest_interventions(coder: Coder, text: str) -> None:
    evs = [e for e in _code(coder, text) if e.acled_sub_event_type == "Protest with intervention"]
    assert evs and evs[0].acled_actor1 is not None and evs[0].acled_actor1.startswith("Protesters")


def test_tear_gas_as_a_noun_after_its_verb_is_not_re_read(coder: Coder) -> None:
    subs = _subs(_code(coder, "Police fire tear gas at protesters in Nairobi"))
    assert "Protest with intervention" in subs


def test_passive_headline_with_unowned_weapon_has_an_unnamed_attacker(coder: Coder) -> None:
    evs = _code(coder, "Sumy power station struck by drones")
    ev = next(e for e in evs if e.acled_sub_event_type == "Air/drone strike")
    assert ev.location == "Sumy"
    assert ev.acled_actor1 is not None and ev.acled_actor1.startswith("Unidentified Armed Group")


def test_passive_headline_weapon_with_country_adjective_names_the_attacker(coder: Coder) -> None:
    evs = _code(coder, "Odesa port struck by Russian drones")
    ev = next(e for e in evs if e.acled_sub_event_type == "Air/drone strike")
    assert ev.acled_actor1 is not None and "Russia" in ev.acled_actor1
    assert ev.location == "Odesa"


@pytest.mark.parametrize(
    "text", ["Kharkiv hit by power cuts", "Sumy power station struck by lightning"]
)
def test_hit_by_a_hazard_is_no_event(coder: Coder, text: str) -> None:
    assert not [e for e in _code(coder, text) if e.cameo_root in {"18", "19", "20"}]


def test_coordinated_object_places_get_one_event_each_with_dead_split(coder: Coder) -> None:
    evs = _code(coder, "Russian missiles hit Kharkiv and Sumy on Monday, killing four people.")
    by_place = {e.location: e.fatalities for e in evs if e.cameo_root == "19"}
    assert by_place == {"Kharkiv": 2, "Sumy": 2}


@pytest.mark.parametrize(
    "text",
    ["Gunmen fired in the air near the village.", "Troops fired shots in the air in Bamako."],
)
def test_shots_fired_in_the_air_are_no_attack_and_no_air_strike(coder: Coder, text: str) -> None:
    evs = _code(coder, text)
    assert not [e for e in evs if e.cameo_root in {"18", "19", "20"}]
    assert "Air/drone strike" not in _subs(evs)


def test_warning_shots_to_disperse_a_crowd_are_a_protest_intervention(coder: Coder) -> None:
    evs = _code(coder, "Police fired in the air to disperse protesters in Kinshasa.")
    ev = next(e for e in evs if e.acled_sub_event_type == "Protest with intervention")
    assert ev.acled_actor2 is not None and ev.acled_actor2.startswith("Police Forces")
    assert "Air/drone strike" not in _subs(evs)


def test_passive_subject_of_a_place_taking_verb_is_the_location(coder: Coder) -> None:
    evs = _code(coder, "Kharkiv was hit by Russian missiles on Monday.")
    ev = next(e for e in evs if e.acled_sub_event_type == "Shelling/artillery/missile attack")
    assert ev.location == "Kharkiv"
