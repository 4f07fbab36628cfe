"""Code tables: CAMEO codes keep leading zeros, QuadClass by root, ACLED taxonomy, bboxes."""

import pytest

from etl.coding import CODER_VERSION, dictionary_checksums
from etl.coding.acled import acled_coding, interaction
from etl.coding.reference import (
    acled_taxonomy,
    cameo_event_codes,
    country_bboxes,
    quad_class_for_root,
)


def test_cameo_codes_are_strings_with_leading_zeros_and_goldstein() -> None:
    codes = cameo_event_codes()
    assert codes["0874"][1] == pytest.approx(codes["0874"][1])
    assert "106" in codes and "1056" in codes  # GDELT's own file lost 106
    assert codes["195"][1] is not None and codes["195"][1] < -9
    assert codes["040"][0].lower().startswith("consult")


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_quad_class_for_root(root: str, quad: int) -> None:
    assert quad_class_for_root(root) == quad


def test_quad_class_rejects_non_roots() -> None:
    with pytest.raises(ValueError):
        quad_class_for_root("21")


def test_acled_taxonomy_has_25_sub_events() -> None:
    tax = acled_taxonomy()
    assert len(tax) == 25
    assert ("Political violence", "Explosions/Remote violence", "Air/drone strike") in tax


def test_country_bboxes_contain_known_places() -> None:
    b = country_bboxes()["SYR"]
    assert b[0] < 36.2 < b[2] and b[1] < 37.16 < b[3]  # Aleppo


def test_acled_rules_weapon_and_target_decide_sub_type() -> None:
    air = acled_coding("195", None, "aircraft", "state", None)
    assert air is not None and air.sub_event_type == "Air/drone strike"
    vac = acled_coding("190", None, None, "militia", "civilians")
    assert vac is not None and vac.event_type == "Violence against civilians"
    assert vac.civilian_targeting == "Civilian targeting"
    battle = acled_coding("190", None, None, "state", "rebel")
    assert battle is not None and battle.sub_event_type == "Armed clash"
    regain = acled_coding("192", None, None, "state", "rebel")
    assert regain is not None and regain.sub_event_type == "Government regains territory"
    assert acled_coding("040", None, None, "state", "state") is None


def test_interaction_lower_first_and_sole_actor() -> None:
    assert interaction(2, 1) == 12
    assert interaction(8, None) == 80


def test_version_carries_dictionary_checksum() -> None:
    sums = dictionary_checksums()
    assert "verbs.tsv" in sums and len(sums["verbs.tsv"]) == 64
    assert CODER_VERSION.startswith("eventetl-coder ") and "+" in CODER_VERSION
