"""Word sense of trigger verbs on hand-built parses (no model): fire/strike/take/withdraw."""

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from etl.coding.engine import SentenceCoder, analyse
from etl.coding.lexicon import Lexicon

WHEN = date(2024, 12, 3)


@pytest.fixture(scope="module")
def sc(compiled_lexicon: Lexicon) -> SentenceCoder:
    return SentenceCoder(compiled_lexicon)


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


def _doc(vocab, spec: list[tuple[str, str, int, str, str]], ents=None) -> Doc:  # type: ignore[no-untyped-def]
    words = [w for w, *_ in spec]
    return Doc(
        vocab,
        words=words,
        lemmas=[lem for _w, lem, *_ in spec],
        heads=[h for _w, _l, h, *_ in spec],
        deps=[d for *_x, d, _p in spec],
        pos=[p for *_x, p in spec],
        ents=ents,
    )


def _codes(sc: SentenceCoder, doc: Doc) -> list[tuple[str | None, str | None, str | None]]:
    info = analyse(sc.lex, doc)
    out = []
    for c in sc.candidates(info, WHEN, [], {}):
        out.append(
            (
                c.cameo or c.rule.acled,
                c.source.code if c.source else None,
                c.target.code if c.target else None,
            )
        )
    return out


def test_firing_a_general_is_a_leadership_change(sc, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        vocab,
        [
            ("Russia", "Russia", 1, "nsubj", "PROPN"),
            ("fired", "fire", 1, "ROOT", "VERB"),
            ("Sergei", "Sergei", 3, "compound", "PROPN"),
            ("Kisel", "Kisel", 1, "dobj", "PROPN"),
        ],
        ents=["B-GPE", "O", "B-PERSON", "I-PERSON"],
    )
    assert _codes(sc, doc) == [("Change to group/activity", "RUS", None)]


def test_firing_workers_and_fired_up_are_not_events(sc, vocab) -> None:  # type: ignore[no-untyped-def]
    workers = _doc(
        vocab,
        [
            ("Ford", "Ford", 1, "nsubj", "PROPN"),
            ("fired", "fire", 1, "ROOT", "VERB"),
            ("200", "200", 3, "nummod", "NUM"),
            ("workers", "worker", 1, "dobj", "NOUN"),
        ],
    )
    assert _codes(sc, workers) == []
    fans = _doc(
        vocab,
        [
            ("Fans", "fan", 2, "nsubjpass", "NOUN"),
            ("were", "be", 2, "auxpass", "AUX"),
            ("fired", "fire", 2, "ROOT", "VERB"),
            ("up", "up", 2, "prt", "ADP"),
        ],
    )
    assert _codes(sc, fans) == []


def test_gunmen_firing_on_a_checkpoint_is_an_attack(sc, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        vocab,
        [
            ("Gunmen", "gunman", 1, "nsubj", "NOUN"),
            ("fired", "fire", 1, "ROOT", "VERB"),
            ("on", "on", 1, "prep", "ADP"),
            ("a", "a", 4, "det", "DET"),
            ("checkpoint", "checkpoint", 2, "pobj", "NOUN"),
        ],
    )
    ((code, src, _tgt),) = _codes(sc, doc)
    assert code == "193" and src == "UAF"


def test_striking_a_deal_is_an_agreement(sc, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        vocab,
        [
            ("Israel", "Israel", 1, "nsubj", "PROPN"),
            ("struck", "strike", 1, "ROOT", "VERB"),
            ("a", "a", 3, "det", "DET"),
            ("deal", "deal", 1, "dobj", "NOUN"),
        ],
    )
    assert _codes(sc, doc) == [("057", "ISR", None)]


def test_negated_attack_is_not_an_event(sc, vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(
        vocab,
        [
            ("Russia", "Russia", 3, "nsubj", "PROPN"),
            ("did", "do", 3, "aux", "AUX"),
            ("not", "not", 3, "neg", "PART"),
            ("attack", "attack", 3, "ROOT", "VERB"),
            ("Kyiv", "Kyiv", 3, "dobj", "PROPN"),
        ],
    )
    assert _codes(sc, doc) == []
