"""The frame stage turns a parsed sentence's candidate into the event frame the codebooks read."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding.engine import SentenceCoder, analyse
from etl.coding.frame import EventDate, EventFrame, build_frame, date_event, fill_countries
from etl.coding.lexicon import Lexicon
from etl.nlp.pipeline import get_nlp

PUBLISHED = date(2024, 6, 5)  # a Wednesday


@pytest.fixture(scope="module")
def sc(compiled_lexicon: Lexicon) -> SentenceCoder:
    return SentenceCoder(compiled_lexicon)


def frames(sc: SentenceCoder, text: str) -> list[EventFrame]:
    """Every frame of a one-sentence text, built as the coder builds them."""
    sdoc = get_nlp()(text)
    info = analyse(sc.lex, sdoc)
    out = []
    for c in sc.candidates(info, PUBLISHED, [], {}):
        when = date_event(sc.lex.cls("reporting"), text, PUBLISHED, c, sdoc)
        fill_countries(sc.lex, sdoc, c)
        out.append(build_frame(sc.lex, "doc", 0, (0, len(text)), text, sdoc, c, when, []))
    return out


def test_police_on_a_demonstration_frame_the_crowd_and_the_crowd_weapon(
    sc: SentenceCoder,
) -> None:
    text = "Riot police fired tear gas at protesters in Nairobi on Monday."
    f = next(f for f in frames(sc, text) if f.source is not None)
    assert f.source is not None and f.source.kind == "state"
    assert f.cues.crowd_weapon and f.cues.protest
    assert f.iso3 == "KEN" and f.place is not None and f.place.name == "Nairobi"
    assert (f.day, f.time_precision) == (date(2024, 6, 3), 1)
    assert text[f.trigger.char_start :].startswith("fired")
    assert f.evidence[0] <= f.trigger.char_start < f.evidence[1]


def test_a_weapon_with_no_owner_is_no_attacker_and_the_dead_are_counted(
    sc: SentenceCoder,
) -> None:
    text = "Drones struck a market in Kidal on Tuesday, killing eight civilians."
    f = next(f for f in frames(sc, text) if f.weapon == "drone")
    assert f.source is None
    assert f.dead == 8
    assert f.iso3 == "MLI"


def test_only_a_date_the_sentence_names_makes_violence_history() -> None:
    # Over a year back, or over half a year at month precision; never a carried date.
    assert EventDate(date(2023, 1, 2), 1, True).history(PUBLISHED)
    assert EventDate(date(2023, 11, 1), 3, True).history(PUBLISHED)
    assert not EventDate(date(2023, 11, 1), 1, True).history(PUBLISHED)
    assert not EventDate(date(2023, 1, 2), 1, False).history(PUBLISHED)


def test_a_statement_day_does_not_date_the_act_it_reports(sc: SentenceCoder) -> None:
    text = (
        "Rescue workers said on Tuesday that a helicopter had dropped a barrel bomb on "
        "Atareb on Sunday."
    )
    f = next(f for f in frames(sc, text) if f.action.code and f.action.code[:2] in {"18", "19"})
    assert (f.day, f.time_precision) == (date(2024, 6, 2), 1)
