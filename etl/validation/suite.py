"""The event suite: each check is one Great Expectations expectation over the event frame.

Cross-column rules (root of a code, Goldstein of a code, ACLED pairs, interaction) are made
checkable by plain GX expectations through helper columns (``_expected_*``) computed from the
reference tables before validation; GX then reports the rows that break each rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Helper column that carries the row number through GX, for per-row results.
ROW = "_row"


@dataclass(frozen=True, slots=True)
class Check:
    """One expectation of the suite.

    Attributes:
        name: the check name (quarantine ``check_name``, Dagster asset check name).
        description: what a failing row breaks, in words.
        build: makes the GX expectation (``gxe`` is ``great_expectations.expectations``).
        plausibility: the check questions a value the database can store (a rare code, a
            point outside its country). On rows others published (ACLED, GDELT imports) a
            failure is a quality flag stored with the row; on rows we code it rejects the row.
    """

    name: str
    description: str
    build: Callable[[Any], Any]
    plausibility: bool = False


def _not_null(column: str) -> Callable[[Any], Any]:
    return lambda gxe: gxe.ExpectColumnValuesToNotBeNull(column=column)


def _in_set(column: str, values: Any) -> Callable[[Any], Any]:
    return lambda gxe: gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))


def _between(column: str, low: float | None, high: float | None) -> Callable[[Any], Any]:
    return lambda gxe: gxe.ExpectColumnValuesToBeBetween(
        column=column, min_value=low, max_value=high
    )


def _equal(column: str, expected: str) -> Callable[[Any], Any]:
    # Rows where both sides are missing are fine (that coding is absent); one side missing fails.
    return lambda gxe: gxe.ExpectColumnPairValuesToBeEqual(
        column_A=column, column_B=expected, ignore_row_if="both_values_are_missing"
    )


def checks(
    cameo_codes: list[str], acled_pairs: list[str], inter_codes: list[int]
) -> tuple[Check, ...]:
    """The suite's checks, in the order they are reported."""
    return (
        Check("id_not_null", "event id must be set", _not_null("id")),
        Check(
            "id_unique",
            "event id must be unique in the frame",
            lambda gxe: gxe.ExpectColumnValuesToBeUnique(column="id"),
        ),
        Check("origin_not_null", "origin must be set", _not_null("origin")),
        Check("partition_date_not_null", "partition_date must be set", _not_null("partition_date")),
        Check("event_date_not_null", "event_date must be set", _not_null("event_date")),
        Check(
            "has_a_coding",
            "a row needs a CAMEO code or an ACLED event type",
            _in_set("_has_coding", [True]),
        ),
        Check(
            "cameo_code_known",
            "cameo_code must be in the CAMEO reference table",
            _in_set("cameo_code", cameo_codes),
            plausibility=True,
        ),
        Check(
            "cameo_code_digits",
            "cameo_code must be 2-4 digits (what the event table can hold)",
            lambda gxe: gxe.ExpectColumnValuesToMatchRegex(
                column="cameo_code", regex="^[0-9]{2,4}$"
            ),
        ),
        Check(
            "cameo_root_consistent",
            "cameo_root must be the first two digits of cameo_code",
            _equal("cameo_root", "_expected_cameo_root"),
        ),
        Check(
            "cameo_base_consistent",
            "cameo_base must be the CAMEO table's base of cameo_code",
            _equal("cameo_base", "_expected_cameo_base"),
        ),
        Check(
            "goldstein_in_range", "goldstein must be in [-10, 10]", _between("goldstein", -10, 10)
        ),
        Check(
            "goldstein_matches_code",
            "goldstein must equal the CAMEO table's value for cameo_code",
            _equal("goldstein", "_expected_goldstein"),
            plausibility=True,
        ),
        Check("quad_class_in_range", "quad_class must be 1-4", _in_set("quad_class", [1, 2, 3, 4])),
        Check(
            "quad_class_matches_root",
            "quad_class must match the CAMEO root (01-05:1, 06-09:2, 10-14:3, 15-20:4)",
            _equal("quad_class", "_expected_quad_class"),
        ),
        Check(
            "acled_pair_valid",
            "(acled_event_type, acled_sub_event_type) must be a pair of ACLED's taxonomy",
            _in_set("_acled_pair", acled_pairs),
            plausibility=True,
        ),
        Check(
            "disorder_type_consistent",
            "disorder_type must be the taxonomy's disorder type of acled_sub_event_type",
            _equal("disorder_type", "_expected_disorder_type"),
            plausibility=True,
        ),
        Check(
            "inter1_in_range",
            "inter1 must be an ACLED inter code 0-8",
            _in_set("inter1", inter_codes),
        ),
        Check(
            "inter2_in_range",
            "inter2 must be an ACLED inter code 0-8",
            _in_set("inter2", inter_codes),
        ),
        Check(
            "interaction_consistent",
            "interaction must be lower*10+higher of inter1/inter2 (inter1*10 for a sole actor)",
            _equal("interaction", "_expected_interaction"),
            plausibility=True,
        ),
        Check("latitude_in_range", "latitude must be in [-90, 90]", _between("latitude", -90, 90)),
        Check(
            "longitude_in_range",
            "longitude must be in [-180, 180]",
            _between("longitude", -180, 180),
        ),
        Check(
            "location_in_country",
            "latitude/longitude must fall inside iso3's country (its boundary, within about 11 km)",
            _in_set("_in_country", [True]),
            plausibility=True,
        ),
        Check(
            "geo_precision_in_range",
            "geo_precision must be 1-3",
            _in_set("geo_precision", [1, 2, 3]),
        ),
        Check(
            "time_precision_in_range",
            "time_precision must be 1-3",
            _in_set("time_precision", [1, 2, 3]),
        ),
        Check(
            "event_date_not_after_publication",
            "event_date must not be after the publication (partition) date",
            _between("_days_after_publication", None, 0),
        ),
        Check(
            "event_date_not_in_future",
            "event_date must not be in the future",
            _between("_days_after_today", None, 0),
            plausibility=True,
        ),
        Check(
            "fatalities_non_negative", "fatalities must be >= 0", _between("fatalities", 0, None)
        ),
    )
