"""The geocoder's word lists are data: the packaged lexicons.tsv classes, extended by a user's
lexicons*.tsv on EVENTETL_DICTIONARY_PATH, decide what counts as a location cue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from etl.coding.dictionaries import ENV_VAR, DictionaryError, load_kind
from etl.coding.engine import analyse
from etl.coding.lexicon import Lexicon
from etl.coding.lexicon_cache import load_lexicon
from etl.geo.context import is_place_word, locative_cue, near_cue
from etl.geo.words import CLASSES, build_geo_words, geo_words


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


@pytest.fixture()
def user_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user's lexicons file on EVENTETL_DICTIONARY_PATH; the geo words are re-read around it."""
    path = tmp_path / "lexicons_geo.tsv"
    path.write_text("class\twords\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    geo_words.cache_clear()
    yield path
    monkeypatch.delenv(ENV_VAR)
    geo_words.cache_clear()


def make(vocab, words: list[str], pos: list[str], ents=None) -> Doc:  # type: ignore[no-untyped-def]
    return Doc(
        vocab, words=words, pos=pos, ents=ents, sent_starts=[True] + [False] * (len(words) - 1)
    )


def test_every_geo_class_is_packaged() -> None:
    rows = load_kind("lexicons")
    names = {r["class"] for r in rows}
    assert set(CLASSES) <= names
    words = build_geo_words(rows)
    assert "near" in words.locative and "near" in words.near
    assert words.units[:3] == ("province", "governorate", "region")  # file order is kept


def test_a_missing_geo_class_names_the_file() -> None:
    rows = [r for r in load_kind("lexicons") if r["class"] != "geo_locative"]
    with pytest.raises(DictionaryError, match="geo_locative"):
        build_geo_words(rows)


def test_a_users_locative_word_makes_a_persons_name_a_place(
    lex: Lexicon, vocab, user_words: Path
) -> None:  # type: ignore[no-untyped-def]
    # "Hassan" tagged PERSON is a place only after a location cue; "via" is none by default.
    words = ["Troops", "withdrew", "via", "Hassan", "overnight", "."]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "ADV", "PUNCT"]
    doc = make(vocab, words, pos, ents=["O", "O", "O", "B-PERSON", "O", "O"])
    assert not locative_cue(doc, 3)
    assert not analyse(lex, doc).place_at
    user_words.write_text("class\twords\ngeo_locative\tvia\n", encoding="utf-8")
    geo_words.cache_clear()
    assert locative_cue(doc, 3)
    found = {doc[s:e].text for s, e, _p in analyse(lex, doc).place_at.values()}
    assert found == {"Hassan"}


def test_a_users_unit_and_near_words_extend_the_packaged_ones(vocab, user_words: Path) -> None:  # type: ignore[no-untyped-def]
    doc = make(
        vocab,
        ["Clashes", "erupted", "beyond", "Tamale", "wilaya", "."],
        ["NOUN", "VERB", "ADP", "PROPN", "NOUN", "PUNCT"],
    )
    assert not is_place_word(doc[4])
    assert not near_cue(doc, 3, 4)
    user_words.write_text("class\twords\ngeo_unit\twilaya\ngeo_near\tbeyond\n", encoding="utf-8")
    geo_words.cache_clear()
    assert is_place_word(doc[4])
    assert near_cue(doc, 3, 4)
    assert "province" in geo_words().units  # the packaged words stay
