"""Indexes that serve the SQL analysis views and the interop exports and imports.

The views themselves (``v_events_acled``, ``v_events_gdelt``, ``v_daily_counts``, ``v_dyads``,
``v_compare_sources``) are created by hand-written Alembic revisions; autogenerate ignores
reflected ``v_*`` relations (see ``migrations/env.py``). They are declared here only by name.
"""

from __future__ import annotations

from sqlalchemy import Index

from schema.events import Event, Quarantine

VIEW_NAMES = (
    "v_events_acled",
    "v_events_gdelt",
    "v_daily_counts",
    "v_dyads",
    "v_compare_sources",
)

# v_compare_sources groups by (iso3, event_date) per origin; exports filter by origin and country.
Index("ix_event_origin_iso3_event_date", Event.origin, Event.iso3, Event.event_date)
# v_dyads groups by actor pair and QuadClass.
Index(
    "ix_event_actor1_code_actor2_code_quad_class",
    Event.actor1_code,
    Event.actor2_code,
    Event.quad_class,
)
# v_daily_counts groups by day, country and type; date-range exports scan by event_date.
Index(
    "ix_event_event_date_iso3_acled_event_type",
    Event.event_date,
    Event.iso3,
    Event.acled_event_type,
)
# A re-run of an import replaces that file's quarantine rows.
Index("ix_quarantine_origin_source_file", Quarantine.origin, Quarantine.source_file)
