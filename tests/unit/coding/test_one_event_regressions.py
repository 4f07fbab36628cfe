"""Regression tests for one event coded as two (or its dead split or doubled), and for the place
of crowds named by where they live. Written together with the fixes they check: regression
tests, not held out. Each class is checked on sentences that differ in wording."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

PUB = date(2024, 5, 10)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="one-event", text=text, published=PUB))


def _acled(events: list[CodedEvent]) -> list[CodedEvent]:
    return [e for e in events if e.acled_event_type]


# ---------------------------------------------------------------------------------------------
# A unit or region named after the town it holds ("in Jabalia in northern Gaza") qualifies the
# town: it is no second location, and it takes no share of the dead.

CONTAINED = [
    ("Israeli jets struck a house in Jabalia in northern Gaza on Monday, killing 8 people.", 8),
    ("An Israeli airstrike on a house in Beit Lahia in northern Gaza killed 12 people.", 12),
    ("Russian missiles struck Kharkiv region on Monday, killing 3 people in Chuhuiv.", 3),
]


@pytest.mark.parametrize(("text", "dead"), CONTAINED)
def test_a_region_holding_the_place_is_no_second_place(coder: Coder, text: str, dead: int) -> None:
    events = _acled(_code(coder, text))
    assert len(events) == 1, [(e.location, e.fatalities) for e in events]
    assert events[0].fatalities == dead
    assert events[0].geo_precision == 1


def test_two_towns_named_together_stay_two_events(coder: Coder) -> None:
    events = _acled(_code(coder, "Russian strikes hit Kharkiv and Odesa on Monday, killing 6."))
    assert len(events) == 2
    assert sum(e.fatalities for e in events) == 6


# ---------------------------------------------------------------------------------------------
# Triggers joined through another trigger tell one event: "exploded, killing five and wounding
# 12" reaches "wounding" through "killing".

CHAINED = [
    "A car bomb exploded near a checkpoint in Azaz on Monday, killing five people and wounding 12.",
    "A suicide bomber blew himself up at a market in Maiduguri, killing 6 people and injuring 20.",
    "A roadside bomb went off near a bus station in Mogadishu, killing three and injuring nine.",
]


@pytest.mark.parametrize("text", CHAINED)
def test_a_blast_killing_and_wounding_is_one_event(coder: Coder, text: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_event_type for e in events] == ["Explosions/Remote violence"]


# ---------------------------------------------------------------------------------------------
# A bare blast noun ("explosions rocked X") beside an act with its own weapon is that act.

BLAST_WITH_WEAPON = [
    (
        "Explosions rocked Odesa on Monday night as Russian attack drones struck energy "
        "facilities, injuring four people.",
        "Air/drone strike",
    ),
    (
        "Explosions were heard in Kharkiv as Russian missiles hit the city, killing 2.",
        "Shelling/artillery/missile attack",
    ),
]


@pytest.mark.parametrize(("text", "sub"), BLAST_WITH_WEAPON)
def test_a_blast_noun_takes_the_weapon_of_the_act(coder: Coder, text: str, sub: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_sub_event_type for e in events] == [sub]


def test_a_blast_alone_stays_an_explosive(coder: Coder) -> None:
    events = _acled(_code(coder, "A blast hit a market in Kabul on Monday, killing 4."))
    assert [e.acled_sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


# ---------------------------------------------------------------------------------------------
# "during a protest": the protest is the setting of the riot or of the force used against it,
# not a second, peaceful protest.

SETTINGS = [
    (
        "Protesters burned tyres and threw stones at police in Conakry during a protest against "
        "fuel prices.",
        "Violent demonstration",
    ),
    (
        "Residents of Port-Gentil set tyres alight and threw stones at police during a protest "
        "over power cuts.",
        "Violent demonstration",
    ),
    (
        "Police fired live bullets at demonstrators during a protest in Lira, killing 2.",
        "Excessive force against protesters",
    ),
]


@pytest.mark.parametrize(("text", "sub"), SETTINGS)
def test_a_protest_as_setting_is_no_peaceful_protest(coder: Coder, text: str, sub: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_sub_event_type for e in events] == [sub]


def test_a_protest_elsewhere_stays_its_own_event(coder: Coder) -> None:
    events = _acled(
        _code(
            coder,
            "Students marched peacefully in Accra on Monday, while rioters looted shops in Kumasi.",
        )
    )
    assert {e.acled_sub_event_type for e in events} == {"Peaceful protest", "Violent demonstration"}


# ---------------------------------------------------------------------------------------------
# The force used on a gathering and the killing it caused are one ACLED event; its dead are
# counted once. The other reading stays as a CAMEO event.

FORCE = [
    ("Police fired live bullets at demonstrators in Lira, killing 2.", 2),
    (
        "Egyptian police opened fire to disperse demonstrators in Cairo on Monday night, killing "
        "one person and arresting 12.",
        1,
    ),
]


@pytest.mark.parametrize(("text", "dead"), FORCE)
def test_force_on_a_gathering_is_one_event_with_its_dead_once(
    coder: Coder, text: str, dead: int
) -> None:
    events = _code(coder, text)
    acled = _acled(events)
    assert [e.acled_sub_event_type for e in acled] == ["Excessive force against protesters"]
    assert sum(e.fatalities for e in events) == dead
    assert len(events) >= 2  # the CAMEO readings stay


def test_force_at_two_places_stays_two_events(coder: Coder) -> None:
    events = _acled(_code(coder, "Police shot dead 2 protesters in Nairobi and 3 in Mombasa."))
    assert sorted(e.fatalities for e in events) == [2, 3]


# ---------------------------------------------------------------------------------------------
# "Residents of Goma threw stones": where the doers live is the place when the sentence names
# no other.

HOMES = [
    ("Residents of Goma threw stones at police on Sunday.", "Goma"),
    ("Villagers in Kidal protested against the army on Sunday.", "Kidal"),
    ("Gunmen in Zamfara killed 5 farmers on Sunday.", "Zamfara"),
]


@pytest.mark.parametrize(("text", "place"), HOMES)
def test_the_doers_home_is_the_place(coder: Coder, text: str, place: str) -> None:
    events = _acled(_code(coder, text))
    assert events and events[0].location == place


def test_a_place_named_for_the_act_wins_over_the_doers_home(coder: Coder) -> None:
    events = _acled(_code(coder, "Residents of Goma threw stones at police in Sake on Sunday."))
    assert events and events[0].location == "Sake"


# ---------------------------------------------------------------------------------------------
# Shooting down drones or missiles is Disrupted weapons use, also when the tagger reads the
# particle as an adverb or the object as a number ("shot down 28 of 30 drones").

SHOT_DOWN = [
    "Ukraine said it shot down 28 of 30 drones launched by Russia overnight.",
    "Ukrainian air defences shot down 28 of 30 Russian drones overnight.",
    "The army said it shot down dozens of drones over Belgorod on Monday.",
]


@pytest.mark.parametrize("text", SHOT_DOWN)
def test_drones_shot_down_are_disrupted_weapons_use(coder: Coder, text: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_sub_event_type for e in events] == ["Disrupted weapons use"]


# ---------------------------------------------------------------------------------------------
# "Two factions of the rebel alliance": a part of an actor is that actor.

PARTS = [
    "Two rival factions of the rebel alliance agreed to a ceasefire in Kidal on Monday.",
    "A splinter faction of the rebel movement signed a peace deal in Juba on Monday.",
]


@pytest.mark.parametrize("text", PARTS)
def test_a_faction_of_an_actor_is_that_actor(coder: Coder, text: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_sub_event_type for e in events] == ["Agreement"]
    assert events[0].acled_actor1 and events[0].acled_actor1.startswith("Rebel Groups")


# ---------------------------------------------------------------------------------------------
# A country in a passive's "by" phrase acts ("brokered by Qatar"): it is not where the event
# happened, and it does not give the other actors its nationality.


def test_a_country_that_brokers_is_no_place(coder: Coder) -> None:
    events = _acled(_code(coder, "The rebels signed a ceasefire brokered by Qatar on Monday."))
    assert [e.acled_sub_event_type for e in events] == ["Agreement"]
    assert events[0].iso3 != "QAT"
    assert "Qatar" not in (events[0].acled_actor1 or "")


# ---------------------------------------------------------------------------------------------
# Fatalities: "an unknown number" is no count (ACLED codes unknown as 0), and a town unknown
# to the gazetteer placed by the unit in its brackets keeps the dead.

UNKNOWN_DEAD = [
    "Rebels attacked an army base on Sunday. An unknown number of soldiers were killed.",
    "Rebels attacked an army base on Sunday, killing an unknown number of soldiers.",
    "Militants raided the camp on Sunday; an undetermined number of guards were killed.",
]


@pytest.mark.parametrize("text", UNKNOWN_DEAD)
def test_an_unknown_number_of_dead_is_zero(coder: Coder, text: str) -> None:
    events = _acled(_code(coder, text))
    assert events and all(e.fatalities == 0 for e in events)


def test_an_unknown_town_placed_by_its_bracket_keeps_the_dead(coder: Coder) -> None:
    text = "On 5 May 2024, militants beheaded 3 civilians in Mucojo (Macomia, Cabo Delgado)."
    events = _acled(_code(coder, text))
    assert [e.fatalities for e in events] == [3]


# ---------------------------------------------------------------------------------------------
# Leaders of communities are civilians, not state forces.

LEADERS = [
    "Gunmen killed a community leader in Tumaco on Sunday.",
    "Members of the Gulf Clan killed a social leader in Taraza on Sunday.",
    "Gunmen shot dead a traditional leader in Zamfara on Sunday.",
]


@pytest.mark.parametrize("text", LEADERS)
def test_a_community_leader_killed_is_violence_against_civilians(coder: Coder, text: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_event_type for e in events] == ["Violence against civilians"]


# ---------------------------------------------------------------------------------------------
# The weapon of a backer ("forces backed by US airstrikes") is not the act's weapon.

BACKED = [
    (
        "Somali forces backed by US airstrikes killed 15 al-Shabaab fighters in Lower Shabelle.",
        "Armed clash",
    ),
    ("Troops backed by helicopter gunships attacked rebel positions near Goma.", "Armed clash"),
    ("US airstrikes killed 15 al-Shabaab fighters in Lower Shabelle.", "Air/drone strike"),
]


@pytest.mark.parametrize(("text", "sub"), BACKED)
def test_a_backers_weapon_is_not_the_acts(coder: Coder, text: str, sub: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_sub_event_type for e in events] == [sub]


# ---------------------------------------------------------------------------------------------
# One gathering, one event: acts joined under one subject where one is a riot are that riot;
# force used on rioters is part of the Violent demonstration (its dead counted once); a place
# in a clause with its own subject ("while rioters burned cars in Kumasi") is not the march's.

RIOT_ACTS = [
    "Opposition supporters burned tyres and blocked roads in Conakry on Thursday.",
    "Protesters blocked roads and burned tyres in Nairobi on Thursday.",
]


@pytest.mark.parametrize("text", RIOT_ACTS)
def test_acts_joined_to_a_riot_are_the_riot(coder: Coder, text: str) -> None:
    events = _acled(_code(coder, text))
    assert [e.acled_sub_event_type for e in events] == ["Violent demonstration"]


def test_force_on_rioters_is_the_riots_with_the_dead_once(coder: Coder) -> None:
    text = (
        "Opposition supporters burned tyres in Conakry on Thursday, and security forces shot "
        "dead two of them."
    )
    events = _code(coder, text)
    acled = _acled(events)
    assert [e.acled_sub_event_type for e in acled] == ["Violent demonstration"]
    assert acled[0].acled_actor2 and acled[0].acled_actor2.startswith("Military Forces of Guinea")
    assert sum(e.fatalities for e in events) == 2


def test_a_place_of_another_clause_is_not_the_marchs(coder: Coder) -> None:
    text = "Protesters marched in Accra on Monday while rioters burned cars in Kumasi."
    events = _acled(_code(coder, text))
    assert sorted((e.acled_sub_event_type, e.location) for e in events) == [
        ("Peaceful protest", "Accra"),
        ("Violent demonstration", "Kumasi"),
    ]


# ---------------------------------------------------------------------------------------------
# Readings of one sentence that carry the same dead at one place are one event: the remote
# weapon's reading keeps the toll; the dead are counted once.

ONE_TOLL = [
    (
        "U.S. Africa Command said it carried out an airstrike on Sunday against al Shabaab "
        "fighters northeast of Kismayo, killing three militants.",
        "Air/drone strike",
        3,
    ),
    (
        "Israel responded with air strikes on the village of Kfar Kila on Monday, killing two "
        "Hezbollah fighters.",
        "Air/drone strike",
        2,
    ),
]


@pytest.mark.parametrize(("text", "sub", "dead"), ONE_TOLL)
def test_one_toll_is_one_event(coder: Coder, text: str, sub: str, dead: int) -> None:
    events = _code(coder, text)
    assert [e.acled_sub_event_type for e in _acled(events)] == [sub]
    assert sum(e.fatalities for e in events) == dead


# ---------------------------------------------------------------------------------------------
# A group named in a later sentence is who the unnamed fighters of the lead were: one event,
# with the group as actor 1.

NAMED_LATER = [
    "Paramilitary fighters stormed a village in Gezira state on Wednesday, killing at least 104 "
    "people, activists said. The Rapid Support Forces attacked the village in two waves, a local "
    "committee said.",
    "Gunmen attacked a village near Djibo on Sunday, killing 20 civilians. JNIM fighters stormed "
    "the village on motorbikes, residents said.",
]


@pytest.mark.parametrize("text", NAMED_LATER)
def test_a_group_named_later_is_the_leads_doer(coder: Coder, text: str) -> None:
    events = [
        e for e in _acled(_code(coder, text)) if e.acled_event_type != "Strategic developments"
    ]
    assert len(events) == 1
    assert not events[0].acled_actor1.startswith(("Rebel Groups", "Unidentified Armed Group"))


# ---------------------------------------------------------------------------------------------
# A headline over its lead tells the lead's event: one event with the lead's reading and the
# dead once.


def test_a_headline_and_its_lead_are_one_event(coder: Coder) -> None:
    text = (
        "Russian strikes kill 7 in Ukraine's Odesa region\n\n"
        "Russian missiles struck port infrastructure in Ukraine's southern Odesa region "
        "overnight, killing seven people and wounding 15, the regional governor said on Friday."
    )
    events = _code(coder, text)
    acled = _acled(events)
    assert [e.acled_sub_event_type for e in acled] == ["Shelling/artillery/missile attack"]
    assert sum(e.fatalities for e in events) == 7


def test_a_side_read_twice_is_no_second_side(coder: Coder) -> None:
    text = "Ukraine's air force said it had shot down 20 of 26 drones launched by Russia overnight."
    events = _acled(_code(coder, text))
    assert events and all(e.acled_actor2 != e.acled_actor1 for e in events)
