"""Regression tests for issue 13's point 5 (events across sentences) and the date and fatality
rules written with it: relative days counted from the narrative, suicide attackers among the
dead, the lower of two sources' tallies, objects killed "to death", dead split among places,
and a sentence of dead only that joins the event before it.

Written with the fixes; the sentences are our own (no evaluation record is copied).
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.coding.dates import find_dates, resolve
from etl.coding.fatalities import count_fatalities, split_by_place
from etl.records import CodedEvent, Document

PUB = date(2024, 12, 3)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # The attacker the text says died is counted, as ACLED counts it.
        ("a suicide bomber detonated a vest at a bus stop, killing himself and 6 commuters", 7),
        ("the bomber blew himself up at the gate, killing 2 guards", 3),
        ("three suicide bombers blew themselves up at a mosque, killing 9 worshippers", 12),
        ("a car bomb hit the convoy, killing 5 soldiers as well as the attacker", 6),
        # ... but not when the text does not say so, or already counts them.
        ("a suicide bomber struck a rally, killing at least 20 people", 20),
        ("a suicide attacker killed 8 people, including the bomber", 8),
        # Two sources' tallies: the lower one.
        ("The army said 3 soldiers were killed, while the rebels claimed 15 dead.", 3),
        ("Officials put the death toll at seven, but residents said 20 people died.", 7),
        # Two tallies with no sources are not a conflict: the larger one, as before.
        ("a policeman was killed and later 4 civilians died in hospital", 4),
        # Objects killed "to death", lynching, beheading, a dead-only note.
        ("villagers caught 3 alleged kidnappers and beat them to death", 3),
        ("a crowd stoned a woman accused of witchcraft to death", 1),
        ("a mob lynched a suspected thief near the bus park", 1),
        ("militants beheaded four farmers", 4),
        ("2 fatalities.", 2),
        ("1 death reported.", 1),
        # Coordinated dead add up; a reading from one number does not swallow the next.
        ("six policemen and two bystanders died in the blast", 8),
        ("killing three soldiers and two militiamen.", 5),
        ("killing 3 soldiers and wounding 2 others", 3),
        ("The army said a local commander confirmed nine people were killed", 9),
        ("killing a teacher, two nurses and a guard.", 4),
        ("Three soldiers, a nurse and two children were killed.", 6),
        ("At least 6 people, including 2 children, were killed", 6),
        ("8 people, 3 of them women, were killed", 8),
        ("killing 4 civilians, a local official said.", 4),
        ("the shelling claimed 11 lives", 11),
        ("the toll rose to 14", 14),
        ("5 soldiers were found dead", 5),
        # Dates and years are no counts.
        ("On 7 May 2024, gunmen shot dead a village chief", 1),
        ("On 3 March, 4 soldiers were killed", 4),
        ("Al-Shabaab claimed a mortar attack on the port; no casualties were reported.", 0),
        # Not deaths.
        ("No one was killed in the exchange of fire", 0),
        ("a judge sentenced five men to death", 0),
    ],
)
def test_fatality_rules(text: str, dead: int) -> None:
    assert count_fatalities(text) == dead


def _split(text: str, names: list[str]) -> list[int]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return split_by_place(text, spans)


@pytest.mark.parametrize(
    ("text", "names", "dead"),
    [
        (
            "Shells hit Kramatorsk, killing 3, and Sloviansk, injuring 5.",
            ["Kramatorsk", "Sloviansk"],
            [3, 0],
        ),
        (
            "Drones struck Odesa and Izmail, killing six and two people respectively.",
            ["Odesa", "Izmail"],
            [6, 2],
        ),
        (
            "Strikes on Marib and Taiz killed nine people, seven of them in Taiz.",
            ["Marib", "Taiz"],
            [2, 7],
        ),
        ("Gunmen raided Zurmi and Gusau, killing 8 people in total.", ["Zurmi", "Gusau"], [4, 4]),
        (
            "Rockets hit Sumy and Okhtyrka, killing two people in Sumy and one in Okhtyrka.",
            ["Sumy", "Okhtyrka"],
            [2, 1],
        ),
        (
            "Fighting was reported in Goma, where 5 were killed, and in Sake, where 2 died.",
            ["Goma", "Sake"],
            [5, 2],
        ),
    ],
)
def test_dead_are_split_among_places_never_copied(
    text: str, names: list[str], dead: list[int]
) -> None:
    assert _split(text, names) == dead


def test_days_counted_from_the_narrative_not_from_publication() -> None:
    # Within a sentence: from the day named before ("said on Monday ... the previous day").
    found = find_dates("The army said on Monday that the raid took place the previous day.", PUB)
    assert [d for _s, _e, d, _p in found] == [date(2024, 12, 2), date(2024, 12, 1)]
    # Across sentences: from the day the text has reached (``reference``).
    assert resolve("Two days later they took the town.", PUB, None, date(2024, 11, 27)) == (
        date(2024, 11, 29),
        1,
    )
    assert resolve("The next day, soldiers returned.", PUB, None, date(2024, 11, 30)) == (
        date(2024, 12, 1),
        1,
    )
    assert resolve("since the weekend", PUB) == (date(2024, 11, 30), 2)
    assert resolve(
        "Hours later, a second blast hit the market.", PUB, None, date(2024, 11, 29)
    ) == (
        date(2024, 11, 29),
        1,
    )


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("the day before yesterday", date(2024, 12, 1), 1),
        ("a week ago", date(2024, 11, 26), 2),
        ("last week", date(2024, 11, 28), 2),  # the middle (Thursday) of last week
        ("on the 29th", date(2024, 11, 29), 1),  # a day after the publication's: last month
        ("on the 2nd", date(2024, 12, 2), 1),
        ("in March", date(2024, 3, 15), 3),
        ("since mid-October", date(2024, 10, 15), 3),
        ("this past weekend", date(2024, 11, 30), 2),
        ("on Christmas Day", date(2023, 12, 25), 1),
        ("over the past week", date(2024, 11, 30), 2),
    ],
)
def test_more_relative_dates(text: str, expected: date, precision: int) -> None:
    assert resolve(text, PUB) == (expected, precision)


def test_a_night_told_beside_a_named_day_is_that_days() -> None:
    text = "Troops entered Kindu on Sunday after the rebels pulled out overnight."
    assert {d for _s, _e, d, _p in find_dates(text, PUB)} == {date(2024, 12, 1)}
    assert resolve("Drones attacked the port overnight.", PUB) == (date(2024, 12, 2), 1)


def test_a_range_of_days_starts_on_its_first() -> None:
    assert resolve("on 5-6 November 2024", PUB) == (date(2024, 11, 5), 2)
    assert resolve("on the night of 22 to 23 November", PUB) == (date(2024, 11, 22), 2)


def test_may_and_march_stay_words_without_a_time_word() -> None:
    assert find_dates("Protesters march on the capital; they may return.", PUB) == []


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="asm", text=text, published=PUB))


@pytest.mark.slow
def test_a_sentence_of_dead_only_joins_the_event_before(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 28 November 2024, unidentified gunmen abducted 6 passengers near Birnin Gwari "
        "(Kaduna). 2 fatalities.",
    )
    ev = next(e for e in evs if e.acled_event_type == "Violence against civilians")
    assert ev.fatalities == 2 and ev.event_date == date(2024, 11, 28)
    assert len([e for e in evs if e.acled_event_type]) == 1


@pytest.mark.slow
def test_the_next_day_is_the_day_after_the_first_event(coder: Coder) -> None:
    evs = _code(
        coder,
        "Rebels attacked an army post near Bunia on Thursday, killing four soldiers. "
        "The next day, the rebels seized the town of Komanda.",
    )
    days = {e.event_date for e in evs if e.acled_event_type}
    assert date(2024, 11, 28) in days and date(2024, 11, 29) in days


@pytest.mark.slow
def test_the_dead_of_die_in_the_next_sentence_join_the_event(coder: Coder) -> None:
    evs = _code(
        coder,
        "Drones attacked the city of Kherson on Sunday, officials said. Three people died and "
        "9 were injured.",
    )
    violent = [e for e in evs if e.acled_event_type]
    assert len(violent) == 1 and violent[0].fatalities == 3


@pytest.mark.slow
def test_lethal_force_on_protesters_keeps_its_dead(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 30 November 2024, police opened fire with live ammunition on opposition protesters in "
        "Maputo. "
        "3 protesters were killed.",
    )
    ev = next(e for e in evs if e.acled_sub_event_type == "Excessive force against protesters")
    assert ev.fatalities == 3 and ev.event_date == date(2024, 11, 30)


@pytest.mark.slow
def test_each_place_gets_its_own_dead(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 1 December 2024, Russian missiles hit Zaporizhzhia and Dnipro, killing five people "
        "in Zaporizhzhia and two in Dnipro.",
    )
    by_place = {e.location: e.fatalities for e in evs if e.acled_event_type}
    assert sorted(by_place.values()) == [2, 5]


@pytest.mark.slow
def test_another_doers_clause_keeps_its_own_dead(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 30 November 2024, Israeli aircraft struck Nabatieh, killing 3 civilians, while "
        "artillery shelled Khiam, killing 1.",
    )
    strike = next(e for e in evs if e.acled_sub_event_type == "Air/drone strike")
    assert strike.fatalities == 3


@pytest.mark.slow
def test_the_attack_named_later_gives_its_day_to_the_undated_event(coder: Coder) -> None:
    evs = _code(
        coder,
        "Gunmen killed four herders near Tahoua, officials said. The attack on Saturday was "
        "claimed by the Islamic State.",
    )
    violent = [e for e in evs if e.acled_event_type]
    assert len(violent) == 1 and violent[0].event_date == date(2024, 11, 30)


@pytest.mark.slow
def test_the_militants_named_before_are_the_group(coder: Coder) -> None:
    evs = _code(
        coder,
        "JNIM fighters entered the village of Solenzo on Thursday. The militants then killed "
        "9 civilians.",
    )
    attack = next(e for e in evs if e.acled_event_type == "Violence against civilians")
    assert attack.acled_actor1 is not None and attack.acled_actor1.startswith("JNIM")
    assert attack.fatalities == 9 and attack.event_date == date(2024, 11, 28)


@pytest.mark.slow
def test_a_bracketed_province_is_no_place_of_its_own(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 1 December 2024, Russian forces shelled Kupiansk (Kharkiv), killing 2 civilians, "
        "and Vovchansk (Kharkiv), injuring 4.",
    )
    violent = [e for e in evs if e.acled_event_type]
    assert all(e.location != "Kharkiv" for e in violent)
    assert sum(e.fatalities for e in violent) == 2  # never copied onto a second place


@pytest.mark.slow
def test_a_locator_is_not_a_second_place(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 1 December 2024, gunmen attacked villages around Kutum, north of El Fasher, "
        "killing 7 civilians.",
    )
    violent = [e for e in evs if e.acled_event_type]
    assert [e.fatalities for e in violent] == [7]


@pytest.mark.slow
def test_dead_of_an_accident_do_not_join_the_attack_before(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 30 November 2024, gunmen attacked a convoy near Gao, killing 2 soldiers. "
        "4 people died in a road accident.",
    )
    attack = next(e for e in evs if e.acled_event_type)
    assert attack.fatalities == 2


@pytest.mark.slow
def test_the_fight_for_a_town_is_its_takeover(coder: Coder) -> None:
    evs = _code(
        coder,
        "Al-Shabaab fighters captured the town of Mahas on Saturday after clashes with "
        "government troops. At least 7 people were killed.",
    )
    violent = [e for e in evs if e.acled_event_type == "Battles"]
    assert [e.acled_sub_event_type for e in violent] == ["Non-state actor overtakes territory"]
    assert violent[0].fatalities == 7
    assert any(e.cameo_root == "19" and e.acled_event_type is None for e in evs)  # CAMEO fight


@pytest.mark.slow
def test_a_name_unknown_to_the_gazetteer_still_takes_its_share(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 30 November 2024, gunmen attacked civilians in Zzyzxville and Djibo, killing 8 "
        "people in total.",
    )
    violent = [e for e in evs if e.acled_event_type]
    assert [e.fatalities for e in violent] == [4]


@pytest.mark.slow
def test_dead_told_after_a_several_place_sentence_are_split(coder: Coder) -> None:
    evs = _code(
        coder,
        "On 30 November 2024, JNIM militants attacked civilians in Djibo and Arbinda. "
        "6 fatalities.",
    )
    violent = [e for e in evs if e.acled_event_type]
    assert len(violent) == 2 and [e.fatalities for e in violent] == [3, 3]


@pytest.mark.slow
def test_a_town_entered_before_is_where_the_next_sentence_happens(coder: Coder) -> None:
    evs = _code(
        coder,
        "Rebels entered Kindu on Sunday. They fought government troops for hours; at least "
        "six people were killed.",
    )
    fight = next(e for e in evs if e.acled_event_type == "Battles")
    assert fight.location == "Kindu" and fight.fatalities == 6
    assert fight.event_date == date(2024, 12, 1)


@pytest.mark.slow
def test_protests_in_two_towns_are_two_events(coder: Coder) -> None:
    evs = _code(
        coder,
        "Thousands of people protested in Accra and Kumasi on Tuesday against illegal mining.",
    )
    places = {e.location for e in evs if e.acled_sub_event_type == "Peaceful protest"}
    assert places == {"Accra", "Kumasi"}
