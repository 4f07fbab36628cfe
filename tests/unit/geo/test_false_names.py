"""Place names in hand-built sentences (no spaCy model): codes, common and sentence-initial
words, person names and pieces of longer names are no places; "X (Y)" qualifies X."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from etl.coding.engine import analyse
from etl.coding.lexicon import Lexicon
from etl.coding.lexicon_cache import load_lexicon
from etl.geo.context import near_cue, qualifiers
from etl.geo.resolve import resolve_in_sentence


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


def make(vocab, words: list[str], pos: list[str] | None = None, ents=None) -> Doc:  # type: ignore[no-untyped-def]
    pos = pos or ["PROPN" if w[:1].isupper() else "X" for w in words]
    return Doc(
        vocab,
        words=words,
        pos=pos,
        ents=ents,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def places(lex: Lexicon, doc: Doc) -> dict[str, list[str]]:
    info = analyse(lex, doc)
    return {
        doc[s:e].text: sorted({p.iso3 for p in payloads})
        for s, e, payloads in info.place_at.values()
    }


def test_sentence_initial_common_word_is_no_town(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    words = ["Police", "arrested", "ten", "protesters", "in", "Nairobi", "."]
    doc = make(vocab, words, ["NOUN", "VERB", "NUM", "NOUN", "ADP", "PROPN", "PUNCT"])
    found = places(lex, doc)
    assert "Police" not in found  # Police, Poland
    assert found["Nairobi"] == ["KEN"]


def test_a_piece_of_a_longer_name_is_no_place(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = make(vocab, ["Jets", "struck", "Qaryat", "al", "-", "Numan", "and", "Umm", "Kisel", "."])
    found = places(lex, doc)
    assert "Numan" not in found  # Numan, Nigeria
    assert "Kisel" not in found


def test_words_of_an_organisation_name_are_no_place(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    words = ["The", "Commission", "on", "Human", "Rights", "said", "so", "."]
    assert "Human" not in places(lex, make(vocab, words))  # Uman, Ukraine


def test_person_name_is_a_place_only_after_a_locative_cue(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    said = make(
        vocab, ["Hassan", "said", "the", "talks", "failed", "."], ents=["B-PERSON"] + ["O"] * 5
    )
    assert "Hassan" not in places(lex, said)
    words = ["Troops", "deployed", "in", "Hassan", "on", "Monday", "."]
    ents = ["O", "O", "O", "B-PERSON", "O", "O", "O"]
    assert "Hassan" in places(lex, make(vocab, words, ents=ents))


@pytest.mark.parametrize("code", ["UN", "SDF", "HTS", "SNA"])
def test_codes_and_acronyms_are_no_towns(lex: Lexicon, vocab, code: str) -> None:  # type: ignore[no-untyped-def]
    doc = make(vocab, ["Fighters", "of", "the", code, "attacked", "a", "post", "."])
    assert code not in places(lex, doc)


def test_country_acronym_is_still_a_country(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = make(vocab, ["Officials", "in", "the", "US", "said", "."])
    assert places(lex, doc)["US"] == ["USA"]


def test_parenthesised_province_qualifies_the_town(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = make(vocab, ["Shells", "hit", "Pokrovsk", "(", "Donetsk", ")", "on", "Friday", "."])
    info = analyse(lex, doc)
    quals, starts = qualifiers(doc, 3, info.place_at)
    assert starts == [4] and any(p.iso3 == "UKR" for p in quals[0])
    assert lex.gazetteer is not None
    res, _ = resolve_in_sentence(lex.gazetteer, doc, info.place_at[2], info.place_at, {})
    assert res is not None and (res.iso3, res.admin1, res.precision) == ("UKR", "Donetsk", 1)


def test_comma_list_of_towns_is_no_hierarchy(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = make(vocab, ["Drones", "hit", "Kharkiv", ",", "Sumy", "and", "Odesa", "."])
    info = analyse(lex, doc)
    assert lex.gazetteer is not None
    res, _ = resolve_in_sentence(lex.gazetteer, doc, info.place_at[2], info.place_at, {})
    assert res is not None and (res.name, res.precision) == ("Kharkiv", 1)


def test_unknown_village_is_coded_to_its_district_town(lex: Lexicon, vocab) -> None:  # type: ignore[no-untyped-def]
    words = ["Clashes", "near", "Nowhereville", "(", "Rutshuru", ",", "North", "Kivu", ")", "."]
    doc = make(vocab, words)
    info = analyse(lex, doc)
    assert lex.gazetteer is not None
    res, _ = resolve_in_sentence(lex.gazetteer, doc, info.place_at[4], info.place_at, {})
    assert res is not None and (res.iso3, res.precision) == ("COD", 2)


@pytest.mark.parametrize(
    ("words", "name", "near"),
    [
        (["Clashes", "near", "Titao", "."], "Titao", True),
        (["Shelling", "on", "the", "outskirts", "of", "Ann", "."], "Ann", True),
        (["A", "strike", "25", "km", "west", "of", "Goma", "."], "Goma", True),
        (["An", "ambush", "between", "Kaura", "Namoda", "and", "Zurmi", "."], "Zurmi", True),
        (["Fires", "in", "a", "village", "in", "Shwebo", "township", "."], "Shwebo", True),
        (
            ["A", "blast", "close", "to", "Villa", "Somalia", "in", "Mogadishu", "."],
            "Mogadishu",
            False,
        ),
        (["Shells", "hit", "Kharkiv", "city", "."], "Kharkiv", False),
    ],
)
def test_near_the_place_or_in_it(vocab, words: list[str], name: str, near: bool) -> None:  # type: ignore[no-untyped-def]
    doc = make(vocab, words)
    s = words.index(name)
    assert near_cue(doc, s, s + 1) is near
