"""The pipeline's assets, one partition per publication day.

articles → sentences → coded_events → validated_events (blocking checks) → events_table →
event_views. Each asset is thin: it calls ``etl.pipeline`` and attaches metadata.
A partition that is already current (same documents, same coder) is skipped by every stage:
no coding and no writes.

A backfill over many days runs as one run (``BackfillPolicy.single_run``): each asset then
handles every day of the run's partition range, in one process, paying Dagster's per-run and
per-step start-up once instead of once per day. Its metadata and checks then cover the range
(counts summed); a run of one day reports that day.
"""

import warnings
from datetime import date
from typing import Any

import dagster as dg
import polars as pl
from dagster._core.errors import DagsterInvalidPropertyError
from sqlalchemy import Engine

from dagster_project.defs.resources import (
    CoderResource,
    DatabaseResource,
    InboxResource,
    ValidationResource,
)
from etl.ingest import scan_inbox
from etl.load.database import is_transient
from etl.load.events import lock_partition, replace_quarantine
from etl.load.partition_state import (
    partition_counts,
    quarantine_summary,
    stored_events,
)
from etl.pipeline import (
    CoderUnavailable,
    EventFrames,
    PartitionInput,
    ValidatedEvents,
    code_cached,
    event_frames,
    load,
    read_partition,
    sentences_frame,
    split_documents,
    validate_partition,
)
from etl.records import Sentence
from etl.validation import check_descriptions, check_names
from etl.validation.reference import acled_sub_event_types
from schema import Event, Quarantine

GROUP = "eventetl"
FAILURE_RATE_CHECK = "failure_rate_below_threshold"
QUARANTINE_CHECK = "no_quarantined_rows"
QUARANTINE_PREVIEW = 10
FAILURE_RATE_DESCRIPTION = (
    "Share of the partition's rows failing any check is at most the quarantine threshold "
    "(EVENTETL_QUARANTINE_THRESHOLD); above it the day's load is blocked."
)
QUARANTINE_DESCRIPTION = (
    "The day has no quarantined rows. Warns otherwise, with the count per failed check and "
    "a preview; every row is in table quarantine (WHERE partition = the day)."
)
TOP_EVENTS = 10
#: Retries of the load after a lost connection, waiting 1 s, 2 s, 4 s (the load is one
#: transaction, so a retry starts from the partition's earlier state and cannot double anything).
LOAD_RETRIES = 3


def _day(context: dg.AssetExecutionContext) -> date:
    return date.fromisoformat(context.partition_key)


def _keys(context: dg.AssetExecutionContext) -> list[str]:
    """The run's partition keys: one, or every day of a backfill range run as one run."""
    return list(context.partition_keys)


def _by_day(keys: list[str], value: Any) -> dict[str, Any]:
    """An input as ``{partition: value}`` (the IO manager hands a range run a dict)."""
    return {keys[0]: value} if len(keys) == 1 else dict(value)


def _combine(keys: list[str], per_day: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One metadata dict for a run: the day's own, or for a range the sum of every number
    (counts add up over days), the values all days share, and the range itself."""
    if len(keys) == 1:
        return per_day[keys[0]]
    combined: dict[str, Any] = {"partitions": len(keys), "range": f"{keys[0]}...{keys[-1]}"}
    names = {name for metadata in per_day.values() for name in metadata}
    for name in sorted(names):
        values = [metadata.get(name) for metadata in per_day.values()]
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            combined[name] = sum(values)
        elif all(isinstance(v, bool) for v in values):
            combined[name] = all(values)
        elif all(v == values[0] for v in values) and values[0] is not None:
            combined[name] = values[0]
    return combined


def _value(keys: list[str], per_day: dict[str, Any]) -> Any:
    return per_day[keys[0]] if len(keys) == 1 else per_day


def events_by_type(events: pl.DataFrame) -> dict[str, int]:
    """Event counts per ACLED event type (CAMEO root when there is no ACLED type)."""
    if events.height == 0:
        return {}
    label = pl.coalesce(
        pl.col("acled_event_type"), pl.lit("CAMEO ") + pl.col("cameo_root"), pl.lit("(none)")
    )
    counts = (
        events.group_by(label.alias("type")).len().sort("len", "type", descending=[True, False])
    )
    return {str(kind): int(n) for kind, n in counts.iter_rows()}


def type_count_metadata(counts: dict[str, int]) -> dict[str, int]:
    """Per-type event counts as numeric metadata entries (``events_by_type/<type>``).

    Every ACLED event type gets an entry, 0 when absent, so the UI's plot of each entry over
    partitions has a point for every day; other labels (CAMEO roots) appear when present.
    """
    known = sorted({s.event_type for s in acled_sub_event_types().values()})
    return {f"events_by_type/{kind}": int(counts.get(kind, 0)) for kind in known} | {
        f"events_by_type/{kind}": int(n) for kind, n in counts.items() if kind not in known
    }


def event_table_metadata() -> dict[str, object]:
    """The ``event`` table's identity and column schema, for the events_table asset."""
    columns = [
        dg.TableColumn(
            name=column.name,
            type=str(column.type).lower(),
            description=column.comment,
            constraints=dg.TableColumnConstraints(
                nullable=column.nullable, unique=column.primary_key
            ),
        )
        for column in Event.__table__.columns
    ]
    return {
        # Dagster's well-known keys: the UI shows the table's identity and its columns.
        "dagster/table_name": f"public.{Event.__tablename__}",
        "dagster/column_schema": dg.TableSchema(columns),
        "quarantine_table": f"public.{Quarantine.__tablename__}",
    }


def quarantine_markdown(preview: list[dict[str, object]]) -> str:
    """A markdown table of quarantined rows (the first few)."""
    if not preview:
        return "_no quarantined rows_"
    columns = list(preview[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in preview:
        cells = ["" if row[c] is None else str(row[c]).replace("|", "/") for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def top_events_markdown(events: pl.DataFrame, limit: int = TOP_EVENTS) -> str:
    """A small markdown table of the most-reported events."""
    if events.height == 0:
        return "_no events_"
    columns = [
        "event_date",
        "cameo_code",
        "acled_sub_event_type",
        "actor1_code",
        "actor2_code",
        "location",
        "fatalities",
        "num_mentions",
    ]
    top = events.sort(["num_mentions", "fatalities", "id"], descending=[True, True, False]).head(
        limit
    )
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in top.select(columns).iter_rows():
        cells = ["" if v is None else str(v).replace("|", "/") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _run_id(context: dg.AssetExecutionContext) -> str | None:
    try:
        return context.run.run_id
    except DagsterInvalidPropertyError:  # invoked directly, outside a run
        return None


def quarantine_blocked(
    engine: Engine, partition: str, rejected: pl.DataFrame, run_id: str | None
) -> int:
    """Record a blocked partition's rejected rows in ``quarantine`` (its events are not loaded).

    Runs under the partition's advisory lock, in its own transaction; returns the rows recorded.
    """
    with engine.begin() as connection:
        lock_partition(connection, partition)
        return replace_quarantine(connection, partition, rejected, run_id=run_id)


def build_assets(partitions_def: dg.PartitionsDefinition) -> list[dg.AssetsDefinition]:
    """The six pipeline assets over ``partitions_def``."""
    with warnings.catch_warnings():
        # ``backfill_policy`` is marked beta in Dagster 1.13 (pinned in pyproject); without
        # this, every process that loads the definitions prints the same warning.
        warnings.simplefilter("ignore", dg.BetaWarning)
        return _build_assets(partitions_def)


def _build_assets(partitions_def: dg.PartitionsDefinition) -> list[dg.AssetsDefinition]:
    # A backfill of a range of days is one run: Dagster's start-up per run and per step
    # (seconds each) is paid once for the range, not once per day.
    backfill = dg.BackfillPolicy.single_run()

    @dg.asset(
        partitions_def=partitions_def,
        backfill_policy=backfill,
        group_name=GROUP,
        kinds={"python", "file"},
        code_version="1",
    )
    def articles(
        context: dg.AssetExecutionContext,
        inbox: InboxResource,
        database: DatabaseResource,
        coder: CoderResource,
    ) -> dg.MaterializeResult[Any]:  # PartitionInput, or {day: PartitionInput}
        """Articles of the partition's day read from the inbox, normalised into documents.

        Documents are de-duplicated by content hash; files that cannot be read are kept with
        their errors so the loader records them as failed.
        """
        keys = _keys(context)
        identity = coder.identity()
        scan = None
        values: dict[str, PartitionInput] = {}
        metadata: dict[str, dict[str, Any]] = {}
        for key in keys:
            day = date.fromisoformat(key)
            partition_input = inbox.take_prepared(day)
            if partition_input is None:
                if scan is None:  # one read of the inbox serves every day of a range
                    scan = scan_inbox(inbox.folder)
                partition_input = read_partition(
                    inbox.folder,
                    day,
                    engine=database.engine(),
                    coder_version=identity[0] if identity else None,
                    dictionary_checksums=identity[1] if identity else None,
                    scan=scan,
                )
            for result in partition_input.files:
                for error in result.errors:
                    context.log.warning(f"ingest error: {error}")
            values[key] = partition_input
            metadata[key] = {
                "dagster/row_count": len(partition_input.documents),
                "inbox_documents": partition_input.inbox_documents,
                "duplicates_skipped": partition_input.duplicates,
                "files": len(partition_input.files),
                "failed_files": len(partition_input.failed_files),
                "errors": dg.MetadataValue.json(partition_input.errors),
                "up_to_date": partition_input.current,
            }
        failed = values[keys[0]].failed_files  # the same on every day: not any day's files
        for result in failed:
            context.log.info(f"unreadable file (recorded as failed): {result.error_text}")
        combined = _combine(keys, metadata)
        if len(keys) > 1:
            combined["failed_files"] = len(failed)
        return dg.MaterializeResult(value=_value(keys, values), metadata=combined)

    @dg.asset(
        partitions_def=partitions_def,
        backfill_policy=backfill,
        group_name=GROUP,
        kinds={"python"},
        code_version="1",
    )
    def sentences(
        context: dg.AssetExecutionContext, articles: Any, database: DatabaseResource
    ) -> dg.MaterializeResult[Any]:  # list[Sentence], or {day: list[Sentence]}
        """Sentences of each document, with character offsets into the document text."""
        keys = _keys(context)
        values: dict[str, list[Sentence]] = {}
        metadata: dict[str, dict[str, Any]] = {}
        for key, partition_input in _by_day(keys, articles).items():
            if partition_input.current:  # nothing to split again; report what is stored
                stored = partition_counts(database.engine(), partition_input.partition)
                values[key] = []
                metadata[key] = {
                    "dagster/row_count": stored.sentences,
                    "skipped": "up to date: counts are the stored rows",
                }
                continue
            values[key] = split_documents(partition_input.documents)
            metadata[key] = {
                "dagster/row_count": len(values[key]),
                "documents": len(partition_input.documents),
            }
        return dg.MaterializeResult(value=_value(keys, values), metadata=_combine(keys, metadata))

    @dg.asset(
        partitions_def=partitions_def,
        backfill_policy=backfill,
        group_name=GROUP,
        kinds={"python", "spacy", "polars"},
        deps=[sentences],
        code_version="1",
    )
    def coded_events(
        context: dg.AssetExecutionContext,
        articles: Any,
        coder: CoderResource,
        database: DatabaseResource,
    ) -> dg.MaterializeResult[Any]:  # EventFrames, or {day: EventFrames}
        """Events coded in CAMEO and ACLED terms; the same event told by several articles is
        merged into one row with a mention per sentence. Only documents without an entry in
        the coding cache (for this coder) are coded; the others' events come from the cache."""
        keys = _keys(context)
        values: dict[str, EventFrames] = {}
        metadata: dict[str, dict[str, Any]] = {}
        handle = None
        for key, partition_input in _by_day(keys, articles).items():
            if partition_input.current:
                # Nothing to code: hand the stored events on, so the checks run on the real rows.
                stored = stored_events(database.engine(), partition_input.partition)
                values[key] = EventFrames(stored, EventFrames.empty().mentions)
                metadata[key] = {
                    "dagster/row_count": stored.height,
                    "skipped": "up to date: the stored events, not recoded",
                    **type_count_metadata(events_by_type(stored)),
                }
                continue
            if handle is None:
                try:
                    handle = coder.handle()
                except CoderUnavailable as exc:
                    raise dg.Failure(
                        description=f"coder not available: {exc}",
                        metadata={"documents_waiting": len(partition_input.documents)},
                    ) from exc
            coding = code_cached(
                database.engine(), handle, partition_input.documents, batch_size=coder.batch_size
            )
            events = coding.events
            frames = event_frames(
                events, partition_input.documents, partition_input.partition, codings=coding.coded
            )
            values[key] = frames
            metadata[key] = {
                "dagster/row_count": frames.events.height,
                "events_coded": len(events),
                "documents_coded": len(coding.coded),
                "documents_from_cache": coding.from_cache,
                "merged_duplicates": len(events) - frames.events.height,
                "mentions": frames.mentions.height,
                "coder_version": handle.version,
                **type_count_metadata(events_by_type(frames.events)),
                "top_events": dg.MetadataValue.md(top_events_markdown(frames.events)),
            }
        return dg.MaterializeResult(value=_value(keys, values), metadata=_combine(keys, metadata))

    suite_checks = [*check_names(), FAILURE_RATE_CHECK]
    descriptions = {
        name: f"Rows failing it are quarantined: {text}."
        for name, text in check_descriptions().items()
    }

    @dg.asset(
        partitions_def=partitions_def,
        backfill_policy=backfill,
        group_name=GROUP,
        kinds={"python", "great_expectations", "polars"},
        code_version="1",
        check_specs=[
            dg.AssetCheckSpec(
                name,
                asset="validated_events",
                blocking=True,
                description=descriptions.get(name, FAILURE_RATE_DESCRIPTION),
            )
            for name in suite_checks
        ],
    )
    def validated_events(
        context: dg.AssetExecutionContext,
        coded_events: Any,
        articles: Any,
        validation: ValidationResource,
        database: DatabaseResource,
    ):
        """Events that passed the Great Expectations suite; failing rows are set aside for
        quarantine with the failed check names. Each expectation is a blocking asset check: it
        fails with ERROR (blocking the load) when the partition's failure rate is above the
        threshold, with WARN otherwise. A range run's checks cover all its days: one day above
        the threshold blocks the range's load (its rows are quarantined; the check names it)."""
        keys = _keys(context)
        inputs = _by_day(keys, articles)
        values: dict[str, ValidatedEvents] = {}
        metadata: dict[str, dict[str, Any]] = {}
        blocked: list[str] = []
        failed_rows: dict[str, int] = {}
        skipped: dict[str, str] = {}
        rows = rejected = 0
        for key, frames in _by_day(keys, coded_events).items():
            partition_input = inputs[key]
            validated = validate_partition(frames, partition_input.partition)
            outcome = validated.outcome
            over = outcome.failure_rate > validation.quarantine_threshold
            quarantined = 0
            if over:
                blocked.append(key)
                if not partition_input.current:  # a current day's stored rows stay as they are
                    # The load is blocked (no events); the rejected rows are never dropped.
                    quarantined = quarantine_blocked(
                        database.engine(), key, outcome.rejected, _run_id(context)
                    )
            for name, n in outcome.counts.items():
                failed_rows[name] = failed_rows.get(name, 0) + n
            skipped |= outcome.skipped
            rows += outcome.total
            rejected += outcome.rejected.height
            values[key] = validated
            metadata[key] = {
                "dagster/row_count": validated.frames.events.height,
                "rejected": outcome.rejected.height,
                "failure_rate": outcome.failure_rate,
                "quarantine_by_check": dg.MetadataValue.json(
                    {k: v for k, v in outcome.counts.items() if v}
                ),
                "skipped_checks": dg.MetadataValue.json(outcome.skipped),
                "up_to_date": partition_input.current,
                "checked_rows": "stored (up to date)" if partition_input.current else "coded now",
                "quarantined_while_blocked": quarantined,
            }
        combined = _combine(keys, metadata)
        if len(keys) > 1:
            combined["blocked_days"] = dg.MetadataValue.json(blocked)
        yield dg.Output(_value(keys, values), metadata=combined)
        severity = dg.AssetCheckSeverity.ERROR if blocked else dg.AssetCheckSeverity.WARN
        for name in check_names():
            if name in skipped:
                yield dg.AssetCheckResult(
                    check_name=name,
                    passed=True,
                    severity=dg.AssetCheckSeverity.WARN,
                    description=skipped[name],
                    metadata={"skipped": True},
                )
                continue
            failed = failed_rows.get(name, 0)
            yield dg.AssetCheckResult(
                check_name=name,
                passed=failed == 0,
                severity=severity,
                metadata={"failed_rows": failed, "rows": rows},
            )
        yield dg.AssetCheckResult(
            check_name=FAILURE_RATE_CHECK,
            passed=not blocked,
            severity=dg.AssetCheckSeverity.ERROR,
            description=f"above the threshold: {', '.join(blocked)}" if blocked else None,
            metadata={
                "failure_rate": rejected / rows if rows else 0.0,
                "threshold": validation.quarantine_threshold,
                "rejected": rejected,
                "rows": rows,
            },
        )

    @dg.asset(
        partitions_def=partitions_def,
        backfill_policy=backfill,
        group_name=GROUP,
        kinds={"postgres"},
        code_version="2",
        check_specs=[
            dg.AssetCheckSpec(
                QUARANTINE_CHECK, asset="events_table", description=QUARANTINE_DESCRIPTION
            )
        ],
    )
    def events_table(
        context: dg.AssetExecutionContext,
        articles: Any,
        sentences: Any,
        validated_events: Any,
        database: DatabaseResource,
        coder: CoderResource,
    ):  # MaterializeResult of the LoadResult (None when up to date) and the quarantine check
        """The partition loaded into PostgreSQL in one transaction: documents, sentences,
        events (upserted, replacing the partition's earlier coding), mentions, the coding run,
        input files and quarantined rows. Its metadata describes the rows the table holds for
        the day afterwards (also when the day was already up to date and nothing was written)."""
        keys = _keys(context)
        engine = database.engine()
        inputs = _by_day(keys, articles)
        split = _by_day(keys, sentences)
        validated = _by_day(keys, validated_events)
        values: dict[str, Any] = {}
        metadata: dict[str, dict[str, Any]] = {}
        by_check: dict[str, int] = {}
        preview: list[dict[str, object]] = []
        for key in keys:
            partition_input = inputs[key]
            day = partition_input.partition
            result = None
            if not partition_input.current:
                try:
                    result = load(
                        engine,
                        partition_input,
                        sentences_frame(split[key]),
                        validated[key],
                        coder.handle(),
                        run_id=context.run.run_id,
                    )
                except Exception as exc:
                    if not is_transient(exc):
                        raise  # permanent: the same input fails the same way, a retry only delays
                    # Days loaded before the cut are current now: a retry skips them.
                    raise dg.RetryRequested(
                        max_retries=LOAD_RETRIES, seconds_to_wait=2**context.retry_number
                    ) from exc
            values[key] = result
            stored = stored_events(engine, day)
            counts = partition_counts(engine, day)
            quarantine = quarantine_summary(engine, day, limit=QUARANTINE_PREVIEW)
            for name, n in quarantine.by_check.items():
                by_check[name] = by_check.get(name, 0) + n
            preview.extend(quarantine.preview[: QUARANTINE_PREVIEW - len(preview)])
            metadata[key] = {
                **event_table_metadata(),
                "dagster/row_count": counts.events,
                "mentions": counts.mentions,
                "documents": counts.documents,
                "sentences": counts.sentences,
                "quarantined": quarantine.total,
                **type_count_metadata(events_by_type(stored)),
                "top_events": dg.MetadataValue.md(top_events_markdown(stored)),
            }
            if result is None:
                metadata[key]["skipped"] = "up to date: nothing written; counts are the stored rows"
            else:
                metadata[key] |= {
                    "documents_new": result.documents_new,
                    "documents_skipped": result.documents_skipped,
                    "events_changed": result.events_changed,
                    "events_deleted": result.events_deleted,
                    "files_recorded": result.files_recorded,
                    "coding_run_id": result.coding_run_id or 0,
                }
        total = sum(by_check.values())
        where = (
            f"partition = '{keys[0]}'"
            if len(keys) == 1
            else f"partition BETWEEN '{keys[0]}' AND '{keys[-1]}'"
        )
        quarantine_check = dg.AssetCheckResult(
            check_name=QUARANTINE_CHECK,
            passed=total == 0,
            severity=dg.AssetCheckSeverity.WARN,
            description=f"{total} rows in table quarantine" if total else None,
            metadata={
                "quarantined": total,
                **{f"by_check/{name}": n for name, n in by_check.items()},
                "preview": dg.MetadataValue.md(quarantine_markdown(preview)),
                "table": f"public.{Quarantine.__tablename__}",
                "query": dg.MetadataValue.text(f"SELECT * FROM quarantine WHERE {where}"),
            },
        )
        return dg.MaterializeResult(
            value=_value(keys, values),
            metadata=_combine(keys, metadata),
            check_results=[quarantine_check],
        )

    @dg.asset(
        partitions_def=partitions_def,
        backfill_policy=backfill,
        group_name=GROUP,
        kinds={"postgres", "sql"},
        deps=[events_table],
        code_version="2",
    )
    def event_views(
        context: dg.AssetExecutionContext, database: DatabaseResource
    ) -> dg.MaterializeResult:
        """The analysis views (ACLED and GDELT export layouts, daily counts, dyads, source
        comparison) as they stand after the partition's load; the views come from the
        migrations, so this asset only checks them and reads the partition's rows."""
        from etl.load.views import missing_views, partition_view_counts

        engine = database.engine()
        missing = missing_views(engine)
        if missing:
            raise dg.Failure(
                description=f"views {', '.join(missing)} are missing; run `eventetl db upgrade`"
            )
        keys = _keys(context)
        total = 0
        exported: dict[str, int] = {}
        by_type: dict[str, int] = {}
        for key in keys:
            counts = partition_view_counts(engine, date.fromisoformat(key))
            for view in ("v_events_acled", "v_events_gdelt"):
                exported[view] = exported.get(view, 0) + counts.pop(view)
            total += sum(counts.values())
            for kind, n in counts.items():
                by_type[kind] = by_type.get(kind, 0) + n
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": total,
                "rows_in_export_views": dg.MetadataValue.json(exported),
                "events_by_type": dg.MetadataValue.json(by_type),
            }
        )

    return [articles, sentences, coded_events, validated_events, events_table, event_views]
