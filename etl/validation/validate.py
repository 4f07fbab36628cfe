"""Run the event suite on a polars frame and split it into valid and rejected rows."""

from __future__ import annotations

import contextlib
import io
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from etl.validation import background, geometry, reference
from etl.validation.suite import ROW, Check, checks

log = logging.getLogger(__name__)

#: Columns the suite reads, with the dtype used when a frame lacks one (imports may).
CHECKED_COLUMNS: dict[str, pl.DataType] = {
    "id": pl.String(),
    "origin": pl.String(),
    "partition_date": pl.Date(),
    "event_date": pl.Date(),
    "time_precision": pl.Int64(),
    "cameo_code": pl.String(),
    "cameo_base": pl.String(),
    "cameo_root": pl.String(),
    "quad_class": pl.Int64(),
    "goldstein": pl.Float64(),
    "acled_event_type": pl.String(),
    "acled_sub_event_type": pl.String(),
    "disorder_type": pl.String(),
    "inter1": pl.Int64(),
    "inter2": pl.Int64(),
    "interaction": pl.Int64(),
    "iso3": pl.String(),
    "country": pl.String(),
    "latitude": pl.Float64(),
    "longitude": pl.Float64(),
    "geo_precision": pl.Int64(),
    "fatalities": pl.Int64(),
    "action_geo_type": pl.Int64(),
}
#: GDELT's ActionGeo_Type for a point that stands for a whole country (its centroid).
COUNTRY_LEVEL_GEO_TYPE = 1
PAIR_SEPARATOR = " / "
#: The column of a flagged row's plausibility warnings (``event.quality_flags``, text[]).
QUALITY_FLAGS = "quality_flags"


@dataclass(frozen=True)
class ValidationOutcome:
    """The result of :func:`validate_events`.

    Attributes:
        valid: rows that passed every check (original columns); with ``flag_plausibility``
            also the rows that failed only plausibility checks, and a ``quality_flags``
            column (list of check names; null for a clean row).
        rejected: failing rows: original columns plus ``reason`` (every failed check with the
            offending values) and ``check_name`` (the first failed check, in suite order; with
            ``flag_plausibility`` the first that rejects).
        counts: failing rows per check name, for every check that ran (0 included).
        failures: row position in the input frame -> names of the checks it failed.
        skipped: checks that did not run, with why.
        total: rows validated.
        flagged: row position -> plausibility checks failed by a row that was kept.
    """

    valid: pl.DataFrame
    rejected: pl.DataFrame
    counts: dict[str, int]
    failures: dict[int, list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    total: int = 0
    flagged: dict[int, list[str]] = field(default_factory=dict)

    @property
    def failure_rate(self) -> float:
        """Share of rows rejected (0.0 for an empty frame)."""
        return self.rejected.height / self.total if self.total else 0.0


def validate_events(
    frame: pl.DataFrame,
    *,
    partition_date: date | None = None,
    today: date | None = None,
    flag_plausibility: bool = False,
) -> ValidationOutcome:
    """Validate an event frame (coded or imported) with the Great Expectations suite.

    Args:
        frame: rows with the ``event`` table's column names; missing checked columns are
            treated as null, extra columns are kept.
        partition_date: the publication day events may not come after (default: each row's
            ``partition_date``).
        today: the reference day for "in the future" (default: today).
        flag_plausibility: for rows others published (imports): a failed plausibility check
            (see :class:`~etl.validation.suite.Check`) flags the row instead of rejecting it.
            Rows we code leave it off: every check rejects them.

    Returns:
        The split into valid and rejected rows, with counts per check.
    """
    # In the helper process when a run started one (GX and the reference data are ready there).
    return background.call(
        _validate_here, frame, partition_date, today or date.today(), flag_plausibility
    )


def _validate_here(
    frame: pl.DataFrame, partition_date: date | None, today: date, flag_plausibility: bool = False
) -> ValidationOutcome:
    skipped: dict[str, str] = {}
    suite_checks = list(_checks())
    warn_only = {c.name for c in suite_checks if c.plausibility} if flag_plausibility else set()
    if frame.height == 0:
        valid = frame
        if flag_plausibility:
            valid = frame.with_columns(pl.lit(None, dtype=pl.List(pl.String)).alias(QUALITY_FLAGS))
        return ValidationOutcome(
            valid=valid,
            rejected=_with_reasons(frame, [], []),
            counts={c.name: 0 for c in suite_checks},
            skipped=skipped,
        )
    prepared = prepare(frame, partition_date=partition_date, today=today)
    unexpected = _run_gx(prepared, suite_checks)
    failures: dict[int, list[str]] = defaultdict(list)
    details: dict[int, list[str]] = defaultdict(list)
    counts: dict[str, int] = {}
    by_name = {c.name: c for c in suite_checks}
    for name, rows in unexpected.items():
        counts[name] = len(rows)
        for row in rows:
            position = int(row.pop(ROW))
            failures[position].append(name)
            values = ", ".join(f"{k}={_plain(v)!r}" for k, v in sorted(row.items()))
            details[position].append(f"{name}: {by_name[name].description} ({values})")
    order = {c.name: n for n, c in enumerate(suite_checks)}
    for names in failures.values():
        names.sort(key=order.__getitem__)  # suite order, whatever order GX answered in
    bad = sorted(i for i, names in failures.items() if any(n not in warn_only for n in names))
    bad_set = set(bad)
    flagged = {i: names for i, names in sorted(failures.items()) if i not in bad_set}
    mask = pl.Series(ROW, [False] * frame.height)
    if bad:
        mask = mask.scatter(bad, True)
    valid = frame.filter(~mask)
    if flag_plausibility:
        flags = [flagged.get(i) for i in range(frame.height)]
        flag_column = pl.Series(QUALITY_FLAGS, flags, dtype=pl.List(pl.String))
        valid = valid.with_columns(flag_column.filter(~mask))
    rejected_rows = frame.filter(mask)
    rejected = _with_reasons(
        rejected_rows,
        ["; ".join(details[i]) for i in bad],
        [next(n for n in failures[i] if n not in warn_only) for i in bad],
    )
    return ValidationOutcome(
        valid=valid,
        rejected=rejected,
        counts=counts,
        failures={i: failures[i] for i in sorted(failures)},
        skipped=skipped,
        total=frame.height,
        flagged=flagged,
    )


def prepare(
    frame: pl.DataFrame,
    *,
    partition_date: date | None,
    today: date,
) -> pl.DataFrame:
    """The checked columns plus the helper columns the expectations compare against."""
    missing = [
        pl.lit(None, dtype=t).alias(c) for c, t in CHECKED_COLUMNS.items() if c not in frame.columns
    ]
    base = (
        frame.with_columns(missing)
        .select([pl.col(c).cast(t, strict=False) for c, t in CHECKED_COLUMNS.items()])
        .with_row_index(ROW)
    )
    codes = reference.cameo_codes()
    subtypes = reference.acled_sub_event_types()
    publication = pl.lit(partition_date) if partition_date else pl.col("partition_date")
    code = pl.col("cameo_code")
    inter1, inter2 = pl.col("inter1"), pl.col("inter2")
    sole = inter2.is_null() | (inter2 == 0)
    return base.with_columns(
        _has_coding=code.is_not_null() | pl.col("acled_event_type").is_not_null(),
        _expected_cameo_root=pl.when(code.is_not_null()).then(code.str.slice(0, 2)),
        # An unknown code (a plausibility flag on imports) is held to the event table's own
        # rule, base = first three digits, so a row kept with its flag can always be stored.
        _expected_cameo_base=code.replace_strict(
            {k: v.base for k, v in codes.items()},
            default=pl.when(code.str.len_chars() >= 3)
            .then(code.str.slice(0, 3))
            .otherwise(pl.col("cameo_base")),
            return_dtype=pl.String,
        ),
        _expected_goldstein=code.replace_strict(
            {k: v.goldstein for k, v in codes.items()}, default=None, return_dtype=pl.Float64
        ),
        _expected_quad_class=pl.col("cameo_root").replace_strict(
            {k: v.quad_class for k, v in codes.items() if len(k) == 2},
            default=None,
            return_dtype=pl.Int64,
        ),
        _acled_pair=pl.when(
            pl.col("acled_event_type").is_not_null() | pl.col("acled_sub_event_type").is_not_null()
        ).then(
            pl.concat_str(
                [
                    pl.col("acled_event_type").fill_null("<none>"),
                    pl.col("acled_sub_event_type").fill_null("<none>"),
                ],
                separator=PAIR_SEPARATOR,
            )
        ),
        _expected_disorder_type=pl.col("acled_sub_event_type").replace_strict(
            {k: v.disorder_type for k, v in subtypes.items()}, default=None, return_dtype=pl.String
        ),
        _expected_interaction=pl.when(inter1.is_null())
        .then(None)
        .when(sole)
        .then(inter1 * 10)
        .otherwise(pl.min_horizontal(inter1, inter2) * 10 + pl.max_horizontal(inter1, inter2)),
        _in_country=_in_country(base),
        _days_after_publication=(pl.col("event_date") - publication).dt.total_days(),
        _days_after_today=(pl.col("event_date") - pl.lit(today)).dt.total_days(),
    )


def _in_country(frame: pl.DataFrame) -> pl.Series:
    """True/False when the row has coordinates and iso3 names a country with a known shape.

    Null (not checked) for GDELT's country-level geocodes: the point is GDELT's centroid of the
    country, which may lie at sea (the UK's, the Philippines'), and names no place.
    """
    country_level = (frame["action_geo_type"] == COUNTRY_LEVEL_GEO_TYPE).fill_null(False)
    iso3s = [
        None if skip else iso3 for iso3, skip in zip(frame["iso3"], country_level, strict=True)
    ]
    inside = geometry.points_in_country(
        iso3s, frame["latitude"].to_list(), frame["longitude"].to_list()
    )
    return pl.Series("_in_country", inside, dtype=pl.Boolean)


def _checks() -> tuple[Check, ...]:
    codes = sorted(reference.cameo_codes())
    pairs = sorted(
        f"{s.event_type}{PAIR_SEPARATOR}{s.sub_event_type}"
        for s in reference.acled_sub_event_types().values()
    )
    return checks(codes, pairs, sorted(reference.acled_inter_codes()))


def _run_gx(prepared: pl.DataFrame, suite_checks: list[Check]) -> dict[str, list[dict[str, Any]]]:
    """Run the checks in an ephemeral GX context; unexpected rows per check name."""
    background.import_gx()  # lazy: importing GX takes seconds
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (
        context.data_sources.add_pandas("events")
        .add_dataframe_asset("event_frame")
        .add_batch_definition_whole_dataframe("partition")
    )
    suite = gx.ExpectationSuite(name="eventetl_events")
    for check in suite_checks:
        expectation = check.build(gxe)
        expectation.meta = {"check_name": check.name}
        suite.add_expectation(expectation)
    suite = context.suites.add(suite)
    frame = prepared.to_pandas(use_pyarrow_extension_array=False)
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    # GX prints progress on stderr in some versions even with bars off; keep logs clean.
    with contextlib.redirect_stderr(io.StringIO()):
        result = batch.validate(
            suite,
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW]},
        )
    unexpected: dict[str, list[dict[str, Any]]] = {}
    for item in result.results:
        name = item.expectation_config.meta["check_name"]
        if item.exception_info and item.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"validation check {name} could not run: {item.exception_info['exception_message']}"
            )
        unexpected[name] = [dict(row) for row in item.result.get("unexpected_index_list") or []]
    return unexpected


def _with_reasons(frame: pl.DataFrame, reasons: list[str], names: list[str]) -> pl.DataFrame:
    return frame.with_columns(
        pl.Series("reason", reasons, dtype=pl.String),
        pl.Series("check_name", names, dtype=pl.String),
    )


def _plain(value: Any) -> Any:
    """numpy scalars and NaN as plain Python values, for readable reasons."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value
