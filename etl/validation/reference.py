"""Reference values the suite checks against: CAMEO codes and the ACLED taxonomy.

Country boundaries are in :mod:`etl.validation.geometry`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from schema.reference_data import read_reference_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    base: str | None
    quad_class: int
    goldstein: float | None


@dataclass(frozen=True, slots=True)
class AcledSubType:
    sub_event_type: str
    event_type: str
    disorder_type: str


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """CAMEO event codes from the bundled table, by code (codes are strings: ``"040"``)."""
    rows = read_reference_rows("cameo_event_codes.tsv")
    return {
        str(row["code"]): CameoCode(
            code=str(row["code"]),
            root=str(row["root_code"]),
            base=row["base_code"],
            quad_class=int(str(row["quad_class"])),
            goldstein=float(row["goldstein"]) if row["goldstein"] is not None else None,
        )
        for row in rows
    }


@lru_cache(maxsize=1)
def acled_sub_event_types() -> dict[str, AcledSubType]:
    """ACLED sub-event types with their event type and disorder type."""
    return {
        str(row["sub_event_type"]): AcledSubType(
            str(row["sub_event_type"]), str(row["event_type"]), str(row["disorder_type"])
        )
        for row in read_reference_rows("acled_sub_event_types.tsv")
    }


@lru_cache(maxsize=1)
def acled_inter_codes() -> frozenset[int]:
    """The valid ACLED inter codes (0 = no second actor, 1-8)."""
    return frozenset(int(str(row["code"])) for row in read_reference_rows("acled_inter_codes.tsv"))
