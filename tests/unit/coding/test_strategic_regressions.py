"""Regression tests for ACLED Strategic developments the coder read as violence or missed, one
class per section. Written together with the fixes they check: regression tests, not held out."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

PUB = date(2024, 5, 10)
VIOLENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Riots",
}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="strategic", text=text, published=PUB))


def _subs(events: list[CodedEvent]) -> set[str | None]:
    return {e.acled_sub_event_type for e in events if e.acled_sub_event_type}


# ---------------------------------------------------------------------------------------------
# Explosives found, recovered, destroyed or neutralised before they went off are ACLED's
# Disrupted weapons use, and the weapon noun is no explosion.

DISRUPTED = [
    "On 5 May 2024, Somali soldiers found and destroyed a roadside bomb near Afgooye.",
    "Malian troops recovered two improvised explosive devices on the road to Douentza on "
    "Tuesday and detonated them safely.",
    "Army engineers neutralised a landmine found near the village of Tessit on Monday.",
    "An IED planted under a bridge near Beledweyne was discovered and removed by police on Sunday.",
]


@pytest.mark.parametrize("text", DISRUPTED)
def test_weapon_found_or_destroyed_is_disrupted_use_not_an_explosion(
    coder: Coder, text: str
) -> None:
    events = _code(coder, text)
    assert "Disrupted weapons use" in _subs(events)
    assert not any(e.acled_event_type in VIOLENT_TYPES for e in events)
    assert not any(e.cameo_root in {"18", "19", "20"} for e in events)


def test_a_bomb_that_went_off_is_still_an_explosion(coder: Coder) -> None:
    events = _code(coder, "A roadside bomb destroyed an army truck near Afgooye on Monday.")
    assert "Remote explosive/landmine/IED" in _subs(events)


def test_army_engineers_are_state_forces(coder: Coder) -> None:
    events = _code(coder, "Army engineers neutralised a landmine near Tessit on Monday.")
    assert any(e.inter1 == 1 for e in events)


# ---------------------------------------------------------------------------------------------
# A place its holders had left changes hands without a fight: Non-violent transfer, with one
# event for the taking and the withdrawal it follows.

VACATED = [
    "On 7 May 2024, the Arakan Army took control of an abandoned military camp near Sittwe.",
    "Rebels entered the town of Kiwanja after the army abandoned it on Monday.",
    "Al Shabaab took over the town of Bulo Burte after Ethiopian troops pulled out on Thursday.",
    "The army retook the deserted town of Kassala after the RSF left.",
]


@pytest.mark.parametrize("text", VACATED)
def test_taking_a_vacated_place_is_a_transfer(coder: Coder, text: str) -> None:
    events = _code(coder, text)
    subs = [e.acled_sub_event_type for e in events if e.acled_sub_event_type]
    assert subs == ["Non-violent transfer of territory"]


def test_taking_after_withdrawal_names_the_withdrawing_side(coder: Coder) -> None:
    events = _code(
        coder, "Al Shabaab took over the town of Bulo Burte after Ethiopian troops pulled out."
    )
    (transfer,) = [e for e in events if e.acled_sub_event_type]
    assert transfer.acled_actor1 == "Al Shabaab"
    assert transfer.acled_actor2 is not None and "Ethiopia" in transfer.acled_actor2


def test_capture_after_a_withdrawal_stays_a_takeover(coder: Coder) -> None:
    text = (
        "Rebel fighters led by Hayat Tahrir al-Sham captured most of Aleppo on Saturday after "
        "government forces withdrew from the city."
    )
    assert "Non-state actor overtakes territory" in _subs(_code(coder, text))


def test_taking_after_a_battle_stays_a_takeover(coder: Coder) -> None:
    events = _code(coder, "M23 rebels captured the town of Rubaya after heavy fighting on Tuesday.")
    assert "Non-state actor overtakes territory" in _subs(events)


# ---------------------------------------------------------------------------------------------
# A town the gazetteer knows is never a named actor, whatever entity label the parser gave it.


@pytest.mark.parametrize(
    "text",
    [
        "Rebels seized Kidal on Monday.",
        "Fano militiamen entered Debre Tabor on Monday.",
    ],
)
def test_a_town_taken_is_no_actor(coder: Coder, text: str) -> None:
    events = _code(coder, text)
    assert events and all(e.acled_actor2 is None for e in events)


def test_soldiers_killed_in_an_attack_on_a_town_make_a_battle(coder: Coder) -> None:
    events = _code(coder, "On 3 May 2024, JNIM attacked Djibo (Soum, Sahel), killing 5 soldiers.")
    assert "Armed clash" in _subs(events)


# ---------------------------------------------------------------------------------------------
# Civilians who flee a named place, or flee to or from one, are ACLED's Other (displacement).


@pytest.mark.parametrize(
    "text",
    [
        "Some 2,000 families fled from Djibo towards Ouagadougou last week.",
        "Thousands of residents fled Goma on Monday.",
    ],
)
def test_civilians_fleeing_a_place_is_displacement(coder: Coder, text: str) -> None:
    assert "Other" in _subs(_code(coder, text))


# ---------------------------------------------------------------------------------------------
# A blockade or siege imposed with no fighting told is a security measure (Other), not a battle;
# an armed group blocking roads is not a protest.

BLOCKADES = [
    "On 6 May 2024, Al Shabaab imposed a blockade on Hudur, cutting off food supplies.",
    "JNIM militants have blockaded the town of Djibo, preventing trucks from entering.",
    "Rebels have laid siege to the town of Bossangoa since Monday, blocking all roads.",
]


@pytest.mark.parametrize("text", BLOCKADES)
def test_blockade_is_a_strategic_development(coder: Coder, text: str) -> None:
    events = _code(coder, text)
    assert "Other" in _subs(events)
    assert not any(e.acled_event_type in VIOLENT_TYPES | {"Protests"} for e in events)


def test_drivers_blocking_a_road_still_protest(coder: Coder) -> None:
    text = "Truck drivers blocked the main highway in Nairobi to protest fuel prices."
    events = _code(coder, text)
    assert "Peaceful protest" in _subs(events)


# ---------------------------------------------------------------------------------------------
# A kill verb with an object counts that object's dead: "a"/"one" before an active verb is no
# dead person ("A roadside bomb killed nobody"), and a definite singular victim is one dead.


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A roadside bomb killed nobody, police said.", 0),
        ("A drone strike on a car killed its two occupants.", 2),
        ("A bomb hit a bus near Mopti, killing the driver.", 1),
        ("Gunmen shot dead the village chief on Monday.", 1),
        ("Gunmen killed the driver and two passengers.", 3),
        ("The strike killed the soldiers in their base.", 0),
        ("The blast killed the crew.", 0),
        ("One soldier killed in clashes near Kidal.", 1),
        ("Four children and a man were killed.", 5),
    ],
)
def test_dead_of_an_active_kill_verb(text: str, dead: int) -> None:
    from etl.coding.fatalities import count_fatalities

    assert count_fatalities(text) == dead


# ---------------------------------------------------------------------------------------------
# "Gang members", "union members": a member noun takes its actor from its modifier.


def test_gang_members_are_an_armed_actor(coder: Coder) -> None:
    events = _code(coder, "Gang members torched dozens of homes in Port-au-Prince on Wednesday.")
    assert "Looting/property destruction" in _subs(events)


# ---------------------------------------------------------------------------------------------
# One event told over two sentences, the second naming its doer by a definite description of
# the doer named before ("The attackers killed 17 residents"), is one event with the dead.


def test_definite_description_of_the_doer_continues_the_event(coder: Coder) -> None:
    events = _code(
        coder,
        "Gunmen raided the village of Bokkos on Sunday night. The attackers killed 17 residents.",
    )
    attacks = [e for e in events if e.acled_sub_event_type == "Attack"]
    assert [e.fatalities for e in attacks] == [17]


def test_another_doer_in_the_next_sentence_is_another_event(coder: Coder) -> None:
    events = _code(
        coder,
        "Soldiers attacked rebel positions near Goma on Monday. "
        "The rebels killed 4 soldiers in a counterattack.",
    )
    clashes = [e for e in events if e.acled_sub_event_type == "Armed clash"]
    assert len(clashes) == 2


# ---------------------------------------------------------------------------------------------
# "SAF and RSF clashed": a reciprocal verb's conjoined subject names both sides.


@pytest.mark.parametrize(
    "text",
    [
        "On 12 June 2024, SAF and RSF clashed in El Fasher (North Darfur).",
        "On 2 May 2024, SAF and RSF fought in Omdurman.",
    ],
)
def test_conjoined_subject_of_a_clash_keeps_both_sides(coder: Coder, text: str) -> None:
    (clash,) = [e for e in _code(coder, text) if e.acled_sub_event_type == "Armed clash"]
    assert clash.acled_actor1 is not None and "Sudan" in clash.acled_actor1
    assert clash.acled_actor2 is not None and "RSF" in clash.acled_actor2


# ---------------------------------------------------------------------------------------------
# "Kobou (Oudalan, Sahel)": the units in one bracket qualify one location and take no share of
# its dead, also when the gazetteer does not know them.


def test_bracketed_units_of_an_unknown_village_keep_the_whole_toll(coder: Coder) -> None:
    events = _code(
        coder,
        "On 12 March 2024, unidentified armed men attacked the village of Kobou (Oudalan, "
        "Sahel) and killed 4 civilians.",
    )
    assert [e.fatalities for e in events if e.acled_sub_event_type == "Attack"] == [4]


# ---------------------------------------------------------------------------------------------
# Crowds: a crime word that describes the victim sets no crime scene ("attacked a man accused
# of theft" is mob violence); party supporters who riot are Rioters; the purpose infinitive of a
# demonstration is the same protest; "marched through X" places the march.


def test_victim_accused_of_a_crime_is_still_mob_violence(coder: Coder) -> None:
    text = "A group of youths attacked and injured a man accused of theft in Gulu on Monday."
    assert "Mob violence" in _subs(_code(coder, text))


def test_party_supporters_in_a_riot_are_rioters(coder: Coder) -> None:
    text = "Supporters of the ruling party attacked opposition supporters with machetes in Goma."
    riots = [e for e in _code(coder, text) if e.acled_event_type == "Riots"]
    assert riots and all((e.acled_actor1 or "").startswith("Rioters") for e in riots)


@pytest.mark.parametrize(
    "text",
    [
        "Around 50 residents held a demonstration in Nairobi to protest against demolitions.",
        "Hundreds rallied in Lagos on Monday to demand the release of detained activists.",
    ],
)
def test_a_protest_and_its_purpose_are_one_event(coder: Coder, text: str) -> None:
    protests = [e for e in _code(coder, text) if e.acled_event_type == "Protests"]
    assert len(protests) == 1


def test_a_march_through_a_city_is_placed_there(coder: Coder) -> None:
    events = _code(coder, "Teachers marched through Accra on Monday to protest unpaid salaries.")
    assert [e.location for e in events if e.acled_event_type == "Protests"] == ["Accra"]


# ---------------------------------------------------------------------------------------------
# "Haiti gangs torch police station": a doer's plural noun the parser read as the verb; the
# headline verb after it is parsed again as the verb.


def test_headline_with_the_doer_read_as_verb(coder: Coder) -> None:
    events = _code(coder, "Haiti gangs torch police station in Mirebalais")
    assert "Looting/property destruction" in _subs(events)


def test_a_town_named_like_a_currency_sets_no_business_scene(coder: Coder) -> None:
    text = "Residents attacked a man accused of stealing a goat in Lira and beat him to death."
    assert "Mob violence" in _subs(_code(coder, text))


def test_opened_fire_on_protesters_names_them(coder: Coder) -> None:
    events = _code(coder, "Police opened fire on protesters in Nairobi on Tuesday, killing 3.")
    (force,) = [e for e in events if e.acled_sub_event_type == "Excessive force against protesters"]
    assert force.acled_actor2 == "Protesters (Kenya)" and force.fatalities == 3


# ---------------------------------------------------------------------------------------------
# A hamlet abroad named like a place the gazetteer lacks is no event place when the story is
# about another country ("Colombian troops retook El Plateado": not a Mexican village of 486).


def test_hamlet_abroad_is_no_place_of_a_story_about_another_country(coder: Coder) -> None:
    text = "Colombian troops recaptured the town of El Plateado from FARC dissidents on Saturday."
    events = _code(coder, text)
    assert events and all(e.iso3 != "MEX" for e in events)
    assert "Government regains territory" in _subs(events)


# ---------------------------------------------------------------------------------------------
# A death with no doer and no act is no event by itself ("has died aged 92"); "ran riot" is an
# idiom. A sentence of dead after an event still joins it.


@pytest.mark.parametrize(
    "text",
    [
        "The former president has died aged 92, his family said.",
        "Liverpool ran riot at Anfield on Saturday.",
    ],
)
def test_no_violence_in_a_plain_death_or_an_idiom(coder: Coder, text: str) -> None:
    events = _code(coder, text)
    assert not any(e.acled_event_type in VIOLENT_TYPES for e in events)
    assert not any(e.cameo_root in {"18", "19", "20"} for e in events)


def test_dead_told_after_a_clash_join_it(coder: Coder) -> None:
    text = (
        "Clashes erupted between soldiers and rebels near Goma on Monday. Six people died, "
        "residents said."
    )
    clashes = [e for e in _code(coder, text) if e.acled_sub_event_type == "Armed clash"]
    assert [e.fatalities for e in clashes] == [6]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Army shells rebel positions near Goma", "Shelling/artillery/missile attack"),
        ("M23 rebels seize Goma", "Non-state actor overtakes territory"),
    ],
)
def test_headline_verb_in_the_present_form(coder: Coder, text: str, sub: str) -> None:
    assert sub in _subs(_code(coder, text))


def test_headline_sanctions_in_the_present_form(coder: Coder) -> None:
    events = _code(coder, "US sanctions Russian banks")
    assert any(e.cameo_code == "163" for e in events)


def test_forces_led_by_a_group_are_no_cooperation_event(coder: Coder) -> None:
    text = "Rebel fighters led by Hayat Tahrir al-Sham captured most of Aleppo on Saturday."
    assert not any(e.cameo_code == "060" for e in _code(coder, text))


# ---------------------------------------------------------------------------------------------
# "in south Lebanon" is southern Lebanon, not the town of South Lebanon, Ohio, unless the story
# is about the towns' country or a qualifier places it there ("South Lebanon, Ohio").


def test_direction_and_country_name_the_country(coder: Coder) -> None:
    text = "Israeli jets struck Hezbollah positions in south Lebanon on Monday, killing 3 fighters."
    events = [e for e in _code(coder, text) if e.acled_event_type]
    assert events and all(e.iso3 == "LBN" for e in events)


def test_a_town_so_named_keeps_its_qualifier() -> None:
    from etl.geo.resolve import geocode

    town = geocode("South Lebanon, Ohio")
    country = geocode("south Lebanon")
    assert town is not None and town.place.iso3 == "USA"
    assert country is not None and country.place.iso3 == "LBN"


def test_a_date_is_no_target(coder: Coder) -> None:
    text = "On 7 July 2024, police fired live ammunition at protesters in Nairobi, killing 3."
    (force,) = [e for e in _code(coder, text) if e.acled_event_type == "Protests"]
    assert force.acled_actor2 == "Protesters (Kenya)"


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("The driver and a passenger were killed, officials said.", 2),
        ("The commander and his deputy were killed in the strike.", 2),
        ("The soldiers and a civilian were killed.", 1),
        ("Two soldiers and a policeman were killed on Monday.", 3),
    ],
)
def test_dead_listed_as_singular_phrases_before_a_passive(text: str, dead: int) -> None:
    from etl.coding.fatalities import count_fatalities

    assert count_fatalities(text) == dead
