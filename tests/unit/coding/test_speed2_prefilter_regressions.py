"""Regression tests of the round-2 speed-ups: the word prefilters that skip a factuality check or
the compound-verb scan when the sentence has no word the check could find still let every
finding through (the full proof is ``bench/coder_outputs_digest.py``, byte-identical)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from etl.coding.factuality import Factuality, _hyphen_prefixes
from etl.coding.headlines import _compound_verb_prefixes, _compound_verb_spans
from etl.coding.lexicon import Lexicon
from etl.nlp import get_nlp

PUBLISHED = date(2024, 5, 1)


@pytest.fixture(scope="module")
def fact(compiled_lexicon: Lexicon) -> Factuality:
    return Factuality(compiled_lexicon)


def _reason(fact: Factuality, text: str, word: str) -> str | None:
    doc: Any = get_nlp()(text)
    tok = next(t for t in doc if t.text == word)
    return fact.violent_reason(doc, tok.i, PUBLISHED)


def test_hyphen_prefixes_regression_keeps_each_leading_part() -> None:
    assert _hyphen_prefixes(frozenset({"gas-leak", "flood"})) == {"gas", "gas-leak", "flood"}
    assert _hyphen_prefixes(frozenset({"x-ray-blast"})) == {"x", "x-ray", "x-ray-blast"}


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        ("A gas leak explosion killed five people in a market.", "killed", "no perpetrator"),
        ("Two people died when a gas cylinder exploded.", "exploded", "no perpetrator"),
        ("A magnitude 6.8 earthquake killed 30 people in the province.", "killed", "no perp"),
        ("The 2008 Mumbai attacks killed 166 people.", "killed", "history: 2008"),
        ("Ten years ago, soldiers killed 40 villagers in the town.", "killed", "history"),
        ("Hackers attacked the ministry website on Monday.", "attacked", "word sense"),
        ("The opposition launched a blistering attack on the tax plan.", "attack", "word sense"),
    ],
)
def test_prefiltered_checks_regression_still_find(
    fact: Factuality, text: str, word: str, found: str
) -> None:
    reason = _reason(fact, text, word)
    assert reason is not None and reason.startswith(found)


def test_prefiltered_checks_regression_pass_a_plain_attack(fact: Factuality) -> None:
    assert _reason(fact, "Gunmen killed five villagers in Zamfara on Sunday.", "killed") is None


def test_compound_verb_prefilter_regression_finds_split_and_joined_forms() -> None:
    nlp = get_nlp()
    assert "tear" in _compound_verb_prefixes()
    assert [s[2] for s in _compound_verb_spans(nlp("Police tear-gassed protesters."))] == [
        "tear-gas"
    ]
    assert [s[2] for s in _compound_verb_spans(nlp("Riot police teargassed students."))] == [
        "tear-gas"
    ]
    assert _compound_verb_spans(nlp("Gunmen killed five villagers on Sunday.")) == []
