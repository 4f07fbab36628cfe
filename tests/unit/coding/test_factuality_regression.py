"""Regression tests for the factuality stage: violent words that report no violent act.

Each sentence was written for this file (not taken from an evaluation set) and stands for a class
of text: denials, accusations, general condemnations, plans and threats, simulations, negated
arguments, sport, business, film and games, natural hazards, and history told as background.
The coder must give none of them a violent CAMEO root (18, 19, 20), while the factual
counterparts (a claim of responsibility, a dated late report, a reported attack) keep theirs.
"""

from datetime import date
from pathlib import Path

import pytest

from etl.coding import Coder
from etl.records import Document

pytestmark = pytest.mark.slow
PUB = date(2024, 9, 10)
VIOLENT = {"18", "19", "20"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _roots(coder: Coder, text: str) -> set[str | None]:
    return {e.cameo_root for e in coder.code_document(Document(id="f", text=text, published=PUB))}


@pytest.mark.parametrize(
    "text",
    [
        # denial
        "The Nigerian army denied on Sunday that its jets had bombed a village in Zamfara state.",
        # accusation of an undated, habitual act
        "Pakistan accused Indian troops of repeatedly shelling villages along the Line of Control.",
        # condemnation of unspecified acts
        "The African Union condemned the recent spate of attacks on aid convoys in South Sudan.",
        # plan
        "Army commanders said they were planning a new offensive against rebels near Bunia.",
        # simulation
        "Russian forces held exercises in Belarus on Friday, simulating a missile strike on Minsk.",
        # negated governor
        "Residents said the militia did not stop its raids on farms near Jos.",
        # negated argument
        "No shots were fired when soldiers entered the square in Bamako on Monday.",
        "Police said the weekend in Cali passed without a single killing.",
        # sport
        "Senegal thrashed Gambia 4-0 in a World Cup qualifier in Dakar, with the striker "
        "shooting home twice.",
        # business
        "Egypt's central bank fired a warning shot at speculators, lifting its benchmark rate to "
        "defend the currency.",
        # entertainment
        "The war film bombed at the box office in Lagos despite its big budget.",
        # game
        "The grandmaster attacked his opponent's king and won the chess game in Chennai.",
        # natural hazard
        "An earthquake struck villages near Kerman on Saturday, killing 40 people.",
        "Floods battered northern Nigeria last week, destroying homes and killing 12 people.",
        # history
        "The town was overrun by Islamic State fighters in 2015 and its residents never returned "
        "to Palmyra.",
    ],
)
def test_no_violent_root_for_non_factual_or_other_sense_text(coder: Coder, text: str) -> None:
    assert not _roots(coder, text) & VIOLENT, text


@pytest.mark.parametrize(
    "text",
    [
        # a claim of responsibility is a fact
        "Al-Shabaab claimed responsibility for the bombing of a hotel in Mogadishu on Friday.",
        # an exact-day late report is not history
        "On 2 January 2024, militants attacked a checkpoint in Diffa, killing three soldiers.",
        # a reported attack (reporting verbs do not hedge)
        "Police said gunmen attacked a bus near Kalat on Sunday, killing seven passengers.",
        # a condemned single attack is still reported (regression: this once hung the coder)
        "The UN condemned the attack on a school in Gao on Monday.",
        # violence at a stadium by an armed actor keeps its sense
        "Police fired tear gas at fans outside the stadium in Nairobi after the match.",
    ],
)
def test_factual_violence_keeps_its_violent_root(coder: Coder, text: str) -> None:
    assert _roots(coder, text) & (VIOLENT | {"17"}), text


def test_user_word_class_extends_the_factuality_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coder: Coder
) -> None:
    """A user lexicons file adds a sport word; a sentence read as an attack becomes sport."""
    text = "Mexico attacked Japan relentlessly at bandy in Puebla on Sunday."

    def acled(c: Coder) -> set[str | None]:
        evs = c.code_document(Document(id="u", text=text, published=PUB))
        return {e.acled_event_type for e in evs} - {None}

    assert acled(coder)  # packaged words: "attacked" reads as a battle
    (tmp_path / "lexicons_local.tsv").write_text(
        "class\twords\ncontext_sport\tbandy\n", encoding="utf-8"
    )
    monkeypatch.setenv("EVENTETL_DICTIONARY_PATH", str(tmp_path))
    user = Coder(nlp=coder.nlp)
    assert "bandy" in user.lexicon.cls("context_sport")
    assert not acled(user)
