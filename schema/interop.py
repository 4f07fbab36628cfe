"""Keys handed out when events are exported to a layout whose id they do not have natively."""

from __future__ import annotations

from sqlalchemy import Identity
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, BigInt, CreatedAt


class EventExportKey(Base):
    """A stable number per event id, for ACLED's ``event_id_cnty`` and GDELT's GLOBALEVENTID.

    Keyed by the event id text and deliberately without a foreign key: when the pipeline deletes
    and re-inserts a partition, an event that keeps its id keeps its number across exports.
    """

    __tablename__ = "event_export_key"

    event_id: Mapped[str] = mapped_column(primary_key=True)
    number: Mapped[BigInt] = mapped_column(Identity(), unique=True)
    created_at: Mapped[CreatedAt]
