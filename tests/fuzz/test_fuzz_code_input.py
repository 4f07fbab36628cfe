"""Fuzzing `eventetl code`'s reader: any bytes are coded or reported by line, never a crash."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from etl.coding_io import code_jsonl
from etl.records import CodedEvent, Document

pytestmark = pytest.mark.slow


class CountingCoder:
    def __init__(self) -> None:
        self.documents = 0

    def code_documents(
        self, docs: Iterable[Document], batch_size: int = 64
    ) -> Iterator[tuple[Document, list[CodedEvent]]]:
        for doc in docs:
            self.documents += 1
            yield doc, []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=6,
)

records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "published": st.one_of(
            st.dates().map(str), st.text(max_size=12), st.integers(), st.just("1899-12-31")
        ),
        "text": st.one_of(st.text(), st.binary().map(lambda b: b.decode("latin-1")), json_values),
        "title": json_values,
        "url": json_values,
    },
)

lines = st.one_of(
    records.map(lambda record: json.dumps(record).encode()),
    st.binary(max_size=200),
    records.map(lambda record: json.dumps(record).encode()[:-3]),
    st.just(
        b"\xef\xbb\xbf" + json.dumps({"id": 1, "published": "2024-01-01", "text": "x"}).encode()
    ),
)


@settings(max_examples=examples(500))  # deadline and health checks: tests/hypothesis_profiles.py
@given(body=st.lists(lines, max_size=8), crlf=st.booleans())
def test_reader_never_crashes_and_accounts_for_every_line(
    tmp_path: Path, body: list[bytes], crlf: bool
) -> None:
    separator = b"\r\n" if crlf else b"\n"
    data = separator.join(body)
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    coder = CountingCoder()
    out, err = io.StringIO(), io.StringIO()
    failures = code_jsonl(path, out, err, coder=coder)
    expected = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            expected += bool(line.decode("utf-8-sig" if number == 1 else "utf-8").strip())
        except UnicodeDecodeError:
            expected += 1
    skipped = err.getvalue().count(": no events (")
    # Every line that is not blank is coded, skipped with a reason, or reported: never lost.
    assert coder.documents + skipped + len(failures) == expected
    for message in failures:
        assert str(path) in message
