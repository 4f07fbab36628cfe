"""ACLED coding of an event from its CAMEO code, weapon and actor types.

The crosswalk in the reference folder is a proposal; these rules follow the ACLED codebook's
definitions: the weapon decides the remote-violence sub-type, the target decides between Battles
(armed against armed) and Violence against civilians, and the actor decides who regains or
overtakes territory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.coding.reference import acled_sub_event_index

if TYPE_CHECKING:
    from etl.coding.frame import FrameActor

ARMED = frozenset({"state", "rebel", "militia", "identity", "external"})
WEAPON_SUB = {
    "aircraft": "Air/drone strike",
    "drone": "Air/drone strike",
    "artillery": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "suicide": "Suicide bomb",
    "grenade": "Grenade",
    "chemical": "Chemical weapon",
}
INTER_OF_CLASS = {
    "state": 1,
    "rebel": 2,
    "militia": 3,
    "identity": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
}


@dataclass(frozen=True, slots=True)
class AcledCoding:
    """The ACLED fields of one event.

    The ACLED codebook (:func:`etl.coding.acled_codebook.code_acled`) adds the actors in ACLED's
    order (the demonstrators first in a Protest with intervention; an unnamed side filled in),
    their ACLED names and inter codes.
    """

    event_type: str
    sub_event_type: str
    disorder_type: str
    civilian_targeting: str | None
    actor1: FrameActor | None = None
    actor2: FrameActor | None = None
    actor1_name: str | None = None
    actor2_name: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None


def _violent(root: str | None) -> bool:
    return root in {"18", "19", "20"}


@dataclass(frozen=True, slots=True)
class AcledCues:
    """What the sentence says beyond the CAMEO code that ACLED's decision rules need.

    Filled by the coder from word classes in ``lexicons.tsv`` (``acled_*``), so that the rules
    below read facts, not words.
    """

    chemical: bool = False  # a chemical agent is named (chlorine, sarin, chloropicrin ...)
    sexual: bool = False  # rape or sexual assault is named
    protest: bool = False  # a demonstration is under way (protesters, rally, march, sit-in ...)
    lethal: bool = False  # people were killed, or live fire was used
    military_target: bool = False  # the target is a military position (checkpoint, base ...)
    has_target: bool = False  # the event names what or whom it targets
    foreign: bool = False  # a state's forces acting outside their own country
    crowd_weapon: bool = False  # a crowd-control weapon is named (tear gas, water cannon ...)
    unarmed_victim: bool = False  # the act is aimed at unarmed people (villagers, a candidate)
    civilian_site: bool = False  # the act is aimed at a civilian site (a village, a market)
    unopposed: bool = False  # territory changed hands "without a fight" / "unopposed"
    mob: bool = False  # the crowd is a mob, not demonstrators (mob, lynching, vigilantes)
    victim_head: bool = False  # an aimed-at noun is itself an unarmed person ("officials")
    crowd_doer: bool = False  # the doers are a crowd (residents, villagers, youths, a mob)
    crowd_aimed: bool = False  # the act is aimed at a crowd ("clashed with rival supporters")
    armed_doer: bool = False  # the doers are "armed with" weapons (or "armed youths")
    non_political: bool = False  # sport, business, film or a natural hazard; no armed noun
    intended: bool = False  # the act is only planned, threatened or prepared ("plan to strike")
    leisure: bool = False  # sport, film or games and no armed noun ("fans marched")
    reciprocal: bool = False  # the act is a mutual fight ("clashed", "a brawl"), not one-sided
    lone_civilian: bool = False  # one named civilian did it ("a teenager"), no armed word around
    retaken: bool = False  # the place is taken back ("recaptured", "drove ... out of")
    nonstate_holder: bool = (
        False  # taken "from" a non-state armed side ("from al-Shabaab fighters")
    )
    accused_victim: bool = False  # the victim is "accused of" / "suspected of" a wrong
    riot_act: bool = False  # the crowd's own violence is told ("looted shops", "burning tyres")
    captive: bool = False  # the victim was held ("killed in police custody", "extrajudicially")
    irritant: bool = False  # an irritant gas is named (tear gas, CS gas)


NO_CUES = AcledCues()
# Weapon classes a crowd-control weapon is mistaken for (tear *gas*, water *cannon*, stun
# *grenade*, rubber *bullets*).
CROWD_CONFUSABLE = frozenset({"chemical", "artillery", "grenade", "small"})
# Strategic developments read from verbs alone, which other word senses share.
_CONTEXT_BOUND = frozenset(
    {"Other", "Headquarters or base established", "Change to group/activity"}
)
_VIOLENT_SUBS = frozenset({"Chemical weapon", "Grenade", "Attack", "Air/drone strike"})
# CAMEO codes that are ACLED strategic developments whatever verb carried them.
CAMEO_SUB = {
    "057": "Agreement",
    "0871": "Agreement",
    "1721": "Other",
    "1722": "Other",
    "1723": "Other",
    "1724": "Other",
    "154": "Change to group/activity",
}


def acled_sub_event(
    cameo: str | None,
    rule_acled: str | None,
    weapon: str | None,
    class1: str | None,
    class2: str | None,
    cues: AcledCues = NO_CUES,
) -> str | None:
    """Choose the ACLED sub-event type (None when ACLED does not record such an event).

    ACLED's decision rules, in order: a chemical agent makes a Chemical weapon and rape Sexual
    violence whatever the delivery; demonstrators who use violence riot (Violent demonstration),
    a crowd's violence outside a demonstration is Mob violence; the authorities acting on a
    demonstration make Protest with intervention, or Excessive force against protesters when
    people are killed or live fire is used; a remote weapon makes Explosions/Remote violence
    whatever the target; two organised armed sides make a Battle, an armed actor against
    unarmed people Violence against civilians; territory taken by a state at home is regained,
    by anyone else (a foreign state included) overtaken, except a foreign state that takes a
    place back from a non-state group (an ally of the state: regained).

    Args:
        cameo: CAMEO event code or None.
        rule_acled: sub-event type named by the matching trigger rule, if any.
        weapon: weapon class found for the event (aircraft, drone, artillery, ...).
        class1: ACLED actor class of the source (state, rebel, protesters, civilians, ...).
        class2: ACLED actor class of the target, or None.
        cues: sentence facts the rules need (see :class:`AcledCues`).
    """
    root = cameo[:2] if cameo else None
    if (
        cues.armed_doer
        and not (cues.mob or cues.crowd_doer)
        and class1
        in {
            "protesters",
            "rioters",
            "civilians",
        }
    ):
        # Party activists "armed with firearms" act as a political militia, not as rioters.
        class1 = "militia"
        if cameo and cameo.startswith("145"):
            cameo, root = "190", "19"
    sub = rule_acled
    if sub is None and cameo:
        sub = CAMEO_SUB.get(cameo) or CAMEO_SUB.get(cameo[:3])
    if cues.non_political and sub == "Looting/property destruction":
        return None  # "the cyclone destroyed homes": no political actor destroyed anything
    if cues.non_political and cameo is None and sub in _CONTEXT_BOUND:
        return None  # "the airline opened a new base", "residents fled the floods"
    if cues.leisure and root == "14" and sub is None:
        return None  # "fans marched to the stadium"
    if cues.intended and not _violent(root):
        return None  # "workers are planning to go on strike": not an event yet
    coercive = _violent(root) or root == "17" or sub in _VIOLENT_SUBS
    # "Tear gas grenades" on a crowd are policing; gas munitions on soldiers a chemical weapon.
    policing = cues.crowd_weapon and (cues.protest or class2 in {"protesters", "rioters"})
    # ACLED: irritant gas dropped on soldiers or their positions is a chemical weapon.
    gassed_forces = cues.irritant and (class2 in ARMED or cues.military_target) and not cues.protest
    chemical = (cues.chemical or gassed_forces) and not policing
    if weapon == "chemical" and not chemical:
        weapon = None  # "gas" alone (a gas station, tear gas) names no chemical agent
    if weapon in CROWD_CONFUSABLE and cues.crowd_weapon and not chemical:
        # Tear gas, water cannon, rubber bullets, stun grenades: policing a crowd, not a chemical
        # weapon, artillery or a grenade attack.
        weapon = None
    if chemical and coercive and (weapon is not None or _violent(root) or root == "17"):
        # ACLED: the chemical agent decides, whatever delivered it (drone, rocket, canister).
        return "Chemical weapon"
    crowd_target = class2 in {"protesters", "rioters"} or (
        class2 in {None, "civilians"} and (cues.protest or cues.crowd_weapon)
    )
    # An opposition leader arrested at home, an activist abducted: acts on one person are
    # Arrests or Violence against civilians unless a crowd is being policed.
    arrest = sub == "Arrests" or root == "18" or bool(cameo and cameo.startswith("173"))
    crowd_context = (
        cues.protest
        or cues.crowd_weapon
        or class2 == "rioters"
        or (class2 == "protesters" and not arrest)
    )
    state_on_crowd = class1 == "state" and crowd_target and crowd_context
    remote = weapon in WEAPON_SUB or chemical or cues.sexual or sub == "Sexual violence"
    if (
        state_on_crowd
        and not remote
        and (
            # A ban (172) is no intervention: a crowd must be there to be policed.
            (cameo and (cameo[:3] in {"175", "173"} or root in {"18", "19", "20"}))
            or sub in {"Arrests", "Excessive force against protesters", "Protest with intervention"}
        )
    ):
        return "Excessive force against protesters" if cues.lethal else "Protest with intervention"
    if sub == "Looting/property destruction" and (
        class1 in {"protesters", "rioters"} or (class1 == "civilians" and cues.crowd_doer)
    ):
        # ACLED's looting is by armed or political groups; a crowd's arson is a riot.
        return _riot_sub(class1, class2, cues)
    if root == "14" and class1 in ARMED and not (cameo and cameo.startswith("145")):
        return None  # rebels or troops "blocking all roads" hold a position, not a protest
    if root == "14":
        if (cameo and cameo.startswith("145")) or class1 == "rioters" or cues.riot_act:
            # "protesters blocked roads with burning barricades and looted shops": the
            # demonstrators' own violence makes the demonstration a riot.
            return _riot_sub(class1, class2, cues)
        if cameo and cameo.startswith("143") and not cues.protest:
            return None  # ACLED codes no strike or boycott without a demonstration
        return "Peaceful protest"
    if cameo == "175" or (cameo and cameo.startswith("175")):
        # "protesters blocked the road; police dispersed them": an unnamed target, or a pronoun
        # read as the force itself, in a sentence about a demonstration is its crowd.
        if class2 == "protesters" or (cues.protest and class2 in {None, class1}):
            # ACLED: force that kills or live fire is excessive; dispersal alone (water cannon,
            # tear gas) by an unnamed force ("protesters were dispersed") is an intervention.
            return (
                "Excessive force against protesters" if cues.lethal else "Protest with intervention"
            )
        return "Attack"
    if cameo and cameo.startswith("192"):
        if cues.unopposed:
            return "Non-violent transfer of territory"  # "entered X without a fight"
        if class1 in {"state"} and not cues.foreign:
            return "Government regains territory"
        if (
            class1 == "state"
            and cues.retaken
            and (class2 in {"rebel", "militia", "identity"} or cues.nonstate_holder)
        ):
            # ACLED: "state forces or their allies retake a location held by a non-state
            # group": foreign troops who drive insurgents out of a town fight for the state.
            return "Government regains territory"
        return "Non-state actor overtakes territory"
    if cameo and cameo[:3] == "191" and sub == "Other" and not cues.lethal:
        # A blockade or siege imposed, with no fighting or dead told: a security measure.
        return "Other"
    if _violent(root) or sub in {"Grenade", "Chemical weapon", "Sexual violence"}:
        if cues.lone_civilian and class2 not in ARMED | {"state", "protesters"}:
            # ACLED: violence against civilians is done by an organised armed group; one
            # student or neighbour who kills, with no political target, is ordinary crime.
            return None
        if chemical:
            return "Chemical weapon"
        if sub == "Sexual violence" or cues.sexual:
            return "Sexual violence"
        if (
            class1 in {"protesters", "rioters"}
            or (
                class1 == "civilians" and weapon not in WEAPON_SUB and (cues.crowd_doer or cues.mob)
            )
            or (
                # "vigilantes beat a man to death": a crowd no agent noun names, taking the law
                # into its own hands against an unarmed person.
                class1 is None
                and cues.mob
                and cues.crowd_doer
                and weapon not in WEAPON_SUB
                and class2 not in ARMED
            )
        ):
            # Residents or villagers who lynch or beat someone act as a mob (rioters); "unknown
            # men" or "a man" who kill are an unidentified armed group, read below.
            return _riot_sub(class1, class2, cues)
        if class1 == "civilians":
            class1 = "militia"
        if weapon in WEAPON_SUB:
            return WEAPON_SUB[weapon]
        if sub in {
            "Abduction/forced disappearance",
            "Suicide bomb",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Disrupted weapons use",
        }:
            return sub
        if class2 == "civilians" or cues.captive:
            # "a suspect killed in police custody", "extrajudicially killed": a captive is
            # unarmed, whoever they were.
            return "Attack"
        if (
            class1 in ARMED
            # "government officials", "Fulani herders": the noun, not its modifier, says who.
            and (class2 not in ARMED or cues.victim_head)
            and (cues.unarmed_victim or cues.civilian_site)
            and not cues.military_target
            and sub not in {"Armed clash"}
        ):
            # An armed actor against villagers, farmers, a candidate, a village or a market:
            # Violence against civilians, whatever the verb ("attacked", "opened fire on").
            return "Attack"
        if class2 in {"protesters"}:
            # Opposition supporters or a detainee outside any demonstration: an attack.
            crowd = cues.protest or cues.crowd_weapon
            if not crowd:
                return "Attack"
            # Batons or tear gas on a crowd with nobody killed and no live fire: an intervention.
            return (
                "Excessive force against protesters" if cues.lethal else "Protest with intervention"
            )
        if class2 in ARMED:
            return "Armed clash"
        if class1 in ARMED:
            # An armed actor against a target that is no armed organisation: Violence against
            # civilians, unless the target is a military position (an ambush on a checkpoint).
            if cues.has_target and not cues.military_target and sub != "Armed clash":
                return "Attack"
            if cameo in {"1823", "186", "185", "180", "182"} and not cues.military_target:
                return "Attack"
            return "Armed clash"
        if class1 is None and cues.military_target and not cues.unarmed_victim:
            # "assailants attacked an army camp": an unnamed doer who attacks a military
            # position is an armed group fighting its holders.
            return "Armed clash"
        if sub == "Armed clash":
            return sub
        return sub or "Attack"
    return sub


def _riot_sub(class1: str | None, class2: str | None, cues: AcledCues) -> str:
    """Violent demonstration or Mob violence for violence by a crowd.

    ACLED: demonstrators who stone the police, burn tyres or wreck property riot (Violent
    demonstration); a crowd that targets people outside a demonstration (a lynching, residents
    who burn suspected thieves, a vigilante mob) is Mob violence.
    """
    if cues.mob or (class1 == "civilians" and cues.lethal and class2 != "state"):
        return "Mob violence"  # a lynching, or residents who kill someone
    if cues.accused_victim and class2 not in ARMED | {"state"}:
        return "Mob violence"  # "a crowd burned a man accused of blasphemy": mob justice
    if cues.protest or class2 == "state":
        return "Violent demonstration"  # demonstrators, or a crowd stoning the police
    if cues.reciprocal and class2 is None:
        # "Rival supporters clashed": crowds fighting each other outside a demonstration.
        return "Mob violence"
    if class1 == "civilians":
        return "Mob violence"  # residents, villagers, a crowd: not demonstrating
    if class2 in ARMED:
        return "Violent demonstration"
    if class2 in {"civilians", "protesters", "rioters"} or cues.unarmed_victim or cues.crowd_aimed:
        return "Mob violence"  # supporters of two parties fighting, a crowd beating a man
    return "Violent demonstration"


def acled_coding(
    cameo: str | None,
    rule_acled: str | None,
    weapon: str | None,
    class1: str | None,
    class2: str | None,
    cues: AcledCues = NO_CUES,
) -> AcledCoding | None:
    """Full ACLED coding (event type, sub-event type, disorder type, civilian targeting)."""
    sub = acled_sub_event(cameo, rule_acled, weapon, class1, class2, cues)
    if sub is None:
        return None
    index = acled_sub_event_index()
    if sub not in index:
        raise ValueError(f"ACLED sub-event type {sub!r} is not in the ACLED taxonomy")
    disorder, event_type = index[sub]
    civ = None
    if class2 == "civilians" and event_type in {
        "Violence against civilians",
        "Explosions/Remote violence",
        "Riots",
    }:
        civ = "Civilian targeting"
    return AcledCoding(event_type, sub, disorder, civ)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: lower inter code first (12, 17, 37); a sole actor is inter*10."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


#: ACLED's names for armed actors nobody named ("Unidentified Armed Group (Nigeria)").
UNNAMED_ARMED = frozenset({"Rebel Groups", "Unidentified Armed Group", "Communal Militia"})
#: ACLED's names for people nobody named.
UNNAMED_PEOPLE = frozenset({"Protesters", "Rioters", "Civilians"})


def unnamed(name: str | None, kinds: frozenset[str] = UNNAMED_ARMED | UNNAMED_PEOPLE) -> bool:
    """The ACLED actor name is one of ``kinds``' names for nobody in particular."""
    return name is not None and name.split(" (")[0] in kinds
