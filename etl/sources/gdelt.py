"""GDELT 2.0's 15-minute update files: find, download, verify, extract, hand to the importer.

GDELT publishes ``lastupdate.txt`` (the newest export, mentions and GKG files) and
``masterfilelist.txt`` (every file since 2015), each line ``<size> <md5> <url>``. Only the
events export (``YYYYMMDDHHMMSS.export.CSV.zip``) is used here. A file is accepted only when its
size and MD5 match the list and the archive unzips to exactly one ``.CSV``; otherwise nothing is
imported, the cursor stays where it was and the next tick tries again.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from etl.sources.http import FetchError, SourceClient
from etl.sources.importing import ImportCounts

DEFAULT_BASE_URL = "http://data.gdeltproject.org/gdeltv2/"
UPDATE_MINUTES = 15
_EXPORT = re.compile(r"(\d{14})\.export\.CSV\.zip$")
_TIMESTAMP = re.compile(r"\d{14}")

#: Imports one extracted export CSV and returns what the importer returns (a count or a code).
Importer = Callable[[Path], int]


class GdeltError(Exception):
    """A GDELT file that cannot be used this tick; ``reason`` says why and what happens next."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class UpdateFile:
    """One line of ``lastupdate.txt`` or ``masterfilelist.txt``."""

    size: int
    md5: str
    url: str

    @property
    def timestamp(self) -> str | None:
        """``YYYYMMDDHHMMSS`` of an events export file, else ``None``."""
        match = _EXPORT.search(self.url)
        return match.group(1) if match else None


def parse_file_list(text: str) -> list[UpdateFile]:
    """Parse ``<size> <md5> <url>`` lines; lines that do not fit are skipped.

    (``masterfilelist.txt`` has a few historical lines without a size; they are not exports
    we could verify anyway.)
    """
    files = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 3 or not parts[0].isdigit() or not re.fullmatch(r"[0-9a-f]{32}", parts[1]):
            continue
        files.append(UpdateFile(int(parts[0]), parts[1], parts[2]))
    return files


def check_timestamp(value: str) -> str:
    """``value`` if it is ``YYYYMMDDHHMMSS`` and a real time, else a :class:`ValueError`."""
    if not _TIMESTAMP.fullmatch(value):
        raise ValueError(f"a GDELT timestamp is YYYYMMDDHHMMSS (14 digits), got {value!r}")
    _parse(value)
    return value


def _parse(timestamp: str) -> datetime:
    try:
        return datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"{timestamp!r} is not a valid time (YYYYMMDDHHMMSS)") from None


def _format(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def download_export(client: SourceClient, entry: UpdateFile, work_dir: Path) -> Path:
    """Download an export archive, verify it and extract its CSV into ``work_dir``.

    Args:
        client: the shared HTTP client.
        entry: the file's line from a file list (size and MD5 to check against).
        work_dir: where the CSV is written (through a temporary file and a rename).

    Returns:
        The extracted CSV.

    Raises:
        GdeltError: the download failed, the size or MD5 do not match, or the archive is bad.
    """
    try:
        response = client.get(entry.url, ok_statuses=frozenset())
    except FetchError as exc:
        raise GdeltError(f"{exc.url}: {exc.reason}; will retry") from None
    data = response.content
    name = entry.url.rsplit("/", 1)[-1]
    if len(data) != entry.size:
        raise GdeltError(
            f"{name}: truncated or wrong size: got {len(data):,} bytes, the list says "
            f"{entry.size:,}; nothing imported, will retry"
        )
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest()
    if digest != entry.md5.lower():
        raise GdeltError(
            f"{name}: MD5 mismatch: got {digest}, the list says {entry.md5}; "
            "nothing imported, will retry"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1 or not members[0].filename.upper().endswith(".CSV"):
                listed = ", ".join(m.filename for m in members) or "nothing"
                raise GdeltError(f"{name}: expected one .CSV in the archive, found {listed}")
            csv_bytes = archive.read(members[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise GdeltError(f"{name}: not a readable zip archive ({exc}); nothing imported") from None
    work_dir.mkdir(parents=True, exist_ok=True)
    target = work_dir / name.removesuffix(".zip")
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(csv_bytes)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return target


def default_importer(path: Path) -> int:
    """Import an events CSV into the configured database through the interop importer.

    Returns:
        Rows now in ``event`` from this file (inserted, updated or already there).

    Raises:
        GdeltError: the importer is missing or could not load the file (nothing loaded).
    """
    return import_update(path).loaded


def import_update(path: Path) -> ImportCounts:
    """:func:`default_importer` with every count: loaded, quarantined, flagged.

    Raises:
        GdeltError: the importer is missing or could not load the file (nothing loaded).
    """
    from etl.sources.importing import ImportFailed, import_events_file

    try:
        return import_events_file("gdelt", path)
    except ImportFailed as exc:
        raise GdeltError(f"{exc}; the verified file is kept for another try") from None


@dataclass(slots=True)
class GdeltPollResult:
    """What one look at ``lastupdate.txt`` found.

    Attributes:
        status: ``new`` (a verified CSV is ready or imported), ``unchanged`` or ``failed``.
        cursor: the timestamp to keep (advanced only on ``new``).
        latest: the newest export timestamp listed, when the list could be read.
        path: the extracted CSV, on ``new``.
        imported: what the importer returned, when it was run.
        reason: why it failed, or a note (a late file).
        missing: 15-minute timestamps between the cursor and the latest file that were never
            seen (``lastupdate.txt`` only lists the newest; backfill them from the master list).
    """

    status: str
    cursor: str | None
    latest: str | None = None
    path: Path | None = None
    imported: int | None = None
    reason: str | None = None
    missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a log or a sensor's skip reason."""
        parts = [f"GDELT {self.status}"]
        if self.latest:
            parts.append(f"latest {self.latest}")
        if self.reason:
            parts.append(self.reason)
        if self.missing:
            parts.append(
                f"{len(self.missing)} file(s) between {self.missing[0]} and {self.missing[-1]} "
                "were never seen; backfill with: eventetl import gdelt --since "
                + _format(_parse(self.missing[0]) - timedelta(minutes=UPDATE_MINUTES))
            )
        return "; ".join(parts)


def poll_latest(
    client: SourceClient,
    cursor: str | None,
    work_dir: Path,
    *,
    base_url: str = DEFAULT_BASE_URL,
    importer: Importer | None = None,
    now: datetime | None = None,
) -> GdeltPollResult:
    """Read ``lastupdate.txt`` and take the newest export if it is newer than ``cursor``.

    Never raises for a network or data problem: the result says what went wrong.

    Args:
        client: the shared HTTP client.
        cursor: the timestamp of the last file taken (``None``: take the newest).
        work_dir: where the verified CSV is extracted.
        base_url: GDELT's v2 folder (tests point it at a local server).
        importer: called with the CSV; ``None`` leaves the CSV for a Dagster run to import.
        now: the current time (default: now, UTC), to tell a late file.

    Returns:
        What was found; ``cursor`` on it is what to keep.
    """
    now = now or datetime.now(UTC)
    list_url = base_url.rstrip("/") + "/lastupdate.txt"
    try:
        listing = client.get(list_url, ok_statuses=frozenset()).text
    except FetchError as exc:
        return GdeltPollResult("failed", cursor, reason=f"{exc.url}: {exc.reason}")
    exports = [f for f in parse_file_list(listing) if f.timestamp]
    if not exports:
        return GdeltPollResult(
            "failed", cursor, reason=f"{list_url} lists no .export.CSV.zip file; will retry"
        )
    latest = max(exports, key=lambda f: f.timestamp or "")
    assert latest.timestamp is not None
    if cursor and latest.timestamp <= cursor:
        age = now - _parse(latest.timestamp)
        note = None
        if age > timedelta(minutes=2 * UPDATE_MINUTES):
            note = f"the next file is late: the newest is {int(age.total_seconds() // 60)} min old"
        return GdeltPollResult("unchanged", cursor, latest=latest.timestamp, reason=note)
    missing = _missing_between(cursor, latest.timestamp) if cursor else []
    try:
        path = download_export(client, latest, work_dir)
    except GdeltError as exc:
        return GdeltPollResult(
            "failed", cursor, latest=latest.timestamp, reason=exc.reason, missing=missing
        )
    result = GdeltPollResult(
        "new", latest.timestamp, latest=latest.timestamp, path=path, missing=missing
    )
    if importer is not None:
        try:
            result.imported = importer(path)
        except GdeltError as exc:
            return GdeltPollResult(
                "failed", cursor, latest=latest.timestamp, path=path, reason=exc.reason
            )
    return result


def _missing_between(cursor: str, latest: str) -> list[str]:
    step = timedelta(minutes=UPDATE_MINUTES)
    moment, end = _parse(cursor) + step, _parse(latest)
    missing = []
    while moment < end:
        missing.append(_format(moment))
        moment += step
    return missing


@dataclass(slots=True)
class BackfillResult:
    """What a backfill did: per file, its timestamp and ``imported``/``failed`` with a reason."""

    done: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def export_files_since(
    client: SourceClient, since: str, *, base_url: str = DEFAULT_BASE_URL
) -> list[UpdateFile]:
    """Every export file in ``masterfilelist.txt`` newer than ``since``, oldest first.

    Raises:
        GdeltError: the master list cannot be fetched.
    """
    check_timestamp(since)
    list_url = base_url.rstrip("/") + "/masterfilelist.txt"
    files = []
    try:
        for line in _lines(client, list_url):
            for entry in parse_file_list(line):
                if entry.timestamp and entry.timestamp > since:
                    files.append(entry)
    except FetchError as exc:
        raise GdeltError(f"{exc.url}: {exc.reason}; try again later") from None
    return sorted(files, key=lambda f: f.timestamp or "")


def _lines(client: SourceClient, url: str) -> Iterator[str]:
    # The master list is tens of MB: stream it instead of holding it all.
    client.rate_limiter.wait(url.split("/")[2])
    try:
        with client.http.stream("GET", url) as response:
            if response.status_code >= 300:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            yield from response.iter_lines()
    except FetchError:
        raise
    except Exception as exc:  # httpx errors while streaming
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from None


def backfill_since(
    base_url: str,
    since: str,
    *,
    client: SourceClient | None = None,
    work_dir: Path,
    importer: Importer = default_importer,
    keep_files: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BackfillResult:
    """Download, verify and import every export file since ``since`` (exclusive).

    A file that fails is reported and skipped; the others still go in. Run it again with the
    same ``since`` to retry: the importer keys rows by GLOBALEVENTID, so repeats are harmless.

    Args:
        base_url: GDELT's v2 folder.
        since: ``YYYYMMDDHHMMSS``; files with a later timestamp are taken.
        client: the HTTP client (default: a new one, closed at the end).
        work_dir: where CSVs are extracted.
        importer: called with each CSV.
        keep_files: keep the CSVs after a successful import.
        progress: called with one line per file.

    Returns:
        What was imported and what failed.

    Raises:
        GdeltError: the master list cannot be read.
        ValueError: ``since`` is not a timestamp.
    """
    own = client is None
    client = client or SourceClient()
    result = BackfillResult()
    try:
        for entry in export_files_since(client, since, base_url=base_url):
            timestamp = entry.timestamp or ""
            try:
                path = download_export(client, entry, work_dir)
                count = importer(path)
            except GdeltError as exc:
                result.failed.append((timestamp, exc.reason))
                if progress:
                    progress(f"{timestamp}: failed: {exc.reason}")
                continue
            if not keep_files:
                path.unlink(missing_ok=True)
            result.done.append((timestamp, count))
            if progress:
                progress(f"{timestamp}: imported ({count})")
    finally:
        if own:
            client.close()
    return result
