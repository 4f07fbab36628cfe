"""Regression test for names written in one word or two: an unknown two-word name after a
locative cue is found under the one-word spelling of a place in the story's country ("Ceel
Dheer" is Ceeldheer). Written together with the fix: a regression test, not held out."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import Document


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def located(coder: Coder, text: str) -> set[str | None]:
    doc = Document(id="t", text=text, published=date(2024, 6, 1))
    return {e.location for e in coder.code_document(doc) if e.acled_event_type}


def test_a_name_in_two_words_is_found_written_as_one(coder: Coder) -> None:
    text = (
        "On 23 May 2024, Al Shabaab militants withdrew from Ceel Dheer (Galgaduud) without a fight."
    )
    assert located(coder, text) == {"Ceeldheer"}


def test_an_unknown_two_word_name_abroad_is_not_joined(coder: Coder) -> None:
    # The joined spelling must lie in the unit or country the story names.
    text = "On 23 May 2024, Al Shabaab militants withdrew from Ceel Dheer (Bakool) without a fight."
    assert "Ceeldheer" not in located(coder, text)
