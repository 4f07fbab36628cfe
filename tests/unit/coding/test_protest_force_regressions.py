"""Regression tests: force on demonstrators is Excessive force only when it kills or uses live
fire; dispersal with water cannon, tear gas or batons is a Protest with intervention, whoever
the text leaves unnamed (written with the fix in etl/coding/acled.py)."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding.coder import code_text

pytestmark = pytest.mark.slow


def _subs(text: str) -> list[str | None]:
    return [e.acled_sub_event_type for e in code_text(text, date(2024, 8, 12))]


@pytest.mark.parametrize(
    "text",
    [
        "Anti-government protesters were dispersed with water cannon in Belgrade on Saturday.",
        "Protesters were beaten with batons in Harare on Saturday.",
        "Demonstrators were tear-gassed outside parliament in Nairobi on Sunday.",
    ],
)
def test_regression_dispersal_without_deaths_is_an_intervention(text: str) -> None:
    subs = _subs(text)
    assert "Protest with intervention" in subs
    assert "Excessive force against protesters" not in subs


@pytest.mark.parametrize(
    "text",
    [
        "Security forces opened fire on protesters in Khartoum on Saturday, killing three.",
        "Protesters were shot dead by police in Nairobi on Sunday.",
    ],
)
def test_lethal_force_on_protesters_stays_excessive(text: str) -> None:
    assert "Excessive force against protesters" in _subs(text)
