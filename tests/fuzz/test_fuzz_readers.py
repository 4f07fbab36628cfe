"""Fuzzing the article readers (txt, json, jsonl, csv, html) and the ACLED and GDELT importers:
for any bytes (invalid UTF-8, BOM, CRLF, NUL and control characters, truncated JSON, duplicate
ids, missing fields, wrong types, far-off dates, absurd coordinates) nothing raises, and every
record becomes an article/event or an error naming the file and line: none is dropped."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from etl.ingest import IngestError, read_file
from etl.interop.acled import read_acled
from etl.interop.errors import InteropError
from etl.interop.gdelt import read_gdelt

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
GDELT_LINES = (
    (ROOT / "tests/data/gdelt_v2_20191024143000_head200.export.CSV")
    .read_text(encoding="utf-8")
    .splitlines()[:20]
)
ACLED_TEXT = (ROOT / "tests/data/acled_iso_dates_numeric.csv").read_text(encoding="utf-8")
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
CASES: dict[str, int] = {}

nasty_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "\ufeff",
            "\r\n",
            "\x00",
            "\x1b[31m",
            "\u202e",
            "\ud7ff",
            "é",
            "\x85",
            "'; DROP TABLE x;--",
        ]
    ),
)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from(["1899-12-31", "2999-01-01", "0001-01-01", "2024-02-30", "yesterday", ""]),
    st.integers(),
    st.none(),
)
values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), nasty_text)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(values, st.just("dup-1")),
        "published": dates,
        "text": st.one_of(nasty_text, values, st.just("Rebels shelled the town. Two died.")),
        "title": values,
        "url": values,
        "latitude": st.floats(),
    },
)


def _mangle(data: bytes, extra: bytes, where: int, cut: int | None) -> bytes:
    """Insert ``extra`` (junk bytes) at ``where`` and maybe truncate at ``cut``."""
    where = where % (len(data) + 1)
    data = data[:where] + extra + data[where:]
    return data if cut is None else data[: cut % (len(data) + 1)]


junk = st.one_of(
    st.just(b""),
    st.binary(max_size=8),
    st.sampled_from([b"\xef\xbb\xbf", b"\r\n", b"\x00", b"\xff\xfe", b"\xc3", b"\n\n", b'"']),
)


def _check(tmp_path: Path, name: str, data: bytes, kind: str) -> None:
    CASES[kind] = CASES.get(kind, 0) + 1
    path = tmp_path / name
    path.write_bytes(data)
    result = read_file(path, display_path=name, today=date(2025, 1, 1))  # must not raise
    assert result.documents or result.errors, "a file vanished without an error"
    for error in result.errors:
        assert isinstance(error, IngestError) and error.path.startswith(name.split("[")[0])
        assert str(error).startswith(name), str(error)
    for document in result.documents:
        assert "\x00" not in document.text and document.text.strip()
        assert date(1900, 1, 1) <= document.published <= date(2025, 1, 1)


@settings(FUZZ, max_examples=examples(400))
@given(
    st.lists(records, max_size=6), junk, st.integers(0, 10_000), st.none() | st.integers(0, 4000)
)
def test_jsonl(tmp_path_factory, rows, extra, where, cut) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    data = _mangle("\n".join(lines).encode("utf-8", "surrogatepass"), extra, where, cut)
    tmp = tmp_path_factory.mktemp("jsonl")
    _check(tmp, "fuzz.jsonl", data, "jsonl")
    # every non-blank line is a document, a duplicate of one, or an error with its line number
    result = read_file(tmp / "fuzz.jsonl", display_path="fuzz.jsonl", today=date(2025, 1, 1))
    nonblank = [n for n, raw in enumerate(data.split(b"\n"), 1) if raw.strip()]
    errored = {e.line for e in result.errors if e.line is not None}  # None: the whole file
    origins = {int(d.origin.rsplit(":", 1)[1]) for d in result.documents}
    assert errored | origins <= set(nonblank)
    assert len(errored) + len(result.documents) <= len(nonblank)


@settings(FUZZ, max_examples=examples(300))
@given(st.one_of(records, st.lists(records, max_size=4), values), junk, st.integers(0, 10_000),
       st.none() | st.integers(0, 4000))  # fmt: skip
def test_json(tmp_path_factory, payload, extra, where, cut) -> None:
    data = _mangle(json.dumps(payload).encode(), extra, where, cut)
    _check(tmp_path_factory.mktemp("json"), "fuzz.json", data, "json")


@settings(FUZZ, max_examples=examples(300))
@given(st.lists(records, max_size=5), junk, st.integers(0, 10_000), st.booleans())
def test_csv(tmp_path_factory, rows, extra, where, crlf) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        ["id", "published", "text", "title", "url", "latitude"],
        lineterminator="\r\n" if crlf else "\n",
    )
    writer.writeheader()
    writer.writerows(rows)
    data = _mangle(buffer.getvalue().encode("utf-8", "surrogatepass"), extra, where, None)
    _check(tmp_path_factory.mktemp("csv"), "fuzz.csv", data, "csv")


@settings(FUZZ, max_examples=examples(300))
@given(nasty_text, st.lists(st.tuples(st.sampled_from(["Date", "Source", "URL", "Id", "X"]),
       nasty_text), max_size=3), nasty_text, junk, st.integers(0, 10_000),
       st.sampled_from(["2024-11-28_a.txt", "nodate.txt"]))  # fmt: skip
def test_txt(tmp_path_factory, title, headers, body, extra, where, name) -> None:
    text = "\n".join([title, *(f"{k}: {v}" for k, v in headers), "", body])
    data = _mangle(text.encode("utf-8", "surrogatepass"), extra, where, None)
    _check(tmp_path_factory.mktemp("txt"), name, data, "txt")


@settings(FUZZ, max_examples=examples(100))
@given(nasty_text, nasty_text, dates, junk, st.integers(0, 10_000), st.none() | st.integers(0, 900))
def test_html(tmp_path_factory, title, body, published, extra, where, cut) -> None:
    page = (
        f'<html><head><title>{title}</title><meta name="date" content="{published}">'
        f"<script>alert(1)</script></head><body><article><p>{body}</p>"
        "<p>Rebels shelled the town of Idlib on Monday, killing two people.</p></article>"
        "</body></html>"
    )
    data = _mangle(page.encode("utf-8", "surrogatepass"), extra, where, cut)
    _check(tmp_path_factory.mktemp("html"), "2024-11-28_fuzz.html", data, "html")


def _field(value: str) -> st.SearchStrategy[str]:
    return st.one_of(
        st.just(value),
        st.just(value),
        st.sampled_from(["", "x", "-1", "1e309", "NaN", "99999999", "18991231", "99990101",
                         "1000.5", "-200.0", "\x00", "\x7f"]),
        st.text(max_size=6).filter(lambda t: "\t" not in t and "\n" not in t and "\r" not in t),
    )  # fmt: skip


@st.composite
def gdelt_lines(draw) -> list[bytes]:
    out = []
    for _ in range(draw(st.integers(0, 6))):
        fields = GDELT_LINES[draw(st.integers(0, len(GDELT_LINES) - 1))].split("\t")
        for _ in range(draw(st.integers(0, 4))):
            i = draw(st.integers(0, len(fields) - 1))
            fields[i] = draw(_field(fields[i]))
        if draw(st.booleans()):
            fields = fields[: draw(st.integers(1, len(fields)))]
        line = "\t".join(fields).encode("utf-8", "surrogatepass")
        out.append(_mangle(line, draw(junk.filter(lambda b: b"\n" not in b and b"\r" not in b)),
                           draw(st.integers(0, 1000)), None))  # fmt: skip
    return out


@settings(FUZZ, max_examples=examples(300))
@given(gdelt_lines(), st.booleans())
def test_gdelt_reader(tmp_path_factory, lines, crlf) -> None:
    CASES["gdelt"] = CASES.get("gdelt", 0) + 1
    path = tmp_path_factory.mktemp("gdelt") / "fuzz.export.CSV"
    path.write_bytes((b"\r\n" if crlf else b"\n").join(lines))
    try:
        batches = list(read_gdelt(path, batch_size=3))
    except InteropError as exc:
        assert str(path) in str(exc)
        return
    rows = sum(frame.height + len(problems) for frame, problems in batches)
    assert rows == sum(1 for line in lines if line.strip(b"\r"))  # every line accounted for
    for _, problems in batches:
        for problem in problems:
            assert problem.line >= 1 and problem.reason
            json.dumps(problem.payload)  # storable as jsonb


@st.composite
def acled_files(draw) -> bytes:
    header, *rows = ACLED_TEXT.splitlines()
    rows = rows[: draw(st.integers(0, 6))]
    mutated = []
    for row in rows:
        cells = next(csv.reader([row]))
        for _ in range(draw(st.integers(0, 4))):
            i = draw(st.integers(0, len(cells) - 1))
            cells[i] = draw(_field(cells[i]))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(cells)
        mutated.append(buffer.getvalue())
    data = "\n".join([header, *mutated]).encode("utf-8", "surrogatepass")
    return _mangle(data, draw(junk), draw(st.integers(0, 100_000)), None)


@settings(FUZZ, max_examples=examples(300))
@given(acled_files())
# Found by make fuzz: "²" passed str.isdigit() and then failed int(), and the whole file.
@example(("\n".join(ACLED_TEXT.splitlines()[:3]).replace(",,7,78,", ",,\u00b2,78,")).encode())
def test_acled_reader(tmp_path_factory, data) -> None:
    CASES["acled"] = CASES.get("acled", 0) + 1
    path = tmp_path_factory.mktemp("acled") / "fuzz.csv"
    path.write_bytes(data)
    try:
        batches = list(read_acled(path, batch_size=2))
    except InteropError as exc:
        assert str(path) in str(exc)
        return
    for _, problems in batches:
        for problem in problems:
            assert problem.line >= 1 and problem.reason
            json.dumps(problem.payload)


API_RECORDS = json.loads(
    (ROOT / "tests/data/acled_layout_api_response.json").read_text(encoding="utf-8")
)["data"]
json_values = st.one_of(
    values, st.lists(st.integers(), max_size=2), st.integers(-(2**70), 2**70), st.just("\udcff")
)


@st.composite
def acled_api_answers(draw) -> object:
    records: list[object] = []
    for _ in range(draw(st.integers(0, 4))):
        record = dict(API_RECORDS[draw(st.integers(0, len(API_RECORDS) - 1))])
        for _ in range(draw(st.integers(0, 4))):
            record[draw(st.sampled_from(sorted(record)))] = draw(json_values)
        if draw(st.integers(0, 9)) == 0:
            record.pop(draw(st.sampled_from(sorted(record))))
        records.append(record if draw(st.integers(0, 9)) else draw(json_values))
    return draw(st.sampled_from([{"status": 200, "data": records}, records, {"status": 500}]))


@settings(FUZZ, max_examples=examples(200))
@given(acled_api_answers(), junk, st.integers(0, 100_000))
def test_acled_api_json_reader(tmp_path_factory, answer, extra, where) -> None:
    CASES["acled_json"] = CASES.get("acled_json", 0) + 1
    path = tmp_path_factory.mktemp("acled_json") / "fuzz.json"
    data = json.dumps(answer, ensure_ascii=False).encode("utf-8", "surrogatepass")
    path.write_bytes(_mangle(data, extra, where, None) if extra else data)
    try:
        batches = list(read_acled(path, batch_size=2))
    except InteropError as exc:
        assert str(path) in str(exc)
        return
    rows = sum(frame.height + len(problems) for frame, problems in batches)
    if not extra and isinstance(answer, dict | list):
        records = answer["data"] if isinstance(answer, dict) else answer
        assert rows == len(records)  # every record loaded or reported
    for _, problems in batches:
        for problem in problems:
            assert problem.line >= 1 and problem.reason
            json.dumps(problem.payload)


def test_zz_report_cases() -> None:
    print(f"\nfuzz cases: {CASES} total {sum(CASES.values())}")
