"""SQL views over the event tables, created or replaced only when their version changes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, text

from etl.load.events import lock_partition

#: Bump when a view's SQL changes; views carry it as their comment.
VIEWS_VERSION = "eventetl-views-1"

VIEWS: dict[str, str] = {
    "event_daily_counts": """
        SELECT partition_date, event_date, origin, iso3, acled_event_type, cameo_root,
               count(*) AS events, sum(fatalities) AS fatalities,
               sum(num_mentions) AS mentions
        FROM event
        GROUP BY partition_date, event_date, origin, iso3, acled_event_type, cameo_root
    """,
    "event_with_provenance": """
        SELECT e.id, e.origin, e.partition_date, e.event_date, e.cameo_code, e.quad_class,
               e.goldstein, e.actor1_code, e.actor2_code, e.acled_event_type,
               e.acled_sub_event_type, e.acled_actor1, e.acled_actor2, e.interaction,
               e.location, e.admin1, e.iso3, e.latitude, e.longitude, e.fatalities,
               e.num_mentions, e.num_sources, e.num_articles, e.coder_version,
               d.title AS document_title, d.url AS document_url, d.source AS document_source,
               s.text AS sentence
        FROM event e
        LEFT JOIN document d ON d.id = e.document_id
        LEFT JOIN sentence s ON s.document_id = e.document_id AND s.index = e.sentence_index
    """,
    "quarantine_summary": """
        SELECT partition, origin, check_name, count(*) AS rows, max(created_at) AS last_seen
        FROM quarantine
        GROUP BY partition, origin, check_name
    """,
}


def ensure_views(engine: Engine) -> list[str]:
    """Create or replace the views whose comment is not the current version.

    Returns:
        The views (re)created; empty when all were current (then nothing is written).
    """
    with engine.connect() as connection:
        current = dict(
            connection.execute(
                text(
                    "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind = 'v' AND n.nspname = current_schema() "
                    "AND c.relname = ANY(:names)"
                ),
                {"names": list(VIEWS)},
            ).all()
        )
    stale = [name for name in VIEWS if current.get(name) != VIEWS_VERSION]
    if not stale:
        return []
    with engine.begin() as connection:
        lock_partition(connection, "views")  # two first runs must not race on DDL
        for name in stale:
            # View names and SQL are constants of this module, never input.
            connection.execute(text(f'DROP VIEW IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE VIEW "{name}" AS {VIEWS[name]}'))
            connection.execute(text(f"COMMENT ON VIEW \"{name}\" IS '{VIEWS_VERSION}'"))
    return stale


def partition_view_counts(engine: Engine, partition: date) -> dict[str, int]:
    """Events per ACLED type of a partition, read through ``event_daily_counts``."""
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT coalesce(acled_event_type, '(none)'), sum(events) "
                "FROM event_daily_counts WHERE partition_date = :day GROUP BY 1 ORDER BY 1"
            ),
            {"day": partition},
        ).all()
    return {kind: int(n) for kind, n in rows}


def drop_views(engine: Engine) -> None:
    """Drop the views (before a schema downgrade, which cannot drop tables views depend on)."""
    with engine.begin() as connection:
        for name in VIEWS:
            connection.execute(text(f'DROP VIEW IF EXISTS "{name}"'))
