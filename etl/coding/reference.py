"""Code tables other parts of eventetl validate against (CAMEO, QuadClass, ACLED, countries)."""

from __future__ import annotations

from functools import cache

from etl.coding.dictionaries import data_dir, read_tsv

# ACLED inter codes (codebook): 0 none, 1 state ... 8 external/other.
ACLED_INTER_LABELS: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}


@cache
def cameo_event_codes() -> dict[str, tuple[str, float | None]]:
    """CAMEO event code (string, leading zeros kept) -> (label, Goldstein value or None)."""
    out: dict[str, tuple[str, float | None]] = {}
    for _n, row in read_tsv(data_dir() / "cameo_event_codes.tsv"):
        g = row["goldstein"]
        out[row["code"]] = (row["label"], float(g) if g else None)
    return out


def quad_class_for_root(root: str) -> int:
    """QuadClass of a two-digit CAMEO root: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4.

    Raises:
        ValueError: if ``root`` is not one of "01" .. "20".
    """
    if len(root) != 2 or not root.isdigit() or not 1 <= int(root) <= 20:
        raise ValueError(f"not a CAMEO root code: {root!r} (expected '01'..'20')")
    n = int(root)
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4


@cache
def acled_taxonomy() -> list[tuple[str, str, str]]:
    """(disorder_type, event_type, sub_event_type) for ACLED's 25 sub-event types."""
    return [
        (r["disorder_type"], r["event_type"], r["sub_event_type"])
        for _n, r in read_tsv(data_dir() / "acled_taxonomy.tsv")
    ]


@cache
def acled_sub_event_index() -> dict[str, tuple[str, str]]:
    """Sub-event type -> (disorder_type, event_type)."""
    return {sub: (dis, ev) for dis, ev, sub in acled_taxonomy()}


@cache
def country_names() -> dict[str, str]:
    """ISO3 -> English country name (GeoNames)."""
    return {r["iso3"]: r["name"] for _n, r in read_tsv(data_dir() / "countries.tsv")}


@cache
def country_bboxes() -> dict[str, tuple[float, float, float, float]]:
    """ISO3 -> (min_lat, min_lon, max_lat, max_lon) over all gazetteer places, padded 0.5 deg."""
    boxes: dict[str, list[float]] = {}
    for name in ("places.tsv.gz", "places_supplement.tsv"):
        for _n, r in read_tsv(data_dir() / name):
            lat, lon, iso = float(r["lat"]), float(r["lon"]), r["iso3"]
            b = boxes.get(iso)
            if b is None:
                boxes[iso] = [lat, lon, lat, lon]
            else:
                b[0], b[1] = min(b[0], lat), min(b[1], lon)
                b[2], b[3] = max(b[2], lat), max(b[3], lon)
    pad = 0.5
    return {
        iso: (
            max(-90.0, b[0] - pad),
            max(-180.0, b[1] - pad),
            min(90.0, b[2] + pad),
            min(180.0, b[3] + pad),
        )
        for iso, b in boxes.items()
    }
