"""Rebuild schema/data/*.tsv, the reference tables loaded by migrations, from ../shared/reference.

Run from the repository root: ``uv run python scripts/build_reference_data.py``. The product never
reads ../shared; this script copies the facts into the project's own format.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
OUT = Path(__file__).resolve().parents[1] / "schema" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_tsv(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def quad_class(root: str) -> int:
    number = int(root)
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    if number <= 14:
        return 3
    return 4


def main() -> int:
    if not SHARED.is_dir():
        print(f"reference folder not found: {SHARED}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)

    goldstein = {
        row["CAMEOEVENTCODE"]: row["GOLDSTEINSCALE"]
        for row in read_tsv(SHARED / "cameo" / "CAMEO.goldsteinscale.txt")
    }
    events = []
    for row in read_tsv(SHARED / "cameo" / "CAMEO.eventcodes.txt"):
        code = row["CAMEOEVENTCODE"]
        label = row["EVENTDESCRIPTION"].strip()
        events.append(
            [
                code,
                label,
                code[:2],
                code[:3] if len(code) >= 3 else "",
                quad_class(code[:2]),
                goldstein.get(code, ""),
            ]
        )
    write_tsv(
        "cameo_event_codes.tsv",
        ["code", "label", "root_code", "base_code", "quad_class", "goldstein"],
        events,
    )

    for source, target in (
        ("CAMEO.type.txt", "cameo_actor_types.tsv"),
        ("CAMEO.country.txt", "cameo_countries.tsv"),
    ):
        labels: dict[str, str] = {}
        for row in read_tsv(SHARED / "cameo" / source):
            # GDELT's lookups repeat a few codes; the first label wins.
            labels.setdefault(row["CODE"], row["LABEL"].strip())
        write_tsv(target, ["code", "label"], [[code, label] for code, label in labels.items()])

    taxonomy = read_csv(SHARED / "acled" / "acled_event_taxonomy.csv")
    write_tsv(
        "acled_sub_event_types.tsv",
        ["sub_event_type", "event_type", "disorder_type"],
        [[r["sub_event_type"], r["event_type"], r["disorder_type"]] for r in taxonomy],
    )

    inter = read_csv(SHARED / "acled" / "acled_inter_codes.csv")
    write_tsv(
        "acled_inter_codes.tsv",
        ["code", "label", "text_label"],
        [
            [r["inter_code"], r["label_codebook_numeric_era"], r["label_api_text_form"]]
            for r in inter
        ],
    )
    build_interop_tables()
    return 0


# ISO 3166-1 numeric codes by alpha-3 code (facts from ISO 3166-1 / UN M49; the shared reference
# has no numeric codes and Python's standard library has none). Kosovo (XKX) has no ISO code.
ISO_NUMERIC = {
    "AFG": 4, "ALA": 248, "ALB": 8, "DZA": 12, "ASM": 16, "AND": 20, "AGO": 24, "AIA": 660,
    "ATA": 10, "ATG": 28, "ARG": 32, "ARM": 51, "ABW": 533, "AUS": 36, "AUT": 40, "AZE": 31,
    "BHS": 44, "BHR": 48, "BGD": 50, "BRB": 52, "BLR": 112, "BEL": 56, "BLZ": 84, "BEN": 204,
    "BMU": 60, "BTN": 64, "BOL": 68, "BES": 535, "BIH": 70, "BWA": 72, "BVT": 74, "BRA": 76,
    "IOT": 86, "BRN": 96, "BGR": 100, "BFA": 854, "BDI": 108, "CPV": 132, "KHM": 116,
    "CMR": 120, "CAN": 124, "CYM": 136, "CAF": 140, "TCD": 148, "CHL": 152, "CHN": 156,
    "CXR": 162, "CCK": 166, "COL": 170, "COM": 174, "COG": 178, "COD": 180, "COK": 184,
    "CRI": 188, "CIV": 384, "HRV": 191, "CUB": 192, "CUW": 531, "CYP": 196, "CZE": 203,
    "DNK": 208, "DJI": 262, "DMA": 212, "DOM": 214, "ECU": 218, "EGY": 818, "SLV": 222,
    "GNQ": 226, "ERI": 232, "EST": 233, "SWZ": 748, "ETH": 231, "FLK": 238, "FRO": 234,
    "FJI": 242, "FIN": 246, "FRA": 250, "GUF": 254, "PYF": 258, "ATF": 260, "GAB": 266,
    "GMB": 270, "GEO": 268, "DEU": 276, "GHA": 288, "GIB": 292, "GRC": 300, "GRL": 304,
    "GRD": 308, "GLP": 312, "GUM": 316, "GTM": 320, "GGY": 831, "GIN": 324, "GNB": 624,
    "GUY": 328, "HTI": 332, "HMD": 334, "VAT": 336, "HND": 340, "HKG": 344, "HUN": 348,
    "ISL": 352, "IND": 356, "IDN": 360, "IRN": 364, "IRQ": 368, "IRL": 372, "IMN": 833,
    "ISR": 376, "ITA": 380, "JAM": 388, "JPN": 392, "JEY": 832, "JOR": 400, "KAZ": 398,
    "KEN": 404, "KIR": 296, "PRK": 408, "KOR": 410, "KWT": 414, "KGZ": 417, "LAO": 418,
    "LVA": 428, "LBN": 422, "LSO": 426, "LBR": 430, "LBY": 434, "LIE": 438, "LTU": 440,
    "LUX": 442, "MAC": 446, "MDG": 450, "MWI": 454, "MYS": 458, "MDV": 462, "MLI": 466,
    "MLT": 470, "MHL": 584, "MTQ": 474, "MRT": 478, "MUS": 480, "MYT": 175, "MEX": 484,
    "FSM": 583, "MDA": 498, "MCO": 492, "MNG": 496, "MNE": 499, "MSR": 500, "MAR": 504,
    "MOZ": 508, "MMR": 104, "NAM": 516, "NRU": 520, "NPL": 524, "NLD": 528, "NCL": 540,
    "NZL": 554, "NIC": 558, "NER": 562, "NGA": 566, "NIU": 570, "NFK": 574, "MKD": 807,
    "MNP": 580, "NOR": 578, "OMN": 512, "PAK": 586, "PLW": 585, "PSE": 275, "PAN": 591,
    "PNG": 598, "PRY": 600, "PER": 604, "PHL": 608, "PCN": 612, "POL": 616, "PRT": 620,
    "PRI": 630, "QAT": 634, "REU": 638, "ROU": 642, "RUS": 643, "RWA": 646, "BLM": 652,
    "SHN": 654, "KNA": 659, "LCA": 662, "MAF": 663, "SPM": 666, "VCT": 670, "WSM": 882,
    "SMR": 674, "STP": 678, "SAU": 682, "SEN": 686, "SRB": 688, "SYC": 690, "SLE": 694,
    "SGP": 702, "SXM": 534, "SVK": 703, "SVN": 705, "SLB": 90, "SOM": 706, "ZAF": 710,
    "SGS": 239, "SSD": 728, "ESP": 724, "LKA": 144, "SDN": 729, "SUR": 740, "SJM": 744,
    "SWE": 752, "CHE": 756, "SYR": 760, "TWN": 158, "TJK": 762, "TZA": 834, "THA": 764,
    "TLS": 626, "TGO": 768, "TKL": 772, "TON": 776, "TTO": 780, "TUN": 788, "TUR": 792,
    "TKM": 795, "TCA": 796, "TUV": 798, "UGA": 800, "UKR": 804, "ARE": 784, "GBR": 826,
    "USA": 840, "UMI": 581, "URY": 858, "UZB": 860, "VUT": 548, "VEN": 862, "VNM": 704,
    "VGB": 92, "VIR": 850, "WLF": 876, "ESH": 732, "YEM": 887, "ZMB": 894, "ZWE": 716,
}  # fmt: skip

# ACLED country names that neither GDELT's FIPS table nor ICEWS spells the same way.
ACLED_NAME_TO_ISO3 = {
    "Bailiwick of Guernsey": "GGY",
    "Bailiwick of Jersey": "JEY",
    "Caribbean Netherlands": "BES",
    "East Timor": "TLS",
    "Republic of Congo": "COG",
    "Saint Helena, Ascension and Tristan da Cunha": "SHN",
    "Saint-Barthelemy": "BLM",
    "Saint-Martin": "MAF",
    "United States Minor Outlying Islands": "UMI",
    "Vatican City": "VAT",
    "Virgin Islands, U.S.": "VIR",
}

# FIPS 10-4 codes GDELT uses that py-gdelt's table lacks (FIPS 10-4: GZ is the Gaza Strip).
FIPS_SUPPLEMENT = [("GZ", "PSE", "PS", "Gaza Strip")]


def build_interop_tables() -> None:
    """CAMEO actor attribute lookups, FIPS to ISO, and ACLED regions and countries."""
    for source, target in (
        ("CAMEO.knowngroup.txt", "cameo_known_groups.tsv"),
        ("CAMEO.ethnic.txt", "cameo_ethnic_groups.tsv"),
        ("CAMEO.religion.txt", "cameo_religions.tsv"),
    ):
        labels: dict[str, str] = {}
        for row in read_tsv(SHARED / "cameo" / source):
            labels.setdefault(row["CODE"].strip(), row["LABEL"].strip())
        write_tsv(target, ["code", "label"], [[code, label] for code, label in labels.items()])

    fips_rows = read_csv(SHARED / "cameo" / "fips_country_to_iso.csv")
    fips: list[list[object]] = []
    preferred_seen: set[str] = set()
    for row in fips_rows:
        iso3 = row["iso3"].strip()
        # One FIPS code per ISO3 is the one written on export (the first listed).
        preferred = bool(iso3) and iso3 not in preferred_seen
        preferred_seen.add(iso3)
        fips.append([row["fips"], iso3, row["iso2"], row["name"], "1" if preferred else "0"])
    for code, iso3, iso2, name in FIPS_SUPPLEMENT:
        fips.append([code, iso3, iso2, name, "0"])
    write_tsv("fips_countries.tsv", ["fips", "iso3", "iso2", "name", "preferred"], fips)

    regions = read_csv(SHARED / "acled" / "acled_regions.csv")
    write_tsv(
        "acled_regions.tsv",
        ["code", "name", "first_event_date"],
        [[r["region"], r["region_name"], r["first_event_date"]] for r in regions],
    )

    by_name = {row["name"].lower(): row["iso3"] for row in fips_rows if row["iso3"]}
    countries = []
    for row in read_csv(SHARED / "acled" / "acled_countries.csv"):
        name = row["country"]
        iso3 = ACLED_NAME_TO_ISO3.get(name) or by_name.get(name.lower())
        if iso3 is None:
            iso3 = _icews_iso3(name)
        if iso3 is None or (iso3 not in ISO_NUMERIC and iso3 != "XKX"):
            raise SystemExit(f"acled_countries.csv: no ISO3 code for {name!r}; add it above")
        numeric = ISO_NUMERIC.get(iso3, "")
        countries.append([name, iso3, numeric, row["region"], row["start_year"]])
    write_tsv(
        "acled_countries.tsv",
        ["country", "iso3", "iso_numeric", "region", "start_year"],
        countries,
    )


def _icews_iso3(name: str) -> str | None:
    path = SHARED / "cameo" / "ICEWS.countrynames_to_ISO_COW.txt"
    with path.open(encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t"):
            if fields and fields[0].lower() == name.lower() and fields[1] in ISO_NUMERIC:
                return fields[1]
    return None


if __name__ == "__main__":
    raise SystemExit(main())
