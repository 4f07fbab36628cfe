"""Regression tests for known coder misses, one class per section (see each section comment)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from etl.coding import Coder
from etl.records import CodedEvent, Document

PUB = date(2025, 3, 10)
VIOLENT = {"18", "19", "20"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _code(coder: Coder, text: str) -> list[CodedEvent]:
    return coder.code_document(Document(id="known-misses", text=text, published=PUB))


# ---------------------------------------------------------------------------------------------
# fatality_cues.tsv and fatality_words.tsv extend through EVENTETL_DICTIONARY_PATH.

_COUNT_SCRIPT = """
import json, sys
from etl.coding.fatalities import count_fatalities
print(json.dumps([count_fatalities(t) for t in json.loads(sys.argv[1])]))
"""

_USER_TEXTS = [
    "A handful of villagers were killed in the raid near Kidal.",
    "Four villagers were martyred in the raid, local sources said.",
    "Gunmen stormed the market, martyring six traders.",
]


def _counts(texts: list[str], dictionary_path: Path | None) -> list[int]:
    env = dict(os.environ)
    env.pop("EVENTETL_DICTIONARY_PATH", None)
    if dictionary_path is not None:
        env["EVENTETL_DICTIONARY_PATH"] = str(dictionary_path)
    out = subprocess.run(
        [sys.executable, "-c", _COUNT_SCRIPT, json.dumps(texts)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_regression_user_fatality_tables_extend_the_packaged_ones(tmp_path: Path) -> None:
    (tmp_path / "fatality_words_local.tsv").write_text("word\tvalue\nhandful\t3\n")
    (tmp_path / "fatality_cues_local.tsv").write_text(
        "class\tphrase\ndeath_passive\twere martyred\nkill_active\tmartyring\n"
    )
    assert _counts(_USER_TEXTS, None) != [3, 4, 6]
    assert _counts(_USER_TEXTS, tmp_path) == [3, 4, 6]


def test_regression_user_fatality_word_overrides_packaged_value(tmp_path: Path) -> None:
    # User rows win over packaged rows, as for every other dictionary.
    (tmp_path / "fatality_words_mine.tsv").write_text("word\tvalue\ndozens\t24\n")
    text = ["Dozens of civilians were killed when shells hit the market."]
    assert _counts(text, None) == [12]
    assert _counts(text, tmp_path) == [24]


def test_regression_bad_user_fatality_value_names_file_and_word(tmp_path: Path) -> None:
    (tmp_path / "fatality_words_bad.tsv").write_text("word\tvalue\nscore\ttwenty\n")
    with pytest.raises(subprocess.CalledProcessError) as err:
        _counts(["Two people died."], tmp_path)
    assert "fatality_words_bad.tsv" in err.value.stderr
    assert "'score'" in err.value.stderr


# ---------------------------------------------------------------------------------------------
# Sport: team nicknames and game words (context_sport in lexicons.tsv) make a clash a game.


@pytest.mark.parametrize(
    "text",
    [
        "Celtics battled Knicks in Boston",
        "The Celtics battled the Knicks in Boston on Tuesday.",
        "The Steelers attacked the Ravens defence all night in Baltimore.",
        "Jokic scored 30 points as Denver beat Phoenix in overtime.",
        "Real Madrid destroyed Bayern in Munich on Wednesday night.",
    ],
)
def test_regression_team_clash_is_no_violence(coder: Coder, text: str) -> None:
    assert not [e for e in _code(coder, text) if e.cameo_root in VIOLENT]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a bus carrying fans to a game in Kaduna, killing three.",
        "Russian missiles struck Kharkiv during a football game, killing two.",
    ],
)
def test_regression_attack_during_a_game_stays_an_attack(coder: Coder, text: str) -> None:
    assert [e for e in _code(coder, text) if e.cameo_root in VIOLENT]


# ---------------------------------------------------------------------------------------------
# A condemned act: whoever condemns, mourns or investigates it did not do it (onlooker_verbs).
# Its own phrase may still name the doer ("the Hezbollah rocket attack").


@pytest.mark.parametrize(
    ("text", "onlooker"),
    [
        ("UN condemns airstrike on Gaza school", "UN"),
        ("The African Union condemned the attack on a market in Mopti.", "African Union"),
        ("The White House condemned Sunday's bombing of a mosque in Kabul.", "White House"),
        ("Amnesty International condemned the killing of a journalist in Mogadishu.", "Amnesty"),
        ("Police are investigating the bombing of a bus station in Jos.", "Police"),
        ("Hamas praised the shooting attack in Tel Aviv.", "Hamas"),
    ],
)
def test_regression_onlooker_is_never_the_doer(coder: Coder, text: str, onlooker: str) -> None:
    events = _code(coder, text)
    assert events, "the condemnation or the act itself is still coded"
    for e in events:
        if e.cameo_root in VIOLENT:
            assert onlooker not in (e.actor1_name or ""), e
            assert onlooker not in (e.acled_actor1 or ""), e


def test_condemnation_stays_coded(coder: Coder) -> None:
    events = _code(coder, "The UN condemned the airstrike on a school in Gaza.")
    assert any(e.cameo_code == "111" and e.actor1_name == "UN" for e in events)


def test_condemned_act_keeps_the_doer_its_phrase_names(coder: Coder) -> None:
    events = _code(coder, "Israel condemned the Hezbollah rocket attack on Kiryat Shmona.")
    violent = [e for e in events if e.cameo_root in VIOLENT]
    assert violent and all(e.actor1_name == "Hezbollah" for e in violent)


# ---------------------------------------------------------------------------------------------
# Headline passives without their auxiliary: the name acted upon is the place.


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kharkiv hit by Russian missiles", "Kharkiv"),
        ("Kharkiv hit by Russian missiles overnight, two killed", "Kharkiv"),
        ("Zaporizhzhia struck by Russian drones", "Zaporizhzh"),
        ("Goma shelled by M23 rebels", "Goma"),
        ("Khartoum pounded by RSF artillery", "Khartoum"),
    ],
)
def test_regression_headline_passive_gives_the_place(coder: Coder, text: str, place: str) -> None:
    violent = [e for e in _code(coder, text) if e.cameo_root in VIOLENT]
    assert violent
    assert all((e.location or "").startswith(place) for e in violent), violent


@pytest.mark.parametrize(
    "text",
    [
        "Village near Gao attacked by gunmen",
        "Three killed as drones strike Odesa",
        "Kharkiv was hit by Russian missiles.",
    ],
)
def test_headline_passive_neighbours_keep_their_place(coder: Coder, text: str) -> None:
    violent = [e for e in _code(coder, text) if e.cameo_root in VIOLENT]
    assert violent and all(e.location for e in violent)


def test_headline_passive_doer_stays_the_doer(coder: Coder) -> None:
    events = [e for e in _code(coder, "Goma shelled by M23 rebels") if e.cameo_root in VIOLENT]
    assert events and all("M23" in (e.actor1_name or "") for e in events)
    assert all("Goma" not in (e.actor1_name or "") for e in events)


# ---------------------------------------------------------------------------------------------
# Abduction and killing coordinated by one doer. ACLED's codebook: an abduction during which
# people are killed is one Attack; a killing reported later, in captivity, is an additional
# Attack; other victims killed are an Attack of their own.


def _acled(events: list[CodedEvent]) -> list[tuple[str | None, int]]:
    return sorted(
        (e.acled_sub_event_type, e.fatalities or 0) for e in events if e.acled_sub_event_type
    )


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Bandits abducted and killed eight villagers in Zamfara.", 8),
        ("Gunmen kidnapped and killed three farmers near Maiduguri on Sunday.", 3),
        (
            "On 2 March 2025, ADF militants abducted and murdered five civilians in Beni.",
            5,
        ),
    ],
)
def test_regression_abducted_and_killed_is_one_attack(coder: Coder, text: str, dead: int) -> None:
    assert _acled(_code(coder, text)) == [("Attack", dead)]


def test_regression_killing_later_in_captivity_is_an_additional_attack(coder: Coder) -> None:
    text = "Gunmen kidnapped and later killed three farmers near Maiduguri on Sunday."
    assert _acled(_code(coder, text)) == [("Abduction/forced disappearance", 0), ("Attack", 3)]


def test_regression_killing_others_and_abducting_are_two_events(coder: Coder) -> None:
    text = "Bandits killed two villagers and abducted 15 others in Zamfara on Monday."
    assert _acled(_code(coder, text)) == [("Abduction/forced disappearance", 0), ("Attack", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Bandits abducted eight villagers in Zamfara.",
        "On 4 March 2025, gunmen abducted 3 herders near Sokoto. 1 fatality.",
    ],
)
def test_abduction_alone_stays_an_abduction(coder: Coder, text: str) -> None:
    assert [s for s, _d in _acled(_code(coder, text))] == ["Abduction/forced disappearance"]


# ---------------------------------------------------------------------------------------------
# A country that undergoes a clause ("Iran had been weakened by ...") is no event's place, and
# the events of its sentence that name no place take none from the sentences around them.

_SEED_SENTENCE = (
    "The rebels' offensive came at a time when Iran had been weakened by Israeli airstrikes, "
    "while its proxy Hezbollah is severely diminished after 13 months of war with Israel and "
    "the killing of its leader, Hassan Nasrallah."
)


def _violent_countries(events: list[CodedEvent], sentence: int) -> set[str | None]:
    return {e.country for e in events if e.cameo_root in VIOLENT and e.sentence_index == sentence}


def test_regression_experiencer_country_is_no_place(coder: Coder) -> None:
    countries = _violent_countries(_code(coder, _SEED_SENTENCE), 0)
    assert countries and "Iran" not in countries


@pytest.mark.parametrize(
    ("text", "elsewhere"),
    [
        (
            "Russian jets struck rebel positions in Idlib on Sunday. Iran had been weakened by "
            "Israeli airstrikes, while Hezbollah is diminished after the killing of its leader, "
            "Hassan Nasrallah.",
            {"Syria", "Iran"},
        ),
        (
            "Heavy fighting was reported in Kherson on Monday. Lebanon has been shaken by "
            "Israeli airstrikes and the killing of dozens of Hezbollah fighters.",
            {"Ukraine"},
        ),
    ],
)
def test_regression_experiencer_sentence_takes_no_place_from_around(
    coder: Coder, text: str, elsewhere: set[str]
) -> None:
    countries = _violent_countries(_code(coder, text), 1)
    assert countries and not countries & elsewhere


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ukraine was attacked by Russia overnight.", "Ukraine"),
        ("Clashes broke out in Bakhmut on Monday. Three soldiers were killed.", "Bakhmut"),
        (
            "Fighting raged in Bakhmut on Monday. Ukraine has been weakened since Russian troops "
            "stormed the town.",
            "Bakhmut",
        ),
        (
            "Unrest continued in Mopti on Friday. Mali said gunmen attacked a village, killing "
            "four.",
            "Mopti",
        ),
    ],
)
def test_places_told_elsewhere_still_fill(coder: Coder, text: str, place: str) -> None:
    violent = [e for e in _code(coder, text) if e.cameo_root in VIOLENT]
    assert violent and all(e.location == place for e in violent), violent


# ---------------------------------------------------------------------------------------------
# Limits of the two rules above: a participle set off by commas is a description, and a country
# that does what its sentence tells is no country undergoing a clause.


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Malian troops, backed by Russian mercenaries, recaptured Anefis on Tuesday.", None),
        ("The army, supported by allied militias, retook Bambari from rebels.", "Bambari"),
    ],
)
def test_regression_participle_between_commas_is_no_headline_passive(
    coder: Coder, text: str, place: str | None
) -> None:
    takeovers = [e for e in _code(coder, text) if e.cameo_code == "192"]
    assert takeovers, "the takeover is still coded"
    if place is not None:
        assert takeovers[0].location == place


def test_regression_country_doing_the_act_keeps_the_fill(coder: Coder) -> None:
    text = "Jordan and Britain have agreed to hold joint military exercises this month."
    events = [e for e in _code(coder, text) if e.cameo_code == "062"]
    assert events and events[0].country == "United Kingdom"
