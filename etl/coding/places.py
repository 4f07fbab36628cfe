"""Gazetteer: place names -> coordinates, admin1, country; context-aware disambiguation."""

from __future__ import annotations

import math
from dataclasses import dataclass

from etl.coding.phrases import PhraseIndex, phrase_key
from etl.coding.reference import country_names


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
                    iso3=row["iso3"],
                    admin1=row["admin1"],
                    population=int(row["population"] or 0),
                    kind=row["kind"] or "P",
                    supplement=row.get("_source", "").startswith("places_supplement")
                    or not row.get("_source", "").startswith("places.tsv"),
                )
            except (KeyError, ValueError) as exc:
                raise ValueError(f"bad place row from {row.get('_source')}: {row}") from exc
            self.index.add(phrase_key(place.name), place)
            for alt in row.get("alt_names", "").split("|"):
                if alt:
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
        for iso3, name in country_names().items():
            c = Place(name, None, None, iso3, "", 10**9, "COUNTRY")
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
