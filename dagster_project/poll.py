"""``eventetl sources poll [feeds|gdelt|acled]``: one tick of a source sensor, from the shell.

The sensor is evaluated here, with the cursor the Dagster instance keeps for it (the instance
under ``EVENTETL_HOME/dagster``, the one ``eventetl ui`` and ``eventetl run`` use; the sensor
is looked up in the code location ``eventetl``), and its new cursor is saved back: a poll
from the shell and the daemon's ticks share one cursor and never fetch the same items twice.
What the tick requests is then run in this process: the pipeline for the days that got new
articles (unless ``run=False``), or the GDELT / ACLED import of the staged file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from etl.settings import load_settings

if TYPE_CHECKING:
    import dagster as dg

SENSORS = {"feeds": "news_feeds_sensor", "gdelt": "gdelt_sensor", "acled": "acled_api_sensor"}
EXIT_OK, EXIT_FAILED = 0, 1


def poll_once(source: str, *, run: bool = True, out: TextIO | None = None) -> int:
    """Evaluate one source sensor once with the instance's cursor, save the new cursor and
    run what it requested.

    Args:
        source: ``feeds``, ``gdelt`` or ``acled``.
        run: run what the tick requests (off: only poll; the feeds' articles wait in the
            inbox for ``eventetl run`` or the inbox sensor).
        out: where the summary goes (default stdout).

    Returns:
        The exit code: 0, or 1 when a requested run failed.
    """
    import dagster as dg

    from dagster_project.definitions import defs
    from dagster_project.runner import dagster_instance
    from dagster_project.ui import write_workspace

    out = out or sys.stdout
    settings = load_settings()
    name = SENSORS[source]
    definitions: dg.Definitions = defs
    sensor = definitions.resolve_sensor_def(name)
    with dagster_instance(settings) as instance:
        workspace = write_workspace(settings.dagster_home)
        with _stored_state(instance, workspace, name) as (cursor, save):
            context = dg.build_sensor_context(
                instance=instance,
                cursor=cursor,
                resources=dict(definitions.resources or {}),
                definitions=definitions,
            )
            result = sensor(context)
            save(context.cursor if result.cursor is None else result.cursor)
        requests = list(result.run_requests or [])
        if result.skip_reason:
            print(f"{name}: {result.skip_reason.skip_message}", file=out)
        if not requests:
            return EXIT_OK
        if source == "feeds":
            days = sorted({r.partition_key for r in requests if r.partition_key})
            print(f"{name}: new articles for {', '.join(days)}", file=out)
            if not run:
                print("run `eventetl run` to load them (or turn on inbox_sensor)", file=out)
                return EXIT_OK
            from dagster_project.runner import run_pipeline

            return run_pipeline(settings.inbox, days, settings=settings, out=out)
        return _run_imports(source, instance, requests, out)


def _stored_state(instance: dg.DagsterInstance, workspace: Path, sensor_name: str) -> Any:
    """``(cursor, save)`` for the sensor's state in the instance, as the daemon keeps it."""
    from contextlib import contextmanager

    from dagster import __version__
    from dagster._cli.workspace.cli_target import RepositoryOpts, get_repository_from_cli_opts
    from dagster._core.scheduler.instigation import (
        InstigatorState,
        InstigatorStatus,
        InstigatorType,
        SensorInstigatorData,
    )
    from dagster_shared.cli import WorkspaceOpts

    @contextmanager
    def state():
        with get_repository_from_cli_opts(
            instance=instance,
            version=__version__,
            workspace_opts=WorkspaceOpts(workspace=[str(workspace)]),
            repository_opts=RepositoryOpts(location="eventetl"),
        ) as repo:
            sensor = repo.get_sensor(sensor_name)
            stored = instance.get_instigator_state(
                sensor.get_remote_origin_id(), sensor.selector_id
            )
            data = stored.instigator_data if stored else None
            cursor = getattr(data, "cursor", None)

            def save(new_cursor: str | None) -> None:
                fresh = SensorInstigatorData(
                    last_tick_timestamp=getattr(data, "last_tick_timestamp", None),
                    last_run_key=getattr(data, "last_run_key", None),
                    min_interval=sensor.min_interval_seconds,
                    cursor=new_cursor,
                    last_tick_start_timestamp=getattr(data, "last_tick_start_timestamp", None),
                    last_sensor_start_timestamp=getattr(data, "last_sensor_start_timestamp", None),
                    sensor_type=sensor.sensor_type,
                )
                if stored is None:
                    instance.add_instigator_state(
                        InstigatorState(
                            sensor.get_remote_origin(),
                            InstigatorType.SENSOR,
                            InstigatorStatus.DECLARED_IN_CODE,
                            fresh,
                        )
                    )
                else:
                    instance.update_instigator_state(stored.with_data(fresh))

            yield cursor, save

    return state()


def _run_imports(
    source: str, instance: dg.DagsterInstance, requests: list[dg.RunRequest], out: TextIO
) -> int:
    """Run each requested GDELT / ACLED import (its staged file is in the run config)."""
    import dagster as dg

    from dagster_project.defs.sources import acled_api_update, gdelt_update

    asset = gdelt_update if source == "gdelt" else acled_api_update
    code = EXIT_OK
    for request in requests:
        result = dg.materialize(
            [asset],
            instance=instance,
            run_config=request.run_config,
            tags={**request.tags, "eventetl/source": f"{source} (cli)"},
            raise_on_error=False,
        )
        print(f"{request.run_key}: {'imported' if result.success else 'FAILED'}", file=out)
        if not result.success:
            code = EXIT_FAILED
    return code
