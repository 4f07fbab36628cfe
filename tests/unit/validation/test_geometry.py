"""Country boundaries (etl.validation.geometry) against places from another source: every
country's capital and its northern-, southern-, eastern- and westernmost populated places in the
GeoNames gazetteer the coder ships (etl/coding/data: countries.tsv names the capitals,
places.tsv.gz gives coordinates) lie in that country, including across the antimeridian (Russia,
Fiji, the USA's Aleutians) and in overseas territories; and no capital lies in a far country."""

from __future__ import annotations

import csv
import gzip
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from etl.validation.geometry import country_shapes, point_in_country, points_in_country

CODER_DATA = Path(__file__).resolve().parents[3] / "etl" / "coding" / "data"
#: ISO codes withdrawn from ISO 3166 (Netherlands Antilles 2010, Serbia and Montenegro 2006).
WITHDRAWN = {"ANT", "SCG"}
#: Places where GeoNames and Natural Earth name different claimants: checked in the other one.
DISPUTED = {("SSD", "Kafia Kingi"): "SDN"}  # claimed by South Sudan, held by Sudan
#: Inhabited islands that Natural Earth's 1:10m admin-0 layer leaves out (its minor-islands layer
#: has them), Matsu among them, the Paracels' Vietnamese claim name, and one GeoNames point in
#: the wrong country (Sarupathar, Assam, at 96.8 E). 64 of the gazetteer's 234,908 places lie
#: outside their country's shape, all of this kind; these are the ones that are extreme places.
KNOWN_GAPS = {
    ("FSM", "Ngulu"),
    ("GRC", "Megísti"),
    ("IND", "Sarupathar"),
    ("MHL", "Enewetak"),
    ("TON", "Hihifo"),
    ("TWN", "Jieshoucun"),
}


def _rows(name: str) -> list[dict[str, str]]:
    opener = gzip.open if name.endswith(".gz") else open
    with opener(CODER_DATA / name, "rt", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


@cache
def places_by_country() -> dict[str, list[dict[str, str]]]:
    places: dict[str, list[dict[str, str]]] = {}
    for place in _rows("places.tsv.gz"):
        places.setdefault(place["iso3"], []).append(place)
    return places


def capitals() -> list[tuple[str, str, float, float]]:
    """(iso3, capital, lat, lon): the most populous gazetteer place of the capital's name."""
    found = []
    for country in _rows("countries.tsv"):
        wanted = _fold(country["capital"])
        if not wanted:
            continue
        matches = [
            p
            for p in places_by_country().get(country["iso3"], [])
            if wanted in {_fold(p["name"]), *(_fold(a) for a in p["alt_names"].split("|"))}
        ]
        if matches:
            best = max(matches, key=lambda p: int(p["population"] or 0))
            found.append((country["iso3"], best["name"], float(best["lat"]), float(best["lon"])))
    return found


def extreme_places() -> list[tuple[str, str, float, float]]:
    out = []
    for iso3, places in sorted(places_by_country().items()):
        for key in ("lat", "lon"):
            for pick in (min, max):
                place = pick(places, key=lambda p: float(p[key]))
                out.append((iso3, place["name"], float(place["lat"]), float(place["lon"])))
    return out


def test_every_current_country_has_a_shape() -> None:
    codes = {row["iso3"] for row in _rows("countries.tsv")}
    assert codes - set(country_shapes()) == WITHDRAWN


def test_every_capital_lies_in_its_country() -> None:
    found = capitals()
    assert len(found) >= 225  # of 250 countries: some capitals are spelt otherwise in GeoNames
    outside = [c for c in found if point_in_country(c[0], c[2], c[3]) is not True]
    assert outside == []


def test_each_countrys_extreme_places_lie_in_it() -> None:
    places = extreme_places()
    assert len(places) > 900
    iso3s = [DISPUTED.get((iso3, name), iso3) for iso3, name, _, _ in places]
    inside = points_in_country(iso3s, [p[2] for p in places], [p[3] for p in places])
    outside = [p for p, ok in zip(places, inside, strict=True) if ok is not True]
    assert [p for p in outside if (p[0], p[1]) not in KNOWN_GAPS] == []


@pytest.mark.parametrize(
    ("iso3", "lat", "lon", "where"),
    [
        ("USA", 71.29, -156.79, "Utqiagvik, North Slope Borough, Alaska"),
        ("USA", 51.88, -176.66, "Adak, Aleutians, west of 180 W"),
        ("USA", 21.31, -157.86, "Honolulu"),
        ("NOR", 69.73, 30.05, "Kirkenes"),
        ("RUS", 64.73, 177.51, "Anadyr"),
        ("RUS", 66.0, -170.0, "Chukotka east of the antimeridian"),
        ("RUS", 67.5, 64.07, "Vorkuta: the mainland ring crosses 180 degrees (regression)"),
        ("RUS", 66.53, 66.61, "Salekhard (regression)"),
        ("RUS", 68.05, 166.44, "Bilibino (regression)"),
        ("FJI", -16.48, -179.98, "Rabi, Fiji, east of the antimeridian"),
        ("FJI", -18.14, 178.44, "Suva"),
        ("NZL", -43.95, -176.56, "Waitangi, Chatham Islands"),
        ("FRA", 4.94, -52.33, "Cayenne, French Guiana"),
        ("FRA", -20.88, 55.45, "Saint-Denis, Reunion"),
        ("GUF", 4.94, -52.33, "Cayenne under French Guiana's own code"),
        ("UKR", 44.95, 34.10, "Simferopol, Crimea"),
        ("ESH", 27.15, -13.20, "Laayoune"),
        ("VAT", 41.90, 12.45, "Vatican City"),
    ],
)
def test_territories_and_the_antimeridian(iso3: str, lat: float, lon: float, where: str) -> None:
    assert point_in_country(iso3, lat, lon) is True, where


def test_no_capital_lies_in_a_far_country() -> None:
    found = capitals()
    shapes = country_shapes()
    for iso3, name, lat, lon in found[::7]:  # a spread sample, each against every far country
        others = [
            other
            for other, other_name, olat, olon in found
            if abs(olat - lat) + abs(olon - lon) > 20
            and other in shapes
            # a sovereign's shape holds its overseas departments (France holds Mayotte)
            and not shapes[other].buffer(0.05).covers(shapes[iso3])
        ]
        inside = points_in_country(others, [lat] * len(others), [lon] * len(others))
        assert not any(inside), (
            iso3,
            name,
            [o for o, ok in zip(others, inside, strict=True) if ok],
        )


def test_nothing_to_say_without_a_country_or_a_point() -> None:
    assert point_in_country(None, 36.2, 37.1) is None
    assert point_in_country("SYR", None, 37.1) is None
    assert point_in_country("XXX", 36.2, 37.1) is None
    assert point_in_country("SYR", 48.85, 2.35) is False  # Paris
