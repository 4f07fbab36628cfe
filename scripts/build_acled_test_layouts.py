"""Write the ACLED layout test files in tests/data/ (acled_layout_*): one per layout users hold.

The column lists are ACLED's published ones (the codebook's 31-column export, and the optional and
legacy columns it lists: disorder_type from 2022, civilian_targeting and tags from about 2022,
population_* on request, data_id, event_id_no_cnty, iso3, gwno and ally_actor_* in older files).
The events are written here for the tests (ACLED forbids republishing its rows); places and
coordinates are real towns, so the country-boundary check passes on every row.

    uv run python scripts/build_acled_test_layouts.py
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"

CURRENT = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
# Exports before 2022: numeric ids and iso3 around the columns, no disorder_type,
# civilian_targeting or tags.
PRE_2022 = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
]
# The oldest names: ally_actor_* for assoc_actor_*, and the Gleditsch-Ward number.
LEGACY_NAMES = [
    {"assoc_actor_1": "ally_actor_1", "assoc_actor_2": "ally_actor_2"}.get(c, c) for c in PRE_2022
] + ["gwno"]
# A curated subset without iso, region, admin3, source_scale, tags, timestamp and the two
# columns added in 2022.
MINIMAL = [
    c
    for c in CURRENT
    if c
    not in {
        "iso",
        "region",
        "admin3",
        "source_scale",
        "tags",
        "timestamp",
        "disorder_type",
        "civilian_targeting",
        "year",
    }
]
POPULATION = [*CURRENT, "population_1km", "population_2km", "population_5km", "population_best"]

INTER_TEXT = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}


def event(
    eid: str, iso: int, iso3: str, gwno: int, region: str, country: str, where: tuple, day: str,
    kind: tuple[str, str, str], actors: tuple, fatalities: int, note: str, ts: int,
) -> dict[str, str]:  # fmt: skip
    admin1, admin2, admin3, location, lat, lon = where
    disorder, event_type, sub_type = kind
    actor1, inter1, actor2, inter2 = actors
    low, high = sorted(int(i) for i in (inter1, inter2 or "0"))
    interaction = str(int(inter1) * 10) if not inter2 else f"{low}{high}"
    return {
        "data_id": str(7_000_000 + ts % 100_000),
        "event_id_cnty": eid,
        "event_id_no_cnty": eid[3:],
        "event_date": day,
        "year": day[:4],
        "time_precision": "1",
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2 or "0",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if "7" in (inter1, inter2) else "",
        "iso": str(iso),
        "region": region,
        "country": country,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": admin3,
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": "1",
        "source": "Example Local News",
        "source_scale": "National",
        "notes": note,
        "fatalities": str(fatalities),
        "tags": "",
        "timestamp": str(ts),
        "iso3": iso3,
        "gwno": str(gwno),
    }


PV, DEM, SD = "Political violence", "Demonstrations", "Strategic developments"
EVENTS_2020 = [
    event("YEM52101", 887, "YEM", 679, "Middle East", "Yemen",
          ("Taizz", "Al Qahirah", "", "Taizz", "13.5795", "44.0209"), "2020-03-15",
          (PV, "Battles", "Armed clash"),
          ("Military Forces of Yemen (2012-)", "1", "Ansar Allah", "2"), 3,
          "On 15 March 2020, government forces and Houthi fighters clashed in Taizz city.",
          1584662400),
    event("NIG16102", 566, "NGA", 475, "Western Africa", "Nigeria",
          ("Borno", "Maiduguri", "", "Maiduguri", "11.8469", "13.1571"), "2020-06-09",
          (PV, "Explosions/Remote violence", "Remote explosive/landmine/IED"),
          ("Unidentified Armed Group (Nigeria)", "3", "Civilians (Nigeria)", "7"), 2,
          "On 9 June 2020, an explosive device went off near a market in Maiduguri.",
          1592179200),
    event("IRQ27103", 368, "IRQ", 645, "Middle East", "Iraq",
          ("Baghdad", "Al Resafa", "", "Baghdad - Tahrir Square", "33.3406", "44.4009"),
          "2020-01-25", (PV + "; " + DEM, "Protests", "Excessive force against protesters"),
          ("Police Forces of Iraq (2018-2020)", "1", "Protesters (Iraq)", "6"), 1,
          "On 25 January 2020, police used live fire to disperse protesters in Baghdad.",
          1580688000),
    event("CHL3104", 152, "CHL", 155, "South America", "Chile",
          ("Santiago Metropolitan", "Santiago", "Santiago", "Santiago", "-33.4569", "-70.6483"),
          "2020-02-28", (DEM, "Riots", "Violent demonstration"),
          ("Rioters (Chile)", "5", "", ""), 0,
          "On 28 February 2020, rioters threw stones at shops in central Santiago.",
          1583193600),
    event("LBN8105", 422, "LBN", 660, "Middle East", "Lebanon",
          ("Beirut", "Beirut", "", "Beirut", "33.8933", "35.5016"), "2020-08-08",
          (DEM, "Protests", "Peaceful protest"), ("Protesters (Lebanon)", "6", "", ""), 0,
          "On 8 August 2020, thousands rallied in Beirut after the port explosion.",
          1597622400),
    event("IND73106", 356, "IND", 750, "South Asia", "India",
          ("Delhi", "North East", "", "Delhi - Jaffrabad", "28.6833", "77.2833"), "2020-02-24",
          (PV, "Riots", "Mob violence"), ("Rioters (India)", "5", "Civilians (India)", "7"), 4,
          "On 24 February 2020, a mob attacked residents in north-east Delhi.", 1583280000),
    event("MEX11107", 484, "MEX", 70, "Middle America", "Mexico",
          ("Sinaloa", "Culiacan", "", "Culiacan", "24.7994", "-107.3897"), "2020-11-03",
          (SD, "Strategic developments", "Arrests"),
          ("Military Forces of Mexico (2018-2024)", "1", "Civilians (Mexico)", "7"), 0,
          "On 3 November 2020, soldiers arrested a man in Culiacan.", 1604966400),
    event("AFG45108", 4, "AFG", 700, "South Asia", "Afghanistan",
          ("Kabul", "Kabul", "", "Kabul", "34.5289", "69.1725"), "2020-05-12",
          (PV, "Violence against civilians", "Attack"),
          ("Unidentified Armed Group (Afghanistan)", "3", "Civilians (Afghanistan)", "7"), 24,
          "On 12 May 2020, gunmen attacked a maternity ward in Kabul.", 1589846400),
]  # fmt: skip
EVENTS_2024 = [
    event("USA80201", 840, "USA", 2, "North America", "United States",
          ("Alaska", "North Slope", "", "Utqiagvik", "71.2906", "-156.7887"), "2024-06-02",
          (DEM, "Protests", "Peaceful protest"), ("Protesters (United States)", "6", "", ""), 0,
          "On 2 June 2024, residents of Utqiagvik rallied against a drilling permit.", 1718064000),
    event("NOR202", 578, "NOR", 385, "Europe", "Norway",
          ("Finnmark", "Sor-Varanger", "", "Kirkenes", "69.7271", "30.0450"), "2024-05-20",
          (DEM, "Protests", "Peaceful protest"), ("Protesters (Norway)", "6", "", ""), 0,
          "On 20 May 2024, fishermen held a rally in Kirkenes.", 1716854400),
    event("RUS90203", 643, "RUS", 365, "Europe", "Russia",
          ("Chukotka", "Anadyrskiy", "", "Anadyr", "64.7337", "177.5089"), "2024-04-11",
          (SD, "Strategic developments", "Arrests"),
          ("Police Forces of Russia (2000-)", "1", "Civilians (Russia)", "7"), 0,
          "On 11 April 2024, police detained an activist in Anadyr.", 1713398400),
    event("FJI204", 242, "FJI", 950, "Oceania", "Fiji",
          ("Northern", "Cakaudrove", "", "Rabi Island", "-16.4833", "-179.9833"), "2024-03-05",
          (DEM, "Protests", "Peaceful protest"), ("Protesters (Fiji)", "6", "", ""), 0,
          "On 5 March 2024, islanders on Rabi held a march over land rights.", 1710201600),
]  # fmt: skip


def write_csv(name: str, columns: list[str], rows: list[dict[str, str]], **forms: bool) -> None:
    with (DATA / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            row = dict(row, **_population(row)) if "population_best" in columns else dict(row)
            if forms.get("website_dates"):
                row["event_date"] = _website_date(row["event_date"])
            if forms.get("text_inter"):
                row.update(_text_inter(row))
            source = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
            writer.writerow([row[source.get(c, c)] for c in columns])


def _population(row: dict[str, str]) -> dict[str, str]:
    base = int(row["timestamp"]) % 9000 + 1000
    return {
        "population_1km": str(base),
        "population_2km": str(base * 3),
        "population_5km": str(base * 11),
        "population_best": str(base * 11),
    }


def _website_date(iso: str) -> str:
    import datetime as dt

    day = dt.date.fromisoformat(iso)
    return f"{day.day:02d} {day.strftime('%B')} {day.year}"


def _text_inter(row: dict[str, str]) -> dict[str, str]:
    one, two = row["inter1"], row["inter2"]
    label = INTER_TEXT[one] + " only" if two == "0" else None
    if label is None:
        low, high = sorted((one, two))
        label = f"{INTER_TEXT[low]}-{INTER_TEXT[high]}"
    return {"inter1": INTER_TEXT[one], "inter2": INTER_TEXT.get(two, ""), "interaction": label}


def main() -> None:
    write_csv("acled_layout_2020_no_disorder_type.csv", PRE_2022, EVENTS_2020, website_dates=True)
    write_csv("acled_layout_legacy_names_gwno.csv", LEGACY_NAMES, EVENTS_2020[:4])
    write_csv("acled_layout_minimal_subset.csv", MINIMAL, EVENTS_2020[4:] + EVENTS_2024)
    write_csv("acled_layout_population_text_inter.csv", POPULATION, EVENTS_2024, text_inter=True)
    # The API (api.acleddata.com, v3 and later) answers with every value as a string.
    records = [{c: row[c] for c in [*CURRENT, "iso3"]} for row in EVENTS_2024]
    records[1]["fatalities"] = 0  # some clients and older API versions send numbers
    records[1]["latitude"] = float(records[1]["latitude"])
    answer = {
        "status": 200,
        "success": True,
        "last_update": 1,
        "count": len(records),
        "messages": [],
        "data": records,
        "filename": "2024-acled-example",
    }
    text = json.dumps(answer, ensure_ascii=False, indent=1) + "\n"
    (DATA / "acled_layout_api_response.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
