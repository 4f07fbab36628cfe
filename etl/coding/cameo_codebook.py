"""The CAMEO codebook: the CAMEO code of an event, read from its frame alone.

The trigger's dictionary code is the starting point; who acted against whom and with what refine
it as the CAMEO codebook does: demonstrators who fight riot (145), forces who fight
demonstrators repress them (175), a fight with a named weapon is the weapon's code (193-195), and
territory taken "without a fight" is no fight at all. This module reads only
:class:`~etl.coding.frame.EventFrame`, never the ACLED codebook.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.coding.frame import EventFrame
from etl.coding.reference import cameo_event_codes, quad_class_for_root

# ACLED actor classes of a crowd.
_CROWD = frozenset({"protesters", "rioters"})
# CAMEO 19x codes for "fight with" a weapon class (190 is the generic "use conventional force").
_WEAPON_CODE = {
    "aircraft": "195",
    "drone": "195",
    "artillery": "194",
    "missile": "194",
    "small": "193",
}


@dataclass(frozen=True, slots=True)
class CameoCoding:
    """The CAMEO fields of one event."""

    code: str
    base: str
    root: str
    quad_class: int | None
    goldstein: float | None


def cameo_code(frame: EventFrame) -> str | None:
    """The CAMEO event code of the frame (None when CAMEO has no event to code).

    Args:
        frame: the event frame.
    """
    code = frame.action.code
    if not code:
        return None
    class1 = frame.source.kind if frame.source is not None else None
    class2 = frame.target.kind if frame.target is not None else None
    # Protesters/rioters clashing with forces make a riot; forces on protesters, repression.
    if code[:2] == "19":
        if class1 in _CROWD:
            code = "145"
        elif class2 in _CROWD and class1 == "state":
            code = "175"
    if code[:3] == "171" and class1 in _CROWD:
        code = "145"  # protesters destroying property: a riot
    if code == "190" and frame.weapon:
        code = _WEAPON_CODE.get(frame.weapon, code)
    if code[:3] == "192" and frame.cues.unopposed:
        # Taken "without a fight": CAMEO has no fight to code (ACLED's transfer of territory).
        return None
    return code


def code_cameo(frame: EventFrame) -> CameoCoding | None:
    """Code the frame in CAMEO: code, base, root, quad class and Goldstein score.

    Args:
        frame: the event frame.

    Returns:
        The coding, or None when CAMEO has no event to code.
    """
    code = cameo_code(frame)
    if code is None:
        return None
    table = cameo_event_codes()
    goldstein = table[code][1] if code in table else None
    root = code[:2]
    return CameoCoding(code, code[:3], root, quad_class_for_root(root), goldstein)
