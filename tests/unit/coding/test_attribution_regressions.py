"""Regression tests for who did what: accusations are not the accuser's acts, claims of
responsibility are the claimant's, possessives in reported speech are the speaker's, plural
doers written with a capital are read, and a town acted on is never an actor. Written together
with the fixes they check: regression tests, not held out."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

PUB = date(2024, 5, 10)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _acled(coder: Coder, text: str) -> list[CodedEvent]:
    doc = Document(id="attribution", text=text, published=PUB)
    return [e for e in coder.code_document(doc) if e.acled_event_type]


# An accused act, with its outcome told as a participle, is no event (and no act of the
# accuser); an accusation is never coded with the accused act's ACLED type.
ACCUSED = [
    "The Sudanese army accused the RSF of shelling a hospital in El Fasher, killing 9 patients.",
    "The army accused rebels of attacking a convoy near Goma, wounding 3 soldiers.",
    "Israel claimed Hamas fired rockets at Ashkelon on Monday.",
    "The government claimed the rebels burned houses in Kidal on Monday.",
]


@pytest.mark.parametrize("text", ACCUSED)
def test_an_accusation_is_no_violent_event(coder: Coder, text: str) -> None:
    assert not [e for e in _acled(coder, text) if e.acled_event_type in VIOLENT]


CLAIMED = [
    (
        "Houthi rebels claimed responsibility for a missile attack on a tanker in the Red Sea.",
        "Ansar Allah",
    ),
    (
        "Al-Shabaab claimed responsibility for the bombing in Mogadishu, which killed 5.",
        "Al Shabaab",
    ),
]


@pytest.mark.parametrize(("text", "actor"), CLAIMED)
def test_a_claimed_attack_is_the_claimants(coder: Coder, text: str, actor: str) -> None:
    events = [e for e in _acled(coder, text) if e.acled_event_type in VIOLENT]
    assert [e.acled_actor1 for e in events] == [actor]


def test_a_possessive_in_reported_speech_is_the_speakers(coder: Coder) -> None:
    text = "Hamas said an Israeli airstrike had killed one of its commanders in Gaza City."
    events = _acled(coder, text)
    assert [(e.acled_actor1, e.acled_actor2) for e in events] == [
        ("Military Forces of Israel (2022-)", "Hamas Movement")
    ]


CAPITAL_PLURALS = [
    "Rebels attacked the town of Beni on Sunday, killing 5.",
    "Rebels attacked the town on Sunday, killing 5 civilians.",
]


@pytest.mark.parametrize("text", CAPITAL_PLURALS)
def test_a_capitalised_plural_doer_is_read(coder: Coder, text: str) -> None:
    events = _acled(coder, text)
    assert events and events[0].acled_actor1 and events[0].acled_actor1.startswith("Rebel Groups")


TOWNS = [
    "Militias attacked Beni on Sunday.",
    "Russian drones struck Kherson overnight, killing 3 people.",
]


@pytest.mark.parametrize("text", TOWNS)
def test_a_town_acted_on_is_no_actor(coder: Coder, text: str) -> None:
    events = _acled(coder, text)
    assert events
    assert all(e.acled_actor2 not in {"Beni", "Kherson"} for e in events)


# "a gold mine" is a place of mining, not a landmine: the act done there keeps its own type.
MINES = [
    (
        "Armed men stormed a gold mine in northern Niger on Saturday and abducted four workers.",
        "Abduction/forced disappearance",
    ),
    ("Gunmen attacked a coal mine in Balochistan on Monday, killing 20 miners.", "Attack"),
    (
        "A landmine exploded near Djibo on Monday, killing 2 soldiers.",
        "Remote explosive/landmine/IED",
    ),
]


@pytest.mark.parametrize(("text", "sub"), MINES)
def test_a_mine_for_mining_is_no_landmine(coder: Coder, text: str, sub: str) -> None:
    assert sub in {e.acled_sub_event_type for e in _acled(coder, text)}
    if sub != "Remote explosive/landmine/IED":
        assert "Remote explosive/landmine/IED" not in {
            e.acled_sub_event_type for e in _acled(coder, text)
        }


# Pronouns: "them" in a clause with a doer of its own, joined to another, is that clause's
# subject; a subject pronoun in reported speech is the speaker; "them" after a purpose
# infinitive or in a clause sharing its doer is not the doer.
def test_them_in_a_joined_clause_is_the_other_clauses_subject(coder: Coder) -> None:
    events = _acled(
        coder, "Doctors marched in Nairobi on Wednesday, but police dispersed them with tear gas."
    )
    assert [e.acled_sub_event_type for e in events] == ["Protest with intervention"]


def test_them_after_to_disperse_is_not_the_police(coder: Coder) -> None:
    text = (
        "Protesters gathered in Sokoto on Wednesday. Police later fired tear gas to disperse them."
    )
    assert all(e.acled_actor1 != e.acled_actor2 for e in _acled(coder, text))


def test_they_in_reported_speech_is_the_speaker(coder: Coder) -> None:
    text = (
        "Two armed factions in western Libya announced on Tuesday that they were merging into a "
        "single brigade in Zawiya."
    )
    events = _acled(coder, text)
    assert events and all(e.acled_actor1 != "Military Forces of Libya" for e in events)
    assert events[0].acled_actor1 is not None


# A bare claim of responsibility names the doer of the sentence's unnamed violent acts.
CLAIMS = [
    (
        "A bomb exploded near a mosque in Mazar-i-Sharif on Thursday, killing three; Islamic "
        "State claimed responsibility.",
        "Islamic State",
    ),
    (
        "A suicide bomber killed 12 people at a market in Mogadishu, and al-Shabaab claimed "
        "responsibility.",
        "Al Shabaab",
    ),
]


@pytest.mark.parametrize(("text", "actor"), CLAIMS)
def test_a_claimant_is_the_unnamed_doer(coder: Coder, text: str, actor: str) -> None:
    events = [e for e in _acled(coder, text) if e.acled_event_type in VIOLENT]
    assert [e.acled_actor1 for e in events] == [actor]


def test_a_claim_does_not_replace_named_state_forces(coder: Coder) -> None:
    text = "Soldiers killed 5 militants near Djibo on Monday; JNIM claimed responsibility."
    events = [e for e in _acled(coder, text) if e.acled_event_type in VIOLENT]
    assert events[0].acled_actor1.startswith("Military Forces of Burkina Faso")


# A word-sense stop reads the object itself ("struck oil" is a find), not a modifier of
# another object ("struck an oil refinery" is a strike); a measure's modifier still counts
# ("seized heroin shipments" is no looting).
def test_a_stop_reads_the_object_not_its_modifier(coder: Coder) -> None:
    struck = _acled(coder, "Ukrainian drones struck an oil refinery in Volgograd overnight.")
    assert [e.acled_sub_event_type for e in struck] == ["Air/drone strike"]
    assert not _acled(coder, "The company struck oil off the coast of Guyana on Monday.")
    assert not _acled(coder, "Police seized heroin shipments in Karachi on Monday.")


def test_an_assassination_counts_its_dead(coder: Coder) -> None:
    text = (
        "Unknown gunmen assassinated a mayoral candidate during a rally in Guerrero on Wednesday."
    )
    assert [e.fatalities for e in _acled(coder, text)] == [1]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A mob beat to death a man accused of blasphemy in Sargodha on Saturday.", 1),
        ("Assailants hacked to death two farmers near Jos on Saturday.", 2),
    ],
)
def test_to_death_before_the_dead_counts_them(coder: Coder, text: str, dead: int) -> None:
    assert [e.fatalities for e in _acled(coder, text)] == [dead]


# Demonyms the actor dictionary lacked ("Swedish troops" were Mali's), and a government office
# attacked is its government, not its armed forces.
@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Swedish troops withdrew from Mali on Monday.", "Military Forces of Sweden"),
        ("Nepali police arrested 20 protesters in Kathmandu on Monday.", "Protesters (Nepal)"),
    ],
)
def test_demonyms_name_their_country(coder: Coder, text: str, actor1: str) -> None:
    events = _acled(coder, text)
    assert events and events[0].acled_actor1 == actor1


def test_an_embassy_stormed_is_its_government(coder: Coder) -> None:
    text = (
        "Hundreds of protesters stormed the Swedish embassy in Baghdad and set it on fire on "
        "Thursday."
    )
    events = _acled(coder, text)
    assert [e.acled_actor2 for e in events] == ["Government of Sweden"]


@pytest.mark.parametrize(
    "text",
    [
        "Gang members abducted 17 missionaries east of Port-au-Prince on Saturday.",
        "Gunmen killed a priest in Kafanchan on Sunday.",
    ],
)
def test_the_target_of_violence_against_civilians_is_civilians(coder: Coder, text: str) -> None:
    events = _acled(coder, text)
    assert events and events[0].acled_actor2 and events[0].acled_actor2.startswith("Civilians (")
    assert events[0].inter2 == 7
