"""The shared HTTP client's pieces and the feeds file: masking, Retry-After, rate limit, config.

Covers: secrets are masked in URLs; Retry-After in seconds and as an HTTP date; the per-host
rate limit waits only for the same host; the example feeds file loads; a feeds file with a
wrong field names the file, the feed and the field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.sources.feeds import FeedConfigError, load_feeds
from etl.sources.http import HostRateLimiter, mask_text, mask_url, parse_retry_after

ROOT = Path(__file__).resolve().parents[2]


def test_mask_url_hides_user_info_and_secret_parameters() -> None:
    url = "https://me:pw@acleddata.com/api/acled/read?key=abc123&email=a%40b.org&limit=10"

    masked = mask_url(url)

    assert masked == "https://***@acleddata.com/api/acled/read?key=***&email=***&limit=10"
    assert mask_text("Authorization: Bearer eyJ.abc-def", ["pw"]) == "Authorization: Bearer ***"


def test_retry_after_as_seconds_or_http_date() -> None:
    now = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)

    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Tue, 24 Nov 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_rate_limit_spaces_requests_to_one_host_only() -> None:
    clock = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    limiter = HostRateLimiter(min_interval=1.0, clock=lambda: clock[0], sleep=sleep)

    limiter.wait("a.example")
    limiter.wait("b.example")
    clock[0] += 0.25
    limiter.wait("a.example")

    assert waits == [0.75]


def test_the_example_feeds_file_loads() -> None:
    feeds = load_feeds(ROOT / "feeds.example.toml")

    assert [f.name for f in feeds] == ["bbc-world", "aljazeera", "un-news"]
    assert all(f.url.startswith("https://") and f.interval_minutes >= 30 for f in feeds)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[feeds.x]\nsource = "S"\n', "[feeds.x]: field 'url' must be an http(s) URL, got None"),
        ('[feeds.x]\nurl = "ftp://a/b"\nsource = "S"\n', "field 'url' must be an http(s) URL"),
        ('[feeds.x]\nurl = "https://a/b"\n', "field 'source' must be a non-empty string"),
        (
            '[feeds.x]\nurl = "https://a/b"\nsource = "S"\ninterval_minutes = 0\n',
            "field 'interval_minutes' must be a whole number >= 1, got 0",
        ),
        ('[feeds.x]\nurl = "https://a/b"\nsource = "S"\nlang = "en"\n', "unknown field(s) lang"),
        ("title = 'no feeds'\n", "no [feeds.<name>] tables found"),
        ("[feeds.x\n", "not valid TOML"),
    ],
)
def test_a_bad_feeds_file_names_file_feed_and_field(
    tmp_path: Path, body: str, message: str
) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(body)

    with pytest.raises(FeedConfigError) as caught:
        load_feeds(path)

    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)
