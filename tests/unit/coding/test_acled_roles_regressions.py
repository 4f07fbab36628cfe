"""Regression tests for ACLED decision rules read from the event's roles (issue 13, brief A).

Written with the fixes they check, on sentences written for them (none from an eval set): who
acts, against whom (unarmed victims, civilian sites, a crowd), with what instrument (a chemical
agent, a crowd-control weapon, a weapon that is the clause's subject, a mine stepped on) and how
territory changed hands. The first group calls the rules directly; the second runs the coder.
"""

import re
from datetime import date, datetime, timedelta

import pytest

from etl.coding import Coder
from etl.coding.acled import AcledCues, acled_sub_event
from etl.records import CodedEvent, Document

PUB = date(2024, 6, 20)


# --- the decision rules on their own (fast) ---------------------------------------------------


def test_tear_gas_on_a_crowd_is_intervention_not_a_chemical_weapon() -> None:
    cues = AcledCues(protest=True, crowd_weapon=True)
    assert acled_sub_event("175", None, "chemical", "state", None, cues) == (
        "Protest with intervention"
    )


def test_water_cannon_is_not_artillery() -> None:
    cues = AcledCues(crowd_weapon=True)
    assert acled_sub_event("193", None, "artillery", "state", "protesters", cues) == (
        "Protest with intervention"
    )


def test_chemical_agent_decides_whatever_the_delivery() -> None:
    cues = AcledCues(chemical=True)
    assert acled_sub_event("195", None, "drone", "state", None, cues) == "Chemical weapon"
    assert acled_sub_event("175", None, None, "state", "rebel", cues) == "Chemical weapon"


def test_chemical_word_without_an_act_is_no_event() -> None:
    assert acled_sub_event("040", None, None, "state", None, AcledCues(chemical=True)) is None


def test_armed_actor_on_unarmed_victims_is_attack_not_clash() -> None:
    cues = AcledCues(unarmed_victim=True)
    assert acled_sub_event("193", None, "small", "militia", None, cues) == "Attack"
    cues = AcledCues(civilian_site=True)
    assert acled_sub_event("190", None, None, "militia", None, cues) == "Attack"


def test_military_target_stays_a_battle() -> None:
    cues = AcledCues(unarmed_victim=True, military_target=True, has_target=True)
    assert acled_sub_event("190", None, None, "rebel", None, cues) == "Armed clash"


def test_arrest_of_an_opposition_leader_outside_a_protest_is_arrests() -> None:
    assert acled_sub_event("173", "Arrests", None, "state", "protesters") == "Arrests"


def test_demonstrators_wrecking_property_riot_and_a_mob_targets_people() -> None:
    assert acled_sub_event("144", None, None, "rioters", None) == "Violent demonstration"
    mob = AcledCues(mob=True)
    assert acled_sub_event("1823", "Attack", None, "civilians", None, mob) == "Mob violence"
    cues = AcledCues(protest=True)
    assert acled_sub_event("145", None, None, "rioters", "state", cues) == "Violent demonstration"


def test_crowd_armed_with_firearms_is_a_militia_not_rioters() -> None:
    cues = AcledCues(armed_doer=True, protest=True, lethal=True)
    assert acled_sub_event("145", None, "small", "rioters", "protesters", cues) == (
        "Excessive force against protesters"
    )


def test_territory_entered_without_a_fight_is_non_violent_transfer() -> None:
    cues = AcledCues(unopposed=True)
    assert acled_sub_event("192", None, None, "state", None, cues) == (
        "Non-violent transfer of territory"
    )


# --- the coder on written sentences (slow: loads spaCy) --------------------------------------


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _subs(coder: Coder, text: str) -> list[str | None]:
    # ACLED notes name their day; publish two days later so the event is news, not history.
    m = re.search(r"On (\d{1,2} \w+ \d{4})", text)
    pub = datetime.strptime(m.group(1), "%d %B %Y").date() + timedelta(days=2) if m else PUB
    evs: list[CodedEvent] = coder.code_document(Document(id="r", text=text, published=pub))
    return [e.acled_sub_event_type for e in evs]


CASES = [
    (
        "Riot police used tear gas to break up a rally of opposition supporters in Conakry "
        "on Tuesday.",
        "Protest with intervention",
    ),
    (
        "On 3 June 2024, police dispersed a sit-in by teachers demanding unpaid salaries "
        "outside the education ministry in Niamey.",
        "Protest with intervention",
    ),
    (
        "Soldiers opened fire on civilians at a market in Mopti on Friday, killing four.",
        "Attack",
    ),
    ("Gunmen attacked a village near Bokkos in Plateau state on Sunday night.", "Attack"),
    (
        "Syrian government forces used chlorine gas against rebel positions in Douma on "
        "Saturday, activists said.",
        "Chemical weapon",
    ),
    (
        "Ukrainian officials said Russian troops had used chloropicrin against soldiers near "
        "Avdiivka on Friday.",
        "Chemical weapon",
    ),
    ("A Russian missile struck a hospital in Kyiv on Monday.", "Shelling/artillery/missile attack"),
    (
        "Mortar rounds landed on a market in Mogadishu on Thursday.",
        "Shelling/artillery/missile attack",
    ),
    ("A Russian glide bomb hit a supermarket in Kharkiv on Saturday.", "Air/drone strike"),
    (
        "A vehicle carrying civilians hit a mine near Djibo on Wednesday, killing six.",
        "Remote explosive/landmine/IED",
    ),
    (
        "The Sudanese army and the RSF agreed to a ceasefire in Jeddah on Saturday.",
        "Agreement",
    ),
    ("The government and the rebels exchanged 50 prisoners on Monday.", "Agreement"),
    ("Police arrested the opposition leader at his home in Kampala on Tuesday.", "Arrests"),
    (
        "The president sacked the army chief of staff on Friday, state television reported.",
        "Change to group/activity",
    ),
    (
        "On 10 June 2024, JNIM announced the appointment of a new commander for its Macina branch.",
        "Change to group/activity",
    ),
    ("Troops patrolled the streets of Freetown on Sunday after the attempted coup.", "Other"),
    (
        "Security forces forcibly disappeared an activist in Karachi on Monday, his family said.",
        "Abduction/forced disappearance",
    ),
    (
        "Armed men seized a local chief from his home in Tillaberi on Tuesday.",
        "Abduction/forced disappearance",
    ),
    (
        "The Arakan Army opened a new headquarters in Paletwa on Friday.",
        "Headquarters or base established",
    ),
    (
        "Rebels took control of Kidal without resistance on Sunday after the army left.",
        "Non-violent transfer of territory",
    ),
    (
        "Thousands marched through Buenos Aires on Wednesday against budget cuts.",
        "Peaceful protest",
    ),
    ("On 14 November 2023, FAMa recaptured Kidal from CSP rebels.", "Government regains territory"),
    (
        "On 2 September 2023, FAMa took over the MINUSMA camp in Tessalit after its departure.",
        "Non-violent transfer of territory",
    ),
    (
        "On 4 March 2023, a hand grenade exploded at a market in Bujumbura, wounding 7.",
        "Grenade",
    ),
    (
        "On 3 August 2023, Israeli settlers assaulted Palestinian farmers near Turmus Ayya "
        "(Ramallah).",
        "Attack",
    ),
    (
        "On 9 May 2023, PTI supporters set fire to the Corps Commander's house in Lahore (Punjab).",
        "Violent demonstration",
    ),
    (
        "On 10 May 2023, police dispersed supporters of Imran Khan protesting in Lahore (Punjab) "
        "with tear gas.",
        "Protest with intervention",
    ),
    (
        "Angry youths blocked the highway and pelted security forces with stones in Kinshasa on "
        "Sunday.",
        "Violent demonstration",
    ),
    ("Villagers beat two suspected kidnappers to death near Kano on Sunday.", "Mob violence"),
    ("On 1 February 2024, authorities suspended internet access in Balochistan.", "Other"),
    (
        "Police used batons to disperse striking teachers in Accra on Monday.",
        "Protest with intervention",
    ),
    (
        "On 5 April 2024, Russian forces used a drone to drop a gas munition on Ukrainian "
        "soldiers near Avdiivka.",
        "Chemical weapon",
    ),
    (
        "Around 200 Al Shabaab fighters surrendered to Somali forces in Hiraan on Friday.",
        "Change to group/activity",
    ),
    (
        "Hundreds of fresh Russian troops arrived in Luhansk on Friday to reinforce the front "
        "line.",
        "Change to group/activity",
    ),
    (
        "The army seized power in a coup in Libreville on Wednesday and dissolved state "
        "institutions.",
        "Other",
    ),
    (
        "Investigators discovered a mass grave containing 30 bodies near Izium on Friday.",
        "Other",
    ),
    (
        "Gunmen took 10 passengers hostage on the road near Kaduna on Sunday.",
        "Abduction/forced disappearance",
    ),
    (
        "Armed men set houses ablaze in the village of Mutum Biyu on Saturday.",
        "Looting/property destruction",
    ),
    (
        "The army drove militants out of the town of Bulo Burde on Sunday.",
        "Government regains territory",
    ),
    (
        "Militants attacked a camp for displaced people near Bunia on Friday, killing 20.",
        "Attack",
    ),
    ("A crowd beat a suspected witch to death in Kilifi on Sunday.", "Mob violence"),
    ("Gunmen shot dead the mayor of Buenavista on Sunday.", "Attack"),
    (
        "Gunmen took away 12 passengers after stopping a bus near Lokoja on Friday.",
        "Abduction/forced disappearance",
    ),
    ("On 3 May 2024, a new base was established in Kidal.", "Headquarters or base established"),
    ("The camp in Tessalit was abandoned on Sunday.", "Non-violent transfer of territory"),
    (
        "Police kettled hundreds of climate activists in central London on Saturday.",
        "Protest with intervention",
    ),
    ("Protesters in Lagos were tear-gassed by police on Monday.", "Protest with intervention"),
    ("Security forces sealed off the city of Gao on Friday.", "Other"),
    ("A grenade blast at a bus station in Kampala killed two people on Tuesday.", "Grenade"),
    (
        "A bomber wearing an explosive vest blew himself up at a checkpoint in Maiduguri.",
        "Suicide bomb",
    ),
    ("Russia and Ukraine swapped 90 prisoners of war on Friday.", "Agreement"),
    (
        "Gunmen snatched a Catholic priest from his parish in Enugu on Sunday.",
        "Abduction/forced disappearance",
    ),
    (
        "Men in military uniform whisked away a journalist in Bamako on Monday.",
        "Abduction/forced disappearance",
    ),
    (
        "A human rights activist was picked up by plainclothes security agents in Harare on "
        "Tuesday and has not been seen since.",
        "Abduction/forced disappearance",
    ),
    ("Soldiers burned a man alive in Sagaing on Tuesday, witnesses said.", "Attack"),
    (
        "The army said on Monday it had sent reinforcements to Bamenda after a surge in "
        "separatist attacks.",
        "Change to group/activity",
    ),
    (
        "A faction of the Mai-Mai militia pledged allegiance to the Islamic State on Friday.",
        "Change to group/activity",
    ),
    (
        "The ruling junta disbanded the Volunteers for the Defense of the Homeland militia on "
        "Tuesday.",
        "Change to group/activity",
    ),
    ("Russian troops massed near the Ukrainian border on Thursday.", "Change to group/activity"),
    (
        "On 8 March 2024, the Myanmar junta began enforcing its conscription law in Yangon.",
        "Change to group/activity",
    ),
    ("The junta suspended all political party activities on Wednesday.", "Other"),
    ("Hundreds of Yazidis marched in Sinjar on Monday against the strike.", "Peaceful protest"),
    ("Thousands of Kurds rallied in Qamishli on Friday.", "Peaceful protest"),
    (
        "On 3 May 2023, supporters of the ANC clashed with supporters of the EFF in Soweto "
        "(Gauteng), injuring 5.",
        "Mob violence",
    ),
    (
        "On 10 May 2023, unidentified persons set fire to the office of the APC in Ibadan (Oyo).",
        "Looting/property destruction",
    ),
    ("Militants killed a local government official in Kwara on Tuesday.", "Attack"),
    ("Al Shabaab militants killed two election officials in Galkayo on Saturday.", "Attack"),
    ("Militants killed 12 Fulani herders near Djibo on Sunday.", "Attack"),
    ("Soldiers tortured a detainee to death in Mopti on Monday.", "Attack"),
    (
        "Hundreds of women held a vigil in Kabul on Sunday to demand the right to work.",
        "Peaceful protest",
    ),
    (
        "Thousands attended a rally in Yerevan on Sunday to demand the prime minister's "
        "resignation.",
        "Peaceful protest",
    ),
    (
        "On 3 June 2024, traders in Kano shut their shops in protest against multiple taxation.",
        "Peaceful protest",
    ),
    (
        "Protests were held in several towns of Amhara on Tuesday over the killing of a local "
        "official.",
        "Peaceful protest",
    ),
    (
        "Demonstrators burned tyres and blocked roads in Port-au-Prince on Monday.",
        "Violent demonstration",
    ),
    ("A Bayraktar TB2 destroyed a rebel convoy near Adigrat on Sunday.", "Air/drone strike"),
    ("Shahed drones damaged energy infrastructure in Odesa on Friday.", "Air/drone strike"),
    (
        "Ukraine struck a Russian command post in Kherson with Storm Shadow missiles.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A truck carrying soldiers struck an explosive device near Kidal on Monday.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Two children were killed by unexploded ordnance in Idlib on Friday.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A suicide bomber targeted a political rally in Bajaur on Sunday, killing 54.",
        "Suicide bomb",
    ),
    (
        "A missile strike on a military airfield in Crimea destroyed two aircraft on Sunday.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Supporters of Imran Khan hurled stones at police in Islamabad on Tuesday, while a "
        "separate sit-in in Peshawar ended peacefully.",
        "Peaceful protest",
    ),
    (
        "In Valencia (Carabobo), protesters toppled a statue of Hugo Chavez on Monday.",
        "Violent demonstration",
    ),
    (
        "Villagers lynched two men suspected of cattle theft in Kiryandongo on Saturday.",
        "Mob violence",
    ),
    (
        "Two police officers died in a shootout with gang members in Port-au-Prince on Friday.",
        "Armed clash",
    ),
    (
        "Rockets fired from Gaza landed in Ashkelon on Monday, injuring two people.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Tens of thousands of people took to the streets of Tel Aviv on Saturday to demand a "
        "hostage deal.",
        "Peaceful protest",
    ),
    (
        "Nurses in Nairobi went on a sit-in strike on Monday over unpaid allowances.",
        "Peaceful protest",
    ),
    (
        "Russian forces pulled out of Kherson on Friday, handing the city back to Ukraine.",
        "Non-violent transfer of territory",
    ),
    (
        "Turkey opened a new military base in northern Iraq on Saturday.",
        "Headquarters or base established",
    ),
    (
        "Hundreds of youths rioted in Dakar on Thursday, burning cars and looting shops.",
        "Violent demonstration",
    ),
    (
        "On 4 June 2024, residents held a sit-in in front of the governorate building in Sfax "
        "to demand water.",
        "Peaceful protest",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "sub"), CASES, ids=[c[1] + ":" + c[0][:30] for c in CASES])
def test_role_driven_sub_event(coder: Coder, text: str, sub: str) -> None:
    assert sub in _subs(coder, text)


@pytest.mark.slow
def test_reduced_passive_keeps_victims_as_target(coder: Coder) -> None:
    evs = coder.code_document(
        Document(id="r", text="Two farmers killed by gunmen near Zurmi on Monday.", published=PUB)
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.acled_sub_event_type == "Attack"
    assert ev.inter2 == 7 and ev.acled_actor1 and "Unidentified" in ev.acled_actor1


@pytest.mark.slow
def test_existential_explosion_then_toll_is_one_ied_event(coder: Coder) -> None:
    text = (
        "On 9 March 2024, an explosive device hidden in a motorbike went off near a bus "
        "station in Jalalabad (Nangarhar). 3 civilians killed, 6 wounded."
    )
    evs = coder.code_document(Document(id="r", text=text, published=PUB))
    subs = [e.acled_sub_event_type for e in evs]
    assert "Remote explosive/landmine/IED" in subs
    assert "Mob violence" not in subs


@pytest.mark.slow
def test_arrest_outside_a_protest_is_no_protest(coder: Coder) -> None:
    subs = _subs(coder, "Police arrested the opposition leader at his home in Kampala on Tuesday.")
    assert "Protest with intervention" not in subs


@pytest.mark.slow
def test_a_ban_on_gatherings_is_no_intervention(coder: Coder) -> None:
    subs = _subs(coder, "Authorities banned all public gatherings in Dakar on Friday.")
    assert "Protest with intervention" not in subs


@pytest.mark.slow
def test_tear_gas_grenades_on_protesters_are_no_chemical_weapon(coder: Coder) -> None:
    text = "Police threw tear gas grenades at protesters in Santiago on Friday."
    assert "Chemical weapon" not in _subs(coder, text)


@pytest.mark.slow
def test_strike_on_a_gas_station_is_no_chemical_weapon(coder: Coder) -> None:
    text = "A Russian airstrike hit a gas station in Kharkiv on Friday, killing two."
    subs = _subs(coder, text)
    assert "Chemical weapon" not in subs and "Air/drone strike" in subs


@pytest.mark.slow
def test_soldiers_and_police_killed_stay_a_battle(coder: Coder) -> None:
    subs = _subs(coder, "Gunmen killed two police officers at a checkpoint in Zamfara on Sunday.")
    assert "Armed clash" in subs and "Attack" not in subs


@pytest.mark.slow
def test_unknown_men_who_kill_are_an_armed_group_not_a_mob(coder: Coder) -> None:
    evs = coder.code_document(
        Document(id="r", text="Unknown men shot dead a trader in Kano on Monday.", published=PUB)
    )
    ev = next(e for e in evs if e.cameo_root == "19")
    assert ev.acled_sub_event_type == "Attack"
    assert ev.acled_actor1 == "Unidentified Armed Group (Nigeria)" and ev.inter1 == 3


@pytest.mark.parametrize(
    "text",
    [
        "A SpaceX rocket launched from Cape Canaveral landed safely in the Atlantic on Monday.",
        "Fireworks exploded over Sydney Harbour at midnight.",
        "A plane crashed into a house in Sao Paulo, killing four.",
        "Thousands of fans marched to the stadium ahead of the derby.",
        "Workers are planning to go on strike next week over pay.",
        "Workers went on strike in Lagos on Tuesday over the removal of fuel subsidies.",
        "Doctors walked out of public hospitals in Lagos on Monday in a dispute over pay.",
        "Residents fled their homes in Valencia as floodwaters rose on Tuesday.",
        "The airline opened a new base in Manchester on Monday.",
        "A gas explosion destroyed a building in Moscow on Monday.",
        "A cyclone struck the coast of Madagascar on Sunday, destroying hundreds of homes.",
    ],
)
@pytest.mark.slow
def test_word_senses_outside_politics_make_no_acled_event(coder: Coder, text: str) -> None:
    assert not [s for s in _subs(coder, text) if s is not None]


@pytest.mark.slow
def test_protests_about_prices_stay_political(coder: Coder) -> None:
    text = (
        "Thousands of farmers marched through central Warsaw on Sunday to protest against EU "
        "climate rules and cheap grain imports."
    )
    assert "Peaceful protest" in _subs(coder, text)


@pytest.mark.slow
def test_a_party_named_league_sets_no_sport_context(coder: Coder) -> None:
    text = "On 5 August 2024, rioters set fire to the Awami League district office in Faridpur."
    assert "Violent demonstration" in _subs(coder, text)


@pytest.mark.slow
def test_a_mob_armed_with_sticks_stays_a_mob(coder: Coder) -> None:
    text = (
        "A mob armed with sticks and pangas attacked Zimbabwean street vendors in Diepsloot on "
        "Tuesday, killing one man, police said."
    )
    assert "Mob violence" in _subs(coder, text)


@pytest.mark.slow
def test_armed_factions_merging_stay_political(coder: Coder) -> None:
    text = (
        "Two armed factions in western Libya announced on Tuesday that they were merging into "
        "a single brigade headquartered in Zawiya."
    )
    assert "Change to group/activity" in _subs(coder, text)


@pytest.mark.slow
def test_shelling_of_a_chemical_plant_is_no_chemical_weapon(coder: Coder) -> None:
    subs = _subs(coder, "Russian forces shelled a chemical plant in Sievierodonetsk on Monday.")
    assert "Chemical weapon" not in subs
    assert "Shelling/artillery/missile attack" in subs
