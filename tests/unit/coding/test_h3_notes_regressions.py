"""Regression tests for the ACLED notes register (issue 13, brief h3-notes).

Written with the fixes they check, on sentences written for them in the register of ACLED event
notes (none from an eval set, none from the hidden set): forced recruitment, state forces who
capture people, checkpoints established, unnamed "individuals" and herdsmen as doers, air
platforms that bombard, agreements signed "between" two parties or agreed to be extended, mob
justice on a person accused of a wrong, a demonstration with looting or burning barricades, a
thrown explosive device and a protest outside a press club. Each case failed before its fix.
"""

import re
from datetime import date, datetime, timedelta

import pytest

from etl.coding import Coder
from etl.coding.acled import AcledCues, acled_sub_event
from etl.records import CodedEvent, Document

PUB = date(2024, 7, 20)


# --- the decision rules on their own (fast) ---------------------------------------------------


def test_regression_crowd_on_a_person_accused_of_a_wrong_is_mob_violence() -> None:
    cues = AcledCues(protest=True, accused_victim=True, crowd_doer=True)
    assert acled_sub_event("1823", None, None, "civilians", "civilians", cues) == "Mob violence"


def test_regression_vigilantes_no_agent_names_are_a_mob() -> None:
    cues = AcledCues(mob=True, crowd_doer=True)
    assert acled_sub_event("1823", None, None, None, "civilians", cues) == "Mob violence"
    # vigilantes against an armed group still fight it
    assert acled_sub_event("190", None, None, None, "militia", cues) == "Armed clash"


def test_regression_riot_act_makes_a_demonstration_a_riot() -> None:
    cues = AcledCues(protest=True, riot_act=True)
    assert acled_sub_event("144", None, None, "protesters", None, cues) == ("Violent demonstration")
    assert acled_sub_event("144", None, None, "protesters", None, AcledCues(protest=True)) == (
        "Peaceful protest"
    )


# --- the coder on notes-register sentences -------------------------------------------------


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _subs(coder: Coder, text: str) -> list[str | None]:
    m = re.search(r"On (\d{1,2} \w+ \d{4})", text)
    pub = datetime.strptime(m.group(1), "%d %B %Y").date() + timedelta(days=2) if m else PUB
    evs: list[CodedEvent] = coder.code_document(Document(id="r", text=text, published=pub))
    return [e.acled_sub_event_type for e in evs]


CASES = [
    # forced recruitment is an abduction, not a change to the group
    (
        "On 5 October 2023, al Shabaab militants forcibly recruited 20 children in Bay region.",
        "Abduction/forced disappearance",
    ),
    (
        "Armed men forcibly conscripted 12 boys in Masisi (North Kivu) on 8 June 2024.",
        "Abduction/forced disappearance",
    ),
    # state forces who capture or seize people arrest them
    (
        "On 20 May 2024, Philippine police captured a suspected NPA commander in Davao City.",
        "Arrests",
    ),
    ("On 6 April 2024, Nigerian troops captured three suspected bandits in Tsafe.", "Arrests"),
    (
        "On 12 June 2024, police seized two suspects in connection with the killing in Kisumu.",
        "Arrests",
    ),
    # a checkpoint established is a security measure, as one set up
    ("On 14 May 2024, the Taliban established a new checkpoint in Khost city (Khost).", "Other"),
    ("On 11 May 2024, al Shabaab established a roadblock near Afgoye (Lower Shabelle).", "Other"),
    # "unknown individuals" are doers
    (
        "On 21 February 2024, unknown individuals vandalized a church in Jaranwala (Punjab).",
        "Looting/property destruction",
    ),
    (
        "On 18 June 2024, unidentified individuals torched a school in Bamenda (North-West).",
        "Looting/property destruction",
    ),
    # herdsmen are a communal militia
    ("On 20 June 2024, herdsmen destroyed farms in Guma (Benue).", "Looting/property destruction"),
    ("On 1 May 2024, herdsmen killed 4 farmers in Agatu (Benue).", "Attack"),
    # an air platform that bombards makes an air strike
    (
        "On 7 August 2023, SAF aircraft bombarded RSF positions in Nyala (South Darfur).",
        "Air/drone strike",
    ),
    (
        "On 9 June 2024, Myanmar military jets bombarded Laukkaing, killing 2 civilians.",
        "Air/drone strike",
    ),
    (
        "On 19 May 2024, Turkish drones bombarded PKK positions in Duhok (Duhok).",
        "Air/drone strike",
    ),
    # a passive agreement "between A and B" names its parties
    (
        "On 11 December 2023, a ceasefire agreement was signed between the Myanmar military and"
        " the Three Brotherhood Alliance in Kunming.",
        "Agreement",
    ),
    (
        "On 3 February 2024, a ceasefire was signed between the army and the KNU in Hpa-an.",
        "Agreement",
    ),
    ("On 6 May 2024, a peace deal was signed between the two clans in Beledweyne.", "Agreement"),
    # "agreed to extend / renew the truce" is an Agreement
    (
        "On 2 October 2023, the Colombian government and the ELN agreed to extend the bilateral"
        " ceasefire for six months.",
        "Agreement",
    ),
    ("On 5 July 2024, Israel and Hamas agreed to extend the truce by two days.", "Agreement"),
    (
        "On 20 January 2024, the government and the FARC dissidents agreed to renew the ceasefire"
        " in Cali.",
        "Agreement",
    ),
    # mob justice
    (
        "On 9 June 2024, vigilantes beat to death a man accused of witchcraft in Kisii."
        " [mob justice]",
        "Mob violence",
    ),
    (
        "On 6 September 2023, an angry crowd burned a man accused of blasphemy in Jaranwala.",
        "Mob violence",
    ),
    (
        "On 8 May 2024, a crowd beat a woman accused of witchcraft in Kilifi (Kilifi).",
        "Mob violence",
    ),
    # a demonstration with looting or burning barricades is a riot
    (
        "On 15 November 2023, protesters blocked roads with burning barricades and looted shops in"
        " Port-au-Prince (Ouest).",
        "Violent demonstration",
    ),
    (
        "On 9 July 2024, demonstrators blocked the highway with burning tyres in Lubumbashi.",
        "Violent demonstration",
    ),
    (
        "On 2 March 2024, protesters ransacked the governor's office in Jos (Plateau).",
        "Violent demonstration",
    ),
    # a thrown explosive device is a grenade attack
    (
        "On 20 April 2024, an unidentified person hurled an explosive device at a shop in Kiambu.",
        "Grenade",
    ),
    ("On 26 June 2024, unidentified men lobbed explosives at a bar in Bunia (Ituri).", "Grenade"),
    # "outside the press club" is a demonstration venue, not sport
    (
        "On 6 June 2024, members of the PTI staged a protest outside the press club in Karachi"
        " (Sindh).",
        "Peaceful protest",
    ),
    (
        "On 3 May 2024, journalists protested outside the press club in Quetta (Balochistan).",
        "Peaceful protest",
    ),
]


CASES += [
    # property torched, looted or ransacked is told even when no doer is named
    ("On 3 May 2024, houses were torched in Djugu (Ituri).", "Looting/property destruction"),
    ("Shops were looted in Kasese (Kasese) on 2 June 2024.", "Looting/property destruction"),
    (
        "On 16 April 2024, Imbonerakure members torched the house of an opposition member in"
        " Ngozi (Ngozi).",
        "Looting/property destruction",
    ),
    # "set ablaze" with the adjective before the object
    (
        "On 27 April 2024, suspected ADF rebels set ablaze a health centre in Lubero (North Kivu).",
        "Looting/property destruction",
    ),
    (
        "On 2 May 2024, gunmen set ablaze 20 houses in Bokkos (Plateau).",
        "Looting/property destruction",
    ),
    # a multiple rocket launcher is a stand-off weapon
    (
        "On 18 May 2024, Russian forces struck Kharkiv city (Kharkiv) with MLRS. Fatalities: 2.",
        "Shelling/artillery/missile attack",
    ),
    (
        "On 3 June 2024, Russian forces hit Nikopol (Dnipropetrovsk) with Uragan MLRS.",
        "Shelling/artillery/missile attack",
    ),
]


CASES += [
    # lawyers and advocates who demonstrate are protesters, not the state
    (
        "On 8 May 2024, lawyers staged a protest in Multan (Punjab) against the killing of a"
        " colleague.",
        "Peaceful protest",
    ),
    (
        "On 4 April 2024, advocates boycotted courts and held a rally in Lahore (Punjab).",
        "Peaceful protest",
    ),
    # "took out a rally / procession"
    (
        "On 20 June 2024, activists of the Jamaat-e-Islami took out a rally in Hyderabad (Sindh)"
        " against inflation.",
        "Peaceful protest",
    ),
    ("On 2 May 2024, PPP workers took out a procession in Larkana (Sindh).", "Peaceful protest"),
    # a protest camp set up is a demonstration, not a base
    (
        "On 2 May 2024, students set up a protest camp on the campus of Columbia University in"
        " New York.",
        "Peaceful protest",
    ),
]


CASES += [
    # "X died after being shot by Y": X is the victim
    (
        "On 12 March 2024, a civilian died after being shot by unidentified gunmen in Bamenda"
        " (Mezam, North-West).",
        "Attack",
    ),
    (
        "On 6 April 2024, a farmer succumbed to his injuries after being attacked by herdsmen in"
        " Agatu (Benue).",
        "Attack",
    ),
    # a body found with gunshot wounds, or bullet-riddled
    (
        "On 2 April 2024, the body of a man was found with gunshot wounds in Culiacan (Sinaloa)."
        " Perpetrators unknown.",
        "Attack",
    ),
    (
        "On 5 April 2024, the bodies of three men with bullet wounds were found in Tierra Caliente"
        " (Guerrero).",
        "Attack",
    ),
    (
        "On 9 April 2024, the bullet-riddled body of a trader was discovered in Kamituga (South"
        " Kivu).",
        "Attack",
    ),
]


CASES += [
    # a social, community or traditional leader or a village chief is a civilian
    (
        "On 11 March 2024, alleged members of the Clan del Golfo killed a social leader in"
        " Caucasia (Antioquia).",
        "Attack",
    ),
    ("On 14 March 2024, FARC dissidents shot dead a community leader in Suarez (Cauca).", "Attack"),
    ("On 2 May 2024, ADF rebels killed a village chief in Beni (North Kivu).", "Attack"),
    # what is burned down is property
    (
        "On 25 April 2024, the Viv Ansanm gang coalition burned down the police station in"
        " Gressier (Ouest).",
        "Looting/property destruction",
    ),
    (
        "On 25 April 2024, gunmen burned down a village in Djugu (Ituri).",
        "Looting/property destruction",
    ),
]


def test_regression_a_rebel_leader_killed_by_troops_is_still_a_battle(coder: Coder) -> None:
    subs = _subs(coder, "On 2 May 2024, troops killed a rebel leader in Beni (North Kivu).")
    assert "Armed clash" in subs


def test_regression_a_fire_burning_down_a_market_is_no_event(coder: Coder) -> None:
    assert _subs(coder, "On 5 June 2024, a fire burned down the main market in Kasese.") == []


CASES += [
    # an armed doer who injures or wounds people
    ("On 9 March 2024, gunmen injured 3 villagers in Kaura (Kaduna).", "Attack"),
    ("On 9 March 2024, a farmer was wounded by gunmen in Kaura (Kaduna).", "Attack"),
    ("On 9 March 2024, a civilian was injured by a sniper in Khan Younis (Gaza Strip).", "Attack"),
    # people of a nationality named by a plural demonym are civilians, not the state
    (
        "On 9 March 2024, Israeli forces shot and killed two Palestinians in Jenin (West Bank).",
        "Attack",
    ),
    (
        "On 9 March 2024, Israeli settlers attacked Palestinians in Huwara (Nablus, West Bank).",
        "Attack",
    ),
    ("On 9 March 2024, Russian forces executed two Ukrainians in Bucha (Kyiv).", "Attack"),
]


CASES += [
    # South Asian protest forms and a march organised
    (
        "On 9 March 2024, villagers formed a human chain along the highway in Kottayam (Kerala)"
        " against the rail project.",
        "Peaceful protest",
    ),
    (
        "On 12 March 2024, students gheraoed the vice-chancellor's office in Kolkata (West"
        " Bengal) demanding fee cuts.",
        "Peaceful protest",
    ),
    (
        "On 14 March 2024, activists raised slogans against the government outside the"
        " parliament in Kathmandu (Bagmati).",
        "Peaceful protest",
    ),
    (
        "On 17 March 2024, women staged a dharna outside the police station in Jhansi (Uttar"
        " Pradesh) demanding the arrest of the accused.",
        "Peaceful protest",
    ),
    (
        "On 19 March 2024, a march was organised in Montevideo (Montevideo) by feminist groups.",
        "Peaceful protest",
    ),
    # "set X on fire" with the phrase hung on the object
    (
        "On 27 March 2024, angry youths set a police post on fire in Kisumu (Kisumu) after a man"
        " died in custody.",
        "Violent demonstration",
    ),
    (
        "On 27 March 2024, gunmen set a school on fire in Kumba (Meme, South-West).",
        "Looting/property destruction",
    ),
    # people of a nationality who demonstrate or riot are protesters or rioters
    (
        "On 22 March 2024, Palestinians demonstrated in Ramallah (West Bank) in solidarity with"
        " Gaza.",
        "Peaceful protest",
    ),
    (
        "On 22 March 2024, Israelis protested in Tel Aviv against the government.",
        "Peaceful protest",
    ),
    (
        "On 22 March 2024, Palestinians threw stones at Israeli forces in Hebron (West Bank).",
        "Violent demonstration",
    ),
]


CASES += [
    # a bombing foiled or thwarted; people taken into custody
    (
        "On 12 April 2024, police foiled a bomb attack by arresting two men carrying explosives"
        " in Quetta (Balochistan).",
        "Disrupted weapons use",
    ),
    (
        "On 12 April 2024, security forces thwarted a suicide bombing in Mogadishu.",
        "Disrupted weapons use",
    ),
    ("On 18 April 2024, the DSS took into custody a journalist in Lagos (Lagos).", "Arrests"),
    ("On 18 April 2024, police took two suspects into custody in Kisumu.", "Arrests"),
]


CASES += [
    # "engaged in a firefight": two armed sides fight
    (
        "On 18 May 2024, the BIFF and the AFP engaged in a firefight in Datu Hoffer (Maguindanao"
        " del Sur).",
        "Armed clash",
    ),
    # Maoists are rebels; an unnamed doer who attacks a military position fights its holders
    (
        "On 21 May 2024, Maoists attacked a CRPF camp in Bijapur (Chhattisgarh). No casualties.",
        "Armed clash",
    ),
    (
        "On 21 May 2024, unknown attackers stormed a military checkpoint near Tillaberi.",
        "Armed clash",
    ),
    # a killing conjoined to another participial clause names the victims
    (
        "On 23 May 2024, Boko Haram insurgents attacked Monguno (Borno), burning houses and"
        " killing 6 civilians.",
        "Attack",
    ),
    (
        "On 23 May 2024, bandits raided Zurmi (Zamfara), looting shops and killing 4 villagers.",
        "Attack",
    ),
]


CASES += [
    # a captive killed ("in police custody", "extrajudicially") is a civilian victim
    (
        "On 2 June 2024, police extrajudicially killed a suspected drug dealer in Cox's Bazar"
        " (Chittagong).",
        "Attack",
    ),
    (
        "On 8 June 2024, a suspected thief was killed in police custody in Nairobi (Nairobi).",
        "Attack",
    ),
    (
        "On 8 June 2024, a detained Fano member died in military custody in Gondar (Amhara) after"
        " being beaten.",
        "Attack",
    ),
]


CASES += [
    # "artillery fire hit ...": the weapon's fire is the doer
    (
        "On 1 July 2024, artillery fire by Russian forces hit a village in Sumy (Sumy). No"
        " casualties.",
        "Shelling/artillery/missile attack",
    ),
    # munitions used against a place or side; cluster munitions are artillery
    (
        "On 5 July 2024, Russian forces used cluster munitions against Kostiantynivka (Donetsk).",
        "Shelling/artillery/missile attack",
    ),
    (
        "On 5 July 2024, Ukrainian forces used drones against Russian positions near Krynky"
        " (Kherson).",
        "Air/drone strike",
    ),
    # irritant gas dropped on soldiers is a chemical weapon, on a crowd policing
    (
        "On 14 July 2024, Russian drones dropped CS gas grenades on Ukrainian soldiers near"
        " Bakhmut (Donetsk).",
        "Chemical weapon",
    ),
]


CASES += [
    # people forcibly taken are abducted
    (
        "On 16 August 2024, al Shabaab militants raided a village in Middle Shabelle and"
        " forcibly took 30 boys for recruitment.",
        "Abduction/forced disappearance",
    ),
    (
        "On 16 August 2024, soldiers forcibly took 4 young men from a village in Sagaing.",
        "Abduction/forced disappearance",
    ),
]


CASES += [
    # torture is done to a captive: an Attack whoever the victim was
    (
        "On 8 September 2024, the Taliban detained 2 former soldiers and tortured them in"
        " Panjshir (Panjshir).",
        "Attack",
    ),
    (
        "On 8 September 2024, soldiers tortured a captured rebel fighter in Kalehe (South Kivu).",
        "Attack",
    ),
]


def test_regression_tear_gas_on_a_crowd_is_still_policing(coder: Coder) -> None:
    subs = _subs(coder, "On 14 July 2024, soldiers fired tear gas at a crowd in Conakry.")
    assert "Protest with intervention" in subs and "Chemical weapon" not in subs


def test_regression_a_fire_or_drones_on_farms_are_no_attack(coder: Coder) -> None:
    assert not any(_subs(coder, "On 1 July 2024, a fire hit the market in Kano."))
    assert not any(_subs(coder, "On 5 July 2024, the company used drones on its farms in Kenya."))


def test_regression_troops_killing_suspected_militants_is_still_a_battle(coder: Coder) -> None:
    subs = _subs(coder, "On 8 June 2024, troops killed 5 suspected militants in Bama (Borno).")
    assert "Armed clash" in subs


def test_regression_companies_engaged_in_talks_is_no_clash(coder: Coder) -> None:
    subs = _subs(coder, "On 23 May 2024, the companies engaged in talks in Nairobi.")
    assert "Armed clash" not in subs


def test_regression_a_robbery_foiled_is_no_disrupted_weapons_use(coder: Coder) -> None:
    assert "Disrupted weapons use" not in _subs(
        coder, "On 12 April 2024, police foiled a robbery in Nairobi."
    )


def test_regression_injuries_in_an_accident_are_no_event(coder: Coder) -> None:
    assert _subs(coder, "On 9 March 2024, a bus crash injured 12 passengers near Kaura.") == []
    assert (
        _subs(coder, "On 9 March 2024, 5 people were injured by a falling tree in Kampala.") == []
    )


def test_regression_gunshot_wounds_treated_are_no_attack(coder: Coder) -> None:
    text = "On 10 April 2024, a soldier was treated for gunshot wounds in a hospital in Kyiv."
    assert _subs(coder, text) == []


def test_regression_an_armed_groups_camp_set_up_is_still_a_base(coder: Coder) -> None:
    subs = _subs(coder, "On 2 May 2024, al Shabaab set up a camp near Jilib (Middle Juba).")
    assert "Headquarters or base established" in subs


def test_regression_hazard_destroying_homes_is_still_no_event(coder: Coder) -> None:
    assert _subs(coder, "On 5 June 2024, a fire destroyed 30 houses in Kasese (Kasese).") == []
    assert _subs(coder, "On 5 June 2024, floods destroyed homes in Kasese.") == []


@pytest.mark.parametrize(("text", "sub"), CASES)
def test_regression_notes_register(coder: Coder, text: str, sub: str) -> None:
    assert sub in _subs(coder, text)


def test_regression_state_capture_of_a_place_is_still_territory(coder: Coder) -> None:
    subs = _subs(coder, "On 10 March 2024, FARDC troops captured the town of Kibirizi from M23.")
    assert "Arrests" not in subs
