"""What one pipeline step hands the next, kept where any later step process finds it."""

from __future__ import annotations

from sqlalchemy import LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, CreatedAt


class PipelineOutput(Base):
    """The latest output of one asset for one partition (a step of the Dagster graph).

    Under the multiprocess executor (and on other machines, with a distributed executor) each
    step runs in its own process; the next step, or a later run of one asset alone, reads its
    inputs from here. Derived data: deleting rows only makes the downstream assets need their
    upstream materialized again.
    """

    __tablename__ = "pipeline_output"

    asset: Mapped[str] = mapped_column(primary_key=True, comment="asset key, e.g. coded_events")
    partition: Mapped[str] = mapped_column(primary_key=True, comment="partition key YYYY-MM-DD")
    run_id: Mapped[str | None] = mapped_column(comment="Dagster run that stored it")
    payload: Mapped[bytes] = mapped_column(
        LargeBinary,
        comment="typed output value (etl.load.step_outputs: tagged JSON, Arrow IPC frames)",
    )
    stored_at: Mapped[CreatedAt]
