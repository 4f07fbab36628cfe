"""``eventetl run``: the Dagster graph run in-process, one partition at a time.

Partitions already loaded from the same inputs with the same coder are skipped before any
run starts (a no-op re-run codes nothing and writes nothing). The Dagster instance lives in
``EVENTETL_HOME/dagster`` so runs show up in ``eventetl ui``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from etl.ingest import FAILED, FileResult, scan_inbox
from etl.pipeline import partitions_in, read_partition
from etl.settings import Settings, load_settings

if TYPE_CHECKING:
    # Dagster is imported where a run is launched: importing it (and the definitions) takes
    # 1-3 s, which a re-run with every partition current should not pay.
    import dagster as dg

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
ASSETS = (
    "articles",
    "sentences",
    "coded_events",
    "validated_events",
    "events_table",
    "event_views",
)


@dataclass
class PartitionOutcome:
    """What happened to one partition."""

    partition: str
    status: str  # loaded | up to date | failed
    documents: int = 0
    duplicates: int = 0
    sentences: int = 0
    events: int = 0
    quarantined: int = 0
    events_by_type: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def dagster_instance(settings: Settings) -> dg.DagsterInstance:
    """The local instance under ``EVENTETL_HOME/dagster`` (sqlite storage unless its
    dagster.yaml says otherwise)."""
    import dagster as dg

    from dagster_project.ui import ensure_instance_file

    home = settings.dagster_home
    ensure_instance_file(home)
    return dg.DagsterInstance.from_config(str(home))


def run_pipeline(
    inbox: Path,
    partitions: list[str],
    *,
    settings: Settings | None = None,
    resources: Mapping[str, Any] | None = None,
    instance: dg.DagsterInstance | None = None,
    out: TextIO | None = None,
) -> int:
    """Run the pipeline over ``inbox`` for ``partitions`` (default: every day in the inbox).

    Args:
        inbox: the folder of articles.
        partitions: partition keys ``YYYY-MM-DD``; empty: all days the inbox's articles fall on.
        settings: default: from the environment.
        resources: replace resources (tests inject a fake coder and a test database).
        instance: the Dagster instance (default: under ``EVENTETL_HOME/dagster``).
        out: where the summary goes (default stdout).

    Returns:
        The exit code: 0 when every partition loaded or was current, 1 when one failed,
        2 for bad arguments.
    """
    out = out or sys.stdout
    settings = settings or load_settings()
    started = time.perf_counter()
    if not inbox.is_dir():
        print(f"eventetl run: inbox {inbox} is not a folder", file=out)
        return EXIT_USAGE
    scan = scan_inbox(inbox)
    wanted = partitions or partitions_in(scan)
    bad = [p for p in wanted if not _valid_partition(p, settings)]
    if bad:
        print(
            f"eventetl run: partition(s) {', '.join(bad)} are not days between "
            f"{settings.partition_start} and today (set EVENTETL_PARTITION_START?)",
            file=out,
        )
        return EXIT_USAGE
    given = resources
    resources = None if given is None else _resources(inbox, settings, given)
    if resources is None:
        # The CLI: the engine and coder identity the default resources would give, found
        # without importing Dagster; the resources are built when a partition needs a run.
        engine, identity = _default_engine_and_identity()
    else:
        engine = resources["database"].engine()
        identity = resources["coder"].identity()
    if identity is None:
        print("coder not available: etl.coding is not installed yet; nothing is coded", file=out)
    # The asset graph and the instance are made on the first partition that needs a run: opening
    # the instance imports Dagster's storage (~1 s), which a no-op re-run does not need.
    assets: list[dg.AssetsDefinition] | None = None
    outcomes: list[PartitionOutcome] = []
    with contextlib.ExitStack() as cleanup:
        for key in wanted:
            day = date.fromisoformat(key)
            partition_input = read_partition(
                inbox,
                day,
                engine=engine,
                coder_version=identity[0] if identity else None,
                dictionary_checksums=identity[1] if identity else None,
                scan=scan,
            )
            if partition_input.current:
                outcomes.append(
                    PartitionOutcome(
                        key,
                        "up to date",
                        documents=len(partition_input.documents),
                        duplicates=partition_input.duplicates,
                    )
                )
                continue
            if assets is None:
                from etl.validation import background

                # First, so GX imports on the other core meanwhile; it serves every partition.
                if background.start():
                    cleanup.callback(background.stop)
                from dagster_project.defs.assets import build_assets
                from dagster_project.defs.partitions import daily_partitions
                from dagster_project.defs.resources import partition_input_offered

                # The same graph as the definitions, unbound so the resources given here apply.
                assets = list(build_assets(daily_partitions(settings.partition_start)))
                instance = instance or dagster_instance(settings)
                resources = resources or _resources(inbox, settings, {})
            with partition_input_offered(inbox, partition_input):
                outcomes.append(_materialize(assets, key, instance, resources, partition_input))
    if not any(o.status != "up to date" for o in outcomes):
        _record_unreadable(engine, scan)
    _print_summary(out, outcomes, scan, time.perf_counter() - started)
    return EXIT_FAILED if any(o.status == "failed" for o in outcomes) else EXIT_OK


def _resources(inbox: Path, settings: Settings, given: Mapping[str, Any]) -> dict[str, Any]:
    """The run's resources: the defaults from settings, the inbox, then ``given`` on top."""
    from dagster_project.defs.pipeline import default_resources
    from dagster_project.defs.resources import InboxResource

    return {
        **default_resources(settings),
        "inbox": InboxResource(path=str(inbox)),
        **given,
    }


def _default_engine_and_identity() -> tuple[Any, tuple[str, dict[str, str]] | None]:
    """What ``DatabaseResource().engine()`` and ``CoderResource().identity()`` return for the
    default resources (see ``default_resources``), without importing Dagster."""
    from etl.load.database import make_engine
    from etl.pipeline import CoderUnavailable, coder_identity

    engine = make_engine(os.environ.get("EVENTETL_DATABASE_URL") or None)
    try:
        identity = coder_identity()
    except CoderUnavailable:
        identity = None
    return engine, identity


def _materialize(
    assets: Sequence[dg.AssetsDefinition],
    key: str,
    instance: dg.DagsterInstance,
    resources: Mapping[str, Any],
    partition_input: Any,
) -> PartitionOutcome:
    import dagster as dg

    result = dg.materialize(
        assets,
        partition_key=key,
        instance=instance,
        resources=resources,
        raise_on_error=False,
        # Dagster's event log (with stack traces) goes to the instance and the UI; the console
        # gets the summary's one line per failed partition, not the step failures' tracebacks.
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        tags={"eventetl/partition": key, "eventetl/source": "cli"},
    )
    outcome = PartitionOutcome(
        key,
        "loaded" if result.success else "failed",
        documents=len(partition_input.documents),
        duplicates=partition_input.duplicates,
    )
    if result.success:
        load = result.output_for_node("events_table")
        outcome.sentences = load.sentences
        outcome.events = load.events
        outcome.quarantined = load.quarantined
        outcome.events_by_type = dict(load.events_by_type)
        return outcome
    outcome.error = _first_failure(result)
    return outcome


def _first_failure(result: dg.ExecuteInProcessResult) -> str:
    import dagster as dg

    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            message = data.error.message.strip() if data and data.error else "failed"
            if data and data.error and data.error.cause and message.startswith("Exceeded"):
                cause = data.error.cause  # retries used up: say why the last attempt failed
                while cause.cause:
                    cause = cause.cause
                message = f"{message}: {cause.message.strip()}"
            if data and data.user_failure_data and data.user_failure_data.description:
                message = data.user_failure_data.description
            return f"{event.step_key}: {message.splitlines()[0]}"
    for check in result.get_asset_check_evaluations():
        if not check.passed and check.severity == dg.AssetCheckSeverity.ERROR:
            return f"blocked by check {check.check_name}"
    return "run did not succeed"


def _record_unreadable(engine: Any, scan: Sequence[FileResult]) -> None:
    # Normally a partition's load records failed files; with every partition current,
    # a newly broken file is recorded here (once: the insert ignores known fingerprints).
    failed = [f for f in scan if f.status == FAILED]
    if not failed:
        return
    from etl.load.events import record_files

    with engine.begin() as connection:
        record_files(connection, failed)


def _valid_partition(key: str, settings: Settings) -> bool:
    try:
        day = date.fromisoformat(key)
    except ValueError:
        return False
    return settings.partition_start <= day <= date.today()


def _print_summary(
    out: TextIO, outcomes: Sequence[PartitionOutcome], scan: Sequence[FileResult], seconds: float
) -> None:
    documents = sum(len(f.documents) for f in scan)
    print(
        f"inbox: {len(scan)} files, {documents} documents read, "
        f"{sum(1 for f in scan if f.status == FAILED)} unreadable",
        file=out,
    )
    print(
        f"{'partition':<12} {'status':<11} {'docs':>5} {'dups':>5} {'sents':>6} "
        f"{'events':>6} {'quar.':>5}",
        file=out,
    )
    totals: dict[str, int] = {}
    for o in outcomes:
        print(
            f"{o.partition:<12} {o.status:<11} {o.documents:>5} {o.duplicates:>5} "
            f"{o.sentences:>6} {o.events:>6} {o.quarantined:>5}"
            + (f"  {o.error}" if o.error else ""),
            file=out,
        )
        for kind, n in o.events_by_type.items():
            totals[kind] = totals.get(kind, 0) + n
    print(
        f"total: {sum(o.documents for o in outcomes)} documents, "
        f"{sum(o.duplicates for o in outcomes)} duplicates skipped, "
        f"{sum(o.sentences for o in outcomes)} sentences, "
        f"{sum(o.events for o in outcomes)} events, "
        f"{sum(o.quarantined for o in outcomes)} quarantined",
        file=out,
    )
    if totals:
        print(
            "events by type: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())), file=out
        )
    errors = [e for f in scan for e in f.errors]
    if errors:
        print("errors per file:", file=out)
        for error in errors:
            print(f"  {error}", file=out)
    print(f"time: {seconds:.1f} s", file=out)


if __name__ == "__main__":  # pragma: no cover - handy for `python -m dagster_project.runner`
    os.environ.setdefault("EVENTETL_INBOX", "samples/articles")
    raise SystemExit(run_pipeline(Path(os.environ["EVENTETL_INBOX"]), sys.argv[1:]))
