"""Regression tests of h3-traps: violent words in text that reports no violent act.

Every sentence was written for this file (tuning texts of the h3-traps branch, not taken from an
evaluation set or an article). Each negative stands for a class fixed on that branch and gave a
violent CAMEO root (18, 19, 20) or a violent ACLED type before the fix: industrial blasts named by
their site, stray and celebratory shots, accidents told in a 'when' clause, rates and general
truths, unverified sources, 'in case' conditions, feared acts that never came, inquiries into past
acts, arms seized in a search, army vehicles' accidents, natural deaths, quarrels between
office-holders and wars of words. The positives resemble them and must stay violent.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import Document

pytestmark = pytest.mark.slow
PUB = date(2024, 5, 1)
VIOLENT_ROOTS = {"18", "19", "20"}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _violent(coder: Coder, text: str) -> list[tuple[str | None, str | None]]:
    events = coder.code_document(Document(id="h3", text=text, published=PUB))
    return [
        (e.cameo_code, e.acled_event_type)
        for e in events
        if e.cameo_root in VIOLENT_ROOTS or e.acled_event_type in VIOLENT_TYPES
    ]


@pytest.mark.parametrize(
    "text",
    [
        # an industrial blast named by the site of its verb, or by a site compound
        "A blast ripped through a textile factory in Gazipur on Monday, killing five workers, "
        "fire officials said.",
        "A powerful explosion rocked a refinery near Basra, killing two engineers.",
        "A chemical reactor exploded at a pharmaceutical plant in Telangana, killing eight people.",
        "A pipeline blast in Nigeria's Rivers state killed 12 people who were scooping fuel, "
        "police said.",
        "A quarry blast in northern Ghana killed four miners who were breaking rocks.",
        # a hazard container, a compound chain, a hazard in an 'after' clause
        "A fire at a hospital in Baghdad killed 23 patients after an oxygen tank exploded.",
        "A propane tank explosion at a bakery in Tegucigalpa killed the owner and two customers.",
        "A truck exploded after hitting a fuel tanker on the highway near Kaduna, killing 14 "
        "people.",
        "A minibus blew up following a crash with a fuel truck on the Dakar highway, killing nine.",
        # a hazard told in the 'after' phrase; a toll after a sentence whose blast was a hazard's
        "A cargo ship exploded in the port of Bandar Abbas after containers of chemicals caught "
        "fire, the port authority said. Several dock workers were killed.",
        "An explosion at an ammunition depot in Brazzaville was caused by a fire, the government "
        "said. At least 6 people were killed.",
        "A blast at a fireworks factory in Sivakasi was caused by friction, officials said. Eleven "
        "workers were killed.",
        # a death the sentence puts in a hazard
        "On 4 April 2024, a man was found dead in Lusaka (Lusaka); police believe he was killed "
        "in a road accident.",
        "Two children were killed in a house fire in Soweto on Sunday, firefighters said.",
        # a funeral or an inquiry named by its support verb's object
        "Hundreds attended the burial of five soldiers killed in an ambush last month in "
        "Tillaberi.",
        "The family held a funeral for the journalist killed in Gaza in March.",
        # a dispersal of a crowd the pronoun names: an intervention, not an attack
        "Students marched on parliament in Accra on Tuesday and police dispersed them with tear "
        "gas.",
        # a shot no one aimed
        "A stray bullet fired at a wedding in Peshawar killed a guest on Saturday, police said.",
        "A girl was killed by a stray bullet during Independence Day celebrations in Karachi.",
        # an accident told in the 'when' clause
        "A soldier was killed when his rifle accidentally discharged at a base in Ghana.",
        # a rate, a general truth
        "According to a new study, landmines kill about 5,000 people a year worldwide.",
        "Snakebites kill about 100,000 people a year, most of them in Africa and Asia.",
        # an unverified source
        "Unverified social media posts said gunmen had attacked a village in Zamfara; officials "
        "could not confirm it.",
        # 'in case'
        "The governor urged residents to stay indoors in case bandits attack the town tonight.",
        "Villagers dug trenches in case the rebels shell the village again.",
        # a feared act that never came
        "The feared clashes between rival supporters in Kinshasa never materialised.",
        # an inquiry into a past act
        "A UN panel is investigating the killing of 14 civilians in a village near Bunia last "
        "month.",
        "Police opened an inquiry into the shooting of a journalist in Tegucigalpa in February.",
        # arms seized in a search
        "The police seized 12 guns and 3,000 rounds of ammunition in a raid on a house in "
        "Cape Town.",
        # an army vehicle's accident
        "A military truck overturned on a mountain road in Pakistan, killing six soldiers.",
        # an animal as the shared object of two verbs
        "Police shot and killed a rabid dog that bit several children in Lagos.",
        # natural deaths
        "A stroke killed the veteran opposition leader in Dhaka on Tuesday, his party said.",
        "A heart attack killed the former rebel leader in exile in Nairobi.",
        # words
        "The senator fired a broadside at the White House over its trade policy.",
        "The army chief resigned after clashing with the defence minister over strategy.",
        "Opposition supporters clashed with the ruling party in a war of words on social media.",
        "The governor and the senator fought a bitter war of words on Twitter.",
        # business
        "Regulators raided the offices of the crypto exchange in Seoul on Tuesday.",
        # one person of school, hospital or work life attacking another
        "A passenger stabbed a driver after an argument over the fare in Nairobi.",
        "A patient attacked a nurse with scissors at a hospital in Durban, staff said.",
        # a team's name, a three-digit score
        "The Essendon Bombers defeated Carlton by 20 points at the MCG.",
        "The Houston Rockets beat the Lakers 112-104 on Tuesday night.",
        # a fact-check, a claim without evidence
        "A fact-check by Reuters found that the clip of troops shooting villagers was from a film.",
        "The junta said, without offering proof, that rebels had shelled a hospital in Lashio.",
        "An opposition lawmaker claimed without evidence that the army had bombed villages.",
    ],
)
def test_regression_no_violence(coder: Coder, text: str) -> None:
    assert _violent(coder, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Militants detonated a bomb at a textile factory in Faisalabad on Monday, killing five "
        "workers, police said.",
        "An IED blast at a cement plant in Balochistan killed four workers, police said.",
        # an unattributed blast at a store in a war zone stays an explosion
        "On 4 May 2024, an explosion hit a warehouse in Khartoum Bahri (Khartoum), killing 2 "
        "people.",
        "A bus exploded after hitting a landmine in northern Burkina Faso, killing 14 passengers.",
        "Gunmen attacked a wedding in Zamfara state on Saturday, killing five guests.",
        "A bomb exploded at a market in Maiduguri on Sunday. Eleven people were killed.",
        "A man was found dead with gunshot wounds in Culiacan on Monday, police said.",
        "Militants set fire to a house in Borno, killing two children, residents said.",
        "A suicide bomber struck a funeral in Nangarhar on Tuesday, killing 15 people.",
        "Hamas rockets hit the Israeli city of Ashkelon on Monday, wounding three people.",
        "Houthi Rockets Hit Ship In Red Sea",
        "A suspected militant stabbed a teacher to death at a school in Arras.",
        "Soldiers beat a student at a checkpoint in Harare, witnesses said.",
        "Police shot and killed a suspect who attacked officers in Lagos.",
        # a report of a recent act stays a report, whoever tells it and why
        "Unconfirmed reports said militants had killed six soldiers in an ambush near Menaka on "
        "Sunday.",
        "Police said they were investigating the killing of two farmers by gunmen near Jos on "
        "Sunday.",
        "Residents buried 12 villagers killed by gunmen in Zamfara on Sunday.",
        "On 25 February 2024, villagers in Mopti held a funeral for 12 people killed in an attack "
        "the previous week.",
        "On 31 May 2024, the army said it was investigating the killing of 3 civilians by soldiers "
        "in Rakhine (Rakhine) on the previous day.",
        "The Syrian Democratic Forces attacked a football pitch used by IS fighters near Raqqa.",
        "The army said rebels had shelled a hospital in Lashio on Monday, killing four patients.",
        "A drone struck a fuel depot in Bryansk, causing a fire. Two workers were killed.",
        "A child was killed by a stray bullet during clashes between gangs in Port-au-Prince.",
        "A stray bullet fired by police during a protest in Nairobi killed a schoolboy.",
        "Militants attacked soldiers during a training exercise near Kidal, killing four.",
        "Gunmen opened fire on police cadets during a drill in Quetta, killing three.",
        "Gunmen seized rifles from a police station in Zamfara after killing two officers.",
        "A roadside bomb hit an army truck in Waziristan, killing eight soldiers.",
        "Troops clashed with fighters loyal to a former commander in Tripoli, leaving three dead.",
        "Gangs have killed 20 people in Port-au-Prince since Monday, police said.",
        "Local sources said soldiers shot three villagers in Oromia on Sunday.",
    ],
)
def test_regression_still_violent(coder: Coder, text: str) -> None:
    assert _violent(coder, text) != []


def test_regression_guns_seized_in_a_search_are_disrupted_weapons_use(coder: Coder) -> None:
    text = (
        "The police seized 12 guns and 3,000 rounds of ammunition in a raid on a house in Cape Town"
    )
    text += "."
    events = coder.code_document(Document(id="h3", text=text, published=PUB))
    assert [e.acled_sub_event_type for e in events] == ["Disrupted weapons use"]


def test_regression_stray_bullets_of_a_fight_keep_their_dead(coder: Coder) -> None:
    text = (
        "Rebels captured the town of Kalehe on Monday after heavy fighting with the army, "
        "residents said. Four civilians were killed by stray bullets."
    )
    events = coder.code_document(Document(id="h3", text=text, published=PUB))
    assert max(e.fatalities or 0 for e in events) == 4


def test_regression_dispersal_with_deaths_is_excessive_force(coder: Coder) -> None:
    text = "Hundreds of farmers demonstrated in Nairobi, and police dispersed them, killing one."
    events = coder.code_document(Document(id="h3", text=text, published=PUB))
    subs = {e.acled_sub_event_type for e in events if e.cameo_code and e.cameo_code[:3] == "175"}
    assert subs == {"Excessive force against protesters"}
