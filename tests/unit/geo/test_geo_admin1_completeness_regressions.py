"""Regression tests for issue 14 point 5 (every located event has admin1): places of GeoNames
admin1 units that our names source lacks (Bamako, South Sudan's Bahr el Ghazal states, Cabinda,
Doha, Port Moresby ...) had no admin1; a capital GeoNames spells apart ("Ulan Bator") was not
found under its own name, so its country had no point; supplement places and regions named
units no place has ("Zaporizhzhia" beside the gazetteer's "Zaporizhia", Darfur with none);
Libya's and Qatar's units carried GeoNames' administrative prefixes ("Sha`biyat Nalut",
"Baladiyat ar Rayyan"); Côte d'Ivoire's districts (2011) carried the names of the regions they
replaced ("Dix-Huit Montagnes")."""

from __future__ import annotations

from collections import defaultdict

import pytest

from etl.coding.dictionaries import data_dir, read_tsv
from etl.geo import Gazetteer, geocode, load_gazetteer
from etl.geo.gazetteer import _acled_admin1, acled_admin1_names, admin1_seats, admin1_splits


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("query", "iso3", "admin1"),
    [
        ("Bamako", "MLI", "Bamako"),
        ("Wau, South Sudan", "SSD", "Western Bahr el Ghazal"),
        ("Aweil", "SSD", "Northern Bahr el Ghazal"),
        ("Zalinjay", "SDN", "Central Darfur"),
        ("Cabinda", "AGO", "Cabinda"),
        ("Alexandria, Egypt", "EGY", "Alexandria"),
        ("Doha", "QAT", "Doha"),
        ("Nalut", "LBY", "Nalut"),
        ("Ubari", "LBY", "Wadi Al Hayaa"),
        ("Leticia", "COL", "Amazonas"),
    ],
)
def test_towns_of_unnamed_units_get_their_admin1(
    gaz: Gazetteer, query: str, iso3: str, admin1: str
) -> None:
    res = geocode(query, gazetteer=gaz)
    assert res is not None
    assert (res.iso3, res.admin1) == (iso3, admin1)


def test_an_unnamed_unit_is_a_province_of_its_own(gaz: Gazetteer) -> None:
    res = geocode("Northern Bahr el Ghazal state", gazetteer=gaz)
    assert res is not None
    assert (res.iso3, res.kind, res.precision) == ("SSD", "ADM1", 3)


@pytest.mark.parametrize(
    ("query", "admin1"),
    [
        ("Man, Ivory Coast", "Montagnes"),
        ("Gagnoa", "Goh-Djiboua"),
        ("Daloa", "Sassandra-Marahoue"),
        ("Abidjan", "Abidjan"),
        ("Dabou", "Lagunes"),
        ("Yamoussoukro", "Yamoussoukro"),
        ("Zambakro", "Yamoussoukro"),
        ("Dimbokro", "Lacs"),
        ("Korhogo", "Savanes"),
    ],
)
def test_ivorian_towns_get_their_district(gaz: Gazetteer, query: str, admin1: str) -> None:
    res = geocode(query, gazetteer=gaz)
    assert res is not None
    assert (res.iso3, res.admin1) == ("CIV", admin1)


@pytest.mark.parametrize(
    ("query", "admin1"),
    [("Zaporizhzhia Nuclear Power Plant", "Zaporizhia"), ("Darfur", "North Darfur")],
)
def test_supplement_places_and_regions_have_a_known_admin1(
    gaz: Gazetteer, query: str, admin1: str
) -> None:
    res = geocode(query, gazetteer=gaz)
    assert res is not None
    assert res.admin1 == admin1


def test_every_supplement_place_is_in_a_unit_of_its_country() -> None:
    """A supplement row's admin1, once in ACLED's spelling, is a unit GeoNames' places have
    (else its events carry a unit name no other event of the province has)."""
    acled, splits, seats = acled_admin1_names(), admin1_splits(), admin1_seats()

    def unit(r: dict[str, str]) -> str:
        lat, lon = float(r["lat"]), float(r["lon"])
        return _acled_admin1(r["iso3"], r["admin1"], lat, lon, acled, splits, seats)

    units: dict[str, set[str]] = defaultdict(set)
    for _n, r in read_tsv(data_dir() / "places.tsv.gz"):
        units[r["iso3"]].add(unit(r))
    odd = [
        (r["name"], r["iso3"], unit(r))
        for _n, r in read_tsv(data_dir() / "places_supplement.tsv")
        if units[r["iso3"]] - {""} and unit(r) not in units[r["iso3"]] - {""}
    ]
    assert odd == []


def test_conflict_countries_have_no_place_without_admin1() -> None:
    acled, splits, seats = acled_admin1_names(), admin1_splits(), admin1_seats()
    countries = {"MLI", "SSD", "SDN", "ETH", "LBY", "AGO", "COL", "QAT", "EGY", "TCD"}
    missing = [
        (r["name"], r["iso3"])
        for _n, r in read_tsv(data_dir() / "places.tsv.gz")
        if r["iso3"] in countries
        and not _acled_admin1(
            r["iso3"], r["admin1"], float(r["lat"]), float(r["lon"]), acled, splits, seats
        )
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("query", "iso3", "admin1", "precision"),
    [
        ("Ulaanbaatar", "MNG", "Ulaanbaatar", 1),  # GeoNames: "Ulan Bator"; was not found
        ("Mongolia", "MNG", "Ulaanbaatar", 3),  # the country's point is its capital: had none
        ("Port Moresby", "PNG", "National Capital District", 1),
        ("Paraguay", "PRY", "Asuncion", 3),
    ],
)
def test_capitals_and_country_level_places_are_complete(
    gaz: Gazetteer, query: str, iso3: str, admin1: str, precision: int
) -> None:
    res = geocode(query, gazetteer=gaz)
    assert res is not None
    assert (res.iso3, res.admin1, res.precision) == (iso3, admin1, precision)
    assert res.lat is not None and res.lon is not None


@pytest.mark.parametrize(
    ("query", "iso3", "admin1"),
    [
        ("Kathmandu", "NPL", "Bagmati"),  # GeoNames: Central Region (before the 2015 provinces)
        ("Birgunj", "NPL", "Madhesh"),  # also Central Region
        ("Janakpur", "NPL", "Madhesh"),
        ("Nepalgunj", "NPL", "Lumbini"),  # GeoNames: Mid Western
        ("Birendranagar", "NPL", "Karnali"),  # also Mid Western
        ("Mymensingh", "BGD", "Mymensingh"),  # GeoNames: Dhaka (division of 2015)
        ("Tangail", "BGD", "Dhaka"),
        ("Halabja", "IRQ", "Halabja"),  # GeoNames: As Sulaymaniyah (governorate of 2014)
        ("Sulaymaniyah", "IRQ", "Sulaymaniyah"),
        ("N'Djamena", "TCD", "N'Djamena"),  # GeoNames: Chari-Baguirmi
        ("Biltine", "TCD", "Wadi Fira"),  # the region's name since 2008
    ],
)
def test_redrawn_units_of_a_whole_country(
    gaz: Gazetteer, query: str, iso3: str, admin1: str
) -> None:
    res = geocode(query, gazetteer=gaz)
    assert res is not None
    assert (res.iso3, res.admin1) == (iso3, admin1)
