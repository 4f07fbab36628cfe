"""Step outputs kept in PostgreSQL (``pipeline_output``), one row per asset and partition.

The Dagster IO manager stores each asset's output here, so the step that needs it (in another
process, on another machine, or in a later run of one asset alone) reads it back. The payload
is a pickle: only the pipeline writes the table, and it is as trusted as the rest of the
database (anyone who can write it can already rewrite the events).
"""

from __future__ import annotations

import pickle
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from schema import PipelineOutput

_TABLE = PipelineOutput.__table__


class MissingStepOutput(LookupError):
    """The asset was never materialized for the partition (with this database)."""


def save_output(
    engine: Engine, asset: str, partition: str, value: Any, *, run_id: str | None = None
) -> int:
    """Store (or replace) ``asset``'s output for ``partition``.

    Args:
        engine: the database.
        asset: the asset key (``/``-joined path).
        partition: the partition key.
        value: any picklable value.
        run_id: the run that produced it.

    Returns:
        The stored payload's size in bytes.
    """
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    statement = pg_insert(_TABLE).values(
        asset=asset, partition=partition, run_id=run_id, payload=payload
    )
    statement = statement.on_conflict_do_update(
        index_elements=[_TABLE.c.asset, _TABLE.c.partition],
        set_={"run_id": run_id, "payload": payload, "stored_at": func.now()},
    )
    with engine.begin() as connection:
        connection.execute(statement)
    return len(payload)


def load_output(engine: Engine, asset: str, partition: str) -> Any:
    """The value :func:`save_output` stored for ``asset`` and ``partition``.

    Raises:
        MissingStepOutput: nothing is stored (the asset was never materialized for the day).
    """
    with engine.connect() as connection:
        payload = connection.execute(
            select(_TABLE.c.payload).where(_TABLE.c.asset == asset, _TABLE.c.partition == partition)
        ).scalar_one_or_none()
    if payload is None:
        raise MissingStepOutput(
            f"no stored output of {asset} for partition {partition}: materialize {asset} "
            "for that day first"
        )
    return pickle.loads(payload)  # written by save_output only (see the module docstring)
