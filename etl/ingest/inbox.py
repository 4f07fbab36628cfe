"""Scanning an inbox folder: every supported file, its fingerprint, documents and errors."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.ingest.errors import IngestError
from etl.ingest.normalise import MAX_ARTICLE_CHARS, to_document
from etl.ingest.readers import READERS, read_bytes
from etl.records import Document

log = logging.getLogger(__name__)

#: Status values of the ``ingest_file`` table.
LOADED, PARTIAL, FAILED = "loaded", "partial", "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    """One input file as read: fingerprint, documents and per-record errors.

    ``status`` is ``failed`` when nothing could be read, ``partial`` when some records
    failed, ``loaded`` otherwise.
    """

    path: str
    fingerprint: str
    documents: tuple[Document, ...] = ()
    errors: tuple[IngestError, ...] = field(default=())

    @property
    def status(self) -> str:
        if not self.documents:
            return FAILED
        return PARTIAL if self.errors else LOADED

    @property
    def partitions(self) -> frozenset[str]:
        """The partition keys (publication days) the file's documents fall on."""
        return frozenset(doc.published.isoformat() for doc in self.documents)

    @property
    def error_text(self) -> str | None:
        return "\n".join(str(error) for error in self.errors) or None


def fingerprint(data: bytes) -> str:
    """SHA-256 of a file's bytes: a changed file gets a new fingerprint."""
    return hashlib.sha256(data).hexdigest()


def list_inbox(inbox: Path) -> list[Path]:
    """Supported files under ``inbox`` (recursively), sorted, hidden files skipped.

    Raises:
        FileNotFoundError: ``inbox`` is not a folder.
    """
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox {inbox} is not a folder; create it or pass --inbox")
    return sorted(
        path
        for path in inbox.rglob("*")
        if path.is_file()
        and path.suffix.lower() in READERS
        and not any(part.startswith(".") for part in path.relative_to(inbox).parts)
    )


def read_file(
    path: Path,
    *,
    display_path: str | None = None,
    today: date | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> FileResult:
    """Read and normalise one file; never raises for bad content (errors are collected).

    Args:
        path: the file.
        display_path: the name used in errors and in ``ingest_file`` (default ``str(path)``).
        today: reference day for rejecting future dates.
        max_chars: longest accepted article.
    """
    name = display_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(name, "", errors=(IngestError(name, None, None, f"cannot read: {exc}"),))
    digest = fingerprint(data)
    try:
        result = read_bytes(data, name)
    except IngestError as exc:
        return FileResult(name, digest, errors=(exc,))
    documents: list[Document] = []
    errors = list(result.errors)
    for article in result.articles:
        try:
            documents.append(to_document(article, today=today, max_chars=max_chars))
        except IngestError as exc:
            errors.append(exc)
    if not documents and not errors:
        errors.append(IngestError(name, None, None, "holds no articles"))
    for error in errors:
        log.warning("ingest: %s", error)
    return FileResult(name, digest, tuple(documents), tuple(errors))


def scan_inbox(
    inbox: Path, *, today: date | None = None, max_chars: int = MAX_ARTICLE_CHARS
) -> list[FileResult]:
    """Read every supported file of ``inbox``; paths are recorded relative to it."""
    return [
        read_file(
            path, display_path=path.relative_to(inbox).as_posix(), today=today, max_chars=max_chars
        )
        for path in list_inbox(inbox)
    ]


def file_fingerprints(inbox: Path) -> dict[str, str]:
    """``{relative path: fingerprint}`` for every supported file, without parsing them."""
    return {
        path.relative_to(inbox).as_posix(): fingerprint(path.read_bytes())
        for path in list_inbox(inbox)
    }


def documents_by_partition(results: Iterable[FileResult]) -> dict[str, list[Document]]:
    """Documents grouped by partition key, de-duplicated by content hash (first file wins)."""
    seen: set[str] = set()
    grouped: dict[str, list[Document]] = {}
    for result in results:
        for document in result.documents:
            if document.id in seen:
                continue
            seen.add(document.id)
            grouped.setdefault(document.published.isoformat(), []).append(document)
    return grouped
