"""News feeds: poll RSS/Atom politely, fetch new articles, write them into the inbox.

One poll of one feed:

1. a conditional GET of the feed (``If-None-Match`` / ``If-Modified-Since``): a 304 costs no
   download;
2. the bytes are parsed with feedparser (which is never handed a URL, so it never fetches);
3. entries whose canonical URL was seen before are skipped without a request;
4. each new article page is fetched and its main text and metadata extracted with trafilatura
   (handed the HTML, never a URL);
5. articles whose text was seen before (by :func:`etl.records.content_hash`) are dropped;
6. the rest are written as one JSON Lines file per publication day,
   ``<inbox>/feeds/<YYYY-MM-DD>/<source>-<hash>.jsonl``, through a temporary file and a rename,
   so a reader never sees half a file.

The state between polls is a :class:`FeedCursor`, plain JSON, kept by the Dagster sensor.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import os
import re
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from etl.records import content_hash
from etl.sources.http import FetchError, SourceClient

#: How many URL and content hashes a feed's cursor remembers (oldest dropped first).
SEEN_LIMIT = 5_000
#: Length of the hex hashes kept in the cursor: 48 bits, no collision within a few thousand.
HASH_CHARS = 12
#: The most a poll may come early and still count as due (see :meth:`FeedCursor.due`).
MAX_DUE_TOLERANCE = timedelta(minutes=1)
#: Query parameters that only track clicks and never change the article.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "ocid", "cmpid"})

_SLUG = re.compile(r"[^a-z0-9]+")


class FeedConfigError(ValueError):
    """The feeds file is malformed; the message names the file, the feed and the field."""


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed from ``feeds.toml``.

    Attributes:
        name: the table key (``[feeds.<name>]``), unique, used to key the cursor.
        url: the RSS or Atom URL.
        source: the outlet's name, written into each document's ``source``.
        language: ISO 639-1 code of the articles (``en``).
        interval_minutes: the feed is polled at most this often.
    """

    name: str
    url: str
    source: str
    language: str = "en"
    interval_minutes: int = 30


def load_feeds(path: str | Path) -> list[FeedConfig]:
    """Read the feeds file.

    The file holds one table per feed::

        [feeds.bbc-world]
        url = "https://feeds.bbci.co.uk/news/world/rss.xml"
        source = "BBC News"
        language = "en"
        interval_minutes = 30

    Args:
        path: the TOML file.

    Returns:
        The feeds, in file order.

    Raises:
        FeedConfigError: the file cannot be read or a feed lacks or mistypes a field.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FeedConfigError(
            f"{path}: feeds file not found; copy feeds.example.toml there or set EVENTETL_FEEDS"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise FeedConfigError(f"{path}: not valid TOML: {exc}") from None
    tables = data.get("feeds")
    if not isinstance(tables, dict) or not tables:
        raise FeedConfigError(f"{path}: no [feeds.<name>] tables found")
    feeds = []
    for name, table in tables.items():
        where = f"{path}: [feeds.{name}]"
        if not isinstance(table, dict):
            raise FeedConfigError(f"{where}: must be a table with url, source, ...")
        unknown = set(table) - {"url", "source", "language", "interval_minutes"}
        if unknown:
            raise FeedConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        url = table.get("url")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            raise FeedConfigError(f"{where}: field 'url' must be an http(s) URL, got {url!r}")
        source = table.get("source")
        if not isinstance(source, str) or not source.strip():
            raise FeedConfigError(f"{where}: field 'source' must be a non-empty string")
        language = table.get("language", "en")
        if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language):
            raise FeedConfigError(
                f"{where}: field 'language' must be an ISO 639 code like 'en', got {language!r}"
            )
        interval = table.get("interval_minutes", 30)
        if not isinstance(interval, int) or isinstance(interval, bool) or interval < 1:
            raise FeedConfigError(
                f"{where}: field 'interval_minutes' must be a whole number >= 1, got {interval!r}"
            )
        feeds.append(FeedConfig(name, url, source.strip(), language, interval))
    return feeds


def canonical_url(url: str) -> str:
    """The URL by which an article is recognised again.

    Lower-cases scheme and host, drops default ports, the fragment, ``utm_*`` and other
    click-tracking parameters; keeps the remaining query in order.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


@dataclass(slots=True)
class FeedCursor:
    """What one feed's poller remembers between polls (JSON via :meth:`to_json`).

    Attributes:
        etag: the feed's last ``ETag``.
        last_modified: the feed's last ``Last-Modified``.
        last_polled: ISO time of the last attempt, for ``interval_minutes``.
        seen_urls: hashes of canonical URLs already handled, oldest first.
        seen_texts: hashes of article texts already written, oldest first.
        last_seconds: how long the last poll took (a slow or dead feed is polled last).
    """

    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    seen_urls: list[str] = field(default_factory=list)
    seen_texts: list[str] = field(default_factory=list)
    last_seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        """A JSON-serialisable dict."""
        return {
            "etag": self.etag,
            "last_modified": self.last_modified,
            "last_polled": self.last_polled,
            "seen_urls": self.seen_urls,
            "seen_texts": self.seen_texts,
            "last_seconds": self.last_seconds,
        }

    @classmethod
    def from_json(cls, data: object) -> FeedCursor:
        """Rebuild a cursor; anything unreadable gives a fresh cursor rather than an error."""
        if not isinstance(data, dict):
            return cls()

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        def hashes(key: str) -> list[str]:
            value = data.get(key)
            return [h for h in value if isinstance(h, str)] if isinstance(value, list) else []

        return cls(
            text("etag"),
            text("last_modified"),
            text("last_polled"),
            hashes("seen_urls"),
            hashes("seen_texts"),
            seconds if isinstance(seconds := data.get("last_seconds"), int | float) else 0.0,
        )

    def remember(self, url_hashes: Iterable[str], text_hashes: Iterable[str]) -> None:
        """Add hashes, keeping the newest :data:`SEEN_LIMIT` of each."""
        self.seen_urls = _bounded(self.seen_urls, url_hashes)
        self.seen_texts = _bounded(self.seen_texts, text_hashes)

    def due(self, interval_minutes: int, now: datetime) -> bool:
        """Whether ``interval_minutes`` have passed since the last attempt, within a tolerance.

        Sensor ticks do not start exactly on time, so a feed whose interval equals the
        tick interval would be found a few seconds short and skipped on some ticks; a
        tenth of the interval (at most a minute) early counts as due.
        """
        if not self.last_polled:
            return True
        try:
            last = datetime.fromisoformat(self.last_polled)
        except ValueError:
            return True
        interval = timedelta(minutes=interval_minutes)
        return now - last >= interval - due_tolerance(interval)


def due_tolerance(interval: timedelta) -> timedelta:
    """How early a poll still counts as due: a tenth of the interval, at most a minute."""
    return min(interval / 10, MAX_DUE_TOLERANCE)


def _bounded(existing: list[str], new: Iterable[str]) -> list[str]:
    merged = list(dict.fromkeys([*existing, *new]))
    return merged[-SEEN_LIMIT:]


@dataclass(frozen=True, slots=True)
class FeedDocument:
    """One article ready for the inbox, with the fields the pipeline's JSONL reader reads."""

    id: str
    published: date
    text: str
    title: str | None
    url: str
    source: str
    language: str

    def to_json(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "published": self.published.isoformat(),
            "text": self.text,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "language": self.language,
        }


@dataclass(slots=True)
class FeedPollResult:
    """What one poll of one feed did.

    Attributes:
        feed: the feed's name.
        status: ``new`` (files written), ``unchanged`` (nothing new), ``not_modified`` (304),
            ``not_due`` (polled less than ``interval_minutes`` ago), ``deferred`` (the tick's
            time budget ran out before this feed; polled first next time) or ``failed``.
        cursor: the cursor to keep for the next poll.
        reason: why the feed failed, when it did.
        files: the JSONL files written.
        partitions: the publication days (``YYYY-MM-DD``) that got new files.
        documents: how many documents were written.
        item_errors: one line per article that could not be fetched or read (retried next poll).
    """

    feed: str
    status: str
    cursor: FeedCursor
    reason: str | None = None
    files: list[Path] = field(default_factory=list)
    partitions: set[str] = field(default_factory=set)
    documents: int = 0
    item_errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a log or a sensor's skip reason."""
        if self.status == "failed":
            return f"{self.feed}: failed: {self.reason}"
        if self.status == "deferred":
            return f"{self.feed}: deferred (out of time this tick)"
        line = f"{self.feed}: {self.status}"
        if self.documents:
            line += f", {self.documents} new document(s) in {', '.join(sorted(self.partitions))}"
        if self.item_errors:
            line += f", {len(self.item_errors)} article(s) to retry ({self.item_errors[0]})"
        return line


def poll_feed(
    client: SourceClient,
    feed: FeedConfig,
    cursor: FeedCursor,
    inbox: Path,
    *,
    now: datetime | None = None,
    force: bool = False,
    max_items: int | None = None,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> FeedPollResult:
    """Poll one feed and write its new articles into the inbox.

    Never raises for a network or feed problem: a failed feed comes back with
    ``status="failed"`` and a ``reason``, and its cursor keeps what it had, so the next poll
    tries again.

    Args:
        client: the shared HTTP client.
        feed: the feed.
        cursor: what the last poll remembered (not modified; the result has the new one).
        inbox: the pipeline's inbox folder; files go under ``<inbox>/feeds/``.
        now: the current time (default: now, UTC).
        force: poll even if ``interval_minutes`` have not passed.
        max_items: fetch at most this many new articles now (a first poll of a long feed must
            not outlast a sensor tick); the rest are fetched on the next poll.
        deadline: a ``clock()`` time after which no further article is fetched (the rest
            wait for the next poll, like those beyond ``max_items``).
        clock: the clock of ``deadline``.

    Returns:
        What happened, with the cursor to keep.
    """
    now = now or datetime.now(UTC)
    if not force and not cursor.due(feed.interval_minutes, now):
        return FeedPollResult(feed.name, "not_due", cursor)
    new_cursor = FeedCursor.from_json(cursor.to_json())
    new_cursor.last_polled = now.isoformat()
    headers = {}
    if cursor.etag:
        headers["If-None-Match"] = cursor.etag
    if cursor.last_modified:
        headers["If-Modified-Since"] = cursor.last_modified
    try:
        response = client.get(feed.url, headers=headers)
    except FetchError as exc:
        return FeedPollResult(feed.name, "failed", new_cursor, reason=exc.reason)
    if response.status_code == 304:
        return FeedPollResult(feed.name, "not_modified", new_cursor)
    try:
        entries = parse_feed(response.content, response.headers.get("content-type"))
    except FeedParseError as exc:
        return FeedPollResult(feed.name, "failed", new_cursor, reason=str(exc))

    seen_urls = set(cursor.seen_urls)
    seen_texts = set(cursor.seen_texts)
    documents: list[FeedDocument] = []
    handled_urls: list[str] = []
    new_texts: list[str] = []
    item_errors: list[str] = []
    today = now.date()
    fetched = 0
    deferred = False
    for entry in entries:
        url_hash = _short_hash(canonical_url(entry.url))
        if url_hash in seen_urls:
            continue
        out_of_time = deadline is not None and clock() >= deadline
        if out_of_time or (max_items is not None and fetched >= max_items):
            deferred = True
            continue
        fetched += 1
        try:
            page = client.get(entry.url, ok_statuses=frozenset())
        except FetchError as exc:
            item_errors.append(f"{exc.url}: {exc.reason}")
            continue
        document = extract_document(page.text, entry, feed, today=today)
        handled_urls.append(url_hash)
        seen_urls.add(url_hash)  # the same article may sit in a feed twice
        if document is None:
            # No article text on the page (a video, a live ticker): nothing to retry.
            item_errors.append(f"{entry.url}: no article text found; skipped for good")
            continue
        text_hash = content_hash(document.text)[:HASH_CHARS]
        if text_hash in seen_texts:
            continue  # the same story under another URL
        seen_texts.add(text_hash)
        new_texts.append(text_hash)
        documents.append(document)

    files = write_documents(documents, inbox, feed.source)
    new_cursor.remember(handled_urls, new_texts)
    retry_items = [e for e in item_errors if not e.endswith("skipped for good")]
    if not retry_items and not deferred:
        # Only a complete poll may store the validators: otherwise a later 304 would hide
        # the articles that failed this time.
        new_cursor.etag = response.headers.get("ETag")
        new_cursor.last_modified = response.headers.get("Last-Modified")
    return FeedPollResult(
        feed.name,
        "new" if files else "unchanged",
        new_cursor,
        files=files,
        partitions={d.published.isoformat() for d in documents},
        documents=len(documents),
        item_errors=item_errors,
    )


def poll_feeds(
    client: SourceClient,
    feeds: Sequence[FeedConfig],
    cursors: dict[str, FeedCursor],
    inbox: Path,
    *,
    now: datetime | None = None,
    max_items: int | None = None,
    budget_seconds: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> list[FeedPollResult]:
    """Poll every due feed; one feed's failure never stops the others.

    With ``budget_seconds``, no request starts once the budget is spent: the feeds not
    reached are ``deferred`` (their cursors unchanged, so they stay due and go first next
    time). Feeds are polled fastest first (by how long their last poll took), so a slow or
    dead feed, once tried, goes to the back and delays only itself. The budget bounds a sensor
    tick well under Dagster's 60 s limit: at most one request (the client's timeout and
    retries) runs past it.

    Args:
        client: the shared HTTP client.
        feeds: the configured feeds.
        cursors: each feed's cursor by name (missing: a fresh cursor).
        inbox: the inbox folder.
        now: the current time (default: now, UTC).
        max_items: new articles fetched per feed per poll (see :func:`poll_feed`).
        budget_seconds: time for the whole poll (``None``: no limit).
        clock: the monotonic clock the budget is measured on.

    Returns:
        One result per feed, in the order of ``feeds``.
    """
    now = now or datetime.now(UTC)
    deadline = None if budget_seconds is None else clock() + budget_seconds
    cursors_now = {feed.name: cursors.get(feed.name) or FeedCursor() for feed in feeds}
    # Deferred (never reached) feeds first, then by the last poll's duration: fast feeds are
    # never held up behind a slow one after its first try.
    order = sorted(
        feeds,
        key=lambda f: (
            cursors_now[f.name].last_polled is not None,
            cursors_now[f.name].last_seconds,
        ),
    )
    results: dict[str, FeedPollResult] = {}
    for feed in order:
        cursor = cursors_now[feed.name]
        if deadline is not None and clock() >= deadline:
            if cursor.due(feed.interval_minutes, now):
                results[feed.name] = FeedPollResult(feed.name, "deferred", cursor)
            else:
                results[feed.name] = FeedPollResult(feed.name, "not_due", cursor)
            continue
        started = clock()
        try:
            results[feed.name] = poll_feed(
                client,
                feed,
                cursor,
                inbox,
                now=now,
                max_items=max_items,
                deadline=deadline,
                clock=clock,
            )
        except Exception as exc:  # a bug or a disk error in one feed must not stop the rest
            failed = FeedCursor.from_json(cursor.to_json())
            failed.last_polled = now.isoformat()
            results[feed.name] = FeedPollResult(
                feed.name, "failed", failed, reason=f"{type(exc).__name__}: {exc}"
            )
        if results[feed.name].status != "not_due":
            results[feed.name].cursor.last_seconds = round(clock() - started, 3)
    return [results[feed.name] for feed in feeds]


class FeedParseError(ValueError):
    """The feed's bytes are not a readable RSS or Atom document."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """The parts of a feed entry the poller uses."""

    url: str
    guid: str | None
    title: str | None
    summary: str | None
    published: date | None


def parse_feed(content: bytes, content_type: str | None = None) -> list[FeedEntry]:
    """Parse RSS or Atom bytes.

    Args:
        content: the feed as fetched.
        content_type: the response's ``Content-Type``, for the encoding.

    Returns:
        The entries that have a link.

    Raises:
        FeedParseError: the XML is malformed (feedparser's lenient recovery is not trusted:
            a half-read feed would silently drop articles).
    """
    import feedparser  # ~0.2 s to import; only pollers need it

    headers = {"content-type": content_type} if content_type else {}
    # A file-like object: feedparser would fetch a str that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(
        problem, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType
    ):
        line = getattr(problem, "getLineNumber", lambda: None)()
        where = f" at line {line}" if line else ""
        raise FeedParseError(f"malformed feed XML{where}: {getattr(problem, 'args', [problem])[0]}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError("not an RSS or Atom feed (no feed element found)")
    entries = []
    for raw in parsed.entries:
        link = raw.get("link")
        if not link or urlsplit(link).scheme not in ("http", "https"):
            continue
        stamp = raw.get("published_parsed") or raw.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).date() if stamp else None
        entries.append(
            FeedEntry(link, raw.get("id"), raw.get("title"), raw.get("summary"), published)
        )
    return entries


def extract_document(
    html: str, entry: FeedEntry, feed: FeedConfig, *, today: date
) -> FeedDocument | None:
    """The article's main text and metadata, or ``None`` when the page has no article text.

    The date is the feed's, else the page's, else today; a date in the future (a wrong clock
    or time zone) becomes today, since the pipeline rejects future dates.
    """
    import trafilatura  # heavy import; only pollers need it

    extracted = trafilatura.extract(
        html,
        url=entry.url,  # used for metadata only; trafilatura is never asked to fetch
        output_format="json",
        with_metadata=True,
        include_comments=False,
    )
    meta = json.loads(extracted) if extracted else {}
    text = (meta.get("text") or "").strip()
    if not text:
        return None
    published = entry.published or _iso_date(meta.get("date")) or today
    published = min(published, today)
    return FeedDocument(
        id=entry.guid or canonical_url(entry.url),
        published=published,
        text=text,
        title=entry.title or meta.get("title"),
        url=entry.url,
        source=feed.source,
        language=feed.language,
    )


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def write_documents(documents: Sequence[FeedDocument], inbox: Path, source: str) -> list[Path]:
    """Write documents as one JSONL file per publication day, atomically.

    The file name is ``<source>-<hash>.jsonl`` with the hash of its content, so writing the
    same documents twice gives the same file, never a second one.

    Args:
        documents: the new documents.
        inbox: the inbox folder.
        source: the feed's source name (slugged into the file name).

    Returns:
        The files written (or already there with the same content).
    """
    by_day: dict[date, list[FeedDocument]] = {}
    for document in documents:
        by_day.setdefault(document.published, []).append(document)
    slug = _SLUG.sub("-", source.lower()).strip("-") or "feed"
    files = []
    for day, day_documents in sorted(by_day.items()):
        body = "".join(
            json.dumps(d.to_json(), ensure_ascii=False, sort_keys=True) + "\n"
            for d in day_documents
        ).encode("utf-8")
        folder = inbox / "feeds" / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{slug}-{hashlib.sha256(body).hexdigest()[:16]}.jsonl"
        _atomic_write(target, body)
        files.append(target)
    return files


def _atomic_write(target: Path, body: bytes) -> None:
    # A dot-file with a foreign suffix: the inbox sensor never picks up a half-written file.
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temp.open("wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
