"""Database writes of the incremental sources: removing events ACLED has deleted upstream."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, delete

from etl.load.database import make_engine
from schema import Event


def delete_acled_events(external_ids: Sequence[str], *, engine: Engine | None = None) -> int:
    """Delete the ACLED-imported events with these ``event_id_cnty`` values, in one transaction.

    Only rows with ``origin = 'acled'`` are touched: a coded or GDELT event that happens to
    share an id is never removed. Their mentions go with them (``ON DELETE CASCADE``).

    Args:
        external_ids: ACLED ``event_id_cnty`` values from the deletions endpoint.
        engine: the database (default: the configured one).

    Returns:
        How many events were deleted (ids not held here are ignored).
    """
    ids = sorted(set(external_ids))
    if not ids:
        return 0
    own = engine is None
    engine = engine or make_engine()
    try:
        with engine.begin() as connection:
            result = connection.execute(
                delete(Event).where(Event.origin == "acled", Event.external_id.in_(ids))
            )
            return result.rowcount
    finally:
        if own:
            engine.dispose()
