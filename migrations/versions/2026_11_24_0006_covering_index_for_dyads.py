"""covering index for date-bounded dyad queries

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

``ix_event_event_date_quad_class`` gains the columns a dyad aggregate over a date range reads
(actors, origin, Goldstein, fatalities) as INCLUDE columns, so ``v_dyads``'s query for one year
is an index-only scan instead of a bitmap heap scan over ~200k rows per year at 1M events
(bench/queries.py). It keeps its name and key columns, so every query that used it still can;
the table keeps the same number of indexes, so loads pay only for the wider entries.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INCLUDED = ["actor1_code", "actor2_code", "origin", "goldstein", "fatalities"]


def upgrade() -> None:
    op.drop_index("ix_event_event_date_quad_class", table_name="event")
    op.create_index(
        "ix_event_event_date_quad_class",
        "event",
        ["event_date", "quad_class"],
        unique=False,
        postgresql_include=INCLUDED,
    )


def downgrade() -> None:
    op.drop_index("ix_event_event_date_quad_class", table_name="event")
    op.create_index(
        "ix_event_event_date_quad_class", "event", ["event_date", "quad_class"], unique=False
    )
