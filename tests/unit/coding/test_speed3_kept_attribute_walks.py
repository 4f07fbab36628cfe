"""The walks that round 3 of the coder speed work moved onto kept sentence attributes
(phrases.token_stream, assembly.clause_tokens) give what spaCy's Token objects give."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from etl.coding.assembly import clause_tokens
from etl.coding.phrases import SKIP, norm, token_stream
from etl.coding.tokens import sentence_tokens


def _two_clauses() -> Doc:
    """ "Gunmen killed two farmers after soldiers shelled the village of Kafr Nabl ."
    with a hand-built parse: the "after" clause has a subject of its own."""
    vocab = spacy.blank("en").vocab
    words = ["Gunmen", "killed", "two", "farmers", "after", "soldiers", "shelled", "the"]
    words += ["village", "of", "Kafr", "Nabl", "."]
    return Doc(
        vocab,
        words=words,
        heads=[1, 1, 3, 1, 6, 6, 1, 8, 6, 8, 11, 9, 1],
        deps=[
            *("nsubj", "ROOT", "nummod", "dobj", "mark", "nsubj", "advcl", "det", "dobj"),
            *("prep", "compound", "pobj", "punct"),
        ],
        pos=[
            *("NOUN", "VERB", "NUM", "NOUN", "SCONJ", "NOUN", "VERB", "DET", "NOUN"),
            *("ADP", "PROPN", "PROPN", "PUNCT"),
        ],
    )


def _clause_by_tokens(trigger: Any) -> set[int]:
    """The clause as the Token-walking version read it (the reference)."""
    verb = trigger
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    inner: set[int] = set()
    for t in verb.subtree:
        own_subject = any(ch.dep_ in {"nsubj", "nsubjpass", "csubj"} for ch in t.children)
        if t.i != verb.i and t.pos_ in {"VERB", "AUX"} and own_subject:
            inner |= {x.i for x in t.subtree}
    return {t.i for t in verb.subtree} - inner


def test_clause_tokens_regression_leave_out_a_clause_with_its_own_subject() -> None:
    doc = _two_clauses()
    # "killed": its clause less "after soldiers shelled the village of Kafr Nabl".
    assert clause_tokens(doc[1]) == {0, 1, 2, 3, 12}
    # A noun trigger climbs to its clause verb; "shelled" keeps its own clause whole.
    assert clause_tokens(doc[8]) == set(range(4, 12))
    for t in doc:
        assert clause_tokens(t) == _clause_by_tokens(t)


def test_token_stream_regression_skips_spaces_and_skip_tokens_at_their_positions() -> None:
    vocab = spacy.blank("en").vocab
    words = ["Boko", "Haram", "'s", "  ", "fighters", "-", "raided", "Chibok"]
    doc = Doc(vocab, words=words, spaces=[True, False, False, False, False, False, True, False])
    st = sentence_tokens(doc)
    assert st.is_space == tuple(t.is_space for t in doc)
    expected = [
        (norm(t.text), t.i) for t in doc if t.text not in SKIP and not t.is_space and norm(t.text)
    ]
    norms, positions = token_stream(doc)
    assert list(zip(norms, positions, strict=True)) == expected
    assert 3 not in positions  # the whitespace token
    assert positions[0] == 0 and positions[-1] == 7
