"""A small rule-based sentence splitter with character offsets.

It is the fallback for the ``sentences`` stage until the NLP pipeline's splitter is wired in;
:func:`split_sentences` has the shape a replacement must keep: document in, sentences with
offsets into ``Document.text`` out. Newlines always end a sentence (articles put one
paragraph per line); inside a line a sentence ends at ``.``, ``!`` or ``?`` (with closing
quotes or brackets) followed by a space and a capital, digit or opening quote, unless the
word before is a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from etl.records import Document, Sentence

ABBREVIATIONS = frozenset(
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
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
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
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
    ]
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")

Splitter = Callable[[Document], list[Sentence]]


def split_sentences(document: Document) -> list[Sentence]:
    """Split a document into sentences, with the NLP pipeline's splitter when it is there.

    The coder numbers sentences with ``etl.nlp.split_sentences``; using the same splitter
    keeps ``sentence.index`` and the events' ``sentence_index`` in step.

    Args:
        document: a normalised document.

    Returns:
        Sentences in order, indexed from 0, each with ``text == document.text[start:end]``.
    """
    try:
        from etl.nlp import split_sentences as nlp_split
    except ImportError:
        return regex_split_sentences(document)
    text = document.text
    return [
        Sentence(document.id, index, span.start, span.end, text[span.start : span.end])
        for index, span in enumerate(nlp_split(text))
    ]


def regex_split_sentences(document: Document) -> list[Sentence]:
    """Split a document into sentences with this module's rules (no NLP dependency).

    Args:
        document: a normalised document.

    Returns:
        Sentences in order, indexed from 0, each with ``text == document.text[start:end]``.
    """
    text = document.text
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _END.finditer(line):
            word = _WORD_BEFORE.search(line, 0, match.start())
            stem = word.group(1).lower().rstrip(".") if word else ""
            if match.group().startswith(".") and (
                stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha())
            ):
                continue
            spans.append((offset + start, offset + match.end()))
            start = match.end()
        spans.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    sentences: list[Sentence] = []
    for begin, end in spans:
        # Trim the spaces between sentences so the span is the sentence itself.
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            sentences.append(
                Sentence(
                    doc_id=document.id,
                    index=len(sentences),
                    char_start=begin,
                    char_end=end,
                    text=text[begin:end],
                )
            )
    return sentences
