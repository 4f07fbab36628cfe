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

# v_dyads groups by actor pair and QuadClass; a dyad's events are looked up by the pair.
Index(
    "ix_event_actor1_code_actor2_code_quad_class",
    Event.actor1_code,
    Event.actor2_code,
    Event.quad_class,
)
# A re-run of an import replaces that file's quarantine rows.
Index("ix_quarantine_origin_source_file", Quarantine.origin, Quarantine.source_file)
