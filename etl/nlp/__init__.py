"""NLP plumbing: build the spaCy pipeline once, split text into sentences, parse in batches."""

from etl.nlp.pipeline import (
    MODEL_NAME,
    SentenceSpan,
    clean_text,
    get_nlp,
    parse_sentences,
    split_sentences,
)

__all__ = [
    "MODEL_NAME",
    "SentenceSpan",
    "clean_text",
    "get_nlp",
    "parse_sentences",
    "split_sentences",
]
