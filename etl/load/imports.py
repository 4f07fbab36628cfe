"""Loading imported ACLED and GDELT rows: COPY into a staging table, then one upsert per file.

A file is loaded in one transaction that holds a Postgres advisory lock on the file's path, so
concurrent imports of the same file run one after the other, and a crash leaves nothing behind:
a re-run ends with exactly the file's rows. Quarantine rows of an earlier run of the same file are
replaced in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import Connection, Engine, delete, func, insert, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from schema.documents import IngestFile
from schema.events import Quarantine

STAGE = "interop_stage"
LINE = "source_line"
#: Columns never copied from a staged row onto an existing event.
_KEEP_ON_UPDATE = frozenset({"id", "origin", "external_id", "created_at", "updated_at"})


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    """One rejected input row, as written to ``quarantine``."""

    line: int | None
    check_name: str
    reason: str
    payload: dict[str, Any]
    partition: str | None = None


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """What the upsert did with the staged rows.

    Attributes:
        staged: rows copied into the staging table.
        distinct: distinct keys among them (a key repeated in the file is loaded once).
        inserted: new events.
        updated: existing events changed (ACLED: only when the row's timestamp is newer).
        unchanged: existing events left as they were (older or equal timestamp, same values).
    """

    staged: int
    distinct: int
    inserted: int
    updated: int
    unchanged: int


class ImportSession:
    """The open transaction of one file's import; see :func:`import_session`."""

    def __init__(self, connection: Connection, *, origin: str, source_file: str, run_id: str):
        self.connection = connection
        self.origin = origin
        self.source_file = source_file
        self.run_id = run_id
        self.columns: list[str] | None = None
        self.staged = 0
        self.quarantined = 0

    def stage(self, frame: pl.DataFrame) -> None:
        """COPY a frame (event column names plus ``source_line``) into the staging table.

        A row with a NUL character in a text field (which PostgreSQL text cannot hold) goes to
        quarantine instead, with its line, so it cannot fail the whole file's COPY.
        """
        text_columns = [c for c, t in frame.schema.items() if t == pl.String]
        if text_columns and frame.height:
            has_nul = pl.any_horizontal(pl.col(text_columns).str.contains("\x00", literal=True))
            bad = frame.filter(has_nul.fill_null(False))
            if bad.height:
                frame = frame.filter(~has_nul.fill_null(False))
                self.quarantine(
                    [
                        QuarantineRow(
                            line=row.get(LINE),
                            check_name="nul_character",
                            reason=f"line {row.get(LINE)}: a text field holds a NUL character "
                            "(U+0000), which the database cannot store",
                            payload=row,
                        )
                        for row in bad.to_dicts()
                    ]
                )
        if frame.height == 0:
            return
        frame = _arrays_as_text(frame)
        if self.columns is None:
            self.columns = list(frame.columns)
        elif list(frame.columns) != self.columns:
            raise ValueError("every staged frame of one import must have the same columns")
        buffer = io.BytesIO()
        frame.write_csv(
            buffer,
            include_header=False,
            null_value="",
            datetime_format="%Y-%m-%d %H:%M:%S%.f%:z",
            date_format="%Y-%m-%d",
        )
        names = ", ".join(f'"{c}"' for c in self.columns)
        raw = self.connection.connection.driver_connection
        assert raw is not None
        # An unquoted empty field is NULL in COPY's CSV format; polars quotes empty strings.
        sql = f"COPY {STAGE} ({names}) FROM STDIN WITH (FORMAT csv)"
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            copy.write(buffer.getbuffer())
        self.staged += frame.height

    def quarantine(self, rows: Sequence[QuarantineRow]) -> None:
        """Write rejected rows to ``quarantine`` with this file, their line and reason."""
        if not rows:
            return
        self.connection.execute(
            insert(Quarantine),
            [
                {
                    "payload": _jsonable(row.payload),
                    "reason": _storable_text(row.reason),
                    # every text field escaped: a NUL or undecodable byte anywhere in the
                    # input (the event date, say) must not make the quarantine row unstorable
                    "check_name": _storable_text(row.check_name),
                    "partition": _optional_text(row.partition),
                    "run_id": self.run_id,
                    "origin": self.origin,
                    "source_file": self.source_file,
                    "source_line": row.line,
                }
                for row in rows
            ],
        )
        self.quarantined += len(rows)

    def merge(self, *, newer_only: bool) -> MergeCounts:
        """Upsert the staged rows into ``event``, keyed by (origin, external_id).

        Args:
            newer_only: update an existing event only when the staged ``acled_timestamp`` is
                newer (ACLED's rule); otherwise update when any value differs.
        """
        if self.columns is None:
            return MergeCounts(0, 0, 0, 0, 0)
        columns = [c for c in self.columns if c != LINE]
        names = ", ".join(f'"{c}"' for c in columns)
        updates = [c for c in columns if c not in _KEEP_ON_UPDATE]
        assignments = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in updates)
        compared = [c for c in updates if c != "source_file"]
        differs = (
            "(" + ", ".join(f'event."{c}"' for c in compared) + ") IS DISTINCT FROM ("
            + ", ".join(f'EXCLUDED."{c}"' for c in compared) + ")"
        )  # fmt: skip
        if newer_only:
            # Without a stored timestamp (older exports have none), only a changed row updates:
            # re-importing the same file must change nothing.
            condition = (
                "EXCLUDED.acled_timestamp > event.acled_timestamp "
                f"OR (event.acled_timestamp IS NULL AND {differs})"
            )
        else:
            condition = differs
        order = "acled_timestamp DESC NULLS LAST, " if "acled_timestamp" in columns else ""
        # The newest row of a key repeated in the file wins (by timestamp, then by line).
        statement = text(
            f"INSERT INTO event ({names}) "
            f"SELECT {names} FROM ("
            f"  SELECT DISTINCT ON (origin, external_id) * FROM {STAGE}"
            f"  ORDER BY origin, external_id, {order}{LINE} DESC"
            f") AS picked "
            # the key is a partial unique index (coded events have no external id)
            f"ON CONFLICT (origin, external_id) WHERE external_id IS NOT NULL "
            f"DO UPDATE SET {assignments}, updated_at = now() "
            f"WHERE {condition} "
            f"RETURNING (xmax = 0) AS inserted"
        )
        returned = self.connection.execute(statement).scalars().all()
        inserted = sum(1 for flag in returned if flag)
        distinct = self.connection.execute(
            text(f"SELECT count(DISTINCT (origin, external_id)) FROM {STAGE}")
        ).scalar_one()
        return MergeCounts(
            staged=self.staged,
            distinct=distinct,
            inserted=inserted,
            updated=len(returned) - inserted,
            unchanged=distinct - len(returned),
        )


@contextmanager
def import_session(engine: Engine, *, origin: str, source_file: str) -> Iterator[ImportSession]:
    """One transaction for one file: lock, clear the file's old quarantine rows, stage, merge.

    Args:
        engine: the database.
        origin: ``acled`` or ``gdelt``.
        source_file: the file's resolved path; the lock and the quarantine rows are keyed by it.

    Yields:
        The session; the transaction commits when the block ends without an exception.
    """
    if origin not in ("acled", "gdelt"):
        raise ValueError(f"origin must be acled or gdelt, not {origin!r}")
    source_file = _storable_text(source_file)  # a path may hold bytes text cannot
    with engine.begin() as connection:
        # Concurrent imports of the same file serialise here, until this transaction ends.
        connection.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"eventetl-import:{source_file}"},
        )
        connection.execute(
            delete(Quarantine).where(
                Quarantine.origin == origin, Quarantine.source_file == source_file
            )
        )
        connection.execute(
            text(f"CREATE TEMP TABLE {STAGE} (LIKE event INCLUDING DEFAULTS) ON COMMIT DROP")
        )
        connection.execute(text(f"ALTER TABLE {STAGE} ADD COLUMN {LINE} integer"))
        yield ImportSession(
            connection, origin=origin, source_file=source_file, run_id=f"import-{uuid.uuid4()}"
        )


def count_events(engine: Engine, *, origin: str, source_file: str | None = None) -> int:
    """Events of an origin (and file), for reports and tests."""
    query = text(
        "SELECT count(*) FROM event WHERE origin = :origin "
        "AND (CAST(:source_file AS text) IS NULL OR source_file = :source_file)"
    )
    with engine.connect() as connection:
        return connection.execute(
            query, {"origin": origin, "source_file": source_file}
        ).scalar_one()


def _jsonable(value: Any) -> Any:
    """Payload values as JSON types: dates as ISO text, NaN and infinities as null, and NUL
    characters and undecodable bytes (which jsonb cannot store, in keys as in values) as
    visible escapes such as ``\\x00`` and ``\\udcff``."""
    if isinstance(value, str):
        return _storable_text(value)
    if isinstance(value, dict):
        return {_jsonable(str(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


__all__ = [
    "ImportSession",
    "MergeCounts",
    "QuarantineRow",
    "count_events",
    "import_session",
]


def record_unreadable_file(engine: Engine, path: Path, error: str) -> None:
    """Record an import file that could not be read at all in ``ingest_file`` (status failed).

    Its fingerprint is the SHA-256 of its bytes, or of its path when even those cannot be read;
    a second failure of the same file updates the row instead of adding one.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        fingerprint = digest.hexdigest()
    except OSError:
        fingerprint = "path:" + hashlib.sha256(str(path).encode()).hexdigest()
    # The error may quote the file's bytes: NULs and undecodable ones cannot go into text.
    error = _storable_text(error)
    statement = pg_insert(IngestFile).values(
        path=_storable_text(str(path)), fingerprint=fingerprint, status="failed", error=error
    )
    with engine.begin() as connection:
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["path", "fingerprint"],
                set_={"status": "failed", "error": error, "ingested_at": func.now()},
            )
        )


def _arrays_as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """List columns (``quality_flags``) as PostgreSQL array literals, which CSV can carry.

    The elements are check names (letters, digits, underscores); quoting each keeps a comma
    inside one from splitting it.
    """
    lists = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
    if not lists:
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).is_null())
        .then(None)
        .otherwise(pl.concat_str(pl.lit('{"'), pl.col(c).list.join('","'), pl.lit('"}')))
        .alias(c)
        for c in lists
    )


def _optional_text(value: str | None) -> str | None:
    return None if value is None else _storable_text(value)


def _storable_text(value: str) -> str:
    """``value`` with NULs and lone surrogates escaped, so PostgreSQL text can hold it."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
