"""Documents (normalised articles) and their sentences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Identity, Index, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
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


class DocumentCoding(Base):
    """A document's coded events under one coder fingerprint (the per-document coding cache).

    Written in the partition load's transaction, so it never disagrees with ``event``; a run
    that adds one article to a day recodes only that article and reads the rest from here.
    """

    __tablename__ = "document_coding"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    coder_version: Mapped[str] = mapped_column(
        primary_key=True, comment="coder version and dictionary fingerprint"
    )
    events: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, comment="serialised CodedEvents (with mentions)"
    )
    coded_at: Mapped[CreatedAt]


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
