"""The Dagster sensors of the sources, evaluated with ``dg.build_sensor_context(cursor=...)``.

Covers: the feeds sensor requests the pipeline job once per day that got new files, with run
keys that repeat for the same files, reports a failing feed by name without stopping the
others, and requests nothing on a tick with nothing new; the GDELT sensor stages a verified file
and requests its import once, and keeps its cursor on a bad MD5; the ACLED sensor stages
changes and requests a run that deletes here what ACLED deleted, keeps its cursor on a refused
login without showing the password; all sensors start STOPPED and target jobs that exist.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dagster as dg
import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, insert, select

from dagster_project.defs import sources
from dagster_project.defs.sources import (
    AcledSourceResource,
    FeedSourcesResource,
    GdeltSourceResource,
)
from schema import Event

TODAY = datetime.now(UTC).date()
FAST = {"request_interval_seconds": 0.0, "retry_attempts": 1, "timeout_seconds": 2.0}


def rfc822(days_ago: int) -> str:
    moment = datetime.now(UTC) - timedelta(days=days_ago)
    return moment.strftime("%a, %d %b %Y 08:00:00 GMT")


def serve_feed(server: HTTPServer, path: str, items: list[tuple[str, int]]) -> None:
    entries = "".join(
        f"<item><title>{p}</title><link>{server.url_for(p)}</link><pubDate>{rfc822(d)}</pubDate>"
        "</item>"
        for p, d in items
    )
    server.expect_request(path).respond_with_data(
        f'<rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'
    )
    for p, _ in items:
        body = f"<p>Rebels shelled the town of {p.strip('/')} overnight, residents said. </p>" * 5
        server.expect_request(p).respond_with_data(f"<html><body><article>{body}</article></body>")


def write_feeds_toml(path: Path, server: HTTPServer, names: list[str]) -> Path:
    path.write_text(
        "".join(
            f'[feeds.{name}]\nurl = "{server.url_for(f"/{name}.xml")}"\n'
            f'source = "Wire {name}"\ninterval_minutes = 10\n\n'
            for name in names
        )
    )
    return path


def feed_resource(tmp_path: Path, feeds_file: Path) -> FeedSourcesResource:
    return FeedSourcesResource(feeds_file=str(feeds_file), inbox=str(tmp_path / "inbox"), **FAST)


def run_feeds_sensor(resource: FeedSourcesResource, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(cursor=cursor, resources={"feed_sources": resource})
    return sources.news_feeds_sensor(context)


def test_feeds_sensor_requests_one_run_per_new_day_and_nothing_on_a_quiet_tick(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feed(httpserver, "/wire.xml", [("/s1", 1), ("/s2", 2), ("/s3", 2)])
    resource = feed_resource(tmp_path, write_feeds_toml(tmp_path / "f.toml", httpserver, ["wire"]))

    first = run_feeds_sensor(resource, None)

    days = {(TODAY - timedelta(days=n)).isoformat() for n in (1, 2)}
    assert {r.partition_key for r in first.run_requests} == days
    assert all(r.run_key.startswith("feeds:") for r in first.run_requests)
    assert len({r.run_key for r in first.run_requests}) == 2
    assert len(list((tmp_path / "inbox" / "feeds").rglob("*.jsonl"))) == 2
    cursor = json.loads(first.cursor or "")
    assert set(cursor["feeds"]) == {"wire"} and len(cursor["feeds"]["wire"]["seen_urls"]) == 3
    assert cursor["pending"] == []

    quiet = run_feeds_sensor(resource, first.cursor)  # within interval_minutes
    assert quiet.run_requests == [] and quiet.skip_reason is not None
    assert quiet.skip_reason.skip_message == "no feed is due yet"

    cursor["feeds"]["wire"]["last_polled"] = "2000-01-01T00:00:00+00:00"  # time has passed
    polled = run_feeds_sensor(resource, json.dumps(cursor))
    assert polled.run_requests == []
    assert polled.skip_reason is not None and "wire: unchanged" in polled.skip_reason.skip_message


def test_feeds_sensor_run_keys_repeat_for_the_same_files(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feed(httpserver, "/wire.xml", [("/s1", 1)])
    resource = feed_resource(tmp_path, write_feeds_toml(tmp_path / "f.toml", httpserver, ["wire"]))

    first = run_feeds_sensor(resource, None)
    again = run_feeds_sensor(resource, None)  # a tick replayed from the same cursor

    assert [r.run_key for r in first.run_requests] == [r.run_key for r in again.run_requests]


def test_todays_articles_wait_in_the_cursor_until_their_partition_opens(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_feed(httpserver, "/wire.xml", [("/s1", 0), ("/s2", 1)])
    resource = feed_resource(tmp_path, write_feeds_toml(tmp_path / "f.toml", httpserver, ["wire"]))
    yesterday = (TODAY - timedelta(days=1)).isoformat()

    result = run_feeds_sensor(resource, None)

    assert [r.partition_key for r in result.run_requests] == [yesterday]
    assert json.loads(result.cursor or "")["pending"] == [TODAY.isoformat()]
    # A pending day whose partition is open (here: yesterday) is requested on the next tick.
    cursor = json.loads(result.cursor or "")
    cursor["pending"] = [yesterday]
    later = run_feeds_sensor(resource, json.dumps(cursor))
    assert [r.partition_key for r in later.run_requests] == [yesterday]
    assert [r.run_key for r in later.run_requests] == [r.run_key for r in result.run_requests]
    assert json.loads(later.cursor or "")["pending"] == []


def test_feeds_sensor_names_a_failing_feed_and_polls_the_others(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/broken.xml").respond_with_data("gone", status=500)
    serve_feed(httpserver, "/wire.xml", [("/s1", 1)])
    feeds_file = write_feeds_toml(tmp_path / "f.toml", httpserver, ["broken", "wire"])
    resource = feed_resource(tmp_path, feeds_file)

    result = run_feeds_sensor(resource, None)

    assert [r.partition_key for r in result.run_requests] == [
        (TODAY - timedelta(days=1)).isoformat()
    ]
    cursor = json.loads(result.cursor or "")["feeds"]
    assert cursor["broken"]["seen_urls"] == [] and cursor["broken"]["etag"] is None
    assert len(cursor["wire"]["seen_urls"]) == 1


def test_feeds_sensor_reports_failures_in_the_skip_reason(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/broken.xml").respond_with_data("<rss><channel><item>")
    feeds_file = write_feeds_toml(tmp_path / "f.toml", httpserver, ["broken"])
    resource = feed_resource(tmp_path, feeds_file)

    result = run_feeds_sensor(resource, None)

    assert result.run_requests == []
    assert result.skip_reason is not None
    assert result.skip_reason.skip_message.startswith("broken: failed: malformed feed XML")


def test_feeds_sensor_without_a_feeds_file_fails_the_tick_clearly(tmp_path: Path) -> None:
    resource = feed_resource(tmp_path, tmp_path / "missing.toml")

    with pytest.raises(ValueError, match=r"missing\.toml: feeds file not found"):
        run_feeds_sensor(resource, None)


def gdelt_zip(timestamp: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{timestamp}.export.CSV", "1\t20261124\t190\n")
    return buffer.getvalue()


def serve_gdelt(server: HTTPServer, timestamp: str, md5: str | None = None) -> None:
    import hashlib

    data = gdelt_zip(timestamp)
    url = server.url_for(f"/gdeltv2/{timestamp}.export.CSV.zip")
    line = f"{len(data)} {md5 or hashlib.md5(data).hexdigest()} {url}\n"
    server.expect_request("/gdeltv2/lastupdate.txt").respond_with_data(line)
    server.expect_request(f"/gdeltv2/{timestamp}.export.CSV.zip").respond_with_data(data)


def run_gdelt_sensor(resource: GdeltSourceResource, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(cursor=cursor, resources={"gdelt_source": resource})
    return sources.gdelt_sensor(context)


def test_gdelt_sensor_stages_a_verified_file_and_requests_its_import_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_gdelt(httpserver, "20261124120000")
    resource = GdeltSourceResource(
        base_url=httpserver.url_for("/gdeltv2/"), work_dir=str(tmp_path), **FAST
    )

    first = run_gdelt_sensor(resource, "20261124114500")

    [request] = first.run_requests
    assert request.run_key == "gdelt:20261124120000"
    config = request.run_config["ops"]["sources__gdelt_update"]["config"]
    assert Path(config["path"]).read_text() == "1\t20261124\t190\n"
    assert first.cursor == "20261124120000"

    second = run_gdelt_sensor(resource, first.cursor)
    assert second.run_requests == [] and second.cursor == "20261124120000"


def test_gdelt_sensor_keeps_its_cursor_on_a_bad_md5(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_gdelt(httpserver, "20261124120000", md5="0" * 32)
    resource = GdeltSourceResource(
        base_url=httpserver.url_for("/gdeltv2/"), work_dir=str(tmp_path), **FAST
    )

    result = run_gdelt_sensor(resource, "20261124114500")

    assert result.run_requests == []
    assert result.cursor == "20261124114500"
    assert result.skip_reason is not None and "MD5 mismatch" in result.skip_reason.skip_message
    assert list(tmp_path.iterdir()) == []


def serve_acled(server: HTTPServer, deleted: list[dict[str, str]]) -> None:
    server.expect_request("/oauth/token", method="POST").respond_with_json(
        {"access_token": "t", "expires_in": 3600}
    )
    server.expect_request("/api/acled/read").respond_with_json({"success": True, "data": []})
    server.expect_request("/api/deleted/read").respond_with_json({"success": True, "data": deleted})


def acled_resource(
    server: HTTPServer, tmp_path: Path, password: str = "pw-123"
) -> AcledSourceResource:
    return AcledSourceResource(
        base_url=server.url_for("/"),
        username="me@example.org",
        password=password,
        work_dir=str(tmp_path),
        **FAST,
    )


def test_acled_sensor_stages_deletions_and_its_run_removes_them_here(
    httpserver: HTTPServer,
    tmp_path: Path,
    clean_db: str,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(Event),
            [
                {
                    "id": f"e{n}",
                    "origin": "acled",
                    "external_id": f"SYR{n}",
                    "partition_date": TODAY,
                    "event_date": TODAY,
                    "acled_event_type": "Battles",
                }
                for n in (1, 2)
            ],
        )
    serve_acled(httpserver, [{"event_id_cnty": "SYR1", "deleted_timestamp": "1700000500"}])
    resource = acled_resource(httpserver, tmp_path)
    context = dg.build_sensor_context(
        cursor=json.dumps({"timestamp": 1_700_000_000, "deleted_timestamp": 1_700_000_000}),
        resources={"acled_source": resource},
    )

    result = sources.acled_api_sensor(context)

    [request] = result.run_requests
    assert request.run_key == "acled:1700000000-1700000000:1700000000-1700000500"
    assert json.loads(result.cursor or "")["deleted_timestamp"] == 1_700_000_500

    monkeypatch.setenv("EVENTETL_DATABASE_URL", clean_db)
    outcome = dg.materialize(
        [sources.acled_api_update], run_config=request.run_config, raise_on_error=True
    )

    assert outcome.success
    with engine.connect() as connection:
        left = connection.execute(select(Event.external_id)).scalars().all()
    assert left == ["SYR2"]
    assert list(tmp_path.glob("*.json")) == []  # applied: the staged file is removed

    replay = dg.build_sensor_context(cursor=result.cursor, resources={"acled_source": resource})
    quiet = sources.acled_api_sensor(replay)
    assert quiet.run_requests == []  # the same deletion is not staged twice


def test_acled_sensor_keeps_its_cursor_when_the_login_is_refused(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/oauth/token", method="POST").respond_with_json(
        {"error": "invalid_grant", "error_description": "Invalid credentials"}, status=401
    )
    cursor = json.dumps({"timestamp": 5, "deleted_timestamp": 6})
    context = dg.build_sensor_context(
        cursor=cursor,
        resources={"acled_source": acled_resource(httpserver, tmp_path, "hunter2-secret")},
    )

    result = sources.acled_api_sensor(context)

    assert result.run_requests == []
    assert json.loads(result.cursor or "")["timestamp"] == 5
    message = result.skip_reason.skip_message if result.skip_reason else ""
    assert "HTTP 401" in message and "check ACLED_USERNAME and ACLED_PASSWORD" in message
    assert "hunter2-secret" not in message and "me@example.org" not in message


def test_sensors_start_stopped_and_target_jobs_that_exist() -> None:
    from dagster_project.definitions import defs

    repository = defs.get_repository_def()
    names = {
        "news_feeds_sensor": "eventetl_partition_job",
        "gdelt_sensor": "gdelt_update_job",
        "acled_api_sensor": "acled_api_update_job",
    }
    for sensor_name, job_name in names.items():
        sensor = repository.get_sensor_def(sensor_name)
        assert sensor.default_status == dg.DefaultSensorStatus.STOPPED
        assert sensor.job_name == job_name
        assert repository.has_job(job_name)
