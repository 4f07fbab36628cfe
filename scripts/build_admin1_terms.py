"""Write etl/coding/data/admin1_terms.tsv: the words each country uses for its first-level
administrative units ("state" in Nigeria, "department" in Benin), from ISO 3166-2 subdivision
categories as the pycountry package carries them.

Usage::

    uv run --with pycountry python scripts/build_admin1_terms.py

The geocoder reads the file to prefer, for "Plateau state", the unit of a country whose
first-level units are states. "oblast" is added where ISO's English category is "region" for
units called oblasts in news English (our curation).
"""

from __future__ import annotations

import collections
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "etl" / "coding" / "data" / "admin1_terms.tsv"
OBLAST_COUNTRIES = {"UKR", "RUS", "BLR", "KAZ", "KGZ", "BGR"}


def main() -> None:
    terms: dict[str, set[str]] = collections.defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue  # first-level units only
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        word = sub.type.lower().split()[-1]
        terms[country.alpha_3].add(word)
        if word == "region" and country.alpha_3 in OBLAST_COUNTRIES:
            terms[country.alpha_3].add("oblast")
    lines = [
        "# The words a country uses for its first-level administrative units (lower case),",
        "# from ISO 3166-2 subdivision categories (pycountry); see scripts/build_admin1_terms.py.",
        "iso3\tterms",
    ]
    lines += [f"{iso3}\t{' '.join(sorted(words))}" for iso3, words in sorted(terms.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(terms)} countries -> {OUT}")


if __name__ == "__main__":
    main()
