"""Evaluate the geocoder: the coder's event locations on the ACLED-style dev set, and lookups.

Usage::

    uv run python bench/eval_geo.py [--ids even|odd|all] [--shared ../shared] [--lookups 600]

Part 1 (dev set): every gold event of ``acled_style_dev.jsonl`` with coordinates, in the records
selected by ``--ids`` (odd ids are for tuning, even ids are reported), is matched to the coder's
located event of the same record nearest to it (one predicted event may match several gold ones;
a record with no located prediction counts as a miss). Printed: the share within 10 km and
50 km, admin1 right (compared after folding case, accents, hyphens and ACLED's spellings), geo
precision right, the wrong-country rate among matched events, and the ten worst misses with the
geocoder's reasons for the place it chose.

Part 2 (lookups, skipped when ``etl.geo`` is absent): ``--lookups`` "town, district, province"
strings made from the gazetteer for conflict-affected countries (a seeded sample, so every run
uses the same strings; the district part only where GeoNames has one), resolved alone by
:func:`etl.geo.geocode`. Printed: within 10 km and 50 km of the town, admin1 right, wrong country.

This script may read ../shared/ (the product never does).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from etl.coding import Coder
from etl.records import Document

CONFLICT_ISO3 = [
    "AFG",
    "BFA",
    "CAF",
    "CMR",
    "COD",
    "COL",
    "ETH",
    "HTI",
    "IRQ",
    "ISR",
    "LBN",
    "LBY",
    "MLI",
    "MMR",
    "MOZ",
    "NER",
    "NGA",
    "PAK",
    "PSE",
    "SDN",
    "SOM",
    "SSD",
    "SYR",
    "UKR",
    "YEM",
]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def fold(name: str | None) -> str:
    """Admin1 name folded for comparison: no accents, case, punctuation or type words."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(province|governorate|region|state|oblast|district|city)\b", " ", s)
    return re.sub(r"[^a-z]", "", s)


def admin1_equal(gold: str | None, pred: str | None) -> bool:
    """Same admin1 after folding (ACLED's spelling is what the geocoder should emit)."""
    return bool(gold) and fold(gold) == fold(pred)


def _selected(rec_id: str, which: str) -> bool:
    num = int(rec_id.split("-")[1])
    return which == "all" or (num % 2 == 0) == (which == "even")


def eval_dev(path: Path, which: str, worst_n: int = 10) -> None:
    """Part 1: the coder's event locations against the dev set's gold locations."""
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    recs = [r for r in recs if _selected(r["id"], which)]
    recs = [r for r in recs if any(e.get("latitude") is not None for e in r["events"])]
    coder = Coder()
    docs = [
        Document(id=r["id"], text=r["text"], published=date.fromisoformat(r["published"]))
        for r in recs
    ]
    rows: list[dict[str, Any]] = []
    for r, (_d, events) in zip(recs, coder.code_documents(docs), strict=True):
        located = [e for e in events if e.latitude is not None and e.longitude is not None]
        for g in r["events"]:
            if g.get("latitude") is None:
                continue
            best, best_km = None, math.inf
            for e in located:
                dist = km(g["latitude"], g["longitude"], e.latitude, e.longitude)
                if dist < best_km:
                    best, best_km = e, dist
            rows.append({"rec": r, "gold": g, "pred": best, "km": best_km, "n_events": len(events)})
    n = len(rows)
    matched = [x for x in rows if x["pred"] is not None]

    def share(cond: Any) -> float:
        return sum(1 for x in rows if cond(x)) / n if n else 0.0

    print(f"\n== dev set ({which} ids): {n} located gold events in {len(recs)} records ==")
    print(f"located by the coder:   {len(matched)}/{n} = {len(matched) / n:.3f}")
    no_event = sum(1 for x in rows if x["pred"] is None and not x["n_events"])
    print(f"  misses with no event coded at all (event detection, not geocoding): {no_event}")
    print(f"within 10 km:           {share(lambda x: x['km'] <= 10):.3f}")
    print(f"within 50 km:           {share(lambda x: x['km'] <= 50):.3f}")
    adm_ok = share(
        lambda x: x["pred"] is not None and admin1_equal(x["gold"]["admin1"], x["pred"].admin1)
    )
    prec_ok = share(
        lambda x: x["pred"] is not None and x["pred"].geo_precision == x["gold"]["geo_precision"]
    )
    print(f"admin1 right:           {adm_ok:.3f}")
    print(f"precision right:        {prec_ok:.3f}")
    pairs = Counter(
        (x["gold"]["geo_precision"], x["pred"].geo_precision) for x in matched if x["km"] <= 50
    )
    print(
        "  precision gold->predicted (matched within 50 km): "
        + ", ".join(f"{g}->{p}: {c}" for (g, p), c in sorted(pairs.items()))
    )
    wrong = [x for x in matched if x["pred"].iso3 != x["gold"]["iso3"]]
    print(f"wrong country:          {len(wrong)}/{n} = {len(wrong) / n:.3f} of located gold events")
    print(f"{worst_n} worst misses (gold -> predicted, km, reasons):")
    worst = sorted(rows, key=lambda x: -x["km"] if x["pred"] is not None else -1e9)
    unlocated = [x for x in rows if x["pred"] is None]
    worst = unlocated[: max(1, worst_n // 3)] + [
        x for x in worst if x["pred"] is not None and x["km"] > 50
    ]
    worst += unlocated[max(1, worst_n // 3) :]
    for x in worst[:worst_n]:
        g, p = x["gold"], x["pred"]
        gold = f"{g['location']} ({g['admin1']}, {g['iso3']}, p{g['geo_precision']})"
        if p is None:
            why = "no event coded" if not x["n_events"] else "events without a place"
            print(f"  {x['rec']['id']}: {gold} -> nothing located ({why})")
            continue
        why = _reasons(p)
        print(
            f"  {x['rec']['id']}: {gold} -> {p.location} ({p.admin1}, {p.iso3}, "
            f"p{p.geo_precision}) {x['km']:.0f} km{why}"
        )


def _reasons(event: Any) -> str:
    try:
        from etl.geo import geocode
    except ImportError:
        return ""
    res = geocode(event.location or "")
    return f" | alone: {res.reasons_text()}" if res is not None else ""


@dataclass(frozen=True)
class Town:
    """A gazetteer row to look up."""

    name: str
    admin2: str
    admin1: str
    iso3: str
    lat: float
    lon: float


def eval_lookups(count: int) -> None:
    """Part 2: "town, district, province" strings generated from the gazetteer."""
    try:
        from etl.geo import geocode, load_gazetteer
    except ImportError:
        print("\n(lookups skipped: etl.geo not present)")
        return
    from etl.coding.dictionaries import data_dir, read_tsv
    from etl.geo.gazetteer import acled_admin1_names, admin1_seats, admin1_splits

    gaz = load_gazetteer()
    acled = acled_admin1_names()
    splits, seats = admin1_splits(), admin1_seats()

    def current_admin1(r: dict[str, str]) -> str:
        # The province as ACLED names it today (units divided since GeoNames' data included).
        from etl.geo.gazetteer import _acled_admin1

        lat, lon = float(r["lat"]), float(r["lon"])
        return _acled_admin1(r["iso3"], r["admin1"], lat, lon, acled, splits, seats)

    pool = [
        Town(
            r["name"],
            r["admin2"],
            current_admin1(r),
            r["iso3"],
            float(r["lat"]),
            float(r["lon"]),
        )
        for _n, r in read_tsv(data_dir() / "places.tsv.gz")
        if r["iso3"] in CONFLICT_ISO3 and r["admin1"]
    ]
    rng = random.Random(14)
    sample = rng.sample(pool, min(count, len(pool)))
    ok10 = ok50 = adm = wrong_c = 0
    misses = []
    for p in sample:
        parts = [p.name] + ([p.admin2] if p.admin2 else []) + [p.admin1]
        query = ", ".join(parts)
        res = geocode(query, gazetteer=gaz)
        if res is None:
            misses.append((query, None, math.inf))
            continue
        if res.lat is None or res.lon is None:
            misses.append((query, res, math.inf))
            continue
        d = km(p.lat, p.lon, res.lat, res.lon)
        ok10 += d <= 10
        ok50 += d <= 50
        adm += admin1_equal(p.admin1, res.admin1)
        wrong_c += res.iso3 != p.iso3
        if d > 10:
            misses.append((query, res, d))
    n = len(sample)
    title = f"{n} 'town[, district], province' strings ({len(CONFLICT_ISO3)} countries)"
    print(f"\n== lookups: {title} ==")
    print(f"within 10 km: {ok10 / n:.3f}   within 50 km: {ok50 / n:.3f}")
    print(f"admin1 right: {adm / n:.3f}   wrong country: {wrong_c / n:.3f}")
    print("some misses:")
    for q, res, d in sorted(misses, key=lambda m: -m[2])[:10]:
        got = "nothing" if res is None else f"{res.name} ({res.admin1}, {res.iso3}) {d:.0f} km"
        print(f"  {q!r} -> {got}")


def main() -> None:
    """Run both parts."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--ids", choices=("even", "odd", "all"), default="even")
    ap.add_argument("--lookups", type=int, default=600)
    ap.add_argument("--skip-dev", action="store_true")
    ap.add_argument("--worst", type=int, default=10, help="how many worst misses to print")
    args = ap.parse_args()
    if not args.skip_dev:
        eval_dev(args.shared / "eval" / "acled_style_dev.jsonl", args.ids, args.worst)
    if args.lookups:
        eval_lookups(args.lookups)


if __name__ == "__main__":
    main()
