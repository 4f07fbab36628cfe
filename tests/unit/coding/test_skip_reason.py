"""Texts the coder cannot read (empty, or not English) are named as such before any parsing."""

from __future__ import annotations

import pytest

from etl.coding import skip_reason


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement a annoncé une nouvelle loi sur les retraites cette semaine.",
        "El gobierno anunció una nueva ley para los trabajadores del país.",
        "Die Regierung hat am Montag ein neues Gesetz beschlossen, sagte der Sprecher.",
    ],
)
def test_other_languages_are_skipped_with_a_language_reason(text: str) -> None:
    reason = skip_reason(text)
    assert reason is not None and reason.startswith("language:")


@pytest.mark.parametrize(
    "text",
    [
        "Russian warplanes struck rebel positions in Idlib on Sunday, killing at least 12 people.",
        "Protesters in Tbilisi marched on parliament.",
        "Le Pen said the French government must resign, the Associated Press reported.",
    ],
)
def test_english_news_is_not_skipped(text: str) -> None:
    assert skip_reason(text) is None


def test_whitespace_is_empty() -> None:
    assert (skip_reason(" \n\t ") or "").startswith("empty:")


# Regression: short English headlines with hardly any function words were refused as
# "not English (0% English function words)"; the language model now decides them.
@pytest.mark.parametrize(
    "text",
    [
        "Russian missiles struck Kharkiv power plant overnight.",
        "Drones hit fuel depot in Kursk.",
        "Houthis fire missile at ship.",
        "Junta jets bomb Sagaing village.",
        "Rebels seize town.",
    ],
)
def test_short_english_headlines_are_coded(text: str) -> None:
    assert skip_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Rebelles prennent la ville.",
        "Polizei nimmt Demonstranten fest.",
        "Ordu pazartesi günü şehre saldırdı.",
        "Армия атаковала город в понедельник.",
    ],
)
def test_short_foreign_headlines_are_skipped(text: str) -> None:
    reason = skip_reason(text)
    assert reason is not None and reason.startswith("language:")
