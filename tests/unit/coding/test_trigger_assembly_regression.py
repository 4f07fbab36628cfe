"""Regression tests for triggers and document assembly on sentences written for this file.

Scenario: events that are not "subject verbs object" (a violent noun as the subject of its
clause), a past form the lemmatiser gets wrong ("raped"), PETRARCH word-sense stops that a bare
curated row used to hide ("killed himself"), and one event told over two sentences (the day and
place in the first, the dead in the second) that must stay one event.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.coding.dictionaries import load_dictionaries
from etl.coding.lexicon import build_lexicon
from etl.records import CodedEvent, Document

pytestmark = pytest.mark.slow
PUB = date(2024, 9, 10)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="t", text=text, published=PUB))


def test_clashes_as_clause_subject_keep_both_sides_and_place(coder: Coder) -> None:
    evs = _code(coder, "On 2 September 2024, clashes broke out between SAF and RSF in Kadugli.")
    ev = next(e for e in evs if e.acled_sub_event_type == "Armed clash")
    assert ev.location == "Kadugli" and ev.event_date == date(2024, 9, 2)
    assert ev.acled_actor1 and ev.acled_actor2


def test_raped_is_sexual_violence_despite_the_lemmatiser(coder: Coder) -> None:
    evs = _code(coder, "On 3 September 2024, soldiers raped two women near Goma.")
    assert "Sexual violence" in {e.acled_sub_event_type for e in evs}


def test_killed_himself_is_not_violence(coder: Coder) -> None:
    evs = _code(coder, "A businessman killed himself in Nairobi on Monday, police said.")
    assert not {e.cameo_root for e in evs} & {"18", "19", "20"}


def test_dead_in_a_second_sentence_join_the_event_of_the_first(coder: Coder) -> None:
    text = (
        "On 4 September 2024, fighting erupted between Sudanese troops and RSF fighters "
        "in Kadugli. "
        "At least 6 combatants were reported killed."
    )
    evs = [e for e in _code(coder, text) if e.acled_event_type == "Battles"]
    assert len(evs) == 1
    assert evs[0].fatalities == 6 and evs[0].event_date == date(2024, 9, 4)
    assert len(evs[0].mentions) == 2


def test_conditioned_rows_are_tried_before_bare_rows_of_a_lemma() -> None:
    lex = build_lexicon(load_dictionaries())
    for rules in lex.verb_rules.values():
        curated = [r for r in rules if not r.source.endswith("verbs_petrarch.tsv")]
        seen_bare = False
        for r in curated:
            assert not (seen_bare and r.conds), f"{r.lemma}: conditioned row after a bare one"
            seen_bare = seen_bare or not r.conds
