"""The token attributes a sentence's tree walks read once (etl/coding/tokens.py) equal what
spaCy's Token objects give, on a hand-built parse."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from etl.coding.acled_cues import compound_words
from etl.coding.tokens import sentence_tokens, subtree


def _doc() -> Doc:
    vocab = spacy.blank("en").vocab
    words = ["Police", "fired", "tear", "gas", "at", "protesters", "without", "warning", "."]
    return Doc(
        vocab,
        words=words,
        lemmas=["police", "fire", "tear", "gas", "at", "protester", "without", "warning", "."],
        heads=[1, 1, 3, 1, 1, 4, 1, 6, 1],
        deps=["nsubj", "ROOT", "compound", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
        pos=["NOUN", "VERB", "NOUN", "NOUN", "ADP", "NOUN", "ADP", "NOUN", "PUNCT"],
        ents=["O", "O", "O", "O", "O", "O", "O", "O", "O"],
    )


def test_attributes_equal_the_tokens_of_a_hand_built_parse() -> None:
    doc = _doc()
    st = sentence_tokens(doc)
    for t in doc:
        assert st.text[t.i] == t.text
        assert st.lower[t.i] == t.lower_
        assert st.lemma[t.i] == t.lemma_.lower()
        assert (st.pos[t.i], st.dep[t.i], st.tag[t.i]) == (t.pos_, t.dep_, t.tag_)
        assert st.ent_type[t.i] == t.ent_type_
        assert st.is_punct[t.i] == t.is_punct
        assert st.head[t.i] == t.head.i
        assert st.children[t.i] == tuple(c.i for c in t.children)
    # The verb's children in sentence order, on both sides of it.
    assert st.children[1] == (0, 3, 4, 6, 8)


def test_attributes_are_read_once_per_doc() -> None:
    doc = _doc()
    assert sentence_tokens(doc) is sentence_tokens(doc)
    assert sentence_tokens(_doc()) is not sentence_tokens(doc)


def test_compound_words_of_a_span_read_through_the_kept_attributes() -> None:
    doc = _doc()
    words = compound_words(doc[0:9])
    # Two-word phrases, a verb and its object, a preposition and its object, a negator.
    assert {"tear-gas", "fire-gas", "at-protester", "without-warning"} <= words
    assert "." not in words
    assert compound_words(doc[2:2]) == set()


def test_subtree_in_the_order_spacy_yields_it() -> None:
    doc = _doc()
    st = sentence_tokens(doc)
    for t in doc:
        assert list(subtree(st, t.i)) == [s.i for s in t.subtree]
    assert subtree(st, 4) == (4, 5)  # "at protesters"


def test_subtree_of_a_crossing_arc_follows_spacy_not_sentence_order() -> None:
    """A non-projective parse: spaCy yields left subtrees, the head, then right subtrees."""
    vocab = spacy.blank("en").vocab
    doc = Doc(
        vocab,
        words=["a", "b", "c", "d"],
        heads=[2, 3, 3, 3],  # a -> c crosses b -> d
        deps=["dep", "dep", "dep", "ROOT"],
    )
    st = sentence_tokens(doc)
    assert list(subtree(st, 3)) == [s.i for s in doc[3].subtree] == [1, 0, 2, 3]
    assert list(subtree(st, 2)) == [s.i for s in doc[2].subtree] == [0, 2]
    assert subtree(st, 2) is subtree(st, 2)  # walked once
