"""Regression tests for multi-sentence wire news (issue 13, brief h3-news).

Written with the fixes they check, on sentences written for them (tuning texts, none from an
eval set): background tallies, reactions and evaluations that point back at an event told
before, and an event told over several sentences.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

PUB = date(2024, 6, 12)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="h3", text=text, published=PUB))


def _violent(coder: Coder, text: str) -> list[CodedEvent]:
    return [e for e in _code(coder, text) if e.acled_event_type in VIOLENT]


# --- background tallies: no event -------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # "since" alone on a present perfect: since the war began.
        "Israel's offensive has since killed more than 43,000 Palestinians, the ministry said.",
        # a process in the present perfect, no day, a count no single event reaches.
        "The fighting has killed more than 500 people.",
        "The violence has killed at least 1,200 people in the region, the United Nations said.",
        "The clashes have killed hundreds of people across the state.",
        # "with N killed" on a cumulative present perfect.
        "Violence in the West Bank has surged since the Gaza war began, with more than 370 "
        "Palestinians killed in Israeli raids and settler attacks.",
    ],
)
def test_a_background_tally_is_no_event(coder: Coder, text: str) -> None:
    assert _violent(coder, text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The fighting killed at least 12 people on Monday, officials said.",
        "Clashes have killed 20 people since Monday in the town of Djibo, officials said.",
        "Fighting between the army and rebels has killed at least 15 people in Goma this week.",
    ],
)
def test_a_recent_toll_stays_an_event(coder: Coder, text: str) -> None:
    assert _violent(coder, text)


# --- reactions and evaluations that point back: no new event ----------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire on a concert hall near Moscow on Friday, killing 137 people. Officials "
        "said on Sunday that 11 people had been arrested. The president vowed to punish those "
        "responsible. Kyiv denied any role. It was the deadliest attack in Russia in two decades.",
        "A bomb killed five soldiers in Mogadishu on Monday. Al Shabaab said it was behind the "
        "blast. The president visited the wounded. Schools were closed on Tuesday. This was the "
        "deadliest bombing in Somalia this year.",
        "Militants stormed a police post in Bannu on Tuesday, killing four officers. Hundreds "
        "attended the funerals on Wednesday. The prime minister sent his condolences. The police "
        "chief resigned. Officials said it was the worst attack on the police since 2019.",
    ],
)
def test_an_evaluation_of_the_event_is_no_second_event(coder: Coder, text: str) -> None:
    assert len(_violent(coder, text)) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Two bombs exploded in Quetta on Wednesday, killing 20 people. The Islamic State group "
        "claimed responsibility for both attacks.",
        "Gunmen shot dead six traders in Mopti on Monday. JNIM said it carried out both attacks.",
        "A mortar hit a market in Kidal on Sunday, killing three. Rebels claimed those attacks "
        "in a statement.",
    ],
)
def test_a_claim_for_both_attacks_folds_into_the_event(coder: Coder, text: str) -> None:
    assert len(_violent(coder, text)) == 1


# --- one event retold with a closer place: one event, at the closer place ----------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place", "dead"),
    [
        (
            "Suspected jihadists stormed a village in Borno state on Tuesday, killing at least 12 "
            "farmers, officials said. The attackers opened fire on residents in Kwatara near "
            "Konduga at dawn.",
            "Konduga",
            12,
        ),
        (
            "Israeli forces raided a hospital in the West Bank on Tuesday and killed three "
            "militants, officials said. The undercover forces shot the men in a ward of a "
            "hospital in Jenin.",
            "Jenin",
            3,
        ),
        (
            "Militants attacked a convoy in Tillaberi region on Friday, killing six soldiers. The "
            "militants ambushed the convoy near the town of Tera.",
            "Téra",
            6,
        ),
    ],
)
def test_a_retelling_with_a_closer_place_is_the_same_event(
    coder: Coder, text: str, place: str, dead: int
) -> None:
    evs = _violent(coder, text)
    assert [(e.location, e.fatalities) for e in evs] == [(place, dead)]


@pytest.mark.slow
def test_another_act_at_a_closer_place_stays_its_own_event(coder: Coder) -> None:
    evs = _violent(
        coder,
        "Suspected jihadists stormed a village in Borno state on Tuesday, killing 12 farmers. "
        "Another group of fighters attacked residents in Konduga, killing four.",
    )
    assert sorted(e.fatalities for e in evs) == [4, 12]


# --- the dateline is no second location ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "OUAGADOUGOU, Burkina Faso (AFP) — Burkina Faso's army said on Monday that it had "
            "retaken control of the town of Djibo after jihadists overran parts of it.",
            "Ouagadougou",
        ),
        (
            "GOMA, Congo (AP) — Congolese troops retook the town of Kitshanga on Saturday after "
            "M23 rebels had captured it in March.",
            "Goma",
        ),
        (
            "MAIDUGURI, Nigeria (AP) — Nigerian soldiers retook the town of Marte on Sunday after "
            "jihadists had overrun it.",
            "Maiduguri",
        ),
    ],
)
def test_a_dateline_is_no_second_location_of_a_merged_act(
    coder: Coder, text: str, dateline: str
) -> None:
    evs = _violent(coder, text)
    assert len(evs) == 1 and evs[0].location != dateline


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        (
            "MOGADISHU, Somalia (Reuters) — Somali forces backed by local militias recaptured the "
            "town of Ceel Dheer from al Shabaab on Sunday after heavy fighting, the ministry said.",
            "Mogadishu",
        ),
        (
            "JUBA, South Sudan (Reuters) — Government troops recaptured the village of Lobonok "
            "from rebels on Sunday after heavy fighting, the army said.",
            "Juba",
        ),
        (
            "TRIPOLI, Libya (Reuters) — Government forces recaptured the village of Ndah from "
            "militias on Sunday after heavy fighting, the army said.",
            "Tripoli",
        ),
    ],
)
def test_a_dateline_is_no_other_location_of_an_act_in_an_unknown_town(
    coder: Coder, text: str, dateline: str
) -> None:
    assert all(e.location != dateline for e in _violent(coder, text))


# --- a death toll given on a later day updates the event ---------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "dead"),
    [
        (
            "Gunmen killed 12 farmers in Konduga on Tuesday. Three more bodies were recovered on "
            "Wednesday, bringing the death toll to 15.",
            15,
        ),
        (
            "A guided bomb killed 16 people in Kharkiv on Saturday. The governor said on Sunday "
            "that the death toll had risen to 18.",
            18,
        ),
        (
            "A bomb killed nine people at a market in Maiduguri on Monday. The death toll rose to "
            "14 on Tuesday, hospital officials said.",
            14,
        ),
    ],
)
def test_a_later_death_toll_updates_the_event(coder: Coder, text: str, dead: int) -> None:
    assert [e.fatalities for e in _violent(coder, text)] == [dead]


# --- the dead "in the unrest in X" belong to the event told before -------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place", "dead"),
    [
        (
            "Protesters clashed with police in Kenya on Tuesday. Two people were killed in the "
            "unrest in the town of Kisumu, a hospital official said.",
            "Kisumu",
            2,
        ),
        (
            "Protesters clashed with police in Senegal on Friday. Three people were killed in the "
            "violence in Ziguinchor, the ministry said.",
            "Ziguinchor",
            3,
        ),
        (
            "Rebels and soldiers fought in eastern Congo on Sunday. Seven soldiers were killed in "
            "the clashes near Sake, an officer said.",
            "Sake",
            7,
        ),
    ],
)
def test_dead_in_the_unrest_at_a_closer_place_join_the_event(
    coder: Coder, text: str, place: str, dead: int
) -> None:
    assert [(e.location, e.fatalities) for e in _violent(coder, text)] == [(place, dead)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Protesters clashed with police in Kenya on Tuesday. Two people were killed in the unrest "
        "in the town of Kisumu. Police arrested 30 people.",
        "Rebels and soldiers fought in eastern Congo on Sunday. Seven soldiers were killed in the "
        "clashes near Sake. The army arrested two rebel commanders.",
        "Protesters clashed with police in Senegal on Friday. Three people were killed in the "
        "violence in Ziguinchor. Police detained 40 people.",
    ],
)
def test_a_sentence_folded_into_an_event_continues_its_day(coder: Coder, text: str) -> None:
    evs = [e for e in _code(coder, text) if e.acled_event_type]
    assert len(evs) == 2 and evs[0].event_date == evs[1].event_date != PUB


# --- a kind of act said to be common is no event -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen kidnapped 20 students in Gusau on Friday. Kidnapping for ransom has become a "
        "lucrative business for armed gangs in northern Nigeria.",
        "Gunmen seized eight passengers near Birnin Gwari on Sunday. Kidnappings are common on the "
        "highway to Abuja.",
        "Kidnapping remains a lucrative trade for gangs in Haiti.",
        "Ambushes are frequent on the road between Beni and Butembo, residents say.",
    ],
)
def test_a_kind_of_act_said_to_be_common_is_no_event(coder: Coder, text: str) -> None:
    assert all(e.sentence_index == 0 for e in _violent(coder, text))
    assert len(_violent(coder, text)) == (1 if ". " in text else 0)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Fighting was heavy in the north of Khartoum on Monday, residents said.",
        "Clashes were fierce near Sake on Tuesday, an officer said.",
    ],
)
def test_fighting_said_to_be_heavy_stays_an_event(coder: Coder, text: str) -> None:
    assert _violent(coder, text)


# --- civilians named by what they were doing ----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Militants opened fire on shoppers at a mall in Nairobi on Saturday, killing 20.",
        "Gunmen opened fire on spectators at a football match in Kumba on Sunday, killing three.",
        "Gunmen opened fire on diners at a restaurant in Mogadishu on Friday, killing five.",
    ],
)
def test_fire_on_shoppers_or_spectators_is_an_attack_on_civilians(coder: Coder, text: str) -> None:
    assert [e.acled_sub_event_type for e in _violent(coder, text)] == ["Attack"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Russian drones struck the Kharkiv region on Monday, killing two people. Drones hit a bus "
        "in Kupiansk, killing four passengers.",
        "Jets bombed villages in Idlib province on Tuesday, killing six civilians. Warplanes "
        "struck a market in Sarmin, killing nine people.",
        "Gunmen killed five villagers in Zamfara state on Sunday, police said. Bandits killed "
        "three farmers in Maru on the same day.",
    ],
)
def test_a_closer_act_with_its_own_count_of_dead_stays_its_own_event(
    coder: Coder, text: str
) -> None:
    assert len(_violent(coder, text)) == 2


# --- "carried out dozens of strikes": the quantity does not hide the doer -------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Israeli warplanes carried out dozens of strikes on military sites across Syria on Monday.",
        "US jets carried out dozens of strikes on Houthi targets in Hodeidah on Friday.",
        "Turkish drones carried out dozens of strikes on Kurdish positions near Qamishli on "
        "Saturday.",
        "Russian warplanes carried out scores of strikes on rebel-held towns in Idlib on Sunday.",
    ],
)
def test_dozens_of_strikes_are_air_strikes_of_the_verbs_subject(coder: Coder, text: str) -> None:
    assert [e.acled_sub_event_type for e in _violent(coder, text)] == ["Air/drone strike"]
