"""Documents (normalised articles) and their sentences."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Identity, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, BigInt, CreatedAt


class Document(Base):
    __tablename__ = "document"

    id: Mapped[str] = mapped_column(primary_key=True, comment="SHA-256 of the normalised text")
    source: Mapped[str | None]
    url: Mapped[str | None]
    title: Mapped[str | None]
    published: Mapped[dt.date] = mapped_column(index=True)
    language: Mapped[str | None]
    text: Mapped[str]
    external_id: Mapped[str | None]
    origin: Mapped[str | None] = mapped_column(comment="file (and line) it was read from")
    ingested_at: Mapped[CreatedAt]


class Sentence(Base):
    __tablename__ = "sentence"
    __table_args__ = (
        UniqueConstraint("document_id", "index"),
        CheckConstraint("char_start >= 0 AND char_end >= char_start", name="span"),
    )

    id: Mapped[BigInt] = mapped_column(Identity(), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    index: Mapped[int]
    char_start: Mapped[int]
    char_end: Mapped[int]
    text: Mapped[str]


Index("ix_document_url", Document.url)


class IngestFile(Base):
    """Each input file the pipeline has read: what it held and whether it could be read.

    A file that cannot be read at all is recorded here with its error, so nothing is lost
    silently; the sensor compares fingerprints to find files that changed.
    """

    __tablename__ = "ingest_file"
    __table_args__ = (
        UniqueConstraint("path", "fingerprint"),
        CheckConstraint("status IN ('loaded', 'failed', 'partial')", name="status"),
    )

    id: Mapped[BigInt] = mapped_column(Identity(), primary_key=True)
    path: Mapped[str]
    fingerprint: Mapped[str] = mapped_column(comment="SHA-256 of the file's bytes")
    partition: Mapped[str | None] = mapped_column(index=True)
    status: Mapped[str]
    documents: Mapped[int] = mapped_column(server_default="0")
    duplicates: Mapped[int] = mapped_column(server_default="0")
    error: Mapped[str | None]
    ingested_at: Mapped[CreatedAt]
