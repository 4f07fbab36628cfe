"""The project's one partitioning: a partition per publication day."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import dagster as dg


@lru_cache(maxsize=8)
def daily_partitions(start: date) -> dg.DailyPartitionsDefinition:
    """Daily partitions from ``start`` (settings ``partition_start``) up to today (UTC).

    Args:
        start: the first partition day.
    """
    return dg.DailyPartitionsDefinition(start_date=start.isoformat(), timezone="UTC")
