"""Regression tests: forces taking their troops or personnel out of a base is a withdrawal
(CAMEO 0874, ACLED Non-violent transfer of territory), and forces "approaching" a place move rather
than meet anyone (written with the rows added to etl/coding/data/verbs.tsv; the bundled sample
article on the Kuweires airbase gave a CAMEO 040 "rebel forces approached" and no withdrawal)."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding.coder import code_text

pytestmark = pytest.mark.slow


def _codes(text: str) -> list[tuple[str | None, str | None]]:
    return [(e.cameo_code, e.acled_sub_event_type) for e in code_text(text, date(2024, 12, 2))]


@pytest.mark.parametrize(
    "text",
    [
        "Russia evacuated its personnel from the Kuweires airbase east of Aleppo on Sunday.",
        "The French army evacuated its troops from the base in Gao on Monday.",
    ],
)
def test_regression_evacuating_forces_from_a_base_is_a_withdrawal(text: str) -> None:
    assert ("0874", "Non-violent transfer of territory") in _codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia evacuated its personnel on Sunday as rebel forces approached, sources said.",
        "The rebels approached the city of Hama on Sunday.",
    ],
)
def test_regression_forces_approaching_meet_nobody(text: str) -> None:
    assert all(code != "040" for code, _sub in _codes(text))


def test_approaching_someone_for_help_is_still_a_contact() -> None:
    assert any(code == "040" for code, _ in _codes("The minister approached the UN for help."))


def test_evacuating_civilians_is_no_withdrawal() -> None:
    codes = _codes("The army evacuated civilians from the town on Sunday.")
    assert all(sub != "Non-violent transfer of territory" for _code, sub in codes)
