"""Reading documents for ``eventetl code`` and writing its events as JSON Lines.

Bad lines are reported on stderr with their line number and field, and the rest are still coded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Protocol, TextIO

from etl.records import CodedEvent, Document, content_hash

REQUIRED_FIELDS = ("id", "published", "text")
OPTIONAL_TEXT_FIELDS = ("title", "url", "source", "language")


class DocumentLineError(ValueError):
    """A JSON Lines record that cannot become a document; names the file, line and field."""

    def __init__(self, path: str, line: int, field: str | None, message: str) -> None:
        where = f"{path}:{line}" + (f": field {field!r}" if field else "")
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.field = path, line, field


def parse_document_line(raw: str, path: str, line: int, today: date | None = None) -> Document:
    """One JSON Lines record as a :class:`Document` (its ``id`` is kept as the document id)."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DocumentLineError(path, line, None, f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise DocumentLineError(path, line, None, "expected a JSON object")
    for name in REQUIRED_FIELDS:
        if record.get(name) in (None, ""):
            raise DocumentLineError(path, line, name, "is missing")
    if not isinstance(record["text"], str):
        raise DocumentLineError(path, line, "text", "must be a string")
    try:
        published = date.fromisoformat(str(record["published"])[:10])
    except ValueError:
        raise DocumentLineError(
            path, line, "published", f"must be a date YYYY-MM-DD, got {record['published']!r}"
        ) from None
    if published > (today or date.today()):
        raise DocumentLineError(
            path, line, "published", f"{published} is in the future; fix the date or the clock"
        )
    extras = {}
    for name in OPTIONAL_TEXT_FIELDS:
        value = record.get(name)
        extras[name] = None if value is None else str(value)
    return Document(
        id=str(record["id"]),
        text=record["text"],
        published=published,
        external_id=str(record["id"]),
        origin=f"{path}:{line}",
        **extras,
    )


def event_to_json(event: CodedEvent) -> str:
    """One coded event as a JSON object, dates as ISO strings, with its ``event_id``."""
    row = asdict(event)
    row["event_id"] = event.event_id
    return json.dumps(row, default=str, ensure_ascii=False)


def _read_documents(path: Path, err: TextIO, failures: list[str]) -> Iterator[Document]:
    with path.open("rb") as handle:
        for number, raw_bytes in enumerate(handle, start=1):
            try:
                raw = raw_bytes.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                message = f"{path}:{number}: not UTF-8 (byte {exc.start}); re-encode the file"
                failures.append(message)
                print(message, file=err)
                continue
            if not raw.strip():
                continue
            try:
                yield parse_document_line(raw, str(path), number)
            except DocumentLineError as exc:
                failures.append(str(exc))
                print(str(exc), file=err)


def _skip_reason(document: Document) -> str | None:
    """Why a document cannot give events (empty, or not English), checked before parsing."""
    if not document.text.strip():
        return "empty text"
    try:
        from etl.coding import skip_reason
    except ImportError:
        return None
    return skip_reason(document.text, document.language)


class DocumentCoder(Protocol):
    def code_documents(
        self, docs: Iterable[Document], batch_size: int = ...
    ) -> Iterator[tuple[Document, list[CodedEvent]]]: ...


def _default_coder() -> DocumentCoder:
    from etl.coding import Coder

    return Coder()


def _write_events(
    documents: Iterator[Document], out: TextIO, err: TextIO, coder: DocumentCoder | None
) -> int:
    coder = coder or _default_coder()
    written = 0

    def with_text(docs: Iterator[Document]) -> Iterator[Document]:
        for document in docs:
            reason = _skip_reason(document)
            if reason:
                print(f"{document.origin or document.id}: no events ({reason})", file=err)
                continue
            yield document

    for _document, events in coder.code_documents(with_text(documents)):
        for event in events:
            out.write(event_to_json(event) + "\n")
            written += 1
    out.flush()
    return written


def code_jsonl(
    path: Path, out: TextIO, err: TextIO, coder: DocumentCoder | None = None
) -> list[str]:
    """Code every document of a JSON Lines file; return the error messages of bad lines."""
    failures: list[str] = []
    if not path.is_file():
        message = f"{path}: no such file"
        print(message, file=err)
        return [message]
    _write_events(_read_documents(path, err, failures), out, err, coder)
    return failures


def code_plain_text(
    text: str, published: date, out: TextIO, err: TextIO, coder: DocumentCoder | None = None
) -> int:
    """Code one text given on the command line or stdin; return the number of events."""
    text = text.replace("\x00", "")
    document = Document(id=content_hash(text), text=text, published=published, origin="<text>")
    return _write_events(iter([document]), out, err, coder)
