"""Relative dates resolve against the publication date; fatalities count the dead only."""

from datetime import date

import pytest

from etl.coding.dates import find_dates, resolve
from etl.coding.fatalities import count_fatalities

PUB = date(2024, 12, 3)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("on Sunday", date(2024, 12, 1), 1),
        ("yesterday", date(2024, 12, 2), 1),
        ("over the weekend", date(2024, 11, 30), 2),
        ("earlier this week", date(2024, 12, 2), 2),
        ("last month", date(2024, 11, 15), 3),
        ("in 2016", date(2016, 7, 1), 3),
        ("on 7 October 2023", date(2023, 10, 7), 1),
        ("December 25", date(2023, 12, 25), 1),  # no year and in the future: last year
    ],
)
def test_relative_dates(text: str, expected: date, precision: int) -> None:
    assert resolve(text, PUB) == (expected, precision)


def test_never_after_publication_and_may_is_not_a_month() -> None:
    assert all(d <= PUB for _s, _e, d, _p in find_dates("in 2024 and today", PUB))
    assert find_dates("he may attack", PUB) == []


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("killing at least eight people", 8),
        ("Four children and a man were killed in shelling", 5),
        ("Dozens of people were killed", 12),
        ("the death toll rose to 35", 35),
        ("twenty-five civilians died", 25),
        ("12 people were wounded", 0),
        ("a soldier was killed and five wounded", 1),
        ("five years ago the town was shelled", 0),
    ],
)
def test_fatalities(text: str, dead: int) -> None:
    assert count_fatalities(text) == dead
