"""Read-only counts of what the database holds, for the demo and the run summary."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, func, select

from etl.load.database import ensure_driver
from schema import Document, Event, EventMention, Quarantine, Sentence


def database_summary(url: str) -> dict[str, Any]:
    """Documents, sentences, events (by ACLED type and by CAMEO root) and quarantined rows."""
    engine = create_engine(ensure_driver(url))
    try:
        with engine.connect() as connection:

            def count(model: type) -> int:
                return connection.execute(select(func.count()).select_from(model)).scalar_one()

            by_type = connection.execute(
                select(Event.acled_event_type, func.count())
                .group_by(Event.acled_event_type)
                .order_by(func.count().desc())
            ).all()
            by_root = connection.execute(
                select(Event.cameo_root, func.count())
                .group_by(Event.cameo_root)
                .order_by(Event.cameo_root)
            ).all()
            by_origin = connection.execute(
                select(Event.origin, func.count()).group_by(Event.origin)
            ).all()
            return {
                "documents": count(Document),
                "sentences": count(Sentence),
                "events": count(Event),
                "event_mentions": count(EventMention),
                "quarantined": count(Quarantine),
                "events_by_origin": {origin: n for origin, n in by_origin},
                "events_by_acled_type": {kind or "(CAMEO coding only)": n for kind, n in by_type},
                "events_by_cameo_root": {root or "(ACLED coding only)": n for root, n in by_root},
            }
    finally:
        engine.dispose()
