"""Regression tests for trap sentences of issue 13 (helper branch h2-traps): denials of
non-violent acts, claims called false in unusual parses, acts named as a purpose or an effort,
industrial accidents, pests, a captured thief, an unopposed takeover and a lone doer.

Every sentence was written for this file (none is taken from an evaluation set). Each class has
texts that must not be coded as the act they mention (they deny, disprove or aim at it, or the
words have another sense) and texts close to them that report the act and must keep it. Every
negative was coded as the act before the fix; the positives guard against a fix that drops too
much.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

pytestmark = pytest.mark.slow
PUB = date(2024, 5, 1)
VIOLENT_ROOTS = {"18", "19", "20"}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _events(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="t", text=text, published=PUB))


def _violent(events: list[CodedEvent]) -> list[CodedEvent]:
    return [
        e for e in events if e.cameo_root in VIOLENT_ROOTS or e.acled_event_type in VIOLENT_TYPES
    ]


# A denied, disproved or intended non-violent act is no ACLED event of its kind.
DENIED_ACTS = [
    (
        "The rebel commander dismissed as propaganda claims that his fighters had looted shops "
        "in Goma.",
        "Looting/property destruction",
    ),
    (
        "The police chief in Lagos denied that his men had looted homes during the raid.",
        "Looting/property destruction",
    ),
    (
        "Myanmar's junta denied reports that soldiers burned houses in Sagaing region last week.",
        "Looting/property destruction",
    ),
    (
        "Police in Nairobi denied firing tear gas at demonstrators outside parliament on Tuesday.",
        "Protest with intervention",
    ),
    (
        "The government denied that security forces had detained journalists in Addis Ababa.",
        "Arrests",
    ),
    (
        "Villagers said they feared the militia would return to burn their homes in Djugu.",
        "Looting/property destruction",
    ),
]
DONE_ACTS = [
    ("Soldiers looted shops in Goma on Monday, residents said.", "Looting/property destruction"),
    ("Police fired tear gas at protesters in Nairobi on Tuesday.", "Protest with intervention"),
    ("Security forces detained three journalists in Addis Ababa on Sunday.", "Arrests"),
    (
        "Soldiers returned to burn the homes of villagers in Kanyabayonga on Monday.",
        "Looting/property destruction",
    ),
    ("Police fired tear gas to disperse protesters in Nairobi on Tuesday.", None),
]


@pytest.mark.parametrize(("text", "sub_event"), DENIED_ACTS)
def test_denied_or_intended_act_is_no_event(coder: Coder, text: str, sub_event: str) -> None:
    subs = [e.acled_sub_event_type for e in _events(coder, text)]
    assert sub_event not in subs, subs


@pytest.mark.parametrize(("text", "sub_event"), DONE_ACTS)
def test_act_that_happened_keeps_its_event(coder: Coder, text: str, sub_event: str | None) -> None:
    events = _events(coder, text)
    assert events
    if sub_event is not None:
        assert sub_event in {e.acled_sub_event_type for e in events}


# (class, text with no political violence)
NO_VIOLENCE = [
    (
        "claim parsed as a verb, called baseless",
        "The army said claims that it had massacred villagers in Moura were baseless.",
    ),
    (
        "claim as the object, its predicate split off",
        "The spokesman said reports that government troops had killed 15 civilians in the "
        'village were "fabricated".',
    ),
    (
        "claim denied in the passive",
        "Reports that militants had seized the town of Mansila were denied by the army.",
    ),
    (
        "account contradicted",
        "Witnesses contradicted the police account that officers had been shot at first.",
    ),
    ("help in fighting", "Mexico asked the United States for help in fighting the cartels."),
    ("funds for fighting", "The EU approved new funding for fighting armed gangs in Haiti."),
    ("fight as an effort", "Doctors battled to save the lives of the injured after the crash."),
    (
        "struggle as an effort",
        "Health workers struggled to contain the spread of cholera in Lusaka.",
    ),
    ("captured thief", "Police captured a notorious car thief in Nairobi."),
    (
        "takeover without a shot",
        "Not a single shot was fired when the rebels entered the town of Kalehe.",
    ),
    (
        "takeover without a bullet",
        "Not a single bullet was fired as the militia seized the village of Nyanzale.",
    ),
    ("industrial explosion", "An explosion at a chemical plant in Tianjin killed 50 people."),
    ("industrial fire", "An explosion at a sawmill in Kumasi injured 12 people."),
    ("pest as the doer", "Locusts invaded farms in northern Kenya."),
    ("death of illness", "The opposition leader died on Monday after a long illness."),
    ("death of old age", "The former general died on Sunday at the age of 80."),
    (
        "toll after a landslide",
        "A landslide hit the village of Bududa on Monday. At least 15 people were killed, the "
        "Red Cross said.",
    ),
    (
        "toll after a fire",
        "A fire broke out at a market in Kampala on Sunday. Two traders were killed, police said.",
    ),
    (
        "anybody as the doer",
        "The minister said any soldier who shot at civilians would be punished.",
    ),
    ("gun salute", "Soldiers fired a 21-gun salute at the president's funeral in Lilongwe."),
    (
        "background participle with a doer",
        "The bodies of the fishermen killed by pirates were returned to their families.",
    ),
    (
        "background participle's object",
        "Displaced people fleeing the fighting arrived in Chad on Tuesday.",
    ),
    (
        "background participle with a setting",
        "Doctors treated children injured in the bombing at a clinic in Aleppo.",
    ),
    ("span of years", "The peace deal ended decades of fighting between the army and the rebels."),
    (
        "tally of this year in reported speech",
        "The UN said more than 500 people had been killed in Haiti's gang violence this year.",
    ),
    (
        "acts in general as a cause",
        "Attacks on schools have forced 8,000 schools to close in the Sahel, UNICEF said.",
    ),
    (
        "habit told in the past",
        "Activists say security forces routinely beat and detain protesters.",
    ),
]
VIOLENCE = [
    ("clash named", "Two soldiers were killed in fighting with rebels near Goma on Monday."),
    ("fight for a purpose by troops", "Troops fought to retake the town of Kalehe on Monday."),
    (
        "militia took a town",
        "M23 fighters seized the town of Rubaya after heavy fighting on Monday.",
    ),
    (
        "bomb at a factory",
        "A bomb exploded at a factory in Kano, killing five workers, police said.",
    ),
    (
        "attack on a refinery",
        "Militants attacked an oil refinery in Port Harcourt on Monday, killing two guards.",
    ),
    ("armed doers on farms", "Gunmen attacked farms in Benue on Tuesday, killing six farmers."),
    ("reported killing", "The army said it had killed 15 militants in the village of Moura."),
    ("death in clashes", "Three soldiers died in clashes with rebels near Beni on Sunday."),
    (
        "toll after an attack",
        "Gunmen attacked the village of Bududa on Monday. At least 15 people were killed.",
    ),
    (
        "doer after a hazard",
        "Floods swept through Beira overnight. Separately, twelve soldiers were killed by "
        "militants in Cabo Delgado.",
    ),
    (
        "one doer of a relative clause",
        "Gunmen who stormed a church in Kasindi on Sunday killed 14 worshippers.",
    ),
    ("fire at mourners", "Soldiers fired on mourners at a funeral in Bamenda on Saturday."),
    (
        "dated participle",
        "Twelve soldiers killed in an ambush near Gao on Monday were buried on Wednesday.",
    ),
    ("headline participle", "Soldiers killed in ambush near Gao"),
    ("counted toll", "2 civilians killed, 11 wounded in an explosion in Azaz on Sunday."),
    ("misparsed main verb", "Gunmen on motorbikes fired at the crowd in Djibo, killing two."),
    ("toll since a day", "Clashes have killed 20 people in Tripoli since Monday, officials said."),
    ("toll of one day", "Gangs killed 15 people in Port-au-Prince on Sunday, the UN said."),
    ("one beating", "Soldiers beat detainees at the camp in Gao on Monday, former prisoners said."),
]


@pytest.mark.parametrize(("cls", "text"), NO_VIOLENCE, ids=[c for c, _ in NO_VIOLENCE])
def test_trap_gets_no_violent_event(coder: Coder, cls: str, text: str) -> None:
    violent = _violent(_events(coder, text))
    assert not violent, [(e.cameo_code, e.acled_sub_event_type) for e in violent]


@pytest.mark.parametrize(("cls", "text"), VIOLENCE, ids=[c for c, _ in VIOLENCE])
def test_violence_close_to_a_trap_stays(coder: Coder, cls: str, text: str) -> None:
    assert _violent(_events(coder, text))


def test_unopposed_takeover_is_a_non_violent_transfer(coder: Coder) -> None:
    text = "Not a single shot was fired when the rebels entered the town of Kalehe."
    subs = {e.acled_sub_event_type for e in _events(coder, text)}
    assert "Non-violent transfer of territory" in subs


@pytest.mark.parametrize(
    ("text", "mob"),
    [
        ("A teacher was stabbed by a student in a school in Nairobi.", False),
        ("A mob of students stabbed a teacher to death in Sokoto on Monday.", True),
        ("A crowd beat a man to death in Lagos on Friday.", True),
    ],
)
def test_one_person_is_no_crowd(coder: Coder, text: str, mob: bool) -> None:
    subs = {e.acled_sub_event_type for e in _events(coder, text)}
    assert ("Mob violence" in subs) is mob, subs


def test_street_vendor_shot_by_police_is_violence_against_civilians(coder: Coder) -> None:
    # Counterpart of the denial "Police denied that officers had shot dead a hawker": a hawker
    # is a civilian victim, not a side in an armed clash.
    events = _events(coder, "Police shot dead a hawker in Mombasa on Friday, witnesses said.")
    assert "Attack" in {e.acled_sub_event_type for e in events}
