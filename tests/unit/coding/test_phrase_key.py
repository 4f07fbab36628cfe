"""phrase_key: the whole-phrase fast path gives the keys the word-by-word version gave."""

import gzip

from hypothesis import given
from hypothesis import strategies as st

from etl.coding.dictionaries import data_dir
from etl.coding.phrases import _SEP, _STRIP, norm, phrase_key


def word_by_word(phrase: str) -> tuple[str, ...]:
    """phrase_key as it was before the fast path (the reference)."""
    phrase = phrase.translate(_SEP)
    if "s " in phrase:
        phrase = phrase.replace("'s ", " ").replace("’s ", " ")
    words = phrase.split()
    if phrase.isascii():
        out = tuple(w.lower().translate(_STRIP) for w in words)
        return tuple(w for w in out if w)
    return tuple(t for t in (norm(w) for w in words) if t)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_phrases(phrase: str) -> None:
    assert phrase_key(phrase) == word_by_word(phrase)


@given(st.text(alphabet=" .'`’-_/,()sS\t\n\x1caZé", max_size=20))
def test_separators_apostrophes_and_dots(phrase: str) -> None:
    assert phrase_key(phrase) == word_by_word(phrase)


def test_every_dictionary_phrase() -> None:
    phrases: list[str] = []
    with gzip.open(data_dir() / "places.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            phrases += [cells[0], *(cells[1].split("|") if len(cells) > 1 else [])]
    with open(data_dir() / "actors.tsv", encoding="utf-8") as fh:
        phrases += [line.split("\t")[0] for line in fh]
    assert len(phrases) > 200_000
    assert [phrase_key(p) for p in phrases] == [word_by_word(p) for p in phrases]
