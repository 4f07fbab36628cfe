"""`eventetl sources poll feeds` against a loopback feed: the poll writes the new article into
the inbox and saves the news-feeds sensor's cursor in the Dagster instance, where the daemon's
ticks read it; a second poll uses that cursor (the feed is not due, nothing is fetched)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from test_feed_polling import article_html

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_poll_once_shares_the_sensor_cursor(
    httpserver: HTTPServer, clean_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Russian warplanes struck rebel positions near Idlib on Thursday, killing five."
    httpserver.expect_request("/a1").respond_with_data(article_html("Idlib", body))
    httpserver.expect_request("/feed.xml").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>{httpserver.url_for('/')}</link><item><title>Airstrike near Idlib</title>"
        f"<link>{httpserver.url_for('/a1')}</link><guid>a1</guid>"
        "<pubDate>Thu, 28 Nov 2024 08:00:00 GMT</pubDate></item></channel></rss>"
    )
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(
        f'[feeds.wire]\nurl = "{httpserver.url_for("/feed.xml")}"\nsource = "Wire"\n'
        "interval_minutes = 30\n"
    )
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    for name, value in {
        "EVENTETL_HOME": str(tmp_path / "home"),
        "EVENTETL_DATABASE_URL": clean_db,
        "EVENTETL_FEEDS": str(feeds),
        "EVENTETL_INBOX": str(inbox),
    }.items():
        monkeypatch.setenv(name, value)
    from dagster_project.poll import poll_once
    from dagster_project.runner import dagster_instance
    from etl.settings import load_settings

    first = io.StringIO()
    assert poll_once("feeds", run=False, out=first) == 0
    assert "new articles for 2024-11-28" in first.getvalue()
    written = list((inbox / "feeds" / "2024-11-28").glob("*.jsonl"))
    assert len(written) == 1 and "Idlib" in written[0].read_text()

    with dagster_instance(load_settings()) as instance:
        states = [
            s for s in instance.all_instigator_state() if s.instigator_name == "news_feeds_sensor"
        ]
        assert len(states) == 1
        assert states[0].origin.repository_origin.code_location_origin.location_name == ("eventetl")
        cursor = json.loads(states[0].instigator_data.cursor)
    assert cursor["feeds"]["wire"]["last_polled"]

    second = io.StringIO()
    assert poll_once("feeds", run=False, out=second) == 0
    assert "no feed is due yet" in second.getvalue()
    assert sum(1 for request, _ in httpserver.log if request.path == "/feed.xml") == 1
