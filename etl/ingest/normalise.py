"""Text normalisation and the article → document step.

Normalisation is what the content hash is computed from, so it must be deterministic and
version-stable: NFC, newlines as ``\\n``, no NUL or other control characters, no trailing
spaces on lines, no leading/trailing blank lines.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from etl.ingest.errors import IngestError
from etl.records import Article, Document, content_hash

#: Articles longer than this are rejected: a "news article" of more than ~200k characters is
#: almost always a whole page dump or a concatenation of files, and would dominate a batch.
MAX_ARTICLE_CHARS = 200_000
#: Earliest publication day accepted (older dates are typos, and fall outside every partition).
EARLIEST_PUBLISHED = date(1900, 1, 1)

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
# Cc (controls) except tab and newline, plus Cf formatting marks that break tokenisation
# (zero-width space, BOM); soft hyphens are dropped too.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\ufeff\u00ad]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Normalise article text: NFC, ``\\n`` newlines, control characters removed.

    Tabs become spaces, trailing spaces on lines and runs of more than one blank line are
    removed, and the whole is stripped.

    Args:
        text: raw text as decoded from the file.

    Returns:
        The normalised text; character offsets of sentences refer to it.
    """
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text).replace("\t", " ")
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def normalise_field(value: object) -> str | None:
    """A metadata field (title, url, ...) as one normalised line, or ``None`` when blank."""
    if value is None:
        return None
    text = " ".join(normalise_text(str(value)).split())
    return text or None


def to_document(
    article: Article,
    *,
    today: date | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Document:
    """Normalise an article into a document whose id is the hash of its text.

    Args:
        article: as read from a file; ``origin`` should be ``path`` or ``path:line``.
        today: the reference day for "in the future" (default: today).
        max_chars: longest accepted text after normalisation.

    Returns:
        The document.

    Raises:
        IngestError: the text is empty or too long, or the date is in the future or before 1900.
    """
    path, line = _split_origin(article.origin)
    text = normalise_text(article.text)
    if not text:
        raise IngestError(path, line, "text", "is empty after normalisation; nothing to code")
    if len(text) > max_chars:
        raise IngestError(
            path,
            line,
            "text",
            f"has {len(text):,} characters, more than the limit of {max_chars:,}; "
            "split the article or raise the limit",
        )
    if article.published < EARLIEST_PUBLISHED:
        raise IngestError(
            path,
            line,
            "published",
            f"{article.published.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}; "
            "fix the date",
        )
    if article.published > (today or date.today()):
        raise IngestError(
            path,
            line,
            "published",
            f"{article.published.isoformat()} is in the future; fix the date (or the clock)",
        )
    return Document(
        id=content_hash(text),
        text=text,
        published=article.published,
        title=normalise_field(article.title),
        url=normalise_field(article.url),
        source=normalise_field(article.source),
        language=normalise_field(article.language),
        external_id=normalise_field(article.external_id),
        origin=article.origin,
    )


def _split_origin(origin: str | None) -> tuple[str, int | None]:
    if not origin:
        return "<unknown>", None
    head, sep, tail = origin.rpartition(":")
    if sep and tail.isdigit():
        return head, int(tail)
    return origin, None
