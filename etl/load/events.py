"""The partition loader: one transaction per partition, under a per-partition advisory lock.

What one call of :func:`load_partition` writes, all or nothing:

- ``ingest_file``: a row per input file (fingerprint, status, counts, error); a file is
  recorded once per fingerprint, so re-runs change nothing;
- ``document`` and ``sentence``: upserted (a document already stored, even from another
  file, is skipped and counted);
- ``coding_run``: one row per load, with the coder version and dictionary checksums;
- ``event``: COPY into a temporary staging table, then ``INSERT ... ON CONFLICT`` upsert; the
  partition's coded events that the new coding no longer yields are deleted, so recoding
  with a new coder version replaces the partition atomically; unchanged rows are not
  touched (``updated_at`` and ``coding_run_id`` keep their values);
- ``event_mention``: one row per sentence that tells an event, the same way;
- ``quarantine``: rejected rows with their reason, replaced for the partition;
- ``document_coding``: the coding cache entries of the documents coded for this load.

Every value reaches SQL as a bound parameter or through COPY.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl
import psycopg
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    Table,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert

from etl.ingest import FileResult
from etl.load.coding_cache import write_codings
from etl.records import CodedEvent, Document, Sentence
from schema import CodingRun, Event, EventMention, IngestFile, Quarantine
from schema import Document as DocumentRow
from schema import Sentence as SentenceRow

log = logging.getLogger(__name__)

CODED = "coded"
_EVENT = Event.__table__
_MENTION = EventMention.__table__
#: Columns whose change alone does not make an event row "changed".
_BOOKKEEPING = ("id", "coding_run_id", "created_at", "updated_at")


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load_partition` wrote (counts are rows, not statements)."""

    partition: str
    documents_new: int = 0
    documents_skipped: int = 0
    sentences: int = 0
    events: int = 0
    events_changed: int = 0
    events_deleted: int = 0
    mentions: int = 0
    quarantined: int = 0
    files_recorded: int = 0
    coding_run_id: int | None = None
    skipped: bool = False
    events_by_type: dict[str, int] = field(default_factory=dict)


def partition_lock_key(partition: str) -> int:
    """A stable signed 64-bit advisory-lock key for a partition."""
    digest = hashlib.sha256(f"eventetl:partition:{partition}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_partition(connection: Connection, partition: str) -> None:
    """Wait for, then hold until commit, the partition's transaction-level advisory lock."""
    connection.execute(select(func.pg_advisory_xact_lock(literal(partition_lock_key(partition)))))


def load_partition(
    engine: Engine,
    *,
    partition: date,
    files: Sequence[FileResult],
    documents: Sequence[Document],
    sentences: pl.DataFrame | Sequence[Sentence],
    events: pl.DataFrame,
    mentions: pl.DataFrame,
    rejected: pl.DataFrame,
    coder_version: str,
    dictionary_checksums: Mapping[str, str] | None = None,
    run_id: str | None = None,
    codings: Mapping[str, Sequence[CodedEvent]] | None = None,
    coding_key: str | None = None,
) -> LoadResult:
    """Write a coded partition in one transaction.

    Args:
        engine: the target database.
        partition: the partition day.
        files: the input files behind the partition (and unreadable files, recorded as failed).
        documents: the partition's documents.
        sentences: their sentences (frame with the ``sentence`` columns, or records).
        events: valid events, ``event`` columns (see ``etl.pipeline.frames.EVENT_SCHEMA``).
        mentions: their mentions (``event_id, document_id, sentence_index, ...``).
        rejected: rows that failed validation, with ``reason`` and ``check_name``.
        coder_version: recorded on the coding run.
        dictionary_checksums: recorded on the coding run.
        run_id: the orchestrator's run id, recorded on quarantine rows.
        codings: the events of each document coded for this load (by document id), stored
            in ``document_coding`` under ``coding_key`` so later runs need not code them again.
        coding_key: the coder's cache key (needed with ``codings``).

    Returns:
        Counts of what was written.
    """
    key = partition.isoformat()
    with engine.begin() as connection:
        lock_partition(connection, key)
        files_recorded = record_files(connection, files)
        new_docs = _upsert_documents(connection, documents)
        n_sentences = _upsert_sentences(connection, sentences)
        if codings:
            if coding_key is None:
                raise ValueError("load_partition: codings given without a coding_key")
            # Same transaction as the events: the cache never outlives a rolled-back load.
            write_codings(connection, codings, coding_key)
        run = connection.execute(
            insert(CodingRun)
            .values(
                coder_version=coder_version,
                dictionary_checksums=dict(dictionary_checksums or {}),
                partition=key,
                status="running",
            )
            .returning(CodingRun.id)
        ).scalar_one()
        changed, deleted, fresh = _upsert_events(connection, partition, events, run)
        n_mentions = _replace_mentions(connection, partition, mentions, fresh=fresh)
        quarantined = replace_quarantine(connection, key, rejected, run_id=run_id)
        connection.execute(
            update(CodingRun)
            .where(CodingRun.id == run)
            .values(status="succeeded", event_count=events.height, finished_at=func.now())
        )
    # ACLED event type, or the CAMEO root for rows coded in CAMEO only
    label = pl.coalesce(
        pl.col("acled_event_type"), pl.lit("CAMEO ") + pl.col("cameo_root"), pl.lit("(none)")
    )
    by_type = (
        {str(k): int(n) for k, n in events.group_by(label.alias("type")).len().iter_rows()}
        if events.height
        else {}
    )
    result = LoadResult(
        partition=key,
        documents_new=new_docs,
        documents_skipped=len(documents) - new_docs,
        sentences=n_sentences,
        events=events.height,
        events_changed=changed,
        events_deleted=deleted,
        mentions=n_mentions,
        quarantined=quarantined,
        files_recorded=files_recorded,
        coding_run_id=run,
        events_by_type=by_type,
    )
    log.info("loaded partition %s: %s", key, result)
    return result


def record_failed_run(
    engine: Engine, partition: date, coder_version: str, checksums: Mapping[str, str] | None
) -> None:
    """Record a failed coding run (in its own transaction, after a load rolled back)."""
    with engine.begin() as connection:
        connection.execute(
            insert(CodingRun).values(
                coder_version=coder_version,
                dictionary_checksums=dict(checksums or {}),
                partition=partition.isoformat(),
                status="failed",
                finished_at=func.now(),
            )
        )


# --- files and documents -------------------------------------------------------------------


def record_files(connection: Connection, files: Iterable[FileResult]) -> int:
    """Insert an ``ingest_file`` row per (path, fingerprint) not yet recorded.

    ``documents`` counts the file's documents that were new, ``duplicates`` those already
    stored (from any file) or seen earlier in the same batch.
    """
    files = [f for f in files if f.fingerprint]
    if not files:
        return 0
    all_ids = {doc.id for f in files for doc in f.documents}
    stored = _stored_document_ids(connection, all_ids)
    seen: set[str] = set(stored)
    rows = []
    for result in sorted(files, key=lambda f: f.path):
        new = 0
        for doc in result.documents:
            if doc.id not in seen:
                new += 1
                seen.add(doc.id)
        partitions = result.partitions
        rows.append(
            {
                "path": result.path,
                "fingerprint": result.fingerprint,
                "partition": next(iter(partitions)) if len(partitions) == 1 else None,
                "status": result.status,
                "documents": new,
                "duplicates": len(result.documents) - new,
                "error": result.error_text,
            }
        )
    inserted = connection.execute(
        pg_insert(IngestFile)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["path", "fingerprint"])
        .returning(IngestFile.id)
    ).all()
    return len(inserted)


def _stored_document_ids(connection: Connection, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    if not ids:
        return set()
    return set(connection.execute(select(DocumentRow.id).where(DocumentRow.id.in_(ids))).scalars())


def _upsert_documents(connection: Connection, documents: Sequence[Document]) -> int:
    # Stored documents are not sent again: re-runs carry the whole day's texts.
    stored = _stored_document_ids(connection, (d.id for d in documents))
    documents = [d for d in documents if d.id not in stored]
    if not documents:
        return 0
    rows = [
        {
            "id": d.id,
            "source": d.source,
            "url": d.url,
            "title": d.title,
            "published": d.published,
            "language": d.language,
            "text": d.text,
            "external_id": d.external_id,
            "origin": d.origin,
        }
        for d in documents
    ]
    # The first file a text came from stays its origin: identical text, same document.
    inserted = connection.execute(
        pg_insert(DocumentRow).values(rows).on_conflict_do_nothing().returning(DocumentRow.id)
    ).all()
    return len(inserted)


def _upsert_sentences(connection: Connection, sentences: pl.DataFrame | Sequence[Sentence]) -> int:
    if isinstance(sentences, pl.DataFrame):
        rows = sentences.select("document_id", "index", "char_start", "char_end", "text").to_dicts()
    else:
        rows = [
            {
                "document_id": s.doc_id,
                "index": s.index,
                "char_start": s.char_start,
                "char_end": s.char_end,
                "text": s.text,
            }
            for s in sentences
        ]
    if not rows:
        return 0
    table = SentenceRow.__table__
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["document_id"]] = max(counts.get(row["document_id"], 0), row["index"] + 1)
    # Re-runs send the day's stored sentences again; comparing with what is stored (one
    # query) writes only what changed instead of re-upserting every sentence of the day.
    stored = {
        (document_id, index): (start, end, digest)
        for document_id, index, start, end, digest in connection.execute(
            select(
                table.c.document_id,
                table.c.index,
                table.c.char_start,
                table.c.char_end,
                func.md5(table.c.text),
            ).where(table.c.document_id.in_(list(counts)))
        )
    }
    changed = [
        row
        for row in rows
        if stored.get((row["document_id"], row["index"]))
        != (row["char_start"], row["char_end"], hashlib.md5(row["text"].encode()).hexdigest())
    ]
    statement = pg_insert(table)
    excluded = statement.excluded
    for chunk in _chunks(changed, 2000):
        connection.execute(
            statement.values(chunk).on_conflict_do_update(
                index_elements=["document_id", "index"],
                set_={c: excluded[c] for c in ("char_start", "char_end", "text")},
                where=tuple_(table.c.char_start, table.c.char_end, table.c.text).is_distinct_from(
                    tuple_(excluded.char_start, excluded.char_end, excluded.text)
                ),
            )
        )
    # A splitter change can leave fewer sentences: drop the ones past the new end, in one
    # statement for all documents.
    longer = {doc: n for doc, n in counts.items() if (doc, n) in stored}
    if not longer:
        return len(rows)
    connection.execute(
        text(
            "DELETE FROM sentence AS s USING unnest(CAST(:ids AS text[]), CAST(:ends AS int[])) "
            'AS k(document_id, n) WHERE s.document_id = k.document_id AND s."index" >= k.n'
        ),
        {"ids": list(longer), "ends": list(longer.values())},
    )
    return len(rows)


# --- events ----------------------------------------------------------------------------------


def _copy_into(
    connection: Connection, table: Table, frame: pl.DataFrame, *, chunk_rows: int = 50_000
) -> None:
    """COPY ``frame`` into ``table`` as CSV written by polars, ``chunk_rows`` rows at a time.

    polars formats the whole chunk in native code (a per-row ``write_row`` spent most of the
    load in Python). Strings are quoted and nulls are a bare ``\\N``, so an empty string or a
    literal ``\\N`` in the data stays text and only real nulls become NULL. Chunks bound the
    CSV buffer's memory whatever the partition size.
    """
    columns = [c for c in frame.columns if c in table.c]
    if frame.height == 0:
        return
    raw = connection.connection.driver_connection  # psycopg.Connection, same transaction
    quoted = ", ".join(f'"{c}"' for c in columns)  # names from the schema, not from data
    sql = f"COPY \"{table.name}\" ({quoted}) FROM STDIN (FORMAT csv, NULL '\\N')"
    selected = frame.select(columns)
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for offset in range(0, selected.height, chunk_rows):
            buffer = io.BytesIO()
            selected.slice(offset, chunk_rows).write_csv(
                buffer,
                include_header=False,
                null_value=r"\N",
                quote_style="non_numeric",
                datetime_format="%Y-%m-%dT%H:%M:%S%.f%:z",
                date_format="%Y-%m-%d",
            )
            copy.write(buffer.getbuffer())


def _staging_table(connection: Connection, name: str, like: Table, columns: list[str]) -> Table:
    """An empty temporary copy of ``columns`` of ``like``, dropped at commit.

    ``CREATE TABLE AS ... WITH NO DATA`` copies the column types only (no identity, no NOT
    NULL), which is what a COPY target for a subset of columns needs.
    """
    quoted = ", ".join(f'"{c}"' for c in columns)  # names from the schema, not from data
    connection.execute(
        text(
            f'CREATE TEMP TABLE "{name}" ON COMMIT DROP AS '
            f'SELECT {quoted} FROM "{like.name}" WITH NO DATA'
        )
    )
    return Table(name, MetaData(), *(Column(c, like.c[c].type) for c in columns))


def _upsert_events(
    connection: Connection, partition: date, events: pl.DataFrame, run_id: int
) -> tuple[int, int, bool]:
    """Upsert the partition's coded events.

    Returns:
        (inserted or changed, deleted, whether every row was newly inserted by a direct COPY).
    """
    columns = [c.name for c in _EVENT.columns if c.name not in ("created_at", "updated_at")]
    frame = events.with_columns(pl.lit(run_id, dtype=pl.Int64).alias("coding_run_id"))
    # First load of a partition: the upsert would only insert, so COPY straight into the table.
    # (Only with every column present: a missing one would get its default, not the NULL the
    # staging path writes.)
    if (
        frame.height
        and set(columns) <= set(frame.columns)
        and not _partition_has_events(connection, partition)
        and _copy_or_roll_back(connection, _EVENT, frame)
    ):
        return frame.height, 0, True
    staging = _staging_table(connection, "event_staging", _EVENT, columns)
    _copy_into(connection, staging, frame)
    deleted = connection.execute(
        delete(_EVENT)
        .where(
            _EVENT.c.partition_date == partition,
            _EVENT.c.origin == CODED,
            _EVENT.c.id.not_in(select(staging.c.id)),
        )
        .returning(_EVENT.c.id)
    ).all()
    compared = [c for c in columns if c not in _BOOKKEEPING]
    statement = pg_insert(_EVENT).from_select(columns, select(*(staging.c[c] for c in columns)))
    excluded = statement.excluded
    changed = connection.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={**{c: excluded[c] for c in columns if c != "id"}, "updated_at": func.now()},
            # An identical re-run leaves rows (and their timestamps) untouched.
            where=tuple_(*(_EVENT.c[c] for c in compared)).is_distinct_from(
                tuple_(*(excluded[c] for c in compared))
            ),
        ).returning(_EVENT.c.id)
    ).all()
    return len(changed), len(deleted), False


def _partition_has_events(connection: Connection, partition: date) -> bool:
    return bool(
        connection.execute(
            select(exists().where(_EVENT.c.partition_date == partition, _EVENT.c.origin == CODED))
        ).scalar()
    )


def _copy_or_roll_back(connection: Connection, table: Table, frame: pl.DataFrame) -> bool:
    """COPY ``frame`` straight into ``table`` inside a savepoint.

    Returns:
        True when it went in; False when the database refused it (say, an id already stored
        under another partition), in which case nothing of it remains and the caller takes the
        staging-table upsert path, which handles (or reports) that case exactly as before.
    """
    savepoint = connection.begin_nested()
    try:
        _copy_into(connection, table, frame)
    except psycopg.Error:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def _replace_mentions(
    connection: Connection, partition: date, mentions: pl.DataFrame, *, fresh: bool = False
) -> int:
    """Make the mentions of the partition's coded events exactly ``mentions``.

    ``fresh`` says every event of the partition was inserted by this load: no stored mention
    can refer to them, so there is nothing to delete or update and a plain COPY is the upsert.
    """
    if fresh and (mentions.height == 0 or _copy_or_roll_back(connection, _MENTION, mentions)):
        return mentions.height
    key = ("event_id", "document_id", "sentence_index")
    columns = [c for c in mentions.columns if c in _MENTION.c]
    staging = _staging_table(connection, "event_mention_staging", _MENTION, columns)
    _copy_into(connection, staging, mentions)
    partition_events = select(_EVENT.c.id).where(
        _EVENT.c.partition_date == partition, _EVENT.c.origin == CODED
    )
    # A key with a NULL in it never matches (the unique key treats NULLs as distinct, and
    # a NULL compares as NULL), so such mentions are deleted and inserted again, never doubled.
    connection.execute(
        delete(_MENTION).where(
            _MENTION.c.event_id.in_(partition_events),
            or_(
                *(_MENTION.c[c].is_(None) for c in key),
                ~exists().where(*(staging.c[c] == _MENTION.c[c] for c in key)),
            ),
        )
    )
    statement = pg_insert(_MENTION).from_select(columns, select(*(staging.c[c] for c in columns)))
    excluded = statement.excluded
    other = [c for c in columns if c not in key]
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=list(key),
            set_={c: excluded[c] for c in other},
            where=tuple_(*(_MENTION.c[c] for c in other)).is_distinct_from(
                tuple_(*(excluded[c] for c in other))
            ),
        )
    )
    return mentions.height


# --- quarantine ------------------------------------------------------------------------------


def replace_quarantine(
    connection: Connection,
    partition: str,
    rejected: pl.DataFrame,
    *,
    run_id: str | None,
    origin: str = CODED,
) -> int:
    """Make the partition's quarantine rows (of ``origin``) exactly the ``rejected`` rows.

    Rows already quarantined with the same payload, check and reason are kept as they are
    (same id, same first run id), so an identical re-run writes nothing.
    """
    wanted: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rejected.to_dicts():
        reason = str(row.pop("reason"))
        check = str(row.pop("check_name"))
        payload = _json_safe(row)
        wanted[(json.dumps(payload, sort_keys=True), check, reason)] = payload
    existing = connection.execute(
        select(Quarantine.id, Quarantine.payload, Quarantine.check_name, Quarantine.reason).where(
            Quarantine.partition == partition, Quarantine.origin == origin
        )
    ).all()
    have = {
        (json.dumps(payload, sort_keys=True), check, reason): row_id
        for row_id, payload, check, reason in existing
    }
    stale = [row_id for key, row_id in have.items() if key not in wanted]
    if stale:
        connection.execute(delete(Quarantine).where(Quarantine.id.in_(stale)))
    new = [
        {
            "payload": payload,
            "reason": key[2],
            "check_name": key[1],
            "partition": partition,
            "run_id": run_id,
            "origin": origin,
            "source_file": payload.get("source_file"),
        }
        for key, payload in wanted.items()
        if key not in have
    ]
    if new:
        connection.execute(insert(Quarantine), new)
    return len(wanted)


def _json_safe(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif isinstance(value, float) and value != value:
            value = None
        out[name] = value
    return out


# --- state (read-only) -----------------------------------------------------------------------


def partition_is_current(
    engine: Engine,
    partition: date,
    *,
    document_ids: Iterable[str],
    files: Iterable[FileResult],
    coder_version: str,
    dictionary_checksums: Mapping[str, str],
) -> bool:
    """Whether the partition is already loaded from these inputs with this coder.

    True when every document is stored, every file is recorded under its fingerprint, and
    the partition's latest coding run succeeded with the same coder version and dictionary
    checksums. The pipeline then neither codes nor writes.
    """
    key = partition.isoformat()
    ids = set(document_ids)
    pairs = {(f.path, f.fingerprint) for f in files if f.fingerprint}
    with engine.connect() as connection:
        if ids and len(_stored_document_ids(connection, ids)) != len(ids):
            return False
        if pairs:
            recorded = connection.execute(
                select(func.count())
                .select_from(IngestFile)
                .where(tuple_(IngestFile.path, IngestFile.fingerprint).in_(list(pairs)))
            ).scalar_one()
            if recorded != len(pairs):
                return False
        latest = connection.execute(
            select(CodingRun.coder_version, CodingRun.dictionary_checksums, CodingRun.status)
            .where(CodingRun.partition == key, CodingRun.status != "running")
            .order_by(CodingRun.id.desc())
            .limit(1)
        ).first()
    return (
        latest is not None
        and latest.status == "succeeded"
        and latest.coder_version == coder_version
        and dict(latest.dictionary_checksums or {}) == dict(dictionary_checksums)
    )


def stored_documents(engine: Engine, partition: date) -> list[Document]:
    """The documents already stored for a partition (publication day)."""
    with engine.connect() as connection:
        table = DocumentRow.__table__
        rows = connection.execute(
            select(table).where(table.c.published == partition).order_by(table.c.id)
        ).all()
        return [
            Document(
                id=r.id,
                text=r.text,
                published=r.published,
                title=r.title,
                url=r.url,
                source=r.source,
                language=r.language,
                external_id=r.external_id,
                origin=r.origin,
            )
            for r in rows
        ]


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


__all__ = [
    "LoadResult",
    "load_partition",
    "lock_partition",
    "partition_is_current",
    "partition_lock_key",
    "record_failed_run",
    "record_files",
    "replace_quarantine",
    "stored_documents",
]
