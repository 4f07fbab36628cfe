"""Regression tests for three geocoder miss classes: a capitalised weapon or attack noun read as a
town ("Grenade" as Granada), a place under something in the air ("drones shot down over Kyiv"),
and a one-word place the tagger misreads that a location cue still makes a place ("the assault
on Avdiivka", "forces shelled Bakhmut")."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from etl.coding import Coder
from etl.coding.engine import analyse
from etl.coding.lexicon import Lexicon
from etl.coding.lexicon_cache import load_lexicon
from etl.geo.context import air_sentence, common_noun_hit, locative_cue
from etl.records import Document


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def make(vocab, words: list[str], pos: list[str], ents=None) -> Doc:  # type: ignore[no-untyped-def]
    return Doc(
        vocab, words=words, pos=pos, ents=ents, sent_starts=[True] + [False] * (len(words) - 1)
    )


def places(lex: Lexicon, doc: Doc) -> set[str]:
    return {doc[s:e].text for s, e, _p in analyse(lex, doc).place_at.values()}


def locations(coder: Coder, text: str) -> set[str | None]:
    doc = Document(id="t", text=text, published=date(2024, 6, 1))
    return {e.location for e in coder.code_document(doc)}


# --- a. capitalised weapon and attack nouns are no towns -------------------------------------


def test_regression_a_capitalised_weapon_noun_is_no_town_without_a_cue(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    # "Grenade" is an alternate name of Granada (233,000 people): strong, and "attack" after it
    # was read as the site it modifies.
    words = ["Grenade", "attack", "wounds", "four", "in", "Kumba"]
    doc = make(vocab, words, ["PROPN", "NOUN", "VERB", "NUM", "ADP", "PROPN"])
    assert common_noun_hit(doc, 0, 1)
    assert places(lex, doc) == {"Kumba"}
    # Tank, Khyber Pakhtunkhwa: after a cue a weapon word still names the town.
    words = ["Militants", "attacked", "a", "checkpoint", "in", "Tank", "district"]
    doc = make(vocab, words, ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "NOUN"])
    assert places(lex, doc) == {"Tank"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Grenade attack on a police post in Mogadishu wounds three officers.", "Mogadishu"),
        ("Grenade attack kills two in Mogadishu market.", "Mogadishu"),
        ("Grenade attack injures three soldiers in Garissa.", "Garissa"),
        ("Grenade raid on a police station in Mandera wounds two officers.", "Mandera"),
    ],
)
def test_regression_grenade_headlines_are_placed_at_the_named_town(
    coder: Coder, text: str, where: str
) -> None:
    found = locations(coder, text)
    assert "Granada" not in found
    assert where in found


# --- b. over / above a place, in the air ---------------------------------------------------


def test_regression_over_is_a_cue_only_in_a_sentence_about_the_air(vocab) -> None:  # type: ignore[no-untyped-def]
    air = make(
        vocab,
        ["Drones", "shot", "down", "over", "Kyiv"],
        ["NOUN", "VERB", "ADP", "ADP", "PROPN"],
        ents=["O", "O", "O", "O", "B-PERSON"],
    )
    assert air_sentence(air) and locative_cue(air, 4)
    sky = make(
        vocab,
        ["Missiles", "exploded", "in", "the", "skies", "above", "Odesa"],
        ["NOUN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN"],
    )
    assert locative_cue(sky, 6)
    ground = make(
        vocab,
        ["Farmers", "protested", "over", "Hassan", "'s", "decision"],
        ["NOUN", "VERB", "ADP", "PROPN", "PART", "NOUN"],
        ents=["O", "O", "O", "B-PERSON", "O", "O"],
    )
    assert not air_sentence(ground) and not locative_cue(ground, 3)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Drones shot down over Kyiv", "Kyiv"),
        ("Russian missiles were intercepted in the skies over Kharkiv on Monday.", "Kharkiv"),
        (
            "Two Shahed drones were intercepted over Zaporizhzhia, the regional governor said.",
            "Zaporizhzhya",
        ),
    ],
)
def test_regression_air_events_are_placed_over_the_named_city(
    coder: Coder, text: str, where: str
) -> None:
    assert where in locations(coder, text)
    # Elsewhere "over" is about something: no place on the ground.
    assert locations(coder, "Farmers protested over Hassan's decision to cut subsidies.") <= {None}


# --- c. one-word places the tagger misreads, after a cue -----------------------------------


def test_regression_an_attack_on_a_place_and_a_shelled_place_are_cues(vocab) -> None:  # type: ignore[no-untyped-def]
    on = make(
        vocab,
        ["Troops", "pressed", "their", "assault", "on", "Avdiivka"],
        ["NOUN", "VERB", "PRON", "NOUN", "ADP", "PROPN"],
        ents=["O", "O", "O", "O", "O", "B-PERSON"],
    )
    assert locative_cue(on, 5)
    shelled = Doc(
        vocab,
        words=["Forces", "shelled", "Bakhmut", "overnight"],
        pos=["NOUN", "VERB", "ADV", "ADV"],
        lemmas=["force", "shell", "Bakhmut", "overnight"],
    )
    assert locative_cue(shelled, 2)
    talk = make(
        vocab,
        ["Officials", "commented", "on", "Hassan"],
        ["NOUN", "VERB", "ADP", "PROPN"],
        ents=["O", "O", "O", "B-PERSON"],
    )
    assert not locative_cue(talk, 3)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "Russian troops pressed their assault on Avdiivka, Ukrainian officials said.",
            "Avdiyivka",
        ),
        ("Russian forces shelled Bakhmut on Tuesday, killing two civilians.", "Bakhmut"),
        ("Russian warplanes launched airstrikes on Homs on Monday, killing five.", "Homs"),
    ],
)
def test_regression_misread_one_word_places_after_a_cue(
    coder: Coder, text: str, where: str
) -> None:
    assert where in locations(coder, text)
