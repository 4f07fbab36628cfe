"""Regression tests for ACLED's decision rules in the ACLED codebook module (no parsing).

Scenario: the same CAMEO code must give different ACLED sub-event types depending on what the
sentence says (a chemical agent, a demonstration under way, live fire, a military target, a
foreign force), and CAMEO codes of strategic developments map to their ACLED classes. A few
sentences written for this file then check the same rules end to end through the real coder.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.coding.acled import AcledCues, acled_sub_event
from etl.records import Document


@pytest.mark.parametrize(
    ("cameo", "rule", "weapon", "c1", "c2", "cues", "want"),
    [
        ("195", None, "aircraft", "state", None, AcledCues(chemical=True), "Chemical weapon"),
        ("190", None, None, "state", "civilians", AcledCues(sexual=True), "Sexual violence"),
        ("175", None, None, "state", "protesters", AcledCues(), "Protest with intervention"),
        (
            "175",
            None,
            None,
            "state",
            "protesters",
            AcledCues(lethal=True),
            "Excessive force against protesters",
        ),
        (
            "173",
            "Arrests",
            None,
            "state",
            None,
            AcledCues(protest=True),
            "Protest with intervention",
        ),
        ("173", "Arrests", None, "state", "civilians", AcledCues(), "Arrests"),
        ("145", None, None, "rioters", None, AcledCues(protest=True), "Violent demonstration"),
        ("145", None, None, "rioters", "civilians", AcledCues(), "Mob violence"),
        ("193", None, None, "militia", None, AcledCues(has_target=True), "Attack"),
        (
            "193",
            None,
            None,
            "militia",
            None,
            AcledCues(has_target=True, military_target=True),
            "Armed clash",
        ),
        ("192", None, None, "state", None, AcledCues(), "Government regains territory"),
        (
            "192",
            None,
            None,
            "state",
            None,
            AcledCues(foreign=True),
            "Non-state actor overtakes territory",
        ),
        ("1723", None, None, "state", None, AcledCues(), "Other"),
        ("1724", None, None, "state", None, AcledCues(), "Other"),
        ("057", None, None, "state", "rebel", AcledCues(), "Agreement"),
        ("0871", None, None, "state", "rebel", AcledCues(), "Agreement"),
        ("154", None, None, "state", None, AcledCues(), "Change to group/activity"),
    ],
)
def test_acled_decision_rules(
    cameo: str,
    rule: str | None,
    weapon: str | None,
    c1: str,
    c2: str | None,
    cues: AcledCues,
    want: str,
) -> None:
    assert acled_sub_event(cameo, rule, weapon, c1, c2, cues) == want


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Soldiers seized a cache of rifles and explosives near Marawi on Monday.",
            "Disrupted weapons use",
        ),
        (
            "Air defences shot down six drones over Kyiv overnight, officials said.",
            "Disrupted weapons use",
        ),
        (
            "The militia set up a base near Tombouctou on Sunday, residents said.",
            "Headquarters or base established",
        ),
        ("Authorities imposed a curfew in Jos on Monday after days of unrest.", "Other"),
        ("Unidentified men threw a grenade at a bar in Cucuta on Friday.", "Grenade"),
        ("Rioters stoned police in Mombasa on Tuesday, witnesses said.", "Violent demonstration"),
        (
            "Police opened fire on demonstrators in Kisumu on Tuesday, killing three.",
            "Excessive force against protesters",
        ),
        (
            "Police broke up a rally of nurses in Lahore on Monday.",
            "Protest with intervention",
        ),
        ("Villagers lynched a suspected thief in Kano on Monday, police said.", "Mob violence"),
        ("A helicopter dropped barrel bombs on Daraya on Sunday.", "Air/drone strike"),
        ("Ukrainian police discovered a mass grave near Bucha on Friday.", "Other"),
        ("On 4 March 2024, soldiers raped a woman at a checkpoint near Goma.", "Sexual violence"),
    ],
)
def test_acled_sub_event_end_to_end(coder: Coder, text: str, want: str) -> None:
    evs = coder.code_document(Document(id="a", text=text, published=date(2024, 9, 10)))
    assert want in {e.acled_sub_event_type for e in evs}, [
        (e.cameo_code, e.acled_sub_event_type) for e in evs
    ]
