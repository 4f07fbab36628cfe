"""Events, their mentions, coding runs and the quarantine of rejected rows.

``event`` carries three codings side by side: provenance (where it was read), CAMEO/GDELT fields
and ACLED's 31 export columns, so that one row can be exported to either layout.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, BigInt, CreatedAt, SmallInt

ORIGINS = ("coded", "acled", "gdelt")

QUALITY_FLAGS_COMMENT = (
    "imported rows: plausibility checks the row failed but was loaded with (migration 0009)"
)

QUAD_CLASS_OF_ROOT_SQL = (
    "CASE WHEN cameo_root::int <= 5 THEN 1 WHEN cameo_root::int <= 9 THEN 2 "
    "WHEN cameo_root::int <= 14 THEN 3 ELSE 4 END"
)


class CodingRun(Base):
    __tablename__ = "coding_run"
    __table_args__ = (
        CheckConstraint("status IN ('running', 'succeeded', 'failed')", name="status"),
    )

    id: Mapped[BigInt] = mapped_column(Identity(), primary_key=True)
    coder_version: Mapped[str]
    dictionary_checksums: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'"))
    partition: Mapped[str | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(server_default="running")
    event_count: Mapped[int | None]
    started_at: Mapped[CreatedAt]
    finished_at: Mapped[dt.datetime | None]


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        # Partial: coded events have no external id, and need no entry (migration 0008).
        Index(
            "uq_event_origin_external_id",
            "origin",
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL"),
        ),
        CheckConstraint(f"origin IN {ORIGINS!r}", name="origin"),
        CheckConstraint(
            "cameo_code IS NOT NULL OR acled_event_type IS NOT NULL", name="has_a_coding"
        ),
        CheckConstraint("goldstein BETWEEN -10 AND 10", name="goldstein_range"),
        CheckConstraint("quad_class BETWEEN 1 AND 4", name="quad_class_range"),
        CheckConstraint(
            "cameo_code IS NULL OR cameo_code ~ '^[0-9]{2,4}$'", name="cameo_code_digits"
        ),
        CheckConstraint(
            "cameo_code IS NULL OR cameo_root = left(cameo_code, 2)", name="cameo_root_of_code"
        ),
        CheckConstraint(
            "cameo_code IS NULL OR length(cameo_code) < 3 OR cameo_base = left(cameo_code, 3)",
            name="cameo_base_of_code",
        ),
        CheckConstraint(
            f"cameo_root IS NULL OR quad_class IS NULL OR quad_class = {QUAD_CLASS_OF_ROOT_SQL}",
            name="quad_class_of_root",
        ),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("time_precision BETWEEN 1 AND 3", name="time_precision_range"),
        CheckConstraint("geo_precision BETWEEN 1 AND 3", name="geo_precision_range"),
        CheckConstraint("inter1 BETWEEN 0 AND 8", name="inter1_range"),
        CheckConstraint("inter2 BETWEEN 0 AND 8", name="inter2_range"),
        CheckConstraint("fatalities >= 0", name="fatalities_non_negative"),
        CheckConstraint(
            "num_mentions >= 0 AND num_sources >= 0 AND num_articles >= 0",
            name="mention_counts_non_negative",
        ),
        Index("ix_event_iso3_event_date", "iso3", "event_date"),
        # INCLUDE: a dyad aggregate over a date range is an index-only scan (migration 0006).
        Index(
            "ix_event_event_date_quad_class",
            "event_date",
            "quad_class",
            postgresql_include=["actor1_code", "actor2_code", "origin", "goldstein", "fatalities"],
        ),
        Index("ix_event_partition_date_origin", "partition_date", "origin"),
        Index("ix_event_document_id", "document_id"),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(server_default="coded")
    external_id: Mapped[str | None] = mapped_column(
        comment="ACLED event_id_cnty or GDELT GLOBALEVENTID for imported rows"
    )
    partition_date: Mapped[dt.date] = mapped_column(
        comment="publication day for coded events; event day for imports"
    )
    # provenance
    document_id: Mapped[str | None] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    sentence_index: Mapped[int | None]
    char_start: Mapped[int | None]
    char_end: Mapped[int | None]
    coder_version: Mapped[str | None]
    coding_run_id: Mapped[BigInt | None] = mapped_column(
        ForeignKey("coding_run.id", ondelete="SET NULL")
    )
    source_file: Mapped[str | None] = mapped_column(comment="imported file the row came from")
    # when
    event_date: Mapped[dt.date]
    time_precision: Mapped[SmallInt | None]
    # CAMEO / GDELT actors and action
    cameo_code: Mapped[str | None]
    cameo_base: Mapped[str | None]
    cameo_root: Mapped[str | None]
    quad_class: Mapped[SmallInt | None]
    goldstein: Mapped[float | None]
    is_root_event: Mapped[bool | None]
    actor1_code: Mapped[str | None]
    actor1_name: Mapped[str | None]
    actor1_country: Mapped[str | None]
    actor1_known_group: Mapped[str | None]
    actor1_ethnic: Mapped[str | None]
    actor1_religion1: Mapped[str | None]
    actor1_religion2: Mapped[str | None]
    actor1_role: Mapped[str | None]
    actor1_type2: Mapped[str | None]
    actor1_type3: Mapped[str | None]
    actor2_code: Mapped[str | None]
    actor2_name: Mapped[str | None]
    actor2_country: Mapped[str | None]
    actor2_known_group: Mapped[str | None]
    actor2_ethnic: Mapped[str | None]
    actor2_religion1: Mapped[str | None]
    actor2_religion2: Mapped[str | None]
    actor2_role: Mapped[str | None]
    actor2_type2: Mapped[str | None]
    actor2_type3: Mapped[str | None]
    # ACLED
    acled_event_type: Mapped[str | None]
    acled_sub_event_type: Mapped[str | None]
    disorder_type: Mapped[str | None]
    acled_actor1: Mapped[str | None]
    assoc_actor_1: Mapped[str | None]
    inter1: Mapped[SmallInt | None]
    acled_actor2: Mapped[str | None]
    assoc_actor_2: Mapped[str | None]
    inter2: Mapped[SmallInt | None]
    interaction: Mapped[SmallInt | None]
    civilian_targeting: Mapped[str | None]
    iso_numeric: Mapped[SmallInt | None]
    iso3: Mapped[str | None]
    region: Mapped[str | None]
    country: Mapped[str | None]
    admin1: Mapped[str | None]
    admin2: Mapped[str | None]
    admin3: Mapped[str | None]
    location: Mapped[str | None]
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    geo_precision: Mapped[SmallInt | None]
    source: Mapped[str | None]
    source_scale: Mapped[str | None]
    notes: Mapped[str | None]
    fatalities: Mapped[int] = mapped_column(server_default="0")
    tags: Mapped[str | None]
    acled_timestamp: Mapped[BigInt | None] = mapped_column(
        comment="ACLED's last-change Unix time (imports) or ours"
    )
    # GDELT geography (action geo is location/latitude/longitude above) and mention counts
    action_geo_type: Mapped[SmallInt | None]
    action_geo_fips: Mapped[str | None]
    action_geo_adm1_code: Mapped[str | None]
    action_geo_adm2_code: Mapped[str | None]
    action_geo_feature_id: Mapped[str | None]
    actor1_geo_type: Mapped[SmallInt | None]
    actor1_geo_fullname: Mapped[str | None]
    actor1_geo_fips: Mapped[str | None]
    actor1_geo_adm1_code: Mapped[str | None]
    actor1_geo_adm2_code: Mapped[str | None]
    actor1_geo_lat: Mapped[float | None]
    actor1_geo_long: Mapped[float | None]
    actor1_geo_feature_id: Mapped[str | None]
    actor2_geo_type: Mapped[SmallInt | None]
    actor2_geo_fullname: Mapped[str | None]
    actor2_geo_fips: Mapped[str | None]
    actor2_geo_adm1_code: Mapped[str | None]
    actor2_geo_adm2_code: Mapped[str | None]
    actor2_geo_lat: Mapped[float | None]
    actor2_geo_long: Mapped[float | None]
    actor2_geo_feature_id: Mapped[str | None]
    num_mentions: Mapped[int] = mapped_column(server_default="1")
    num_sources: Mapped[int] = mapped_column(server_default="1")
    num_articles: Mapped[int] = mapped_column(server_default="1")
    avg_tone: Mapped[float | None]
    source_url: Mapped[str | None]
    date_added: Mapped[dt.datetime | None]
    quality_flags: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text), comment=QUALITY_FLAGS_COMMENT
    )
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[CreatedAt]


class EventMention(Base):
    __tablename__ = "event_mention"
    __table_args__ = (
        UniqueConstraint("event_id", "document_id", "sentence_index"),
        Index("ix_event_mention_document_id", "document_id"),
    )

    id: Mapped[BigInt] = mapped_column(Identity(), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    sentence_index: Mapped[int | None]
    char_start: Mapped[int | None]
    char_end: Mapped[int | None]
    source: Mapped[str | None]
    url: Mapped[str | None]
    created_at: Mapped[CreatedAt]


class Quarantine(Base):
    __tablename__ = "quarantine"
    __table_args__ = (Index("ix_quarantine_partition_check_name", "partition", "check_name"),)

    id: Mapped[BigInt] = mapped_column(Identity(), primary_key=True)
    payload: Mapped[dict[str, Any]]
    reason: Mapped[str]
    check_name: Mapped[str]
    partition: Mapped[str | None]
    run_id: Mapped[str | None]
    origin: Mapped[str | None]
    source_file: Mapped[str | None]
    source_line: Mapped[int | None]
    created_at: Mapped[CreatedAt]
