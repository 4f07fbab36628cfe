"""One shared HTTP client for every source: timeouts, retries with backoff, a per-host rate limit.

Retries cover what is worth retrying within one tick (a refused connection, a 5xx, a 429 whose
``Retry-After`` is short); everything else is raised as :class:`FetchError` with a reason a person
can act on, and the caller retries on its next tick. ``sleep`` and ``clock`` are injectable so
tests never wait.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib import metadata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)

#: Query parameters whose values are secrets and must never be printed.
SECRET_PARAMS = frozenset(
    {"key", "email", "password", "access_token", "token", "api_key", "apikey", "client_secret"}
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def _version() -> str:
    try:
        return metadata.version("eventetl")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        return "0+unknown"


USER_AGENT = f"eventetl/{_version()} (+https://github.com/eventetl)"


class FetchError(Exception):
    """A request that failed for good within this tick.

    Attributes:
        url: the URL with any secret query parameters masked.
        reason: what went wrong, in words (``"HTTP 500"``, ``"timed out after 10 s"``, ...).
        status: the HTTP status, when there was a response.
        retry_after: seconds the server asked us to wait (429/503), when it said.
    """

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.url, self.reason, self.status, self.retry_after = (
            mask_url(url),
            reason,
            status,
            retry_after,
        )
        super().__init__(f"{self.url}: {reason}")


def mask_url(url: str | httpx.URL) -> str:
    """The URL with user info and secret query values replaced by ``***``, safe to print."""
    parts = urlsplit(str(url))
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = urlencode(
        [
            (name, "***" if name.lower() in SECRET_PARAMS else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        ],
        safe="*",
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def mask_text(text: str, secrets: list[str | None] | tuple[str | None, ...]) -> str:
    """``text`` with every occurrence of each non-empty secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return re.sub(r"(?i)(bearer\s+)[\w.\-~+/]+=*", r"\1***", text)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry within one call.

    Attributes:
        attempts: total tries, the first included.
        base_delay: first backoff in seconds; doubled each retry, with up to 10% jitter.
        max_delay: longest single wait; a ``Retry-After`` longer than this is not waited for
            but raised, so a tick never blocks for minutes.
        sleep: the sleeping function (tests pass a recorder).
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, retry: int) -> float:
        """The backoff before retry number ``retry`` (1-based)."""
        delay = self.base_delay * 2 ** (retry - 1)
        return min(self.max_delay, delay * (1 + random.random() * 0.1))


@dataclass
class HostRateLimiter:
    """At most one request per ``min_interval`` seconds to each host (polite crawling)."""

    min_interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        """Block until a request to ``host`` is allowed, then book it."""
        with self._lock:
            now = self.clock()
            ready = self._last.get(host, float("-inf")) + self.min_interval
            if ready > now:
                self.sleep(ready - now)
                now = ready
            self._last[host] = now


class SourceClient:
    """An ``httpx.Client`` with the project's User-Agent, retries and per-host rate limit.

    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        rate_limiter: HostRateLimiter | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Build the client.

        Args:
            timeout: per-request timeout (connect, read, write, pool).
            retry: the retry policy (default: 4 attempts from 0.5 s).
            rate_limiter: the per-host limit (default: one request per second per host).
            transport: an httpx transport, for tests.
        """
        self.retry = retry or RetryPolicy()
        self.rate_limiter = rate_limiter or HostRateLimiter()
        self.http = httpx.Client(
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> SourceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        ok_statuses: frozenset[int] = frozenset({304}),
        secrets: tuple[str | None, ...] = (),
    ) -> httpx.Response:
        """Send a request, retrying connect errors, 5xx and 429 with exponential backoff.

        Args:
            method: ``GET`` or ``POST``.
            url: the URL.
            params: query parameters.
            headers: extra headers (``If-None-Match``, ``Authorization``, ...).
            data: a form body.
            ok_statuses: non-2xx statuses returned to the caller rather than raised (304 by
                default; the ACLED client adds 401/403 to explain them itself).
            secrets: values that must not appear in any error message.

        Returns:
            The response, fully read.

        Raises:
            FetchError: the request failed after the retries this tick allows.
        """
        host = urlsplit(url).netloc.lower()
        shown = mask_url(httpx.URL(url, params=params) if params else url)
        last_error: FetchError | None = None
        tried = 0
        for attempt in range(1, self.retry.attempts + 1):
            tried = attempt
            if attempt > 1:
                wait = self.retry.delay(attempt - 1)
                if last_error is not None and last_error.retry_after is not None:
                    wait = last_error.retry_after
                self.retry.sleep(wait)
            self.rate_limiter.wait(host)
            try:
                response = self.http.request(method, url, params=params, headers=headers, data=data)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as exc:
                # The server never got (or never answered) the request: safe to retry.
                last_error = FetchError(shown, _describe(exc, secrets))
                continue
            except httpx.TimeoutException as exc:
                # A slow server stays slow within a tick; report it and retry next tick.
                raise FetchError(shown, _describe(exc, secrets)) from None
            except httpx.HTTPError as exc:
                raise FetchError(shown, _describe(exc, secrets)) from None
            status = response.status_code
            if status < 300 or status in ok_statuses:
                return response
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            reason = f"HTTP {status} {response.reason_phrase}".strip()
            if retry_after is not None:
                reason += f" (Retry-After {retry_after:.0f} s)"
            last_error = FetchError(shown, reason, status=status, retry_after=retry_after)
            if status not in RETRY_STATUSES:
                break
            if retry_after is not None and retry_after > self.retry.max_delay:
                break  # the server wants us away longer than a tick should block
        assert last_error is not None
        if tried > 1:
            last_error = FetchError(
                shown,
                f"{last_error.reason}; gave up after {tried} attempts",
                status=last_error.status,
                retry_after=last_error.retry_after,
            )
        raise last_error

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        ok_statuses: frozenset[int] = frozenset({304}),
        secrets: tuple[str | None, ...] = (),
    ) -> httpx.Response:
        """``request("GET", url, ...)``; see :meth:`request`."""
        return self.request(
            "GET", url, params=params, headers=headers, ok_statuses=ok_statuses, secrets=secrets
        )


def _describe(exc: httpx.HTTPError, secrets: tuple[str | None, ...]) -> str:
    kind = {
        httpx.ConnectTimeout: "connection timed out",
        httpx.ReadTimeout: "timed out waiting for the response",
        httpx.WriteTimeout: "timed out sending the request",
        httpx.PoolTimeout: "timed out waiting for a connection",
        httpx.ConnectError: "could not connect",
        httpx.RemoteProtocolError: "the server closed the connection",
    }.get(type(exc), type(exc).__name__)
    detail = mask_text(str(exc), list(secrets))
    return f"{kind} ({detail})" if detail else kind
