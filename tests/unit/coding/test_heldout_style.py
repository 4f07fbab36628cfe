"""Held-out style checks written for eventetl (not taken from any eval set).

News-like sentences and ACLED-note-like event notes, one general behaviour each, so that a
regression in a whole category (shelling notes, demands, threats, protests, reported attacks,
country-level places, regime periods, vague death counts, "say" inflation) is caught.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

pytestmark = pytest.mark.slow
PUB = date(2024, 12, 3)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="h", text=text, published=PUB))


def _roots(events: list[CodedEvent]) -> set[str | None]:
    return {e.cameo_root for e in events}


def test_acled_note_shelling_with_vague_toll_and_dated_period(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 14 February 2024, Sudanese Armed Forces shelled Omdurman, killing several civilians.",
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.event_date == date(2024, 2, 14) and ev.time_precision == 1
    assert ev.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert ev.acled_actor1 == "Military Forces of Sudan (2019-)"
    assert ev.location == "Omdurman" and ev.geo_precision == 1
    assert ev.fatalities == 10  # "several" -> 10 (ACLED convention as recalled)


def test_acled_note_unidentified_gunmen_and_a_few_dead(coder: Coder) -> None:
    evs = _code(coder, "On 9 June 2024, unidentified gunmen killed a few villagers near Mopti.")
    ev = next(e for e in evs if e.cameo_root in {"18", "19"})
    assert ev.acled_actor1 == "Unidentified Armed Group (Mali)"
    assert ev.acled_actor2 == "Civilians (Mali)"
    assert ev.fatalities == 3 and ev.geo_precision == 2


def test_country_only_location_gets_a_point_at_precision_3(coder: Coder) -> None:
    evs = _code(coder, "On 2 May 2024, Israeli warplanes carried out airstrikes in Lebanon.")
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.iso3 == "LBN" and ev.geo_precision == 3
    assert ev.latitude is not None and ev.longitude is not None


def test_unknown_regime_period_is_left_out(coder: Coder) -> None:
    evs = _code(coder, "Kenyan police fired tear gas at protesters in Nairobi on Tuesday.")
    # Tear gas on a protest is Protest with intervention: protesters are actor1, police actor2.
    assert any("Police Forces of Kenya" in (e.acled_actor1, e.acled_actor2) for e in evs)


def test_reported_speech_codes_the_reported_attack(coder: Coder) -> None:
    evs = _code(
        coder,
        "Police said gunmen had attacked a village in Zamfara state, killing dozens of residents.",
    )
    ev = next(e for e in evs if e.cameo_root in {"18", "19"})
    assert ev.actor1_role == "UAF" and ev.iso3 == "NGA"
    assert ev.fatalities == 12


def test_must_under_a_speech_verb_is_a_demand_by_the_speaker(coder: Coder) -> None:
    evs = _code(coder, "Germany said on Monday that Belarus must release the detained journalists.")
    ev = next(e for e in evs if e.cameo_root == "10")
    assert ev.actor1_country == "DEU" and ev.actor2_country == "BLR"


def test_demand_that_clause_target(coder: Coder) -> None:
    evs = _code(
        coder, "Opposition parties demanded that the Serbian government hold early elections."
    )
    ev = next(e for e in evs if e.cameo_root == "10")
    assert ev.actor1_role == "OPP" and ev.actor2_country == "SRB"


def test_conditional_announcement_is_a_threat(coder: Coder) -> None:
    evs = _code(
        coder,
        "Turkey announced that it will recall its ambassador from Sweden unless the ban is lifted.",
    )
    assert "13" in _roots(evs)
    assert not any(e.acled_event_type for e in evs if e.cameo_root == "13")


def test_crowd_of_protesters_are_protesters(coder: Coder) -> None:
    evs = _code(coder, "Hundreds of teachers marched in Nairobi on Monday to demand higher pay.")
    ev = next(e for e in evs if e.cameo_root == "14")
    assert ev.acled_actor1 == "Protesters (Kenya)" and ev.location == "Nairobi"


def test_claimed_responsibility_names_the_attacker(coder: Coder) -> None:
    evs = _code(coder, "Al Shabaab claimed responsibility for the bombing in Mogadishu on Sunday.")
    ev = next(e for e in evs if e.cameo_root == "18")
    assert ev.acled_actor1 == "Al Shabaab"


def test_killing_attributed_to_the_attacker_of_the_previous_sentence(coder: Coder) -> None:
    evs = _code(
        coder,
        "Israel has escalated its campaign in Lebanon. "
        "The killing of Hezbollah's military chief in Beirut shocked the region.",
    )
    ev = next(e for e in evs if e.cameo_root == "18")
    assert ev.actor1_country == "ISR"
    assert "Unidentified" not in (ev.acled_actor1 or "")


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy was growing faster than expected.",
        "Officials told reporters that the talks were going well.",
        "The spokesman noted that the new budget would be published next week.",
    ],
)
def test_plain_statements_are_not_events(coder: Coder, text: str) -> None:
    assert _code(coder, text) == []


def test_material_cooperation_and_aid(coder: Coder) -> None:
    evs = _code(
        coder, "Japan will provide emergency food aid to Bangladesh, the foreign ministry said."
    )
    assert "03" in _roots(evs) or "07" in _roots(evs)
    evs = _code(coder, "The United States delivered humanitarian aid to Haiti on Friday.")
    assert "07" in _roots(evs)


def test_ambush_of_an_army_convoy_near_a_short_town_name(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 20 September 2024, JNIM militants ambushed a Malian army convoy near Gao, "
        "killing 15 soldiers.",
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.location == "Gao" and ev.iso3 == "MLI" and ev.geo_precision == 2
    assert ev.actor2_code == "MLIMIL" and ev.fatalities == 15


def test_clashes_between_two_named_sides(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 22 April 2024, clashes between Fano militia and the Ethiopian army were reported "
        "in Gondar, leaving many dead.",
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.acled_sub_event_type == "Armed clash"
    assert ev.actor2_code == "ETHMIL" and ev.fatalities == 10


def test_launched_weapons_are_not_the_target(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 12 August 2024, Ukrainian forces launched drones at an oil depot in Rostov oblast.",
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.acled_sub_event_type == "Air/drone strike"
    assert ev.actor2_name != "drones" and ev.iso3 == "RUS"


def test_victims_of_a_raid_are_civilians(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 3 May 2024, Israeli troops raided a refugee camp near Nablus, "
        "killing four Palestinians.",
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.acled_actor2 == "Civilians (Palestine)" and ev.fatalities == 4
    assert ev.acled_event_type == "Violence against civilians"


def test_mercenaries_link_to_the_named_group(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 4 June 2024, Russian mercenaries from the Wagner group attacked a village near Mopti, "
        "killing 20 civilians.",
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.acled_actor1 == "Wagner Group" and ev.fatalities == 20
