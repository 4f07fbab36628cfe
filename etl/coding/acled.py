"""ACLED coding of an event from its CAMEO code, weapon and actor types.

The crosswalk in the reference folder is a proposal; these rules follow the ACLED codebook's
definitions: the weapon decides the remote-violence sub-type, the target decides between Battles
(armed against armed) and Violence against civilians, and the actor decides who regains or
overtakes territory.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.coding.reference import acled_sub_event_index

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
    """The ACLED fields of one event."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    civilian_targeting: str | None


def _violent(root: str | None) -> bool:
    return root in {"18", "19", "20"}


def acled_sub_event(
    cameo: str | None,
    rule_acled: str | None,
    weapon: str | None,
    class1: str | None,
    class2: str | None,
) -> str | None:
    """Choose the ACLED sub-event type (None when ACLED does not record such an event).

    Args:
        cameo: CAMEO event code or None.
        rule_acled: sub-event type named by the matching trigger rule, if any.
        weapon: weapon class found for the event (aircraft, drone, artillery, ...).
        class1: ACLED actor class of the source (state, rebel, protesters, civilians, ...).
        class2: ACLED actor class of the target, or None.
    """
    root = cameo[:2] if cameo else None
    sub = rule_acled
    if root == "14":
        if cameo and cameo.startswith("145"):
            return "Violent demonstration"
        return "Peaceful protest"
    if cameo == "175" or (cameo and cameo.startswith("175")):
        return "Excessive force against protesters" if class2 == "protesters" else "Attack"
    if cameo and cameo.startswith("192"):
        if class1 in {"state"}:
            return "Government regains territory"
        return "Non-state actor overtakes territory"
    if _violent(root):
        if class1 in {"protesters", "rioters"}:
            return "Violent demonstration" if class2 in ARMED else "Mob violence"
        if weapon in WEAPON_SUB:
            return WEAPON_SUB[weapon]
        if sub in {
            "Abduction/forced disappearance",
            "Sexual violence",
            "Suicide bomb",
            "Remote explosive/landmine/IED",
            "Chemical weapon",
        }:
            return sub
        if class2 == "civilians":
            return "Attack"
        if class2 in {"protesters"}:
            return "Excessive force against protesters"
        if class2 in ARMED or class1 in ARMED or sub == "Armed clash":
            if cameo in {"1823", "186", "185", "180", "182"} and class2 not in ARMED:
                return "Attack"
            return "Armed clash"
        return sub or "Attack"
    return sub


def acled_coding(
    cameo: str | None,
    rule_acled: str | None,
    weapon: str | None,
    class1: str | None,
    class2: str | None,
) -> AcledCoding | None:
    """Full ACLED coding (event type, sub-event type, disorder type, civilian targeting)."""
    sub = acled_sub_event(cameo, rule_acled, weapon, class1, class2)
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
