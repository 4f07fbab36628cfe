"""Sentence splitting gives offsets into the document, keeps abbreviations, bounds length;
the shared pipeline loads only what it runs."""

import pytest

from etl.nlp.pipeline import MAX_SENTENCE_CHARS, clean_text, split_sentences


def test_offsets_point_into_the_text() -> None:
    text = "Gen. Smith met U.S. officials on Monday. Rebels took the town!\nPolice fired."
    spans = split_sentences(text)
    parts = [text[s.start : s.end] for s in spans]
    assert parts == [
        "Gen. Smith met U.S. officials on Monday.",
        "Rebels took the town!",
        "Police fired.",
    ]


def test_long_text_without_punctuation_is_cut() -> None:
    text = "word " * 5000
    spans = split_sentences(text)
    assert len(spans) > 10
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE_CHARS


def test_control_characters_keep_offsets() -> None:
    raw = "A\x00B\x07C\nD"
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw) and "\x00" not in cleaned and "\n" in cleaned


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("   \n\t ") == []


@pytest.mark.slow
def test_the_shared_pipeline_runs_the_models_enabled_components() -> None:
    import spacy

    from etl.nlp.pipeline import MODEL_NAME, get_nlp

    full = spacy.load(MODEL_NAME)
    nlp = get_nlp()
    assert nlp.pipe_names == full.pipe_names  # everything the coder reads is still set
    assert "senter" in full.disabled and "senter" not in nlp.component_names
    text = "Russian warplanes struck Sarmada in Idlib province on Thursday, killing four."
    a, b = full(text), nlp(text)
    assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in a] == [
        (t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in b
    ]
