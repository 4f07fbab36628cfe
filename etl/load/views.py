"""Read-side of the analysis views (``v_events_acled``, ``v_events_gdelt``, ``v_daily_counts``,
``v_dyads``, ``v_compare_sources``), which the Alembic migrations create.

The pipeline's ``event_views`` asset only checks the views are there and reports what they show
for a partition: views are schema, so they live in migrations, and a run never writes DDL.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, text

ANALYSIS_VIEWS = (
    "v_events_acled",
    "v_events_gdelt",
    "v_daily_counts",
    "v_dyads",
    "v_compare_sources",
)


def missing_views(engine: Engine) -> list[str]:
    """The analysis views the database lacks (run ``eventetl db upgrade`` to create them)."""
    with engine.connect() as connection:
        present = set(
            connection.execute(
                text(
                    "SELECT c.relname FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind = 'v' AND n.nspname = current_schema() "
                    "AND c.relname = ANY(:names)"
                ),
                {"names": list(ANALYSIS_VIEWS)},
            ).scalars()
        )
    return [name for name in ANALYSIS_VIEWS if name not in present]


def partition_view_counts(engine: Engine, partition: date) -> dict[str, int]:
    """Rows a coded partition contributes to the export views and its events per type.

    Returns:
        ``{"v_events_acled": n, "v_events_gdelt": n, "<event type>": n, ...}``.
    """
    with engine.connect() as connection:
        params = {"day": partition}
        ids = "SELECT id FROM event WHERE partition_date = :day AND origin = 'coded'"
        counts = {
            view: int(
                connection.execute(
                    text(f"SELECT count(*) FROM {view} WHERE event_id IN ({ids})"), params
                ).scalar_one()
            )
            for view in ("v_events_acled", "v_events_gdelt")  # constants, not input
        }
        by_type = connection.execute(
            text(
                "SELECT coalesce(acled_event_type, 'CAMEO ' || cameo_root, '(none)'), count(*) "
                "FROM event WHERE partition_date = :day AND origin = 'coded' "
                "GROUP BY 1 ORDER BY 1"
            ),
            params,
        ).all()
    counts.update({str(kind): int(n) for kind, n in by_type})
    return counts
