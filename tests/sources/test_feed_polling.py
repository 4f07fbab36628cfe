"""Feed polling against a local server: new items only, conditional GETs, failures that retry.

Covers: a second poll fetches nothing; a new item fetches only that item; an ETag-matched 304
costs no download; malformed XML, a 500 and a timeout each give a clear reason, write nothing
and are retried on the next poll; one failing feed does not stop the others; the same story
under two URLs is written once; files are written whole, one per publication day.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from etl.records import content_hash
from etl.sources.feeds import (
    FeedConfig,
    FeedCursor,
    canonical_url,
    poll_feed,
    poll_feeds,
)
from etl.sources.http import USER_AGENT, SourceClient

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def article_html(title: str, body: str) -> str:
    paragraph = f"<p>{body} " * 4 + "</p>"
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paragraph}<p>Officials confirmed the report.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )


def rss(server: HTTPServer, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed; items are (path, title, RFC 822 date)."""
    entries = "".join(
        f"<item><title>{title}</title><link>{server.url_for(path)}?utm_source=rss#top</link>"
        f"<guid>{path}</guid><pubDate>{date}</pubDate></item>"
        for path, title, date in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>{server.url_for('/')}</link>{entries}</channel></rss>"
    )


ITEMS = [
    ("/a1", "Airstrike near Idlib", "Fri, 20 Nov 2026 08:00:00 GMT"),
    ("/a2", "Protest in Tbilisi", "Sat, 21 Nov 2026 09:30:00 GMT"),
]
BODIES = {
    "/a1": "Russian warplanes struck rebel positions near Idlib on Friday, killing five.",
    "/a2": "Thousands of protesters gathered outside parliament in Tbilisi on Saturday.",
    "/a3": "Police arrested twelve opposition activists in Kampala on Monday morning.",
}


def serve_articles(server: HTTPServer) -> None:
    for path, body in BODIES.items():
        server.expect_request(path).respond_with_data(
            article_html(path, body), content_type="text/html"
        )


def feed(server: HTTPServer, name: str = "wire", path: str = "/feed.xml") -> FeedConfig:
    return FeedConfig(name, server.url_for(path), "Wire Service", "en", 15)


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def read_jsonl(files: list[Path]) -> list[dict[str, str]]:
    return [json.loads(line) for path in files for line in path.read_text().splitlines()]


def test_first_poll_writes_one_file_per_day_and_second_poll_fetches_nothing(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(httpserver, ITEMS), content_type="application/rss+xml"
    )
    serve_articles(httpserver)

    first = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert first.status == "new", first.summary()
    assert first.partitions == {"2026-11-20", "2026-11-21"}
    assert len(first.files) == 2
    for path in first.files:
        assert path.parent.parent == tmp_path / "feeds"
        assert path.name.startswith("wire-service-") and path.suffix == ".jsonl"
    rows = read_jsonl(first.files)
    assert {row["published"] for row in rows} == {"2026-11-20", "2026-11-21"}
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {"/a1", "/a2"}
    assert set(by_id["/a1"]) == {"id", "published", "text", "title", "url", "source", "language"}
    assert BODIES["/a1"] in by_id["/a1"]["text"]
    assert "Home | World" not in by_id["/a1"]["text"]  # boilerplate removed by trafilatura
    assert by_id["/a1"]["title"] == "Airstrike near Idlib"
    assert by_id["/a1"]["source"] == "Wire Service" and by_id["/a1"]["language"] == "en"
    assert not list(tmp_path.rglob("*.tmp"))
    assert requests_to(httpserver, "/a1") == 1

    # The cursor survives a JSON round trip, as it does in the Dagster sensor.
    cursor = FeedCursor.from_json(json.loads(json.dumps(first.cursor.to_json())))
    second = poll_feed(client, feed(httpserver), cursor, tmp_path, now=NOW, force=True)

    assert second.status == "unchanged"
    assert second.files == [] and second.partitions == set()
    assert requests_to(httpserver, "/a1") == 1 and requests_to(httpserver, "/a2") == 1
    assert requests_to(httpserver, "/feed.xml") == 2
    assert len(list((tmp_path / "feeds").rglob("*.jsonl"))) == 2


def test_a_new_item_fetches_only_that_article(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(rss(httpserver, ITEMS))
    serve_articles(httpserver)
    first = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)
    httpserver.clear_log()
    httpserver.clear_all_handlers()
    items = [*ITEMS, ("/a3", "Arrests in Kampala", "Mon, 23 Nov 2026 07:00:00 GMT")]
    httpserver.expect_request("/feed.xml").respond_with_data(rss(httpserver, items))
    serve_articles(httpserver)

    second = poll_feed(client, feed(httpserver), first.cursor, tmp_path, now=NOW, force=True)

    assert second.status == "new" and second.documents == 1
    assert second.partitions == {"2026-11-23"}
    assert [request.path for request, _ in httpserver.log] == ["/feed.xml", "/a3"]
    assert [row["id"] for row in read_jsonl(second.files)] == ["/a3"]


def test_etag_match_gives_304_and_downloads_nothing(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    body = rss(httpserver, ITEMS)

    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(body, headers={"ETag": '"v1"', "Last-Modified": "Sat, 21 Nov 2026"})

    httpserver.expect_request("/feed.xml").respond_with_handler(conditional)
    serve_articles(httpserver)
    first = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)
    assert first.cursor.etag == '"v1"'
    httpserver.clear_log()

    second = poll_feed(client, feed(httpserver), first.cursor, tmp_path, now=NOW, force=True)

    assert second.status == "not_modified"
    [(request, response)] = httpserver.log
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Sat, 21 Nov 2026"
    assert request.headers["User-Agent"] == USER_AGENT
    assert response.status_code == 304 and response.get_data() == b""
    assert second.cursor.etag == '"v1"'


def test_malformed_xml_is_reported_writes_nothing_and_is_retried(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    broken = rss(httpserver, ITEMS)[:-40]  # cut inside the second item
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(broken)
    serve_articles(httpserver)

    failed = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert failed.status == "failed"
    assert "malformed feed XML" in (failed.reason or "")
    assert not (tmp_path / "feeds").exists()
    assert failed.cursor.seen_urls == [] and failed.cursor.etag is None
    assert requests_to(httpserver, "/a1") == 0  # feedparser's half-read entries were not used

    httpserver.expect_request("/feed.xml").respond_with_data(rss(httpserver, ITEMS))
    later = NOW + timedelta(minutes=15)
    retried = poll_feed(client, feed(httpserver), failed.cursor, tmp_path, now=later)
    assert retried.status == "new" and retried.documents == 2


def test_server_error_is_retried_with_backoff_then_reported(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path, sleeps: list[float]
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("oops", status=500)

    failed = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert failed.status == "failed"
    assert failed.reason == "HTTP 500 INTERNAL SERVER ERROR; gave up after 3 attempts"
    assert requests_to(httpserver, "/feed.xml") == 3
    backoff = [s for s in sleeps if s > 0]
    assert len(backoff) == 2 and 0.1 <= backoff[0] < backoff[1] <= 0.25  # doubled each time
    assert not (tmp_path / "feeds").exists()
    # Not due again until interval_minutes have passed: a broken feed is not hammered.
    assert not failed.cursor.due(15, NOW + timedelta(minutes=5))
    assert failed.cursor.due(15, NOW + timedelta(minutes=15))


def test_transient_503_and_429_are_retried_honouring_retry_after(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path, sleeps: list[float]
) -> None:
    httpserver.expect_ordered_request("/feed.xml").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3"}
    )
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(rss(httpserver, ITEMS))
    serve_articles(httpserver)

    result = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert result.status == "new", result.summary()
    assert 3.0 in sleeps  # the server's Retry-After, not our own backoff


def test_timeout_is_reported_and_nothing_is_written(
    httpserver: HTTPServer, sleeps: list[float], tmp_path: Path
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.2)
        return Response(rss(httpserver, ITEMS))

    httpserver.expect_request("/feed.xml").respond_with_handler(slow)
    from etl.sources.http import HostRateLimiter, RetryPolicy

    with SourceClient(
        timeout=0.05,
        retry=RetryPolicy(attempts=3, sleep=sleeps),
        rate_limiter=HostRateLimiter(0.0, sleep=sleeps),
    ) as impatient:
        result = poll_feed(impatient, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert result.status == "failed"
    assert (result.reason or "").startswith("timed out waiting for the response")
    assert not (tmp_path / "feeds").exists()
    assert result.cursor.etag is None and result.cursor.seen_urls == []
    assert requests_to(httpserver, "/feed.xml") <= 1  # a read timeout is not retried in-tick
    # Let the slow handler finish so its request is not logged into the next test.
    deadline = time.monotonic() + 2
    while not httpserver.log and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_failing_article_is_retried_next_poll_and_the_others_are_written(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(httpserver, ITEMS), headers={"ETag": '"v1"'}
    )
    httpserver.expect_request("/a1").respond_with_data("down", status=502)
    httpserver.expect_request("/a2").respond_with_data(article_html("a2", BODIES["/a2"]))

    first = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert first.status == "new" and first.documents == 1
    assert first.partitions == {"2026-11-21"}
    assert len(first.item_errors) == 1 and "HTTP 502" in first.item_errors[0]
    assert "a1" in first.summary() and "1 article(s) to retry" in first.summary()
    # The ETag is not kept, or the next poll would get a 304 and never retry /a1.
    assert first.cursor.etag is None

    httpserver.clear_all_handlers()
    httpserver.clear_log()
    httpserver.expect_request("/feed.xml").respond_with_data(rss(httpserver, ITEMS))
    serve_articles(httpserver)
    second = poll_feed(client, feed(httpserver), first.cursor, tmp_path, now=NOW, force=True)

    assert second.documents == 1 and second.partitions == {"2026-11-20"}
    assert [request.path for request, _ in httpserver.log] == ["/feed.xml", "/a1"]


def test_one_failing_feed_does_not_stop_the_others(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    httpserver.expect_request("/broken.xml").respond_with_data("<rss><channel><item>", status=200)
    httpserver.expect_request("/down.xml").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_data(rss(httpserver, ITEMS))
    serve_articles(httpserver)
    feeds = [
        feed(httpserver, "broken", "/broken.xml"),
        feed(httpserver, "down", "/down.xml"),
        feed(httpserver, "wire", "/feed.xml"),
    ]

    results = poll_feeds(client, feeds, {}, tmp_path, now=NOW)

    assert [r.status for r in results] == ["failed", "failed", "new"]
    assert "malformed feed XML" in (results[0].reason or "")
    assert results[1].reason == "HTTP 404 NOT FOUND"  # not retried within the tick
    assert requests_to(httpserver, "/down.xml") == 1
    assert results[2].documents == 2


def test_the_same_story_under_two_urls_is_written_once(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    items = [ITEMS[0], ("/copy", "Airstrike near Idlib (update)", ITEMS[0][2])]
    httpserver.expect_request("/feed.xml").respond_with_data(rss(httpserver, items))
    serve_articles(httpserver)
    httpserver.expect_request("/copy").respond_with_data(article_html("/a1", BODIES["/a1"]))

    result = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW)

    assert result.documents == 1
    [row] = read_jsonl(result.files)
    assert content_hash(row["text"])[:12] in result.cursor.seen_texts
    assert len(result.cursor.seen_urls) == 2  # both URLs are known: neither is fetched again


def test_feeds_not_due_are_not_polled(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    cursor = FeedCursor(last_polled=(NOW - timedelta(minutes=5)).isoformat())

    result = poll_feed(client, feed(httpserver), cursor, tmp_path, now=NOW)

    assert result.status == "not_due"
    assert httpserver.log == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://News.Example.COM:443/world/story?id=7&utm_source=rss&utm_medium=x#comments",
            "https://news.example.com/world/story?id=7",
        ),
        ("http://Example.com:8080/a?fbclid=abc", "http://example.com:8080/a"),
        ("https://example.com", "https://example.com/"),
    ],
)
def test_canonical_url_strips_tracking_fragment_and_case(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_a_long_feed_is_fetched_a_few_articles_per_poll(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    items = [*ITEMS, ("/a3", "Arrests in Kampala", "Mon, 23 Nov 2026 07:00:00 GMT")]
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(httpserver, items), headers={"ETag": '"v1"'}
    )
    serve_articles(httpserver)

    first = poll_feed(client, feed(httpserver), FeedCursor(), tmp_path, now=NOW, max_items=2)

    assert first.documents == 2
    assert first.cursor.etag is None  # more to fetch: the next poll must not get a 304
    second = poll_feed(
        client, feed(httpserver), first.cursor, tmp_path, now=NOW, force=True, max_items=2
    )
    assert second.documents == 1 and second.partitions == {"2026-11-23"}
    assert second.cursor.etag == '"v1"'
    assert {requests_to(httpserver, p) for p in ("/a1", "/a2", "/a3")} == {1}
