"""Regression tests for trap sentences (issue 13): word senses, hazards and hypotheticals that
read like political violence, written together with the fix.

Every sentence was written for this file (none is taken from an evaluation set). Each failure
class comes as a pair: a sentence that reports no political violence (a fight against a disease or
an animal, a film's plot told in a relative clause, a bare "condemned the bombing", a missile test
or shells fired into the sea, arms disposal, a forecast, an anniversary told with "since", a report
called baseless, an accident after a fire, a robbery, a levy that "targets" landowners, a town
entered "without firing a shot", cricket and chess, a "3-1 defeat", a stabbing over a debt) must
get no violent CAMEO root (18, 19, 20), and a sentence close to it that does report political
violence must keep one. Every negative got a violent root before the fix; the positives guard
against a fix that drops too much.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import Document

pytestmark = pytest.mark.slow
PUB = date(2024, 5, 1)
VIOLENT = {"18", "19", "20"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _roots(coder: Coder, text: str) -> set[str | None]:
    events = coder.code_document(Document(id="t", text=text, published=PUB))
    return {e.cameo_root for e in events}


# (class, no political violence, political violence close to it)
PAIRS = [
    (
        "fight against a disease",
        "Health workers in Juba are fighting a cholera outbreak that has killed 25 people.",
        "Soldiers are fighting rebels near Juba in clashes that have killed 25 people.",
    ),
    (
        "animal as the foe",
        "Rangers shot dead a leopard that had mauled a herder near Kasese on Monday.",
        "Soldiers shot dead a gunman who had attacked a herder near Kasese on Monday.",
    ),
    (
        "pest invasion",
        "Farmers in Turkana battled a locust invasion with sprayers supplied by the government.",
        "Soldiers in Turkana battled militants who invaded a village near the border.",
    ),
    (
        "story of a film in a relative clause",
        "The Ghanaian thriller, in which rebels ambush a presidential convoy, won the top prize "
        "at the festival in Accra.",
        "Rebels ambushed a presidential convoy near Tamale on Friday, the army said.",
    ),
    (
        "bare condemnation",
        "The Kenyan president condemned the bombing and sent condolences to the families.",
        "The Kenyan president condemned the bombing of a bus in Mandera that killed eight "
        "passengers.",
    ),
    (
        "condemned killings of unnamed plural victims",
        "The bishops' conference condemned the killing of priests and urged the government to act.",
        "The bishops' conference condemned the killing of two priests in Benue state on Sunday.",
    ),
    (
        "hyphenated test launch",
        "Pakistan successfully test-launched a new cruise missile on Wednesday, the army said.",
        "Iran launched ballistic missiles at an air base in Erbil on Wednesday, state media said.",
    ),
    (
        "weapons test in an apposition",
        "North Korea fired a cruise missile on Tuesday, the third in a series of weapons tests "
        "this month.",
        "Russia fired a cruise missile at Odesa on Tuesday, the third strike on the port this "
        "month.",
    ),
    (
        "fire into the sea",
        "China's navy fired missiles into the sea east of Taiwan on Thursday.",
        "Houthi rebels fired missiles at a cargo ship in the Red Sea on Thursday.",
    ),
    (
        "arms disposal",
        "Army engineers destroyed 200 unexploded shells in a controlled detonation near Kupiansk "
        "on Friday.",
        "Russian troops fired shells at a market near Kupiansk on Friday, killing two civilians.",
    ),
    (
        "forecast with likely",
        "If mediation fails, fighting around Bamenda is likely to escalate, a local official "
        "warned.",
        "Fighting around Bamenda escalated on Sunday, killing four, a local official said.",
    ),
    (
        "years since in a clause",
        "Residents of Garissa marked nine years since gunmen stormed the university and killed "
        "148 students.",
        "Gunmen stormed a university in Garissa on Thursday and killed 14 students.",
    ),
    (
        "old year on the antecedent's clause",
        "In 2016, the Pakistani Taliban claimed the Easter Sunday bombing in Lahore that killed "
        "75 people.",
        "On Saturday, al-Shabaab claimed the truck bombing that killed 20 people in Mogadishu.",
    ),
    (
        "explosion after a fire",
        "A munitions store exploded in Lagos on Saturday after a fire broke out, killing four.",
        "A munitions store exploded in Maiduguri on Saturday after insurgents shelled it, killing "
        "four.",
    ),
    (
        "death when a gas tank exploded",
        "Three people died when a gas tank exploded at a hotel in Kampala on Friday.",
        "Three people died when a bomb exploded at a hotel in Kampala on Friday.",
    ),
    (
        "report called baseless",
        "Reports that rebels had shelled a camp near Goma were false, the group said on Friday.",
        "Rebels shelled a camp near Goma on Friday, killing three displaced people, officials "
        "said.",
    ),
    (
        "criminal's tool",
        "Robbers ambushed a security van near Polokwane on Monday, blowing it open with "
        "explosives before fleeing with the cash.",
        "Insurgents blew up a bridge near Dori with explosives on Tuesday, cutting the road to "
        "Niger.",
    ),
    (
        "a plan that targets people",
        "The new levy targets wealthy landowners in Punjab, the finance ministry said.",
        "Gunmen targeted wealthy landowners in Punjab, killing three, police said.",
    ),
    (
        "entered without firing a shot",
        "Rebels entered Bunia on Friday without firing a shot after soldiers fled the town.",
        "Rebels entered Bunia on Friday after a gun battle with soldiers that killed six.",
    ),
    (
        "abstract object of kill off",
        "Lawmakers in Kampala killed off a proposed levy on mobile money on Tuesday.",
        "Gunmen in Kampala killed a tax collector on Tuesday, police said.",
    ),
    (
        "cricket attack",
        "India's pace attack ripped through Bangladesh's top order in Chattogram on Sunday.",
        "Militants attacked a cricket ground in Chattogram on Sunday, killing two spectators.",
    ),
    (
        "hazard in the plural",
        "Landslides triggered by torrential rain killed nine villagers in Bududa district.",
        "Gunmen killed 11 people in Bududa on Sunday, police said.",
    ),
    (
        "quake subject split by the parser",
        "A magnitude 6.1 earthquake killed at least 30 people in Herat province on Saturday.",
        "A suicide bomber killed at least 30 people in Herat province on Saturday.",
    ),
    (
        "bar brawl",
        "Three men were killed in a bar brawl in Eldoret on Saturday night, police said.",
        "Three men were killed in an ambush by bandits near Eldoret on Saturday night, police "
        "said.",
    ),
    (
        "chess attack",
        "Carlsen launched a fierce kingside attack and sacrificed his bishop to crush his Dutch "
        "opponent in Wijk aan Zee.",
        "Uzbek troops launched an attack on militants near Termez and crushed their positions.",
    ),
    (
        "score before a defeat",
        "Sudan were ambushed by a rampant Niger side in Niamey on Sunday and fell to a 3-1 defeat.",
        "Sudanese soldiers were ambushed by rebels near Niamey on Sunday and three were killed.",
    ),
    (
        "killing hung on the flood's object",
        "On 2 May 2024, flash floods hit Kitui (Eastern), sweeping away homes and killing at "
        "least 12 people.",
        "On 2 May 2024, gunmen attacked Kitui (Eastern), burning homes and killing at least 12 "
        "people.",
    ),
    (
        "act as the subject of a since clause",
        "On 20 April 2024, residents of Goma marked two years since fighting broke out between "
        "the army and M23.",
        "On 20 April 2024, fighting broke out between the army and M23 near Goma, killing five.",
    ),
    (
        "killing over a debt",
        "On 9 February 2024, a man stabbed a neighbour to death in Nyeri (Nyeri) over a debt, "
        "police said.",
        "On 9 February 2024, militiamen stabbed a village chief to death in Nyeri (Nyeri), police "
        "said.",
    ),
    (
        "inverted condition the parser hangs on the auxiliary",
        "Should the RSF attack El Obeid, thousands of civilians would be at risk, the UN warned "
        "on Friday.",
        "The RSF attacked El Obeid on Friday, putting thousands of civilians at risk, the UN said.",
    ),
    (
        "relative clause hung on a place inside the hazard's phrase",
        "Mali's army said on Friday that an explosion at an ammunition depot in Kati, which "
        "killed six people, was caused by a fire.",
        "Mali's army said on Friday that an explosion at an army depot in Kati, which killed six "
        "people, was caused by a drone strike.",
    ),
]


@pytest.mark.parametrize(("name", "negative", "_positive"), PAIRS, ids=[p[0] for p in PAIRS])
def test_trap_regression_no_violent_root(
    coder: Coder, name: str, negative: str, _positive: str
) -> None:
    assert not _roots(coder, negative) & VIOLENT, name


@pytest.mark.parametrize(("name", "_negative", "positive"), PAIRS, ids=[p[0] for p in PAIRS])
def test_trap_regression_real_violence_kept(
    coder: Coder, name: str, _negative: str, positive: str
) -> None:
    assert _roots(coder, positive) & VIOLENT, name


def test_trap_regression_unopposed_entry_is_a_transfer_of_territory(coder: Coder) -> None:
    """ "Entered ... without firing a shot" is ACLED's non-violent transfer of territory."""
    text = "Rebels entered Bunia on Friday without firing a shot after soldiers fled the town."
    events = coder.code_document(Document(id="t", text=text, published=PUB))
    subs = {e.acled_sub_event_type for e in events}
    assert "Non-violent transfer of territory" in subs
    assert not {e.cameo_root for e in events} & VIOLENT
