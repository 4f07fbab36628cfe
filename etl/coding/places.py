"""Gazetteer: place names -> coordinates, admin1, country; context-aware disambiguation."""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from typing import Any

from etl.coding.dictionaries import data_dir, read_tsv
from etl.coding.phrases import PhraseIndex, phrase_key
from etl.coding.reference import country_names

# Countries whose names reach English news in two romanisations: BGN/PCGN "Kupyansk" and the
# Ukrainian national system "Kupiansk" (ya, ye, yu after a letter -> ia, ie, iu). Both are indexed.
_TRANSLIT_ISO3 = frozenset({"UKR", "RUS", "BLR"})
_Y_VOWEL = re.compile(r"(?<=[a-z])y(?=[aeu])")


def _translit_variants(name: str) -> list[str]:
    low = name.lower()
    alt = _Y_VOWEL.sub("i", low)
    return [alt] if alt != low else []


def reduce_by_init(self: Any) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` of a slotted dataclass: unpickle through ``__init__`` with the fields.

    Twice as fast to load as the dataclass default (``__setstate__`` walks ``fields()`` per
    object), which counts for the ~100,000 places and actors in the coder's lexicon cache.
    The class's fields must all be ``__init__`` arguments, in field order.
    """
    return type(self), tuple(getattr(self, name) for name in type(self).__slots__)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``kind``: P populated place, ADM1 region, BASE/PORT/..., COUNTRY."""

    name: str
    lat: float | None
    lon: float | None
    iso3: str
    admin1: str
    population: int
    kind: str
    supplement: bool = False

    __reduce__ = reduce_by_init


class Gazetteer:
    """Name index over GeoNames places, the project's supplement, admin1 regions and countries."""

    def __init__(
        self, rows: list[dict[str, str]], country_aliases: dict[str, list[str]] | None = None
    ) -> None:
        self.index: PhraseIndex[Place] = PhraseIndex()
        self.countries: dict[str, Place] = {}
        adm_best: dict[tuple[str, str], Place] = {}
        for row in rows:
            try:
                place = Place(
                    name=row["name"],
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    iso3=sys.intern(row["iso3"]),
                    admin1=sys.intern(row["admin1"]),
                    population=int(row["population"] or 0),
                    kind=sys.intern(row["kind"] or "P"),
                    supplement=row.get("_source", "").startswith("places_supplement")
                    or not row.get("_source", "").startswith("places.tsv"),
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"bad place row from {row.get('_source')}: {row}") from exc
            self.index.add(phrase_key(place.name), place)
            alts = [a for a in row.get("alt_names", "").split("|") if a]
            for alt in alts:
                self.index.add(phrase_key(alt), place)
            if place.iso3 in _TRANSLIT_ISO3 and place.kind == "P":
                for alt in _translit_variants(place.name):
                    self.index.add(phrase_key(alt), place)
            if place.admin1 and place.kind == "P":
                key = (place.iso3, place.admin1)
                best = adm_best.get(key)
                if best is None or place.population > best.population:
                    adm_best[key] = place
        # Admin1 regions, represented by their most populous place (ACLED's convention of coding
        # a region to a representative town), and "X province/governorate" forms.
        for (iso3, adm), rep in adm_best.items():
            region = Place(adm, rep.lat, rep.lon, iso3, adm, rep.population, "ADM1")
            base = phrase_key(adm)
            for suffix in ("", "province", "governorate", "region", "state", "oblast", "district"):
                key = base + phrase_key(suffix) if suffix else base
                if suffix or not self.index.get(key):
                    self.index.add(key, region)
        # A country-level event gets the country's representative point: its capital (ACLED
        # codes country-only reports at geo-precision 3 to a representative location).
        capitals = {r["iso3"]: r["capital"] for _n, r in read_tsv(data_dir() / "countries.tsv")}
        for iso3, name in country_names().items():
            lat = lon = None
            cap = capitals.get(iso3)
            if cap:
                same = [
                    p
                    for p in self.index.get(phrase_key(cap))
                    if p.iso3 == iso3 and p.kind == "P" and p.lat is not None
                ]
                if same:
                    best_cap = max(same, key=lambda p: p.population)
                    lat, lon = best_cap.lat, best_cap.lon
            c = Place(name, lat, lon, iso3, "", 10**9, "COUNTRY")
            self.countries[iso3] = c
            self.index.add(phrase_key(name), c)
        for iso3, aliases in (country_aliases or {}).items():
            c = self.countries.get(iso3)
            if c is not None:
                for alias in aliases:
                    self.index.add(phrase_key(alias), c)
        self.index.finalize()

    def choose(
        self, candidates: list[Place], context: dict[str, float] | None = None
    ) -> Place | None:
        """Pick the best candidate: project supplement, then document countries, then size."""
        if not candidates:
            return None
        ctx = context or {}

        def score(p: Place) -> float:
            s = math.log10(p.population + 10)
            if p.kind == "COUNTRY":
                s = 8.0
            if p.supplement:
                s += 6.0
            s += 4.0 * ctx.get(p.iso3, 0.0)
            return s

        return max(candidates, key=score)
