"""The CAMEO and ACLED codebooks code hand-built event frames (no parser), never each other."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from etl.coding.acled import AcledCues
from etl.coding.acled_codebook import code_acled
from etl.coding.cameo_codebook import code_cameo
from etl.coding.frame import ActionClass, EventFrame, FrameActor, Modality, Trigger
from etl.geo.gazetteer import Place

KHARTOUM = Place("Khartoum", 15.55, 32.53, "SDN", "Khartoum", 1_974_647, "P")
NAIROBI = Place("Nairobi", -1.28, 36.82, "KEN", "Nairobi", 2_750_547, "P")

ARMY_SDN = FrameActor(name="army", code="SDNMIL", country="SDN", role="MIL", acled_class="state")
RSF = FrameActor(name="RSF", code="SDNMIL", country="SDN", role="MIL", acled_class="rebel")
# As the engine gives them: the ACLED class filled from the CAMEO code when no dictionary says.
POLICE_KEN = FrameActor(
    name="police", code="KENCOP", country="KEN", role="COP", acled_class="state"
)
PROTESTERS_KEN = FrameActor(
    name="protesters", code="KENOPP", country="KEN", role="OPP", acled_class="protesters"
)


def frame(
    code: str | None,
    source: FrameActor | None = None,
    target: FrameActor | None = None,
    *,
    rule_code: str | None = None,
    hint: str | None = None,
    weapon: str | None = None,
    place: Place = KHARTOUM,
    cues: AcledCues | None = None,
    threat: bool = False,
    dead: int = 0,
) -> EventFrame:
    """A frame as the frame stage would build it, without parsing a sentence."""
    return EventFrame(
        doc_id="doc",
        sentence_index=0,
        sentence="A sentence.",
        sentence_span=(0, 11),
        evidence=(0, 10),
        trigger=Trigger(1, 2),
        action=ActionClass(code, rule_code or code, hint),
        source=source,
        target=target,
        weapon=weapon,
        place=place,
        place_precision=1,
        extra_places=(),
        day=date(2024, 5, 14),
        time_precision=1,
        dead=dead,
        dead_by_place=None,
        modality=Modality(threat=threat),
        cues=cues or AcledCues(),
    )


def test_protesters_fighting_police_are_a_riot_in_both_codebooks() -> None:
    f = frame("190", PROTESTERS_KEN, POLICE_KEN, place=NAIROBI, cues=AcledCues(protest=True))
    cameo = code_cameo(f)
    assert cameo is not None and (cameo.code, cameo.root, cameo.quad_class) == ("145", "14", 3)
    acled = code_acled(f)
    assert acled is not None
    assert (acled.event_type, acled.sub_event_type) == ("Riots", "Violent demonstration")
    # ACLED names demonstrators who turn violent Rioters (inter 5), not Protesters (6).
    assert acled.actor1_name == "Rioters (Kenya)"
    assert acled.inter1 == 5 and acled.interaction == 15


def test_protesters_destroying_property_are_a_riot() -> None:
    f = frame("171", PROTESTERS_KEN, None, place=NAIROBI, cues=AcledCues(protest=True))
    cameo = code_cameo(f)
    assert cameo is not None and cameo.code == "145"
    acled = code_acled(f)
    assert acled is not None and acled.sub_event_type == "Violent demonstration"


def test_police_fighting_protesters_is_repression_and_excessive_force_when_lethal() -> None:
    f = frame(
        "190",
        POLICE_KEN,
        PROTESTERS_KEN,
        place=NAIROBI,
        cues=AcledCues(protest=True, lethal=True),
        dead=3,
    )
    cameo = code_cameo(f)
    assert cameo is not None and cameo.code == "175" and cameo.goldstein is not None
    acled = code_acled(f)
    assert acled is not None and acled.sub_event_type == "Excessive force against protesters"
    assert acled.actor1 == POLICE_KEN and acled.actor1_name == "Police Forces of Kenya"


def test_protest_with_intervention_puts_the_demonstrators_first() -> None:
    f = frame("190", POLICE_KEN, PROTESTERS_KEN, place=NAIROBI, cues=AcledCues(protest=True))
    acled = code_acled(f)
    assert acled is not None and acled.sub_event_type == "Protest with intervention"
    assert (acled.actor1, acled.actor2) == (PROTESTERS_KEN, POLICE_KEN)
    assert acled.actor1_name == "Protesters (Kenya)"
    assert acled.actor2_name == "Police Forces of Kenya"
    # No crowd named as the target: ACLED still names Protesters first, the police second.
    alone = code_acled(frame("175", POLICE_KEN, None, place=NAIROBI, cues=AcledCues(protest=True)))
    assert alone is not None and alone.actor2 == POLICE_KEN
    assert alone.actor1 is not None and alone.actor1.kind == "protesters"
    # The CAMEO codebook keeps the sentence's own order: it never sees ACLED's.
    assert code_cameo(f) is not None and f.source == POLICE_KEN


@pytest.mark.parametrize(
    ("weapon", "cameo", "sub"),
    [
        ("drone", "195", "Air/drone strike"),
        ("aircraft", "195", "Air/drone strike"),
        ("artillery", "194", "Shelling/artillery/missile attack"),
        ("missile", "194", "Shelling/artillery/missile attack"),
        ("small", "193", "Armed clash"),
        (None, "190", "Armed clash"),
    ],
)
def test_the_weapon_decides_the_19x_code_and_the_remote_violence_type(
    weapon: str | None, cameo: str, sub: str
) -> None:
    f = frame("190", ARMY_SDN, RSF, weapon=weapon)
    coding = code_cameo(f)
    assert coding is not None and (coding.code, coding.base, coding.root) == (cameo, cameo, "19")
    acled = code_acled(f)
    assert acled is not None and acled.sub_event_type == sub


def test_a_specific_19x_code_from_the_dictionary_is_kept_whatever_the_weapon() -> None:
    coding = code_cameo(frame("1823", ARMY_SDN, None, weapon="drone"))
    assert coding is not None and coding.code == "1823"


def test_territory_taken_unopposed_is_acled_only() -> None:
    taken = frame("192", RSF, None, cues=AcledCues(unopposed=True))
    assert code_cameo(taken) is None
    acled = code_acled(taken)
    assert acled is not None and acled.sub_event_type == "Non-violent transfer of territory"
    fought = frame("192", RSF, None)
    coding = code_cameo(fought)
    assert coding is not None and coding.code == "192"
    acled = code_acled(fought)
    assert acled is not None and acled.sub_event_type == "Non-state actor overtakes territory"


def test_territory_taken_by_the_state_at_home_is_regained() -> None:
    acled = code_acled(frame("192", ARMY_SDN, RSF))
    assert acled is not None and acled.sub_event_type == "Government regains territory"
    assert acled.actor1_name == "Military Forces of Sudan (2019-)"


def test_a_threatened_withdrawal_is_not_the_withdrawal() -> None:
    # "The army will withdraw from the town unless ...": the engine reads a threat (138).
    hint = "Non-violent transfer of territory"
    threat = frame("138", ARMY_SDN, None, rule_code="0874", hint=hint, threat=True)
    cameo = code_cameo(threat)
    assert cameo is not None and cameo.code == "138"
    assert code_acled(threat) is None
    act = frame("0874", ARMY_SDN, None, hint=hint)
    acled = code_acled(act)
    assert acled is not None and acled.sub_event_type == hint


def test_an_unnamed_attacker_is_an_unidentified_armed_group() -> None:
    villagers = FrameActor(
        name="villagers", code="SDNCVL", country="SDN", role="CVL", acled_class="civilians"
    )
    f = frame("190", None, villagers, cues=AcledCues(unarmed_victim=True, has_target=True))
    acled = code_acled(f)
    assert acled is not None and acled.sub_event_type == "Attack"
    assert acled.actor1_name == "Unidentified Armed Group (Sudan)"
    assert acled.civilian_targeting == "Civilian targeting"
    # The CAMEO codebook names no attacker.
    assert f.source is None and code_cameo(f) is not None


def test_a_frame_neither_codebook_codes() -> None:
    f = frame(None)
    assert code_cameo(f) is None and code_acled(f) is None
    assert code_cameo(replace(f, action=ActionClass("", None, None))) is None


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("cameo_codebook", {"etl.coding.acled_codebook", "etl.coding.acled", "etl.coding.coder"}),
        ("acled_codebook", {"etl.coding.cameo_codebook", "etl.coding.coder"}),
        ("frame", {"etl.coding.cameo_codebook", "etl.coding.acled_codebook", "etl.coding.coder"}),
    ],
)
def test_the_codebooks_read_the_frame_and_never_each_other(
    module: str, forbidden: set[str]
) -> None:
    import etl.coding

    path = Path(etl.coding.__file__).parent / f"{module}.py"
    names = _imports(path)
    assert "etl.coding.frame" in names or module == "frame"
    assert not names & forbidden, f"{module}.py imports {sorted(names & forbidden)}"
