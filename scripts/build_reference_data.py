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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
