"""Fast checks of general coding rules (no model): vague death counts, ACLED regime periods,
romanisation variants, country points, and the generated PETRARCH2 imports."""

from datetime import date

import pytest

from etl.coding.acled_codebook import acled_period
from etl.coding.dictionaries import data_dir, read_tsv
from etl.coding.fatalities import count_fatalities
from etl.coding.lexicon import Lexicon
from etl.coding.places import _translit_variants


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("several people were killed in the attack", 10),
        ("many civilians were killed", 10),
        ("dozens of fighters were killed", 12),
        ("hundreds of people were killed", 100),
        ("a few soldiers were killed", 3),
        ("a dozen people were killed", 12),
        ("several people were injured", 0),
        ("killing several civilians and wounding dozens", 10),
    ],
)
def test_vague_fatality_counts(text: str, dead: int) -> None:
    assert count_fatalities(text) == dead


def test_regime_period_depends_on_the_event_date() -> None:
    assert acled_period("SYR", date(2020, 1, 1)) == "2000-2024"
    assert acled_period("SYR", date(2025, 1, 1)) == "2024-"
    assert acled_period("ISR", date(2022, 1, 1)) == "2021-2022"
    assert acled_period("ISR", date(2023, 6, 1)) == "2022-"
    assert acled_period("RUS", date(2024, 3, 3)) == "2000-"


def test_unknown_country_or_date_has_no_period() -> None:
    assert acled_period("KEN", date(2024, 1, 1)) is None
    assert acled_period("UKR", date(2010, 1, 1)) is None
    assert acled_period(None, date(2024, 1, 1)) is None


def test_ukrainian_romanisation_variant() -> None:
    assert _translit_variants("Kupyansk") == ["kupiansk"]
    assert _translit_variants("Kyiv") == []


def test_petrarch_verbs_have_no_statement_defaults() -> None:
    rows = [r for _n, r in read_tsv(data_dir() / "verbs_petrarch.tsv")]
    assert len(rows) > 1_000
    # Unconditional rows never code a plain statement (the known 010 "say" inflation).
    assert not [r for r in rows if not r["cond"] and r["cameo"].startswith("01")]
    lemmas = {r["lemma"] for r in rows if not r["cond"]}
    assert not lemmas & {"say", "tell", "report", "state", "add", "note", "claim"}


def test_phoenix_agents_do_not_turn_places_into_actors() -> None:
    nouns = {r["noun"] for _n, r in read_tsv(data_dir() / "agents_phoenix.tsv")}
    assert len(nouns) > 1000
    assert not nouns & {"village", "town", "city", "base", "camp"}


def test_country_places_have_the_capital_point(compiled_lexicon: Lexicon) -> None:
    gaz = compiled_lexicon.gazetteer
    assert gaz is not None
    lbn = gaz.countries["LBN"]
    assert lbn.lat is not None and abs(lbn.lat - 33.89) < 0.2 and abs(lbn.lon - 35.5) < 0.2
    assert [p.name for p in gaz.index.get(("kupiansk",))] == ["Kupyansk"]
