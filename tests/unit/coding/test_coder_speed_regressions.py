"""Regression tests of the coder speed-ups (issue 13): work read once per sentence and reused
must give what reading it afresh gives. Written with the speed-ups; the full proof is
``bench/coder_outputs_digest.py`` (every coded event of the evaluation sets, byte-identical)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from etl.coding import Coder
from etl.coding.acled_cues import acled_cues
from etl.coding.dates import find_dates
from etl.coding.factuality import _has_score


def test_date_expressions_scanned_once_still_count_from_each_calls_dates() -> None:
    """The scan of a sentence is shared; the dates it stands for follow each call's dates."""
    text = "Gunmen attacked the village on Sunday and returned the next day."
    first = find_dates(text, date(2024, 3, 13))
    second = find_dates(text, date(2024, 4, 10))
    assert [(s, e) for s, e, _d, _p in first] == [(s, e) for s, e, _d, _p in second]
    assert [d for _s, _e, d, _p in first] == [date(2024, 3, 10), date(2024, 3, 11)]
    assert [d for _s, _e, d, _p in second] == [date(2024, 4, 7), date(2024, 4, 8)]
    # "The next day" with no day before it counts from the narrative's reference day.
    alone = "They returned the next day."
    assert find_dates(alone, date(2024, 3, 13), date(2024, 3, 1))[0][2] == date(2024, 3, 2)
    assert find_dates(alone, date(2024, 3, 13), date(2024, 3, 5))[0][2] == date(2024, 3, 6)


def test_match_score_found_with_digits_and_not_without() -> None:
    nlp = spacy.blank("en")
    assert _has_score(nlp("Nigeria beat Cameroon 2-0 in the final.")) is not None
    assert _has_score(nlp("Nigeria beat Cameroon 2 - 0 in the final.")) is not None
    assert _has_score(nlp("Nigeria beat Cameroon in the final.")) is None
    assert _has_score(nlp("Nigeria won two-nil against Cameroon.")) is None


@pytest.mark.slow
def test_acled_sentence_cues_kept_per_sentence_equal_a_fresh_reading() -> None:
    """Two events of one sentence: cues read with the sentence's facts kept equal the cues of
    a fresh parse, event by event (the kept facts carry nothing of one event to the other)."""
    coder = Coder()
    lex = coder.lexicon
    text = (
        "Police fired tear gas at protesters in Lagos, while gunmen killed two farmers "
        "in a nearby village."
    )
    kept = coder.nlp(text)
    triggers = [t.i for t in kept if t.lemma_ in {"fire", "kill"}]
    assert len(triggers) == 2
    for i in triggers:
        reused = acled_cues(lex, kept, i, None, 2, False)
        fresh = acled_cues(lex, coder.nlp(text), i, None, 2, False)
        assert reused == fresh
