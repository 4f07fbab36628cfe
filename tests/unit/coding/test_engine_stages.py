"""The coder's sentence stages (mentions, triggers, arguments) used alone on hand-built Docs."""

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from etl.coding.arguments import ArgumentFinder
from etl.coding.engine import SentenceCoder
from etl.coding.lexicon import Lexicon
from etl.coding.mentions import analyse
from etl.coding.triggers import TriggerMatcher

WHEN = date(2024, 5, 1)

Spec = list[tuple[str, str, int, str, str]]


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return spacy.blank("en").vocab


def _doc(vocab, spec: Spec) -> Doc:  # type: ignore[no-untyped-def]
    """A parsed sentence from (word, lemma, head index, dependency, part of speech) rows."""
    return Doc(
        vocab,
        words=[w for w, *_ in spec],
        lemmas=[lem for _w, lem, *_ in spec],
        heads=[h for _w, _l, h, *_ in spec],
        deps=[d for *_x, d, _p in spec],
        pos=[p for *_x, p in spec],
    )


# "Two soldiers were killed by gunmen in Maiduguri": a passive with its agent and a place.
PASSIVE: Spec = [
    ("Two", "two", 1, "nummod", "NUM"),
    ("soldiers", "soldier", 3, "nsubjpass", "NOUN"),
    ("were", "be", 3, "auxpass", "AUX"),
    ("killed", "kill", 3, "ROOT", "VERB"),
    ("by", "by", 3, "agent", "ADP"),
    ("gunmen", "gunman", 4, "pobj", "NOUN"),
    ("in", "in", 3, "prep", "ADP"),
    ("Maiduguri", "Maiduguri", 6, "pobj", "PROPN"),
]


def _shelled(vocab, russian: str, kharkiv: str) -> Doc:  # type: ignore[no-untyped-def]
    return _doc(
        vocab,
        [
            (russian, russian.lower(), 1, "amod", "ADJ"),
            ("troops", "troop", 2, "nsubj", "NOUN"),
            ("shelled", "shell", 2, "ROOT", "VERB"),
            (kharkiv, kharkiv, 2, "dobj", "PROPN"),
        ],
    )


def test_mentions_find_a_dictionary_actor_and_a_gazetteer_place(
    compiled_lexicon: Lexicon,
    vocab,  # type: ignore[no-untyped-def]
) -> None:
    info = analyse(compiled_lexicon, _shelled(vocab, "Russian", "Kharkiv"))
    assert info.actor_at[0][:2] == (0, 1)  # "Russian"
    s, e, places = info.place_at[3]
    assert (s, e) == (3, 4)
    assert {p.iso3 for p in places} >= {"UKR"}
    # Names need a capital letter: lower-case words are no mentions.
    lower = analyse(compiled_lexicon, _shelled(vocab, "russian", "kharkiv"))
    assert not lower.actor_at
    assert not lower.place_at


def test_triggers_match_the_rule_the_object_selects(
    compiled_lexicon: Lexicon,
    vocab,  # type: ignore[no-untyped-def]
) -> None:
    matcher = TriggerMatcher(compiled_lexicon)
    shelled = _shelled(vocab, "Russian", "Kharkiv")
    rule = matcher.match_rule(shelled[2], analyse(compiled_lexicon, shelled))
    assert rule is not None
    assert (rule.cameo, rule.weapon) == ("194", "artillery")

    def fired(obj: str, lemma: str):  # type: ignore[no-untyped-def]
        doc = _doc(
            vocab,
            [
                ("Militants", "militant", 1, "nsubj", "NOUN"),
                ("fired", "fire", 1, "ROOT", "VERB"),
                (obj, lemma, 1, "dobj", "NOUN"),
            ],
        )
        return matcher.match_rule(doc[1], analyse(compiled_lexicon, doc))

    rockets = fired("rockets", "rocket")
    assert rockets is not None
    assert (rockets.cameo, rockets.weapon, rockets.stop) == ("194", "missile", False)
    workers = fired("workers", "worker")  # dismissing staff: a rule that stops the trigger
    assert workers is not None
    assert workers.stop
    assert workers.cameo is None


def test_arguments_passive_subject_is_acted_upon_and_agent_resolves(
    compiled_lexicon: Lexicon,
    vocab,  # type: ignore[no-untyped-def]
) -> None:
    finder = ArgumentFinder(compiled_lexicon)
    doc = _doc(vocab, PASSIVE)
    info = analyse(compiled_lexicon, doc)
    killed = doc[3]
    assert finder._subject_tok(killed) is None  # a passive has no doer as its subject
    obj = finder._obj(killed)
    assert obj is not None
    assert obj.i == 1  # "soldiers": the passive subject is the one acted upon
    victims = finder.np_actor(obj, info, WHEN, [])
    assert victims is not None
    assert (victims.code, victims.tok_start, victims.tok_end) == ("MIL", 0, 2)
    doers = finder.np_actor(doc[5], info, WHEN, [])
    assert doers is not None
    assert (doers.code, doers.acled_class) == ("UAF", "militia")
    place, span, near = finder._place(killed, obj, info, {}, doers)
    assert place is not None
    assert (place.name, place.iso3, span, near) == ("Maiduguri", "NGA", (7, 8), False)


def test_arguments_subject_is_inherited_by_an_infinitive(
    compiled_lexicon: Lexicon,
    vocab,  # type: ignore[no-untyped-def]
) -> None:
    doc = _doc(
        vocab,
        [
            ("Protesters", "protester", 1, "nsubj", "NOUN"),
            ("planned", "plan", 1, "ROOT", "VERB"),
            ("to", "to", 3, "aux", "PART"),
            ("march", "march", 1, "xcomp", "VERB"),
        ],
    )
    subj = ArgumentFinder(compiled_lexicon)._subject_tok(doc[3])
    assert subj is not None
    assert subj.i == 0


def test_coder_assembles_the_stages_for_a_passive_killing(
    compiled_lexicon: Lexicon,
    vocab,  # type: ignore[no-untyped-def]
) -> None:
    sc = SentenceCoder(compiled_lexicon)
    doc = _doc(vocab, PASSIVE)
    (cand,) = sc.candidates(analyse(compiled_lexicon, doc), WHEN, [], {})
    assert cand.cameo == "190"
    assert cand.source is not None and cand.source.code == "UAF"
    assert cand.target is not None and cand.target.code == "MIL"
    assert cand.place is not None and cand.place.name == "Maiduguri"
    assert (cand.tok_start, cand.tok_end) == (0, 8)


def test_coder_reading_step_future_attack_is_a_threat_and_if_is_none(
    compiled_lexicon: Lexicon,
    vocab,  # type: ignore[no-untyped-def]
) -> None:
    sc = SentenceCoder(compiled_lexicon)

    def codes(spec: Spec) -> list[str | None]:
        doc = _doc(vocab, spec)
        return [c.cameo for c in sc.candidates(analyse(compiled_lexicon, doc), WHEN, [], {})]

    will: Spec = [
        ("Rebels", "rebel", 2, "nsubj", "NOUN"),
        ("will", "will", 2, "aux", "AUX"),
        ("attack", "attack", 2, "ROOT", "VERB"),
        ("Goma", "Goma", 2, "dobj", "PROPN"),
    ]
    assert codes(will) == ["138"]
    hypothetical: Spec = [
        ("If", "if", 2, "mark", "SCONJ"),
        ("rebels", "rebel", 2, "nsubj", "NOUN"),
        ("attack", "attack", 2, "ROOT", "VERB"),
        ("Goma", "Goma", 2, "dobj", "PROPN"),
    ]
    assert codes(hypothetical) == []
