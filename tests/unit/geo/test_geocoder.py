"""The geocoder alone, on the packaged gazetteer: the homonyms, missing places, admin1 names,
hierarchical forms and precisions that issue 14 lists, each resolved as ACLED would."""

from __future__ import annotations

import pytest

from etl.geo import Gazetteer, geocode, load_gazetteer
from etl.geo.resolve import split_query
from etl.geo.variants import name_variants


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def where(gaz: Gazetteer, query: str, **ctx: float) -> tuple[str, str, int]:
    res = geocode(query, gazetteer=gaz, context={k.replace("__", "/"): v for k, v in ctx.items()})
    assert res is not None, query
    return res.iso3, res.admin1, res.precision


@pytest.mark.parametrize(
    ("query", "iso3", "admin1"),
    [
        ("Pokrovsk, Donetsk", "UKR", "Donetsk"),  # was Engels, Russia (a former name)
        ("Pokrovsk", "UKR", "Donetsk"),  # its own name beats Engels' former name
        ("Gao", "MLI", "Gao"),  # was Guantanamo
        ("Borno", "NGA", "Borno"),  # was Borna, Germany
        ("Bijapur (Chhattisgarh)", "IND", "Chhattisgarh"),  # was Karnataka
        ("Kabkabiya, North Darfur", "SDN", "North Darfur"),  # was North Salt Lake, Utah
        ("Titao (Loroum, Nord)", "BFA", "Nord"),
        ("Tripoli (North, Lebanon)", "LBN", "North"),
        ("Hajin, in Deir el-Zor province", "SYR", "Deir ez-Zor"),
        ("Saraqib in Idlib province", "SYR", "Idleb"),
        ("the Kanbalu township of Sagaing", "MMR", "Sagaing"),
    ],
)
def test_homonyms_and_hierarchical_forms(
    gaz: Gazetteer, query: str, iso3: str, admin1: str
) -> None:
    assert where(gaz, query)[:2] == (iso3, admin1)


def test_a_province_named_in_the_document_decides_between_homonyms(gaz: Gazetteer) -> None:
    assert where(gaz, "Bijapur", IND=1.0)[:2] == ("IND", "Karnataka")  # the bigger one
    assert where(gaz, "Bijapur", IND=1.0, IND__Chhattisgarh=1.0)[:2] == ("IND", "Chhattisgarh")


def test_a_country_in_the_same_phrase_beats_the_document(gaz: Gazetteer) -> None:
    assert where(gaz, "Tripoli, Lebanon", LBY=1.0)[0] == "LBN"
    assert where(gaz, "Tripoli", LBY=1.0)[0] == "LBY"


@pytest.mark.parametrize(
    ("query", "iso3", "admin1"),
    [
        ("Jenin", "PSE", "West Bank"),
        ("Deir al-Balah", "PSE", "Gaza Strip"),
        ("Hodeidah", "YEM", "Al Hudaydah"),
        ("Darfur", "SDN", "North Darfur"),  # the region at El Fasher's point, its admin1
        ("North Kivu", "COD", "North Kivu"),
        ("Lower Shabelle", "SOM", "Lower Shabelle"),
        ("El Fasher", "SDN", "North Darfur"),
        ("Maarat al-Numan", "SYR", "Idleb"),
        ("Kharkiv", "UKR", "Kharkiv"),
        ("Bakhmut", "UKR", "Donetsk"),
        ("Tulkarm", "PSE", "West Bank"),
        ("Kupiansk", "UKR", "Kharkiv"),  # Ukrainian romanisation of Kupyansk
    ],
)
def test_once_missing_places_and_their_admin1(
    gaz: Gazetteer, query: str, iso3: str, admin1: str
) -> None:
    assert where(gaz, query)[:2] == (iso3, admin1)


@pytest.mark.parametrize(
    ("query", "admin1"),
    [
        ("Idlib", "Idleb"),
        ("Raqqa", "Ar-Raqqa"),
        ("Tikrit", "Sala al-Din"),
        ("Nabatieh", "Nabatieh"),
        ("Lashio", "Shan-North"),
        ("Taunggyi", "Shan-South"),
        ("Tachileik", "Shan-East"),
    ],
)
def test_admin1_in_acled_spelling(gaz: Gazetteer, query: str, admin1: str) -> None:
    assert where(gaz, query)[1] == admin1


@pytest.mark.parametrize(
    ("query", "precision"),
    [
        ("Kharkiv", 1),
        ("near Kupiansk (Kharkiv)", 2),
        ("outside Bakhmut", 2),
        ("Idlib province", 3),
        ("Borno", 3),
        ("Nowhereville (Rutshuru, North Kivu)", 2),  # unknown village: its town's surroundings
        ("Nowhereville (Loroum, Nord)", 3),  # unknown village, only the province known
        ("Nowhereville in Kharkiv region", 3),
    ],
)
def test_precision(gaz: Gazetteer, query: str, precision: int) -> None:
    assert where(gaz, query)[2] == precision


def test_unknown_place_falls_back_to_the_unit_in_its_country(gaz: Gazetteer) -> None:
    res = geocode("Nowhereville (Rutshuru, North Kivu)", gazetteer=gaz)
    assert res is not None and (res.iso3, res.name) == ("COD", "Rutshuru")
    assert "not in the gazetteer" in res.reasons_text()


@pytest.mark.parametrize("code", ["SDF", "HTS", "SNA", "LAX", "JFK"])
def test_airport_codes_are_not_names(gaz: Gazetteer, code: str) -> None:
    assert [p for p in gaz.lookup(code) if p.kind == "P" and p.name.upper() != code] == []


def test_every_result_has_the_acled_fields(gaz: Gazetteer) -> None:
    for q in ("Pokrovsk, Donetsk", "Gao", "Borno", "Jenin", "Sake, North Kivu"):
        res = geocode(q, gazetteer=gaz)
        assert res is not None
        assert res.lat is not None and res.lon is not None and res.iso3 and res.admin1
        assert res.precision in {1, 2, 3}


def test_split_query_forms() -> None:
    assert split_query("near Titao (Loroum, Nord)") == ("Titao", ["Loroum", "Nord"], True)
    assert split_query("the Kanbalu district of Sagaing") == ("Kanbalu", ["Sagaing"], False)
    assert split_query("Saraqib in Idlib province") == ("Saraqib", ["Idlib province"], False)
    assert split_query("Kanbalu town (Kanbalu township, Sagaing region)") == (
        "Kanbalu",
        ["Kanbalu township", "Sagaing region"],
        False,
    )


def test_spelling_variants() -> None:
    assert "al raqqah" in name_variants("Ar-Raqqah", "SYR")
    assert "ar raqqah" in name_variants("al-Raqqah", "SYR")
    assert "kfar nabl" in name_variants("Kafr Nabl", "SYR")
    assert "qahtaniyeh" in name_variants("Qahtaniyah", "SYR")
    assert name_variants("Kupyansk", "UKR") == ["kupiansk"]
    assert name_variants("Kupyansk", "FRA") == []
