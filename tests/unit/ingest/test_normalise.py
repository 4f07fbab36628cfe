"""Text normalisation (NFC, newlines, control characters) and sentence offsets: the content
hash must not depend on how the same text was encoded or broken into lines."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from etl.ingest import normalise_text, split_sentences, to_document
from etl.records import Article, Document


def test_nfc_newlines_and_controls() -> None:
    raw = "Cafe\u0301 bombed\r\nsecond\x00 line\rthird\u2028fourth  \n\n\n\nend\x07"
    assert normalise_text(raw) == "Café bombed\nsecond line\nthird\nfourth\n\nend"


def test_same_text_in_nfd_and_crlf_gets_the_same_id() -> None:
    text = "Protesters gathered in Tbilisi.\nPolice watched."
    variant = unicodedata.normalize("NFD", text).replace("\n", "\r\n") + "\n"
    first = to_document(Article(text=text, published=date(2024, 12, 2)), today=date(2024, 12, 3))
    second = to_document(
        Article(text=variant, published=date(2024, 12, 2)), today=date(2024, 12, 3)
    )
    assert first.id == second.id


def test_splitter_keeps_abbreviations_and_offsets() -> None:
    text = 'Gen. Ivanov said "we won." The U.S. objected! Talks resume today.\nNew paragraph'
    doc = Document(id="d", text=text, published=date(2024, 12, 1))
    sentences = split_sentences(doc)
    assert [s.text for s in sentences] == [
        'Gen. Ivanov said "we won."',
        "The U.S. objected!",
        "Talks resume today.",
        "New paragraph",
    ]
    assert [s.index for s in sentences] == [0, 1, 2, 3]


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"A'"), min_size=1, max_size=200))
def test_every_sentence_is_its_span_of_the_text(raw: str) -> None:
    text = normalise_text(raw)
    doc = Document(id="d", text=text, published=date(2024, 12, 1))
    sentences = split_sentences(doc)
    for sentence in sentences:
        assert text[sentence.char_start : sentence.char_end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
    starts = [s.char_start for s in sentences]
    assert starts == sorted(starts)
