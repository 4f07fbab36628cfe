"""Sensors for the incremental sources: news feeds, GDELT's 15-minute files and the ACLED API.

- ``news_feeds_sensor`` polls every due feed in ``feeds.toml``, writes new articles into the
  inbox (``<inbox>/feeds/<day>/``) and requests the pipeline's partitioned job for each day
  that got new files. A failing feed is logged and named in the tick; the others go on.
- ``gdelt_sensor`` reads ``lastupdate.txt``; a newer export is downloaded, verified (size and
  MD5) and extracted in the tick, then a ``gdelt_update`` run imports it.
- ``acled_api_sensor`` fetches ACLED rows changed and events deleted since its cursor, stages
  them as a JSON file, and an ``acled_api_update`` run applies them.

Every sensor keeps a JSON cursor, uses run keys derived from what it found (a repeated tick
starts nothing new), starts STOPPED (the demo never reaches the internet) and reads no
environment at import time: paths and credentials are resolved when a tick runs.
"""

import hashlib
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import dagster as dg

from etl.settings import load_settings

FEEDS_SENSOR = "news_feeds_sensor"
GDELT_SENSOR = "gdelt_sensor"
ACLED_SENSOR = "acled_api_sensor"
PIPELINE_JOB = "eventetl_partition_job"  # dagster_project/defs/pipeline.py's JOB_NAME
GDELT_ASSET = dg.AssetKey(["sources", "gdelt_update"])
ACLED_ASSET = dg.AssetKey(["sources", "acled_api_update"])


def _home() -> Path:
    return load_settings().home / "sources"


class _HttpSettings(dg.ConfigurableResource):
    """HTTP politeness shared by the source resources.

    Attributes:
        request_interval_seconds: at least this long between two requests to one host.
        retry_attempts: tries per request (connect errors, 5xx, 429) within a tick.
        timeout_seconds: per-request timeout.
    """

    request_interval_seconds: float = 1.0
    retry_attempts: int = 4
    timeout_seconds: float = 30.0

    def client(self) -> Any:
        """A new :class:`etl.sources.http.SourceClient` (close it, or use ``with``)."""
        from etl.sources.http import HostRateLimiter, RetryPolicy, SourceClient

        return SourceClient(
            timeout=self.timeout_seconds,
            retry=RetryPolicy(attempts=self.retry_attempts),
            rate_limiter=HostRateLimiter(min_interval=self.request_interval_seconds),
        )


class FeedSourcesResource(_HttpSettings):
    """Where the feeds are configured and where their articles go.

    Attributes:
        feeds_file: the TOML file; empty: ``EVENTETL_FEEDS``, else ``feeds.toml``.
        inbox: the inbox folder; empty: ``EVENTETL_INBOX`` (the pipeline's inbox).
        max_items_per_feed: new articles fetched per feed per tick (the rest wait a tick).
        request_runs: request the pipeline job for days with new files; off, the inbox
            sensor picks the files up instead.
        tick_budget_seconds: time for one tick's polling; feeds not reached are polled
            first on the next tick.
        timeout_seconds, retry_attempts: per request, lower than the other sources' so one
            request fits in a tick.
    """

    feeds_file: str = ""
    inbox: str = ""
    max_items_per_feed: int = 20
    request_runs: bool = True
    # A tick polls within a budget well under Dagster's 60 s sensor limit: no request starts
    # after it, and one request (10 s timeout, 2 tries) can overrun it by about 21 s.
    tick_budget_seconds: float = 25.0
    timeout_seconds: float = 10.0
    retry_attempts: int = 2

    def feeds_path(self) -> Path:
        """The feeds file, resolved when a tick runs."""
        return Path(self.feeds_file or os.environ.get("EVENTETL_FEEDS") or "feeds.toml")

    def inbox_path(self) -> Path:
        """The inbox, resolved when a tick runs."""
        return Path(self.inbox) if self.inbox else load_settings().inbox


class GdeltSourceResource(_HttpSettings):
    """GDELT's update folder and where verified files wait for import.

    Attributes:
        base_url: GDELT 2.0's folder; empty: ``EVENTETL_GDELT_BASE_URL`` or GDELT's own.
        work_dir: where CSVs are extracted; empty: ``$EVENTETL_HOME/sources/gdelt``.
    """

    base_url: str = ""
    work_dir: str = ""

    def url(self) -> str:
        from etl.sources.commands import gdelt_base_url

        return self.base_url or gdelt_base_url()

    def folder(self) -> Path:
        return Path(self.work_dir) if self.work_dir else _home() / "gdelt"


class AcledSourceResource(_HttpSettings):
    """The ACLED API and its credentials.

    Leave the credential fields empty to read ``ACLED_USERNAME``/``ACLED_PASSWORD`` (or the
    legacy ``ACLED_EMAIL``/``ACLED_KEY``) from the environment when a tick runs; set them with
    ``dg.EnvVar`` so that they never appear in the UI.

    Attributes:
        base_url: ``https://acleddata.com`` (tests point it at a local server).
        username, password, email, key: credentials, see above.
        initial_days: with no cursor yet, start this many days back (load history with
            ``eventetl import acled FILE`` from an ACLED export instead).
        page_size: rows per API page.
        work_dir: where fetched changes wait for the run; empty: ``$EVENTETL_HOME/sources/acled``.
    """

    base_url: str = "https://acleddata.com"
    username: str = ""
    password: str = ""
    email: str = ""
    key: str = ""
    initial_days: int = 7
    page_size: int = 5000
    work_dir: str = ""

    def credentials(self) -> Any:
        from etl.sources.acled_api import AcledCredentials

        configured = AcledCredentials(
            self.username or None, self.password or None, self.email or None, self.key or None
        )
        return configured if configured.mode != "none" else AcledCredentials.from_env()

    def folder(self) -> Path:
        return Path(self.work_dir) if self.work_dir else _home() / "acled"


def _load_json(cursor: str | None) -> dict[str, Any]:
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except json.JSONDecodeError:
        return {}  # an unreadable cursor starts afresh (the loads downstream are idempotent)
    return data if isinstance(data, dict) else {}


def _open_partitions(days: set[str]) -> tuple[list[str], list[str], list[str]]:
    """Split days into (open partitions, not open yet, before the first partition).

    A daily partition opens when its day has ended (UTC), so articles published today wait.
    """
    from dagster_project.defs.partitions import daily_partitions

    start = load_settings().partition_start
    valid = set(daily_partitions(start).get_partition_keys())
    open_days = sorted(days & valid)
    early = sorted(d for d in days - valid if d < start.isoformat())
    waiting = sorted(days - valid - set(early))
    return open_days, waiting, early


def _day_run_key(inbox: Path, day: str) -> str:
    # Every feed file of the day, so the same files give the same key and a new file a new one.
    names = sorted(p.name for p in (inbox / "feeds" / day).glob("*.jsonl"))
    return f"feeds:{day}:{hashlib.sha256(chr(10).join(names).encode()).hexdigest()[:16]}"


@dg.sensor(
    name=FEEDS_SENSOR,
    job_name=PIPELINE_JOB,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Poll the news feeds in feeds.toml; write new articles into the inbox.",
)
def news_feeds_sensor(
    context: dg.SensorEvaluationContext, feed_sources: FeedSourcesResource
) -> dg.SensorResult:
    """Poll every due feed; request the pipeline job for each day that got new files.

    The cursor is ``{"feeds": {name: FeedCursor}, "pending": [days]}``: days that got files
    before their partition opened (today) are requested on the first tick after it opens.
    """
    from etl.sources.feeds import FeedCursor, load_feeds, poll_feeds

    feeds = load_feeds(feed_sources.feeds_path())  # a broken file fails the tick, loudly
    saved = _load_json(context.cursor)
    saved_feeds = saved.get("feeds") if isinstance(saved.get("feeds"), dict) else {}
    cursors = {name: FeedCursor.from_json(value) for name, value in saved_feeds.items()}
    pending = {d for d in saved.get("pending") or [] if isinstance(d, str)}
    inbox = feed_sources.inbox_path()
    with feed_sources.client() as client:
        results = poll_feeds(
            client,
            feeds,
            cursors,
            inbox,
            max_items=feed_sources.max_items_per_feed,
            budget_seconds=feed_sources.tick_budget_seconds,
        )
    for result in results:
        if result.status == "failed":
            context.log.warning(result.summary())
        elif result.status != "not_due":
            context.log.info(result.summary())
    new_days = {day for result in results for day in result.partitions}
    ready, waiting, early = _open_partitions(new_days | pending)
    for day in early:
        context.log.warning(f"articles dated {day} are before the first partition; not run")
    if waiting:
        context.log.info(f"{', '.join(waiting)}: partition not open yet; requested when it is")
    feeds_state = {name: cursor.to_json() for name, cursor in cursors.items()}
    feeds_state |= {r.feed: r.cursor.to_json() for r in results}
    new_cursor = json.dumps(
        {"feeds": feeds_state, "pending": waiting}, sort_keys=True, separators=(",", ":")
    )
    requests = []
    if feed_sources.request_runs:
        requests = [
            dg.RunRequest(
                run_key=_day_run_key(inbox, day),
                partition_key=day,
                tags={"eventetl/source": "feeds"},
            )
            for day in ready
        ]
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=new_cursor)
    polled = [r.summary() for r in results if r.status != "not_due"]
    reason = "; ".join(polled) if polled else "no feed is due yet"
    if new_days and not feed_sources.request_runs:
        reason = f"new files in the inbox for {', '.join(sorted(new_days))}; {reason}"
    return dg.SensorResult(skip_reason=reason, cursor=new_cursor)


class GdeltUpdateConfig(dg.Config):
    """The verified CSV a ``gdelt_update`` run imports."""

    path: str
    timestamp: str


@dg.asset(
    key=GDELT_ASSET,
    group_name="sources",
    kinds={"gdelt", "postgres"},
)
def gdelt_update(context: dg.AssetExecutionContext, config: GdeltUpdateConfig):
    """Import one verified GDELT 15-minute events file (staged by ``gdelt_sensor``)."""
    from etl.sources.gdelt import import_update

    path = Path(config.path)
    if not path.exists():
        raise dg.Failure(
            f"{path} is gone; the sensor stages it again only if its cursor is reset. "
            f"Re-import with: eventetl import gdelt --since <the timestamp before "
            f"{config.timestamp}>"
        )
    counts = import_update(path)
    path.unlink(missing_ok=True)  # imported: the copy is GDELT's to keep, not ours
    return dg.MaterializeResult(
        metadata={
            "timestamp": config.timestamp,
            "importer_result": counts.loaded,
            "quarantined": counts.quarantined,
            "flagged": counts.flagged,  # loaded with plausibility warnings (quality_flags)
            "file": path.name,
        }
    )


gdelt_update_job = dg.define_asset_job(
    "gdelt_update_job", selection=[GDELT_ASSET], description="Import a GDELT update file."
)


@dg.sensor(
    name=GDELT_SENSOR,
    job=gdelt_update_job,
    minimum_interval_seconds=300,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Take GDELT's newest 15-minute events file, verified, and import it.",
)
def gdelt_sensor(
    context: dg.SensorEvaluationContext, gdelt_source: GdeltSourceResource
) -> dg.SensorResult:
    """Read lastupdate.txt; download, verify and stage a newer export; request its import."""
    from etl.sources.gdelt import poll_latest

    cursor = context.cursor or None
    with gdelt_source.client() as client:
        result = poll_latest(client, cursor, gdelt_source.folder(), base_url=gdelt_source.url())
    summary = result.summary()
    if result.status == "failed" or result.missing:
        context.log.warning(summary)
    if result.status != "new" or result.path is None:
        return dg.SensorResult(skip_reason=summary, cursor=result.cursor)
    run_config = dg.RunConfig(
        ops={
            "sources__gdelt_update": GdeltUpdateConfig(
                path=str(result.path), timestamp=result.latest or ""
            )
        }
    )
    request = dg.RunRequest(
        run_key=f"gdelt:{result.latest}", run_config=run_config, tags={"eventetl/source": "gdelt"}
    )
    return dg.SensorResult(run_requests=[request], cursor=result.cursor)


class AcledUpdateConfig(dg.Config):
    """The staged ACLED changes an ``acled_api_update`` run applies."""

    path: str


@dg.asset(
    key=ACLED_ASSET,
    group_name="sources",
    kinds={"acled", "postgres"},
)
def acled_api_update(context: dg.AssetExecutionContext, config: AcledUpdateConfig):
    """Apply ACLED rows changed upstream and remove events ACLED deleted (staged by the sensor)."""
    from etl.load.sources import delete_acled_events
    from etl.sources.acled_api import AcledChanges, apply_changes, default_row_importer

    path = Path(config.path)
    if not path.exists():
        raise dg.Failure(f"{path} is gone; reset the {ACLED_SENSOR} cursor to fetch it again")
    changes = AcledChanges.from_json(json.loads(path.read_text(encoding="utf-8")))
    applied, deleted = apply_changes(
        changes, default_row_importer(path.parent), lambda ids: delete_acled_events(ids)
    )
    path.unlink(missing_ok=True)
    return dg.MaterializeResult(
        metadata={
            "changed_rows": len(changes.rows),
            "importer_result": applied,
            "deletions": len(changes.deleted_ids),
            "deleted_here": deleted,
            "cursor_timestamp": changes.cursor.timestamp,
        }
    )


acled_update_job = dg.define_asset_job(
    "acled_api_update_job", selection=[ACLED_ASSET], description="Apply ACLED API changes."
)


@dg.sensor(
    name=ACLED_SENSOR,
    job=acled_update_job,
    minimum_interval_seconds=3600,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Fetch ACLED rows changed and events deleted since the cursor.",
)
def acled_api_sensor(
    context: dg.SensorEvaluationContext, acled_source: AcledSourceResource
) -> dg.SensorResult:
    """Fetch ACLED's changes and deletions since the cursor; stage them and request a run."""
    from etl.sources.acled_api import AcledApi, AcledCursor, AcledError, fetch_changes

    if context.cursor:
        cursor = AcledCursor.from_json(_load_json(context.cursor))
    else:
        start = datetime.now(UTC) - timedelta(days=acled_source.initial_days)
        cursor = AcledCursor(int(start.timestamp()), int(start.timestamp()))
    kept = json.dumps(cursor.to_json(), sort_keys=True)
    try:
        with acled_source.client() as client:
            api = AcledApi(
                acled_source.credentials(),
                client,
                base_url=acled_source.base_url,
                page_size=acled_source.page_size,
            )
            changes = fetch_changes(api, cursor)
    except AcledError as exc:
        context.log.warning(f"ACLED: {exc}")
        return dg.SensorResult(skip_reason=f"ACLED failed, will retry: {exc}", cursor=kept)
    new_cursor = json.dumps(changes.cursor.to_json(), sort_keys=True)
    if changes.empty:
        return dg.SensorResult(skip_reason="ACLED: nothing changed", cursor=new_cursor)
    name = f"acled-{changes.cursor.timestamp}-{changes.cursor.deleted_timestamp}.json"
    path = _stage_json(acled_source.folder() / name, changes.to_json())
    request = dg.RunRequest(
        run_key=f"acled:{cursor.timestamp}-{changes.cursor.timestamp}:"
        f"{cursor.deleted_timestamp}-{changes.cursor.deleted_timestamp}",
        run_config=dg.RunConfig(
            ops={"sources__acled_api_update": AcledUpdateConfig(path=str(path))}
        ),
        tags={"eventetl/source": "acled"},
    )
    context.log.info(
        f"ACLED: {len(changes.rows)} changed row(s), {len(changes.deleted_ids)} deletion(s)"
    )
    return dg.SensorResult(run_requests=[request], cursor=new_cursor)


def _stage_json(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temp, path)
    return path


@dg.definitions
def defs() -> dg.Definitions:
    """Loaded by ``dg.load_from_defs_folder``; the resources read nothing until a tick."""
    return dg.Definitions(
        assets=[gdelt_update, acled_api_update],
        jobs=[gdelt_update_job, acled_update_job],
        sensors=[news_feeds_sensor, gdelt_sensor, acled_api_sensor],
        resources={
            "feed_sources": FeedSourcesResource(),
            "gdelt_source": GdeltSourceResource(),
            "acled_source": AcledSourceResource(),
        },
    )
