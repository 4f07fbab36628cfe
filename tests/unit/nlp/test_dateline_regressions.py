"""Regression tests for wire datelines ("KYIV, Ukraine (AP) — ..."): a dateline opening a
paragraph is a segment of its own, so the lead sentence does not take the dateline's country as
its subject, and it is the document's place only when the text names no other. Written
together with the fix: regression tests, not held out."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.nlp.pipeline import split_sentences
from etl.records import Document


def _segments(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("KYIV, Ukraine (AP) — Russian missiles struck Dnipro.", "KYIV, Ukraine (AP) —"),
        ("BEIRUT (Reuters) - An Israeli drone strike killed two men.", "BEIRUT (Reuters) -"),
        (
            "GAZA CITY, Palestinian Territories: Four children were killed.",
            "GAZA CITY, Palestinian Territories:",
        ),
        ("NAIROBI, Kenya -- Police fired tear gas.", "NAIROBI, Kenya --"),
        ("Blast in Somalia\n\nMOGADISHU, Somalia — A car bomb exploded.", "MOGADISHU, Somalia —"),
    ],
)
def test_a_dateline_is_a_segment_of_its_own(text: str, dateline: str) -> None:
    segments = _segments(text)
    assert dateline in segments
    assert segments[-1][0].isupper() and dateline not in segments[-1]


@pytest.mark.parametrize(
    "text",
    [
        "ARMY SHELLS GOMA - REBELS FLEE",  # a headline in capitals
        "Talks stalled. NATO - Russia relations soured.",  # not where a paragraph opens
        "US - China talks resumed on Monday.",  # two letters: no city
        "The UN said: Fighting continues.",
    ],
)
def test_no_dateline_is_split_off_elsewhere(text: str) -> None:
    assert not any(s.endswith(("-", "—", ":")) for s in _segments(text))


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _acled(coder: Coder, text: str) -> list:
    doc = Document(id="dateline", text=text, published=date(2024, 5, 10))
    return [e for e in coder.code_document(doc) if e.acled_event_type]


def test_the_datelines_country_is_not_the_attacker(coder: Coder) -> None:
    events = _acled(
        coder,
        "KYIV, Ukraine (AP) — Russian missiles struck an apartment block in Dnipro on Tuesday, "
        "killing 4 people.",
    )
    assert [e.acled_actor1 for e in events] == ["Military Forces of Russia (2000-)"]
    assert events[0].location == "Dnipro"


def test_the_dateline_places_an_event_only_when_nothing_else_does(coder: Coder) -> None:
    unplaced = _acled(
        coder,
        "MOGADISHU, Somalia — A car bomb exploded near a checkpoint on Tuesday, killing 5 people.",
    )
    assert [(e.location, e.acled_actor1) for e in unplaced] == [
        ("Mogadishu", "Unidentified Armed Group (Somalia)")
    ]
    placed = _acled(
        coder,
        "BEIRUT (Reuters) - An Israeli drone strike killed two Hezbollah fighters in southern "
        "Lebanon on Tuesday.",
    )
    assert [e.location for e in placed] == ["Lebanon"]
