"""Regression tests for a unit word written after a name: "Plateau state" is Nigeria's state,
"Plateau department" Benin's department (admin1_terms.tsv, from ISO 3166-2 categories).
Written together with the fix: regression tests, not held out."""

from __future__ import annotations

from datetime import date

import pytest

from etl.coding import Coder
from etl.geo import geocode
from etl.geo.gazetteer import admin1_terms
from etl.records import Document


@pytest.mark.parametrize(
    ("query", "iso3"),
    [("Plateau state", "NGA"), ("Plateau department", "BEN")],
)
def test_the_unit_word_picks_the_country_whose_units_it_names(query: str, iso3: str) -> None:
    res = geocode(query)
    assert res is not None and res.iso3 == iso3


def test_the_coder_reads_the_unit_word_inside_the_name() -> None:
    coder = Coder()
    text = "Gunmen killed 8 villagers in an overnight raid on a village in Plateau state."
    doc = Document(id="t", text=text, published=date(2024, 6, 1))
    assert {e.iso3 for e in coder.code_document(doc) if e.acled_event_type} == {"NGA"}


def test_the_terms_table_covers_the_countries_it_is_about() -> None:
    terms = admin1_terms()
    assert "state" in terms["NGA"] and "department" in terms["BEN"] and "oblast" in terms["UKR"]
    assert len(terms) > 150


@pytest.mark.parametrize("query", ["Gezira", "Gezira state", "El Gezira"])
def test_the_english_name_of_a_unit_is_found(query: str) -> None:
    res = geocode(query)
    assert res is not None and (res.iso3, res.admin1) == ("SDN", "Al Jazirah")
