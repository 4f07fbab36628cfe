"""Feeds that cannot stall a tick, against a loopback server: with two feeds that never answer
in time, a poll stops starting requests once its time budget is spent, the feeds it did not
reach are deferred and go first next time, a feed once found slow is polled after the fast
ones, and a feed polled a few seconds short of its interval (tick jitter) still counts as due.

Time is a fake clock that a slow feed's handler moves on, so the budget decisions do not depend
on how busy the machine is; one test also lets real requests time out.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from test_feed_polling import ITEMS, rss, serve_articles
from werkzeug import Request, Response

from etl.sources.feeds import FeedConfig, FeedCursor, poll_feeds
from etl.sources.http import SourceClient

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
BUDGET_S = 25.0
SLOW_S = 30.0  # what a slow feed costs on the fake clock: more than the whole budget


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _feeds(server: HTTPServer, clock: FakeClock) -> list[FeedConfig]:
    def slow(request: Request) -> Response:
        clock.now += SLOW_S
        return Response("gateway timeout", status=404)  # 404: failed, not retried in the tick

    server.expect_request("/slow1.xml").respond_with_handler(slow)
    server.expect_request("/slow2.xml").respond_with_handler(slow)
    server.expect_request("/feed.xml").respond_with_data(rss(server, ITEMS))
    serve_articles(server)
    return [
        FeedConfig(name, server.url_for(path), "Wire Service", "en", 1)
        for name, path in (("slow1", "/slow1.xml"), ("slow2", "/slow2.xml"), ("wire", "/feed.xml"))
    ]


def _poll(client, feeds, cursors, tmp_path, clock, minutes):
    results = poll_feeds(
        client,
        feeds,
        cursors,
        tmp_path,
        now=NOW + timedelta(minutes=minutes),
        budget_seconds=BUDGET_S,
        clock=clock,
    )
    cursors |= {r.feed: r.cursor for r in results}
    return [r.status for r in results], results


def test_slow_feeds_delay_only_themselves(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    clock = FakeClock()
    feeds = _feeds(httpserver, clock)
    cursors: dict[str, FeedCursor] = {}

    statuses, _ = _poll(client, feeds, cursors, tmp_path, clock, 0)
    assert statuses == ["failed", "deferred", "deferred"]  # no request after the budget

    statuses, _ = _poll(client, feeds, cursors, tmp_path, clock, 1)
    assert statuses == ["deferred", "failed", "deferred"]  # the feeds not reached went first

    before = len(httpserver.log)
    statuses, results = _poll(client, feeds, cursors, tmp_path, clock, 2)
    # Both slow feeds have been tried: the fast one goes first and is never held up again.
    assert statuses == ["failed", "deferred", "new"]
    assert next(r.path for r, _ in httpserver.log[before:]) == "/feed.xml"
    assert results[2].documents == 2
    assert cursors["wire"].last_seconds < cursors["slow1"].last_seconds == SLOW_S

    statuses, _ = _poll(client, feeds, cursors, tmp_path, clock, 3)
    assert statuses[2] in {"unchanged", "not_modified"}  # polled again, first, every tick


def test_real_timeouts_stop_at_the_budget(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    def hang(request: Request) -> Response:
        time.sleep(0.7)  # longer than the client's 0.5 s timeout
        return Response("late")

    httpserver.expect_request("/slow1.xml").respond_with_handler(hang)
    httpserver.expect_request("/slow2.xml").respond_with_handler(hang)
    feeds = [
        FeedConfig(name, httpserver.url_for(f"/{name}.xml"), "Wire", "en", 1)
        for name in ("slow1", "slow2")
    ]
    results = poll_feeds(client, feeds, {}, tmp_path, now=NOW, budget_seconds=0.2)
    assert [r.status for r in results] == ["failed", "deferred"]
    assert "timed out" in (results[0].reason or ""), results[0].reason
    assert not [r for r, _ in httpserver.log if r.path == "/slow2.xml"]


def test_a_feed_polled_a_little_early_is_due() -> None:
    cursor = FeedCursor(last_polled=NOW.isoformat())
    assert cursor.due(1, NOW + timedelta(seconds=57))  # a 60 s sensor tick, 3 s of jitter
    assert not cursor.due(1, NOW + timedelta(seconds=50))
    assert cursor.due(30, NOW + timedelta(minutes=29, seconds=5))
    assert not cursor.due(30, NOW + timedelta(minutes=28))
    assert FeedCursor.from_json(cursor.to_json() | {"last_seconds": 2.5}).last_seconds == 2.5
