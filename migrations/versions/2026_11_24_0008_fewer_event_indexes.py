"""fewer indexes on event: two redundant ones dropped, the external-id key made partial

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24

Every row a load writes into ``event`` updates every index on it; with nine B-tree indexes a
COPY into ``event`` ran at 24-45% of a COPY into a bare table (bench/load.py). Two indexes
served no query another index does not serve as well:

- ``ix_event_origin_iso3_event_date``: country and date-range filters use
  ``ix_event_iso3_event_date``; origin (three values) is filtered on the rows it finds.
- ``ix_event_event_date_iso3_acled_event_type``: date-range scans use the leading
  ``event_date`` of ``ix_event_event_date_quad_class``; one country's days use
  ``ix_event_iso3_event_date``.

``uq_event_origin_external_id`` becomes a partial unique index over the rows that have an
external id (imported ACLED and GDELT rows): coded events, whose external id is always NULL,
no longer pay for an index entry that could never conflict. The key it enforces is unchanged.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_event_origin_iso3_event_date", table_name="event")
    op.drop_index("ix_event_event_date_iso3_acled_event_type", table_name="event")
    op.drop_constraint("uq_event_origin_external_id", "event", type_="unique")
    op.create_index(
        "uq_event_origin_external_id",
        "event",
        ["origin", "external_id"],
        unique=True,
        postgresql_where=sa.text("external_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_event_origin_external_id", table_name="event")
    op.create_unique_constraint("uq_event_origin_external_id", "event", ["origin", "external_id"])
    op.create_index(
        "ix_event_event_date_iso3_acled_event_type",
        "event",
        ["event_date", "iso3", "acled_event_type"],
        unique=False,
    )
    op.create_index(
        "ix_event_origin_iso3_event_date", "event", ["origin", "iso3", "event_date"], unique=False
    )
