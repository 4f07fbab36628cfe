"""Incremental loading from the ACLED API: rows changed since a timestamp, and deletions.

ACLED edits and deletes rows in place; its ``timestamp`` column is the last change. So the cursor
is two Unix times: the newest ``timestamp`` applied and the newest ``deleted_timestamp`` applied.
Each sync fetches every row changed since the first (``/api/acled/read?timestamp=...``, paged)
and every deletion since the second (``/api/deleted/read?deleted_timestamp=...``), applies the
rows through the ACLED importer (keyed by ``event_id_cnty``, updated only when newer) and removes
the deleted events. ACLED's filters are inclusive (``>=``), so the boundary second is read again;
applying a row twice changes nothing.

Authentication: ACLED's OAuth password grant (``ACLED_USERNAME`` / ``ACLED_PASSWORD``), or for
older accounts the legacy ``ACLED_EMAIL`` + ``ACLED_KEY`` query parameters. Credentials never
appear in a message: URLs are masked and the secrets are scrubbed from any error text.

The ``acled`` package on PyPI is an unofficial wrapper; it is not used because the loader needs
a configurable base URL (tests), the deletions endpoint, the shared retry/rate-limit client and
control over what is logged, which is less code with httpx directly.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.sources.http import FetchError, SourceClient, mask_text

DEFAULT_BASE_URL = "https://acleddata.com"
DEFAULT_PAGE_SIZE = 5_000
#: A token is renewed this many seconds before ACLED says it expires.
TOKEN_MARGIN = 60

Row = dict[str, Any]


class AcledError(Exception):
    """The ACLED API could not be used; the message says why and what to do."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class AcledAuthError(AcledError):
    """401: the credentials were refused."""


class AcledAccessError(AcledError):
    """403: the account may not use this endpoint."""


class AcledRateLimited(AcledError):
    """429 after the retries one tick allows; ``retry_after`` says when to come back."""


@dataclass(frozen=True, slots=True)
class AcledCredentials:
    """ACLED credentials: OAuth username and password, or the legacy email and key.

    ``repr`` never shows the secrets.
    """

    username: str | None = None
    password: str | None = field(default=None, repr=False)
    email: str | None = None
    key: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        who = self.username or self.email
        return f"AcledCredentials(mode={self.mode!r}, user={'***' if who else None})"

    @property
    def mode(self) -> str:
        """``oauth``, ``legacy`` or ``none``."""
        if self.username and self.password:
            return "oauth"
        if self.email and self.key:
            return "legacy"
        return "none"

    @property
    def secrets(self) -> tuple[str | None, ...]:
        """Values that must never be printed."""
        return (self.password, self.key, self.username, self.email)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AcledCredentials:
        """Read ``ACLED_USERNAME``/``ACLED_PASSWORD`` or ``ACLED_EMAIL``/``ACLED_KEY``."""
        env = os.environ if environ is None else environ
        return cls(
            username=env.get("ACLED_USERNAME") or None,
            password=env.get("ACLED_PASSWORD") or None,
            email=env.get("ACLED_EMAIL") or None,
            key=env.get("ACLED_KEY") or None,
        )


class AcledApi:
    """A thin client for the two ACLED endpoints the loader reads."""

    def __init__(
        self,
        credentials: AcledCredentials,
        client: SourceClient,
        *,
        base_url: str = DEFAULT_BASE_URL,
        page_size: int = DEFAULT_PAGE_SIZE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Set up the client.

        Args:
            credentials: OAuth or legacy credentials.
            client: the shared HTTP client.
            base_url: ``https://acleddata.com`` (tests point it at a local server).
            page_size: rows per page (ACLED's ``limit``).
            clock: monotonic seconds, for token expiry.

        Raises:
            AcledAuthError: no credentials were given.
        """
        if credentials.mode == "none":
            raise AcledAuthError(
                "no ACLED credentials: set ACLED_USERNAME and ACLED_PASSWORD "
                "(or, for an older account, ACLED_EMAIL and ACLED_KEY)"
            )
        self.credentials = credentials
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.page_size = page_size
        self.clock = clock
        self._token: str | None = None
        self._token_expires = 0.0

    def _scrub(self, text: str) -> str:
        return mask_text(text, self.credentials.secrets)

    def _access_token(self, *, renew: bool = False) -> str:
        if self._token and not renew and self.clock() < self._token_expires:
            return self._token
        try:
            response = self.client.request(
                "POST",
                f"{self.base_url}/oauth/token",
                data={
                    "username": self.credentials.username or "",
                    "password": self.credentials.password or "",
                    "grant_type": "password",
                    "client_id": "acled",
                    "scope": "authenticated",
                },
                ok_statuses=frozenset({400, 401, 403}),
                secrets=self.credentials.secrets,
            )
        except FetchError as exc:
            raise self._fetch_error(exc) from None
        if response.status_code in (400, 401, 403):
            raise AcledAuthError(
                f"ACLED refused the login (HTTP {response.status_code}"
                f"{self._server_message(response)}); check ACLED_USERNAME and ACLED_PASSWORD"
            )
        try:
            body = response.json()
            token = body["access_token"]
        except (ValueError, KeyError, TypeError):
            raise AcledError("ACLED's token endpoint answered without an access_token") from None
        self._token = str(token)
        expires_in = body.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, int | float) else 3600.0
        self._token_expires = self.clock() + max(0.0, lifetime - TOKEN_MARGIN)
        return self._token

    def _server_message(self, response: Any) -> str:
        try:
            body = response.json()
        except ValueError:
            return ""
        message = None
        if isinstance(body, dict):
            error = body.get("error")
            message = (
                body.get("error_description")
                or body.get("message")
                or (error.get("message") if isinstance(error, dict) else error)
            )
        return f": {self._scrub(str(message))}" if message else ""

    def _fetch_error(self, exc: FetchError) -> AcledError:
        reason = self._scrub(f"{exc.url}: {exc.reason}")
        if exc.status == 429:
            wait = f"{exc.retry_after:.0f} s" if exc.retry_after is not None else "a while"
            return AcledRateLimited(
                f"ACLED rate limit (HTTP 429): {reason}; retry after {wait}",
                retry_after=exc.retry_after,
            )
        return AcledError(f"ACLED request failed: {reason}; will retry next time")

    def _get(self, path: str, params: dict[str, str | int]) -> list[Row]:
        url = f"{self.base_url}{path}"
        params = {"_format": "json", **params}
        headers: dict[str, str] = {}
        for attempt in (1, 2):
            if self.credentials.mode == "oauth":
                headers["Authorization"] = f"Bearer {self._access_token(renew=attempt == 2)}"
            else:
                params["email"] = self.credentials.email or ""
                params["key"] = self.credentials.key or ""
            try:
                response = self.client.get(
                    url,
                    params=params,
                    headers=headers,
                    ok_statuses=frozenset({401, 403}),
                    secrets=self.credentials.secrets,
                )
            except FetchError as exc:
                raise self._fetch_error(exc) from None
            if response.status_code == 401 and self.credentials.mode == "oauth" and attempt == 1:
                continue  # the token may have expired early: log in again once
            if response.status_code == 401:
                raise AcledAuthError(
                    f"ACLED refused the credentials for {path} (HTTP 401"
                    f"{self._server_message(response)}); check "
                    + (
                        "ACLED_USERNAME and ACLED_PASSWORD"
                        if self.credentials.mode == "oauth"
                        else "ACLED_EMAIL and ACLED_KEY"
                    )
                )
            if response.status_code == 403:
                raise AcledAccessError(
                    f"ACLED denied access to {path} (HTTP 403{self._server_message(response)}); "
                    "the account needs API access to this endpoint (see your ACLED account page)"
                )
            return self._rows(path, response)
        raise AssertionError("unreachable")

    def _rows(self, path: str, response: Any) -> list[Row]:
        try:
            body = response.json()
        except ValueError:
            raise AcledError(f"ACLED answered {path} with something other than JSON") from None
        if not isinstance(body, dict) or body.get("success") is False:
            raise AcledError(f"ACLED reported an error for {path}{self._server_message(response)}")
        data = body.get("data")
        if not isinstance(data, list):
            raise AcledError(f"ACLED's answer for {path} has no 'data' list")
        return [row for row in data if isinstance(row, dict)]

    def _pages(self, path: str, params: dict[str, str | int]) -> list[Row]:
        rows: list[Row] = []
        page = 1
        while True:
            batch = self._get(path, {**params, "page": page, "limit": self.page_size})
            rows.extend(batch)
            if len(batch) < self.page_size:
                return rows
            page += 1

    def changed_since(self, timestamp: int) -> list[Row]:
        """Every event row whose ``timestamp`` (last change) is at or after ``timestamp``."""
        return self._pages("/api/acled/read", {"timestamp": timestamp})

    def deleted_since(self, deleted_timestamp: int) -> list[Row]:
        """Every deletion (``event_id_cnty``, ``deleted_timestamp``) at or after the time."""
        return self._pages("/api/deleted/read", {"deleted_timestamp": deleted_timestamp})


@dataclass(slots=True)
class AcledCursor:
    """The newest change and the newest deletion applied, as Unix times.

    ACLED's filters are inclusive (``>=``), so the rows at exactly the cursor's second come
    back on the next read; ``at_timestamp`` / ``at_deleted_timestamp`` hold the ids already
    applied at that second, so they are not applied (and no run is started) again.
    """

    timestamp: int = 0
    deleted_timestamp: int = 0
    at_timestamp: list[str] = field(default_factory=list)
    at_deleted_timestamp: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """A JSON-serialisable dict."""
        return {
            "timestamp": self.timestamp,
            "deleted_timestamp": self.deleted_timestamp,
            "at_timestamp": self.at_timestamp,
            "at_deleted_timestamp": self.at_deleted_timestamp,
        }

    @classmethod
    def from_json(cls, data: object, *, default: int = 0) -> AcledCursor:
        """Rebuild a cursor; missing or unreadable fields become ``default``."""
        if not isinstance(data, dict):
            return cls(default, default)

        def number(key: str) -> int:
            value = data.get(key)
            return int(value) if isinstance(value, int | str) and str(value).isdigit() else default

        def ids(key: str) -> list[str]:
            value = data.get(key)
            return [str(v) for v in value] if isinstance(value, list) else []

        return cls(
            number("timestamp"),
            number("deleted_timestamp"),
            ids("at_timestamp"),
            ids("at_deleted_timestamp"),
        )


@dataclass(slots=True)
class AcledChanges:
    """What changed upstream since a cursor, fetched but not yet applied.

    Attributes:
        rows: event rows added or edited (API field names = ACLED export columns).
        deleted_ids: ``event_id_cnty`` of deleted events.
        cursor: the cursor to keep once these are applied.
    """

    rows: list[Row]
    deleted_ids: list[str]
    cursor: AcledCursor

    @property
    def empty(self) -> bool:
        """Nothing to apply."""
        return not self.rows and not self.deleted_ids

    def to_json(self) -> dict[str, object]:
        """A JSON-serialisable dict (the staging file the Dagster run applies)."""
        return {"rows": self.rows, "deleted_ids": self.deleted_ids, "cursor": self.cursor.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AcledChanges:
        """Read back :meth:`to_json`."""
        return cls(
            list(data.get("rows") or []),
            [str(i) for i in data.get("deleted_ids") or []],
            AcledCursor.from_json(data.get("cursor")),
        )


@dataclass(slots=True)
class AcledSyncResult:
    """What one sync did.

    Attributes:
        cursor: the cursor to keep (unchanged when the sync failed).
        changed: rows fetched as changed.
        applied: what the row importer returned.
        deleted: event rows removed here.
        deletions: deletions ACLED listed.
        error: why the sync failed, when it did.
        retry_after: seconds ACLED asked us to wait, on a 429.
    """

    cursor: AcledCursor
    changed: int = 0
    applied: int = 0
    deleted: int = 0
    deletions: int = 0
    error: str | None = None
    retry_after: float | None = None

    def summary(self) -> str:
        """One line for a log or a sensor's skip reason."""
        if self.error:
            return f"ACLED failed: {self.error}"
        return (
            f"ACLED: {self.changed} changed row(s) applied ({self.applied}), "
            f"{self.deletions} deletion(s), {self.deleted} event(s) removed; cursor "
            f"timestamp={self.cursor.timestamp} deleted_timestamp={self.cursor.deleted_timestamp}"
        )


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _advance(
    rows: list[Row], field_name: str, since: int, already: list[str]
) -> tuple[list[Row], int, list[str]]:
    """Rows not yet applied, the new cursor second and the ids applied at that second."""
    done_at_since = set(already)
    fresh = [
        r
        for r in rows
        if not (_int(r.get(field_name)) == since and str(r.get("event_id_cnty")) in done_at_since)
    ]
    stamps = [t for r in fresh if (t := _int(r.get(field_name))) is not None]
    newest = max([since, *stamps])
    at_newest = {str(r.get("event_id_cnty")) for r in fresh if _int(r.get(field_name)) == newest}
    if newest == since:
        at_newest |= done_at_since
    return fresh, newest, sorted(at_newest)


def fetch_changes(api: AcledApi, cursor: AcledCursor) -> AcledChanges:
    """Fetch every row changed and every event deleted since ``cursor``; apply nothing.

    Raises:
        AcledError: the API could not be read (nothing fetched is used).
    """
    changed, timestamp, at_timestamp = _advance(
        api.changed_since(cursor.timestamp), "timestamp", cursor.timestamp, cursor.at_timestamp
    )
    deletions, deleted_timestamp, at_deleted = _advance(
        api.deleted_since(cursor.deleted_timestamp),
        "deleted_timestamp",
        cursor.deleted_timestamp,
        cursor.at_deleted_timestamp,
    )
    deleted_ids = sorted({str(r["event_id_cnty"]) for r in deletions if r.get("event_id_cnty")})
    return AcledChanges(
        changed,
        deleted_ids,
        AcledCursor(timestamp, deleted_timestamp, at_timestamp, at_deleted),
    )


def apply_changes(
    changes: AcledChanges,
    apply_rows: Callable[[list[Row]], int],
    delete_events: Callable[[list[str]], int],
) -> tuple[int, int]:
    """Apply fetched changes: rows first, then deletions (a row edited and then deleted goes).

    Returns:
        What the row importer returned, and how many events were deleted here.
    """
    applied = apply_rows(changes.rows) if changes.rows else 0
    deleted = delete_events(changes.deleted_ids) if changes.deleted_ids else 0
    return applied, deleted


def sync(
    api: AcledApi,
    cursor: AcledCursor,
    apply_rows: Callable[[list[Row]], int],
    delete_events: Callable[[list[str]], int],
) -> AcledSyncResult:
    """Fetch what changed and what was deleted since ``cursor`` and apply both.

    Everything is fetched before anything is applied, so a failure while fetching changes
    nothing here. The cursor advances only after both steps succeeded.

    Args:
        api: the ACLED client.
        cursor: what the last sync applied.
        apply_rows: upserts ACLED rows (keyed by ``event_id_cnty``, newer ``timestamp`` wins).
        delete_events: removes ACLED events by ``event_id_cnty``; returns how many.

    Returns:
        What happened; never raises for an API problem (``error`` says it).
    """
    try:
        changes = fetch_changes(api, cursor)
    except AcledError as exc:
        return AcledSyncResult(cursor, error=str(exc), retry_after=exc.retry_after)
    try:
        applied, deleted = apply_changes(changes, apply_rows, delete_events)
    except AcledError as exc:  # e.g. the importer is missing: keep the cursor, retry later
        return AcledSyncResult(cursor, changed=len(changes.rows), error=str(exc))
    return AcledSyncResult(
        changes.cursor,
        changed=len(changes.rows),
        applied=applied,
        deleted=deleted,
        deletions=len(changes.deleted_ids),
    )


def write_rows_csv(rows: list[Row], path: Path) -> Path:
    """Write API rows as an ACLED export CSV (the API's field names are the export's columns).

    Raises:
        ValueError: there are no rows.
    """
    if not rows:
        raise ValueError("no ACLED rows to write")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, restval="")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


def default_row_importer(work_dir: Path, *, url: str | None = None) -> Callable[[list[Row]], int]:
    """Apply rows through the interop ACLED import (as ``eventetl import acled FILE`` does).

    The rows are written as an ACLED CSV under ``work_dir``, imported in one transaction
    (keyed by ``event_id_cnty``; a row replaces the stored one only when its ``timestamp`` is
    newer) and the CSV is removed.

    Args:
        work_dir: where the CSV is written.
        url: the database (default: the configured one).

    Returns:
        A function that applies rows and returns how many were inserted or updated.
    """

    def apply(rows: list[Row]) -> int:
        from etl.sources.importing import ImportFailed, import_events_file

        stamps = [t for r in rows if (t := _int(r.get("timestamp"))) is not None]
        path = write_rows_csv(rows, work_dir / f"acled-api-{max(stamps, default=0)}.csv")
        try:
            counts = import_events_file("acled", path, url=url)
        except ImportFailed as exc:
            raise AcledError(str(exc)) from None
        finally:
            path.unlink(missing_ok=True)
        return counts.inserted + counts.updated

    return apply
