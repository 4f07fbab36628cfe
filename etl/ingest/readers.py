"""Readers per file format: ``.txt``, ``.json``, ``.jsonl``, ``.csv``, ``.html``.

Every reader returns the articles it could read and the errors of the records it could not;
a problem with the whole file (undecodable bytes, a truncated JSON document) raises
:class:`IngestError`. Records in line-based formats fail one by one, so one bad line does not
lose the rest of the file.

Encoding decision: input must be UTF-8 (a BOM is allowed). Undecodable bytes are an error
naming the line and byte offset, never silently replaced: replacement characters would
change the text and so the content-hash id of the document, and would hide the fault.

Dates: ``published`` (or ``date``) as ``YYYY-MM-DD`` or an ISO timestamp. A ``.txt`` or
``.html`` file without a date header takes the first ``YYYY-MM-DD`` in its file name.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.ingest.errors import IngestError
from etl.records import Article

TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("published", "date", "published_at")
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "outlet"),
    "language": ("language", "lang"),
    "external_id": ("id", "external_id", "article_id"),
}
_DATE_IN_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HEADER = re.compile(r"^(date|source|url|language|id)\s*:\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What one file yielded: its articles, and one error per record that failed."""

    articles: tuple[Article, ...] = ()
    errors: tuple[IngestError, ...] = field(default=())


def decode_utf8(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), or fail naming the line and byte.

    Raises:
        IngestError: the bytes are not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            path,
            line,
            None,
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "re-encode the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        ) from None


def parse_date(value: object, path: str, line: int | None, field_name: str) -> date:
    """A ``YYYY-MM-DD`` date (an ISO timestamp is cut to its day).

    Raises:
        IngestError: the value is missing or not such a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise IngestError(path, line, field_name, "is missing; give the date as YYYY-MM-DD")
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise IngestError(
            path, line, field_name, f"must be a date YYYY-MM-DD, got {text!r}"
        ) from None


def article_from_record(record: object, path: str, line: int | None) -> Article:
    """Build an article from a JSON object or CSV row.

    Raises:
        IngestError: not an object, or a required field is missing or malformed.
    """
    if not isinstance(record, Mapping):
        raise IngestError(path, line, None, f"expected a JSON object, got {type(record).__name__}")
    text_key = next((k for k in TEXT_FIELDS if record.get(k) not in (None, "")), None)
    if text_key is None:
        raise IngestError(path, line, "text", "is missing or empty (also looked for body, content)")
    text = record[text_key]
    if not isinstance(text, str):
        raise IngestError(path, line, text_key, f"must be a string, got {type(text).__name__}")
    date_key = next((k for k in DATE_FIELDS if record.get(k) not in (None, "")), "published")
    published = parse_date(record.get(date_key), path, line, date_key)
    extras: dict[str, str | None] = {}
    for name, aliases in FIELD_ALIASES.items():
        value = next((record[a] for a in aliases if record.get(a) not in (None, "")), None)
        extras[name] = None if value is None else str(value)
    origin = path if line is None else f"{path}:{line}"
    return Article(text=text, published=published, origin=origin, **extras)


def read_json(data: bytes, path: str) -> ReadResult:
    """A JSON object, or an array of objects, each one article."""
    text = decode_utf8(data, path)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            path,
            exc.lineno,
            None,
            f"not valid JSON ({exc.msg}, column {exc.colno}); fix or remove the file",
        ) from None
    records = payload if isinstance(payload, list) else [payload]
    articles: list[Article] = []
    errors: list[IngestError] = []
    for number, record in enumerate(records, start=1):
        # JSON arrays have no useful line per element; name the element instead.
        where = path if len(records) == 1 else f"{path}[{number}]"
        try:
            articles.append(article_from_record(record, where, None))
        except IngestError as exc:
            errors.append(exc)
    return ReadResult(tuple(articles), tuple(errors))


def read_jsonl(data: bytes, path: str) -> ReadResult:
    """JSON Lines: one article object per line; blank lines are ignored."""
    articles: list[Article] = []
    errors: list[IngestError] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line_text = decode_utf8(raw, path)
        except IngestError as exc:
            errors.append(IngestError(path, number, None, exc.message))
            continue
        try:
            record = json.loads(line_text)
        except json.JSONDecodeError as exc:
            errors.append(
                IngestError(path, number, None, f"not valid JSON ({exc.msg}, column {exc.colno})")
            )
            continue
        try:
            articles.append(article_from_record(record, path, number))
        except IngestError as exc:
            errors.append(exc)
    return ReadResult(tuple(articles), tuple(errors))


def read_csv(data: bytes, path: str) -> ReadResult:
    """CSV with a header row naming the fields (``text``, ``published``, ``title``, ...)."""
    text = decode_utf8(data, path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not set(TEXT_FIELDS) & set(reader.fieldnames):
        raise IngestError(
            path, 1, None, f"the header must name a 'text' column, got {reader.fieldnames!r}"
        )
    articles: list[Article] = []
    errors: list[IngestError] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if None in row:  # more cells than header names: the row is shifted
                errors.append(
                    IngestError(path, start, None, "has more cells than the header; quote commas")
                )
            else:
                try:
                    articles.append(article_from_record(row, path, start))
                except IngestError as exc:
                    errors.append(exc)
            start = reader.line_num + 1
    except csv.Error as exc:
        errors.append(IngestError(path, start, None, f"is not valid CSV ({exc})"))
    return ReadResult(tuple(articles), tuple(errors))


def read_txt(data: bytes, path: str) -> ReadResult:
    """Plain text: the first line is the title, then optional ``Key: value`` header lines.

    Recognised headers are ``Date``, ``Source``, ``URL``, ``Language`` and ``Id``; the body
    starts after them (a blank line may separate them). Without ``Date:`` the date is taken
    from the file name.
    """
    text = decode_utf8(data, path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not text.strip():
        raise IngestError(path, 1, "text", "the file is empty; nothing to code")
    title = lines[0].strip() or None
    headers: dict[str, tuple[str, int]] = {}
    body_start = 1
    for number, line in enumerate(lines[1:], start=2):
        match = _HEADER.match(line.strip())
        if not match:
            break
        headers[match.group(1).lower()] = (match.group(2).strip(), number)
        body_start = number
    body = "\n".join(lines[body_start:]).strip()
    if not body:
        raise IngestError(path, body_start + 1, "text", "has a title but no body text")
    if "date" in headers:
        value, number = headers["date"]
        published = parse_date(value, path, number, "Date")
    else:
        published = _date_from_name(path, "add a 'Date: YYYY-MM-DD' line under the title")
    return ReadResult(
        (
            Article(
                text=body,
                published=published,
                title=title,
                url=headers.get("url", (None, 0))[0],
                source=headers.get("source", (None, 0))[0],
                language=headers.get("language", (None, 0))[0],
                external_id=headers.get("id", (None, 0))[0],
                origin=path,
            ),
        )
    )


def read_html(data: bytes, path: str) -> ReadResult:
    """An HTML page: the article body extracted by trafilatura, boilerplate dropped.

    The title and date come from the page's metadata (``<title>``, ``<meta name="date">``,
    ``article:published_time`` ...), the date otherwise from the file name.
    """
    import trafilatura  # imported here: it pulls in lxml and friends, which other formats skip

    html = decode_utf8(data, path)
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Only dates the page states: no guessing from the text or falling back to today.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not body:
        raise IngestError(path, None, "text", "no article text found in the HTML")
    title = getattr(extracted, "title", None)
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()  # trafilatura repeats the <h1> as the first line
    stated = getattr(extracted, "date", None)
    if stated:
        published = parse_date(stated, path, None, "date")
    else:
        published = _date_from_name(path, 'add <meta name="date" content="YYYY-MM-DD">')
    return ReadResult(
        (
            Article(
                text=body,
                published=published,
                title=title,
                url=getattr(extracted, "url", None),
                source=getattr(extracted, "sitename", None),
                language=getattr(extracted, "language", None),
                origin=path,
            ),
        )
    )


def _date_from_name(path: str, hint: str) -> date:
    match = _DATE_IN_TEXT.search(Path(path).name)
    if match:
        return parse_date(match.group(1), path, None, "file name")
    raise IngestError(path, None, "date", f"no publication date found; {hint}")


READERS: dict[str, Callable[[bytes, str], ReadResult]] = {
    ".txt": read_txt,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}


def read_bytes(data: bytes, path: str) -> ReadResult:
    """Read ``data`` with the reader for ``path``'s suffix.

    Raises:
        IngestError: unsupported suffix, or the whole file cannot be read.
    """
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        raise IngestError(
            path,
            None,
            None,
            f"unsupported file type; use one of {', '.join(sorted(READERS))}",
        )
    return reader(data, path)
