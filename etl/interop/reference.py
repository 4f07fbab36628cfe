"""Reference lookups the readers and writers need, read once from the bundled ``schema/data``.

The database holds the same tables (loaded by migrations from the same files); reading the
package files keeps readers free of I/O against the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from schema.reference_data import read_reference_rows


@dataclass(frozen=True, slots=True)
class AcledCountry:
    country: str
    iso3: str
    iso_numeric: int | None
    region: str


@lru_cache(maxsize=1)
def acled_countries() -> tuple[AcledCountry, ...]:
    """ACLED's countries with ISO3 and ISO numeric codes."""
    return tuple(
        AcledCountry(
            country=str(row["country"]),
            iso3=str(row["iso3"]),
            iso_numeric=int(row["iso_numeric"]) if row["iso_numeric"] else None,
            region=str(row["region"]),
        )
        for row in read_reference_rows("acled_countries.tsv")
    )


@lru_cache(maxsize=1)
def iso3_by_acled_country() -> dict[str, str]:
    """ACLED country name (lower case) -> ISO3."""
    return {c.country.lower(): c.iso3 for c in acled_countries()}


@lru_cache(maxsize=1)
def iso3_by_numeric() -> dict[int, str]:
    """ISO 3166-1 numeric -> ISO3, for ACLED's ``iso`` column."""
    return {c.iso_numeric: c.iso3 for c in acled_countries() if c.iso_numeric is not None}


@lru_cache(maxsize=1)
def iso3_by_fips() -> dict[str, str]:
    """FIPS 10-4 country code (GDELT geo fields) -> ISO3."""
    return {
        str(row["fips"]): str(row["iso3"])
        for row in read_reference_rows("fips_countries.tsv")
        if row["iso3"]
    }


@lru_cache(maxsize=1)
def inter_text_labels() -> dict[int, str]:
    """ACLED inter code -> the 2024+ text label (``State forces``, ``Civilians`` ...)."""
    return {
        int(str(row["code"])): str(row["text_label"])
        for row in read_reference_rows("acled_inter_codes.tsv")
        if row["text_label"]
    }


@lru_cache(maxsize=1)
def inter_codes_by_label() -> dict[str, int]:
    """Both label forms (2024+ text and the older codebook's), lower case -> inter code."""
    codes: dict[str, int] = {}
    for row in read_reference_rows("acled_inter_codes.tsv"):
        code = int(str(row["code"]))
        for label in (row["label"], row["text_label"]):
            if label and not label.startswith("("):
                codes[label.lower()] = code
    return codes


def interaction_text(inter1: int | None, inter2: int | None) -> str | None:
    """The 2024+ text form of an interaction: ``State forces-Civilians`` or ``Rioters only``."""
    labels = inter_text_labels()
    if inter1 is None or inter1 not in labels:
        return None
    if not inter2:
        return f"{labels[inter1]} only"
    if inter2 not in labels:
        return None
    low, high = sorted((inter1, inter2))
    return f"{labels[low]}-{labels[high]}"


def interaction_from_text(value: str) -> int | None:
    """The numeric interaction for a text form, or ``None`` when it is not one."""
    codes = inter_codes_by_label()
    text = value.strip().lower()
    if text.endswith(" only"):
        code = codes.get(text.removesuffix(" only").strip())
        return code * 10 if code else None
    parts = text.split("-")
    if len(parts) != 2:
        return None
    first, second = codes.get(parts[0].strip()), codes.get(parts[1].strip())
    if not first or not second:
        return None
    low, high = sorted((first, second))
    return low * 10 + high
