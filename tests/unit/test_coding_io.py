"""`eventetl code` input: bad JSON Lines are reported by line and field, good ones coded."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from etl.coding_io import DocumentLineError, code_jsonl, parse_document_line
from etl.records import CodedEvent, Document


class OneEventPerDocument:
    """A fake coder: one event spanning each document's first sentence-ish chunk."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def code_documents(
        self, docs: Iterable[Document], batch_size: int = 64
    ) -> Iterator[tuple[Document, list[CodedEvent]]]:
        for doc in docs:
            self.seen.append(doc.id)
            event = CodedEvent(
                doc_id=doc.id,
                sentence_index=0,
                sentence=doc.text,
                char_start=0,
                char_end=len(doc.text),
                coder_version="fake",
                event_date=doc.published,
                time_precision=1,
                cameo_code="190",
                cameo_base="190",
                cameo_root="19",
            )
            yield doc, [event]


def write_lines(tmp_path: Path, lines: list[bytes]) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_bad_lines_are_reported_and_the_rest_coded(tmp_path: Path) -> None:
    good = {"id": "a", "published": "2024-12-01", "text": "Rebels clashed with troops."}
    path = write_lines(
        tmp_path,
        [
            json.dumps(good).encode(),
            b'{"id": "b", "published": "2024-12-01", "text": "trunc',
            json.dumps({"id": "c", "text": "No date."}).encode(),
            b"\xff\xfe not utf-8",
            json.dumps({**good, "id": "d", "published": "2024-13-40"}).encode(),
            json.dumps({**good, "id": "e"}).encode(),
        ],
    )
    out, err = io.StringIO(), io.StringIO()
    coder = OneEventPerDocument()
    failures = code_jsonl(path, out, err, coder=coder)

    assert coder.seen == ["a", "e"]
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [event["doc_id"] for event in events] == ["a", "e"]
    assert all(event["event_id"] for event in events)
    assert len(failures) == 4
    messages = err.getvalue()
    assert f"{path}:2: not valid JSON" in messages
    assert f"{path}:3: field 'published': is missing" in messages
    assert f"{path}:4: not UTF-8" in messages
    assert f"{path}:5: field 'published': must be a date" in messages


def test_future_publication_date_is_rejected() -> None:
    line = json.dumps({"id": "x", "published": "2030-01-01", "text": "t"})
    with pytest.raises(DocumentLineError, match="in the future"):
        parse_document_line(line, "f.jsonl", 7, today=date(2026, 1, 1))


def test_empty_text_gives_no_events_and_a_reason(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path, [json.dumps({"id": "blank", "published": "2024-12-01", "text": "   "}).encode()]
    )
    out, err = io.StringIO(), io.StringIO()
    failures = code_jsonl(path, out, err, coder=OneEventPerDocument())
    assert failures == []
    assert out.getvalue() == ""
    assert "no events (empty text)" in err.getvalue()
