"""Reading each supported format into documents, and the errors bad input gets (file, line,
field, what to do): truncated JSON, bad lines, invalid UTF-8, future dates, empty or huge
articles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from etl.ingest import (
    FAILED,
    LOADED,
    PARTIAL,
    IngestError,
    read_bytes,
    read_file,
    scan_inbox,
    to_document,
)
from etl.records import Article, content_hash

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "articles"
TODAY = date(2024, 12, 31)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_txt_title_headers_and_body(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "story.txt",
        "Jets strike Idlib\nDate: 2024-11-28\nSource: Desk\n\nFirst sentence.\nSecond one.\n",
    )
    result = read_file(path, today=TODAY)
    assert result.status == LOADED
    (doc,) = result.documents
    assert (doc.title, doc.source, doc.published) == (
        "Jets strike Idlib",
        "Desk",
        date(2024, 11, 28),
    )
    assert doc.text == "First sentence.\nSecond one."
    assert doc.id == content_hash(doc.text)


def test_txt_without_date_header_uses_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "2024-12-02_note.txt", "Title\nBody text here.")
    (doc,) = read_file(path, today=TODAY).documents
    assert doc.published == date(2024, 12, 2)


def test_txt_without_any_date_names_the_file_and_says_what_to_add(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "Title\nBody text here.")
    result = read_file(path, display_path="note.txt", today=TODAY)
    assert result.status == FAILED
    (error,) = result.errors
    assert error.path == "note.txt" and error.field == "date"
    assert "Date: YYYY-MM-DD" in str(error)


def test_truncated_json_is_a_clear_file_error() -> None:
    with pytest.raises(IngestError) as caught:
        read_bytes(b'{"text": "cut off', "feed.json")
    assert caught.value.path == "feed.json" and caught.value.line == 1
    assert "not valid JSON" in str(caught.value)


def test_json_array_keeps_good_elements_and_names_the_bad_one() -> None:
    data = json.dumps(
        [
            {"text": "Good one.", "published": "2024-12-01"},
            {"text": "No date here."},
            {"text": "Bad date.", "date": "yesterday"},
        ]
    ).encode()
    result = read_bytes(data, "batch.json")
    assert len(result.articles) == 1
    assert [(e.path, e.field) for e in result.errors] == [
        ("batch.json[2]", "published"),
        ("batch.json[3]", "date"),
    ]
    assert "'yesterday'" in str(result.errors[1])


def test_jsonl_bad_line_is_reported_with_its_number_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "One.", "published": "2024-12-01"}),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "body": "Three.", "published": "2024-12-02T10:00:00Z"}),
        json.dumps({"id": "d", "published": "2024-12-02"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    result = read_file(path, display_path="feed.jsonl", today=TODAY)
    assert result.status == PARTIAL
    assert [d.external_id for d in result.documents] == ["a", "c"]
    assert result.documents[1].published == date(2024, 12, 2)
    assert [(e.line, e.field) for e in result.errors] == [(2, None), (4, "text")]
    assert str(result.errors[0]).startswith("feed.jsonl:2: not valid JSON")


def test_csv_multiline_text_and_line_numbers_of_bad_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "wire.csv",
        "id,published,title,text\n"
        'a,2024-12-01,T1,"Line one.\nLine two."\n'
        "b,not-a-date,T2,Text.\n"
        "c,2024-12-03,T3,Text three.\n",
    )
    result = read_file(path, display_path="wire.csv", today=TODAY)
    assert [d.external_id for d in result.documents] == ["a", "c"]
    assert result.documents[0].text == "Line one.\nLine two."
    (error,) = result.errors
    assert (error.line, error.field) == (4, "published")


def test_csv_without_text_column_fails_the_file() -> None:
    with pytest.raises(IngestError, match="'text' column"):
        read_bytes(b"id,published\n1,2024-12-01\n", "x.csv")


def test_html_boilerplate_is_stripped_and_metadata_read() -> None:
    html = (
        "<html><head><title>Clashes near Aleppo</title>"
        '<meta name="date" content="2024-11-29"></head><body>'
        "<nav>Home | World | Subscribe now</nav><article><h1>Clashes near Aleppo</h1>"
        "<p>Rebels clashed with government troops west of Aleppo on Friday, a monitor said.</p>"
        "<p>At least twelve fighters were killed on both sides in the heavy fighting.</p>"
        "</article><footer>Copyright 2024. All rights reserved.</footer></body></html>"
    )
    (article,) = read_bytes(html.encode(), "page.html").articles
    assert article.published == date(2024, 11, 29)
    assert article.title == "Clashes near Aleppo"
    assert article.text.startswith("Rebels clashed")
    assert "Subscribe" not in article.text and "Copyright" not in article.text


def test_invalid_utf8_is_rejected_with_line_and_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", b"Title\nDate: 2024-12-01\n" + b"caf\xe9 bombed\n")
    result = read_file(path, display_path="latin.txt", today=TODAY)
    assert result.status == FAILED
    (error,) = result.errors
    assert error.line == 3 and "not valid UTF-8" in error.message and "iconv" in error.message


def test_future_date_is_rejected() -> None:
    article = Article(text="Something happened.", published=date(2025, 1, 2), origin="f.json:7")
    with pytest.raises(IngestError) as caught:
        to_document(article, today=TODAY)
    assert (caught.value.path, caught.value.line, caught.value.field) == ("f.json", 7, "published")
    assert "in the future" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "needle"),
    [(" \n\x00\t ", "empty"), ("word " * 50_000, "more than the limit")],
)
def test_empty_and_huge_articles_are_rejected(text: str, needle: str) -> None:
    with pytest.raises(IngestError, match=needle):
        to_document(Article(text=text, published=date(2024, 12, 1), origin="a.txt"), today=TODAY)


def test_unsupported_suffix_lists_the_supported_ones() -> None:
    with pytest.raises(IngestError, match=r"\.jsonl"):
        read_bytes(b"x", "notes.docx")


def test_samples_cover_every_format_and_the_broken_file_fails_alone() -> None:
    results = scan_inbox(SAMPLES)
    suffixes = {Path(r.path).suffix for r in results if r.documents}
    assert suffixes == {".txt", ".json", ".jsonl", ".csv", ".html"}
    assert sum(len(r.documents) for r in results) >= 20
    failed = [r for r in results if r.status == FAILED]
    assert [r.path for r in failed] == ["2024-12-03_broken_feed.json"]
    assert "not valid JSON" in (failed[0].error_text or "")
    days = {d.published for r in results for d in r.documents}
    assert len(days) >= 5 and all(date(2024, 11, 1) <= d <= date(2024, 12, 31) for d in days)
