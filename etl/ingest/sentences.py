"""Documents to sentences, with the NLP pipeline's splitter.

The coder numbers sentences with ``etl.nlp.split_sentences``; splitting with the same function
keeps ``sentence.index`` and the events' ``sentence_index`` in step.
"""

from __future__ import annotations

from etl.nlp import split_sentences as split_text
from etl.records import Document, Sentence


def split_sentences(document: Document) -> list[Sentence]:
    """Split a document into sentences.

    Args:
        document: a normalised document.

    Returns:
        Sentences in order, indexed from 0, each with ``text == document.text[start:end]``.
    """
    text = document.text
    return [
        Sentence(document.id, index, span.start, span.end, text[span.start : span.end])
        for index, span in enumerate(split_text(text))
    ]
