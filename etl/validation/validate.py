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

from etl.validation import background, reference
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
}
BBOX_CHECK = "location_in_country_bbox"
PAIR_SEPARATOR = " / "


@dataclass(frozen=True)
class ValidationOutcome:
    """The result of :func:`validate_events`.

    Attributes:
        valid: rows that passed every check (original columns).
        rejected: failing rows: original columns plus ``reason`` (every failed check with the
            offending values) and ``check_name`` (the first failed check, in suite order).
        counts: failing rows per check name, for every check that ran (0 included).
        failures: row position in the input frame -> names of the checks it failed.
        skipped: checks that did not run, with why (e.g. bounding boxes not available).
        total: rows validated.
    """

    valid: pl.DataFrame
    rejected: pl.DataFrame
    counts: dict[str, int]
    failures: dict[int, list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    total: int = 0

    @property
    def failure_rate(self) -> float:
        """Share of rows rejected (0.0 for an empty frame)."""
        return self.rejected.height / self.total if self.total else 0.0


def validate_events(
    frame: pl.DataFrame,
    *,
    partition_date: date | None = None,
    today: date | None = None,
) -> ValidationOutcome:
    """Validate an event frame (coded or imported) with the Great Expectations suite.

    Args:
        frame: rows with the ``event`` table's column names; missing checked columns are
            treated as null, extra columns are kept.
        partition_date: the publication day events may not come after (default: each row's
            ``partition_date``).
        today: the reference day for "in the future" (default: today).

    Returns:
        The split into valid and rejected rows, with counts per check.
    """
    # In the helper process when a run started one (GX and the reference data are ready there).
    return background.call(_validate_here, frame, partition_date, today or date.today())


def _validate_here(
    frame: pl.DataFrame, partition_date: date | None, today: date
) -> ValidationOutcome:
    bboxes = reference.country_bboxes()
    skipped: dict[str, str] = {}
    if bboxes is None:
        skipped[BBOX_CHECK] = "skipped: etl.coding.reference.country_bboxes() is not available yet"
        log.warning("validation: %s %s", BBOX_CHECK, skipped[BBOX_CHECK])
    suite_checks = [c for c in _checks() if not (c.needs_bboxes and bboxes is None)]
    if frame.height == 0:
        return ValidationOutcome(
            valid=frame,
            rejected=_with_reasons(frame, [], []),
            counts={c.name: 0 for c in suite_checks},
            skipped=skipped,
        )
    prepared = prepare(frame, partition_date=partition_date, today=today, bboxes=bboxes or {})
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
    bad = sorted(failures)
    mask = pl.Series(ROW, [False] * frame.height)
    if bad:
        mask = mask.scatter(bad, True)
    valid = frame.filter(~mask)
    rejected_rows = frame.filter(mask)
    rejected = _with_reasons(
        rejected_rows,
        ["; ".join(details[i]) for i in bad],
        [failures[i][0] for i in bad],
    )
    return ValidationOutcome(
        valid=valid,
        rejected=rejected,
        counts=counts,
        failures={i: failures[i] for i in bad},
        skipped=skipped,
        total=frame.height,
    )


def prepare(
    frame: pl.DataFrame,
    *,
    partition_date: date | None,
    today: date,
    bboxes: dict[str, reference.BBox],
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
        _expected_cameo_base=code.replace_strict(
            {k: v.base for k, v in codes.items()}, default=None, return_dtype=pl.String
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
        _in_bbox=_in_bbox_expr(bboxes),
        _days_after_publication=(pl.col("event_date") - publication).dt.total_days(),
        _days_after_today=(pl.col("event_date") - pl.lit(today)).dt.total_days(),
    )


def _in_bbox_expr(bboxes: dict[str, reference.BBox]) -> pl.Expr:
    """True/False when a box is known for the row's iso3 (or country) and it has lat/lon."""
    if not bboxes:
        return pl.lit(None, dtype=pl.Boolean)
    key = (
        pl.when(pl.col("iso3").is_in(list(bboxes)))
        .then(pl.col("iso3"))
        .otherwise(pl.col("country"))
    )
    parts = {}
    for index, name in enumerate(("min_lat", "min_lon", "max_lat", "max_lon")):
        parts[name] = key.replace_strict(
            {k: float(v[index]) for k, v in bboxes.items()}, default=None, return_dtype=pl.Float64
        )
    lat, lon = pl.col("latitude"), pl.col("longitude")
    return (
        pl.when(lat.is_null() | lon.is_null() | parts["min_lat"].is_null())
        .then(None)
        .otherwise(
            lat.is_between(parts["min_lat"], parts["max_lat"])
            & lon.is_between(parts["min_lon"], parts["max_lon"])
        )
    )


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
