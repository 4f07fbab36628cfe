"""Country boundaries: is a point in the country it is said to be in?

The shapes are Natural Earth's 1:10m admin-0 countries, simplified to about 2 km and shipped in
``data/country_shapes.tsv.gz`` (built by ``scripts/build_country_shapes.py``; see ``NOTICE``).
Every territory of a country is part of its shape (Alaska and Hawaii in the USA, French Guiana
and Reunion in France, the Chatham Islands in New Zealand), and shapes are split at the
antimeridian, so Russia's and Fiji's points on either side of 180 degrees are inside.

A point counts as in its country when it lies within :data:`TOLERANCE_DEGREES` of the shape:
a country's territorial sea reaches 12 nautical miles (22 km, 0.2 degree) past its coast, where
sources put ports, islands' and states' centroids and events at sea; the simplified coast and
border are another 2 km off.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

SHAPES_FILE = Path(__file__).with_name("data") / "country_shapes.tsv.gz"
#: How far outside a shape (in degrees; 0.25 is 28 km at the equator) still counts as in.
TOLERANCE_DEGREES = 0.25


@cache
def country_shapes() -> dict[str, BaseGeometry]:
    """ISO3 -> the country's (prepared) shape, for every country in the shipped file."""
    shapes: dict[str, BaseGeometry] = {}
    with gzip.open(SHAPES_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            iso3, wkt = line.rstrip("\n").split("\t", 1)
            shape = shapely.from_wkt(wkt)
            shapely.prepare(shape)
            shapes[iso3] = shape
    return shapes


def point_in_country(iso3: str | None, lat: float | None, lon: float | None) -> bool | None:
    """Whether (lat, lon) lies in the country ``iso3`` (within :data:`TOLERANCE_DEGREES`).

    Returns:
        ``None`` when there is nothing to say: no country, no coordinates, or no shape for it.
    """
    if iso3 is None or lat is None or lon is None:
        return None
    return points_in_country([iso3], [lat], [lon])[0]


def points_in_country(
    iso3s: Sequence[str | None], lats: Sequence[float | None], lons: Sequence[float | None]
) -> list[bool | None]:
    """:func:`point_in_country` for many points at once (one vectorised test per country).

    Raises:
        ValueError: the three sequences differ in length.
    """
    if not len(iso3s) == len(lats) == len(lons):
        raise ValueError("iso3s, lats and lons must have the same length")
    shapes = country_shapes()
    result: list[bool | None] = [None] * len(iso3s)
    by_country: dict[str, list[int]] = {}
    for index, (iso3, lat, lon) in enumerate(zip(iso3s, lats, lons, strict=True)):
        if iso3 in shapes and lat is not None and lon is not None:
            by_country.setdefault(iso3, []).append(index)
    for iso3, indexes in by_country.items():
        points = shapely.points(
            np.array([lons[i] for i in indexes], dtype=float),
            np.array([lats[i] for i in indexes], dtype=float),
        )
        inside = shapely.dwithin(shapes[iso3], points, TOLERANCE_DEGREES)
        for index, flag in zip(indexes, inside.tolist(), strict=True):
            result[index] = bool(flag)
    return result
