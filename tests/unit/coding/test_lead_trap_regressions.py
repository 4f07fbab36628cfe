"""Regression tests: a war's whole toll, a hazard that is a passive verb's agent, an explosion at
a hazardous site, and a takeover where no shot was fired are no violent events; close positives
stay violent (written with their fixes in factuality.py, acled_cues.py and lexicons.tsv)."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding.coder import code_text

pytestmark = pytest.mark.slow

VIOLENT = {"18", "19", "20"}


def _roots(text: str) -> set[str | None]:
    return {e.cameo_root for e in code_text(text, date(2024, 6, 3))}


def _subs(text: str) -> list[str | None]:
    return [e.acled_sub_event_type for e in code_text(text, date(2024, 6, 3))]


@pytest.mark.parametrize(
    "text",
    [
        "Sudan's war, now in its second year, has killed tens of thousands of people.",
        "Decades of war have killed hundreds of thousands of Afghans.",
        "The insurgency, now in its fifteenth year, has killed more than 35,000 people.",
    ],
)
def test_regression_a_whole_war_as_doer_is_a_tally(text: str) -> None:
    assert not _roots(text) & VIOLENT


@pytest.mark.parametrize(
    "text",
    [
        "Three hikers were killed by an avalanche in the Alps on Sunday.",
        "Five villagers were killed by a flood near Kasese on Monday.",
        "An explosion at a fireworks factory in Tamil Nadu killed eight workers.",
    ],
)
def test_regression_hazards_kill_without_a_perpetrator(text: str) -> None:
    assert not _roots(text) & VIOLENT


@pytest.mark.parametrize(
    "text",
    [
        "Two soldiers were killed by fire from Russian positions near Bakhmut.",
        "Three soldiers were killed by a roadside bomb in Kandahar on Sunday.",
        "An explosion at a police station in Quetta killed eight officers.",
        "Clashes on Sunday killed 12 people in Khartoum.",
    ],
)
def test_attacks_told_like_hazards_stay_violent(text: str) -> None:
    assert _roots(text) & VIOLENT


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said no shots were fired when soldiers entered the town of Gao on Monday.",
        "Residents said no shots were fired when M23 rebels entered Bunia on Sunday.",
    ],
)
def test_regression_a_takeover_with_no_shot_is_a_non_violent_transfer(text: str) -> None:
    subs = _subs(text)
    assert "Non-violent transfer of territory" in subs
    assert not _roots(text) & VIOLENT


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered the town without a shot being fired on Monday.",
        "The army retook Kidal on Monday after no resistance from the rebels.",
    ],
)
def test_other_unopposed_takeovers_stay_non_violent(text: str) -> None:
    subs = _subs(text)
    assert "Non-violent transfer of territory" in subs
    assert not _roots(text) & VIOLENT


def test_a_takeover_after_fighting_stays_a_battle() -> None:
    subs = _subs("The army retook Kidal on Monday after fierce clashes with rebels.")
    assert "Government regains territory" in subs
