"""Reloading a document whose sentences changed (a new splitter): the loader replaces changed
sentences and drops the ones past the new last sentence, for each document, leaving the others."""

from __future__ import annotations

from datetime import date

import polars as pl
from sqlalchemy import create_engine, text

from etl.load.events import load_partition
from etl.pipeline.frames import EVENT_SCHEMA, MENTION_SCHEMA
from etl.records import Document, Sentence

DAY = date(2024, 6, 5)


def _load(url: str, documents: list[Document], sentences: list[Sentence]) -> None:
    engine = create_engine(url)
    try:
        load_partition(
            engine,
            partition=DAY,
            files=[],
            documents=documents,
            sentences=sentences,
            events=pl.DataFrame(schema=EVENT_SCHEMA),
            mentions=pl.DataFrame(schema=MENTION_SCHEMA),
            rejected=pl.DataFrame(schema={"reason": pl.String, "check_name": pl.String}),
            coder_version="sentences-1",
        )
    finally:
        engine.dispose()


def _split(doc: Document, parts: list[str]) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(parts):
        begin = doc.text.index(part, start)
        out.append(Sentence(doc.id, i, begin, begin + len(part), part))
        start = begin + len(part)
    return out


def test_fewer_sentences_after_a_reload_drop_the_rest_per_document(clean_db: str) -> None:
    a = Document(id="doc-a", text="One. Two. Three.", published=DAY)
    b = Document(id="doc-b", text="Alpha. Beta. Gamma.", published=DAY)
    _load(
        clean_db,
        [a, b],
        _split(a, ["One.", "Two.", "Three."]) + _split(b, ["Alpha.", "Beta.", "Gamma."]),
    )
    # doc-a now splits into two sentences, doc-b is unchanged
    _load(
        clean_db,
        [a, b],
        _split(a, ["One. Two.", "Three."]) + _split(b, ["Alpha.", "Beta.", "Gamma."]),
    )
    engine = create_engine(clean_db)
    try:
        with engine.connect() as c:
            rows = c.execute(
                text('SELECT document_id, "index", text FROM sentence ORDER BY 1, 2')
            ).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("doc-a", 0, "One. Two."),
        ("doc-a", 1, "Three."),
        ("doc-b", 0, "Alpha."),
        ("doc-b", 1, "Beta."),
        ("doc-b", 2, "Gamma."),
    ]
