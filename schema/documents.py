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
