"""The pipeline's stages as plain typed functions (the Dagster assets call these).

inbox → :func:`read_partition` → documents → :func:`split_documents` → sentences;
documents → :func:`code_partition` (or :func:`code_cached`, which codes only the documents the
coding cache lacks) → :func:`build_event_frames` → :func:`validate_partition` → :func:`load`
(one transaction). :func:`run_partition` chains them without Dagster.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from sqlalchemy import Engine

from etl.ingest import FAILED, FileResult, scan_inbox, split_sentences
from etl.load import events as loader
from etl.load.coding_cache import cached_codings
from etl.pipeline.coder import CoderHandle, code_documents
from etl.pipeline.frames import EventFrames, build_event_frames, sentences_frame
from etl.records import CodedEvent, Document, Sentence
from etl.validation import ValidationOutcome, validate_events

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PartitionInput:
    """What the inbox (and the database) hold for one partition.

    Attributes:
        partition: the publication day.
        files: the readable files with documents on that day.
        failed_files: files that could not be read at all (no day known); recorded by any load.
        documents: the day's documents: the inbox's, plus ones stored earlier, by id.
        inbox_documents: documents read from the inbox for the day (before de-duplication).
        duplicates: inbox documents skipped as already seen (stored, or in another file).
        current: already loaded from these inputs with this coder: nothing to do.
    """

    partition: date
    files: tuple[FileResult, ...] = ()
    failed_files: tuple[FileResult, ...] = ()
    documents: tuple[Document, ...] = ()
    inbox_documents: int = 0
    duplicates: int = 0
    current: bool = False

    @property
    def key(self) -> str:
        return self.partition.isoformat()

    @property
    def errors(self) -> dict[str, list[str]]:
        """Error messages per file (partial and failed files)."""
        return {
            f.path: [str(e) for e in f.errors]
            for f in (*self.files, *self.failed_files)
            if f.errors
        }


@dataclass(frozen=True)
class PartitionCoding:
    """The events of a partition's documents, coded now or read from the coding cache.

    Attributes:
        events: every document's events, in document order (as a full recode yields them).
        coded: the events of the documents coded now, by id (to be stored in the cache).
        from_cache: how many documents' events came from the cache.
    """

    events: list[CodedEvent]
    coded: dict[str, tuple[CodedEvent, ...]]
    from_cache: int = 0


@dataclass(frozen=True)
class ValidatedEvents:
    """Valid event and mention frames, the rejected rows, and the suite's outcome."""

    frames: EventFrames
    rejected: pl.DataFrame
    outcome: ValidationOutcome


@dataclass(frozen=True)
class PartitionReport:
    """What :func:`run_partition` did."""

    input: PartitionInput
    sentences: int = 0
    events_coded: int = 0
    validation: ValidationOutcome | None = None
    load: loader.LoadResult | None = None
    skipped_reason: str | None = None
    events_by_type: dict[str, int] = field(default_factory=dict)


def partitions_in(files: Sequence[FileResult]) -> list[str]:
    """The partition keys (publication days) the files' documents fall on, sorted."""
    return sorted({key for f in files for key in f.partitions})


def read_partition(
    inbox: Path,
    partition: date,
    *,
    engine: Engine | None = None,
    coder_version: str | None = None,
    dictionary_checksums: dict[str, str] | None = None,
    today: date | None = None,
    scan: Sequence[FileResult] | None = None,
) -> PartitionInput:
    """Read the inbox for one partition.

    Args:
        inbox: the folder of articles.
        partition: the publication day.
        engine: when given, stored documents of the day join the inbox's, and the
            partition is checked for being current (for which ``coder_version`` is needed).
        coder_version: the coder's version (``None``: never current).
        dictionary_checksums: the coder's dictionary checksums.
        today: reference day for future dates.
        scan: an inbox scan already made (saves re-reading the files).

    Returns:
        The partition's input.
    """
    results = list(scan) if scan is not None else scan_inbox(inbox, today=today)
    key = partition.isoformat()
    files = tuple(f for f in results if key in f.partitions)
    failed = tuple(f for f in results if f.status == FAILED)
    # The first file (by path) holding a text wins; later copies are duplicates.
    seen: dict[str, Document] = {}
    inbox_count = 0
    for result in sorted(results, key=lambda f: f.path):
        for document in result.documents:
            if document.published != partition:
                continue
            inbox_count += 1
            seen.setdefault(document.id, document)
    duplicates = inbox_count - len(seen)
    documents = dict(seen)
    current = False
    if engine is not None:
        stored = {d.id: d for d in loader.stored_documents(engine, partition)}
        duplicates += sum(1 for doc_id in seen if doc_id in stored)
        for doc_id, document in stored.items():
            documents.setdefault(doc_id, document)
        if coder_version is not None:
            current = loader.partition_is_current(
                engine,
                partition,
                document_ids=seen,
                files=files,
                coder_version=coder_version,
                dictionary_checksums=dictionary_checksums or {},
            )
    return PartitionInput(
        partition=partition,
        files=files,
        failed_files=failed,
        documents=tuple(documents[k] for k in sorted(documents)),
        inbox_documents=inbox_count,
        duplicates=duplicates,
        current=current,
    )


def split_documents(documents: Sequence[Document]) -> list[Sentence]:
    """Every document's sentences, in document order."""
    return [s for document in documents for s in split_sentences(document)]


def code_partition(
    handle: CoderHandle, documents: Sequence[Document], *, batch_size: int = 64
) -> list[CodedEvent]:
    """Code the documents (raises ``CoderUnavailable`` upstream when there is no coder)."""
    return code_documents(handle, documents, batch_size=batch_size)


def code_cached(
    engine: Engine | None,
    handle: CoderHandle,
    documents: Sequence[Document],
    *,
    batch_size: int = 64,
    use_cache: bool = True,
) -> PartitionCoding:
    """Code the documents the coding cache has no entry for, and take the rest from it.

    A document's events depend only on the document and the coder (the cache key holds the
    version and dictionary checksums), so the result is what coding every document gives.

    Args:
        engine: the database holding the cache (``None``: code everything).
        handle: the coder.
        documents: the partition's documents.
        batch_size: documents per coder batch.
        use_cache: ``False`` codes every document (and the load refreshes their entries).

    Returns:
        All events in document order, and the fresh codings for the load to cache.
    """
    cached: dict[str, list[CodedEvent]] = {}
    if engine is not None and use_cache:
        cached = cached_codings(engine, (d.id for d in documents), handle.cache_key)
    todo = [d for d in documents if d.id not in cached]
    coded: dict[str, tuple[CodedEvent, ...]] = {}
    if todo:
        for document, found in handle.coder.code_documents(todo, batch_size=batch_size):
            coded[document.id] = tuple(found)
    events: list[CodedEvent] = []
    for document in documents:
        # .get: a document the coder did not yield has no events (and no cache entry)
        events.extend(cached.get(document.id) or coded.get(document.id, ()))
    return PartitionCoding(events, coded, from_cache=len(documents) - len(todo))


def event_frames(
    events: Sequence[CodedEvent],
    documents: Sequence[Document],
    partition: date,
    *,
    codings: dict[str, tuple[CodedEvent, ...]] | None = None,
) -> EventFrames:
    """The event and mention frames of a partition, cross-article duplicates merged.

    ``codings`` (the freshly coded documents' events) travel with the frames to the load,
    which stores them in the coding cache.
    """
    frames = build_event_frames(events, {d.id: d for d in documents}, partition)
    return EventFrames(frames.events, frames.mentions, codings or {})


def validate_partition(
    frames: EventFrames, partition: date, *, today: date | None = None
) -> ValidatedEvents:
    """Run the suite; the valid rows keep their mentions, the rest go to quarantine."""
    outcome = validate_events(frames.events, partition_date=partition, today=today)
    return ValidatedEvents(frames.only(outcome.valid["id"]), outcome.rejected, outcome)


def load(
    engine: Engine,
    partition_input: PartitionInput,
    sentences: Sequence[Sentence] | pl.DataFrame,
    validated: ValidatedEvents,
    handle: CoderHandle,
    *,
    run_id: str | None = None,
) -> loader.LoadResult:
    """Write the partition in one transaction (see :func:`etl.load.events.load_partition`).

    A failed load is rolled back and recorded as a failed coding run.
    """
    try:
        return loader.load_partition(
            engine,
            partition=partition_input.partition,
            files=(*partition_input.files, *partition_input.failed_files),
            documents=partition_input.documents,
            sentences=sentences,
            events=validated.frames.events,
            mentions=validated.frames.mentions,
            rejected=validated.rejected,
            coder_version=handle.version,
            dictionary_checksums=handle.checksums,
            run_id=run_id,
            codings=validated.frames.codings,
            coding_key=handle.cache_key,
        )
    except Exception:
        try:
            loader.record_failed_run(
                engine, partition_input.partition, handle.version, handle.checksums
            )
        except Exception:  # the original error matters more than the bookkeeping
            log.exception("could not record the failed coding run")
        raise


def run_partition(
    engine: Engine,
    inbox: Path,
    partition: date,
    handle: CoderHandle,
    *,
    today: date | None = None,
    run_id: str | None = None,
    force: bool = False,
    scan: Sequence[FileResult] | None = None,
) -> PartitionReport:
    """Read, split, code, validate and load one partition, without Dagster.

    Args:
        engine: the target database.
        inbox: the folder of articles.
        partition: the publication day.
        handle: the coder.
        today: reference day for future dates.
        run_id: recorded on quarantine rows.
        force: recode every document, even when the partition is current (the coding cache
            is not read, and its entries are refreshed).
        scan: an inbox scan already made.

    Returns:
        What was done; ``skipped_reason`` is set when nothing was (a no-op re-run).
    """
    partition_input = read_partition(
        inbox,
        partition,
        engine=engine,
        coder_version=handle.version,
        dictionary_checksums=dict(handle.checksums),
        today=today,
        scan=scan,
    )
    if partition_input.current and not force:
        return PartitionReport(partition_input, skipped_reason="up to date")
    sentences = split_documents(partition_input.documents)
    coding = code_cached(engine, handle, partition_input.documents, use_cache=not force)
    events = coding.events
    frames = event_frames(events, partition_input.documents, partition, codings=coding.coded)
    validated = validate_partition(frames, partition, today=today)
    result = load(
        engine, partition_input, sentences_frame(sentences), validated, handle, run_id=run_id
    )
    return PartitionReport(
        partition_input,
        sentences=len(sentences),
        events_coded=len(events),
        validation=validated.outcome,
        load=result,
        events_by_type=result.events_by_type,
    )
