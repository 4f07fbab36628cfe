"""pipeline step outputs

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

``pipeline_output`` keeps the latest output of each asset per partition, so every step of the
Dagster graph can run in its own process (or machine) and one asset can be materialized alone:
its inputs come from here, not from one process's memory or one machine's disk. Derived data:
dropping the table only means the upstream assets must be materialized again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pipeline_output",
        sa.Column("asset", sa.Text(), nullable=False, comment="asset key, e.g. coded_events"),
        sa.Column("partition", sa.Text(), nullable=False, comment="partition key YYYY-MM-DD"),
        sa.Column("run_id", sa.Text(), nullable=True, comment="Dagster run that stored it"),
        sa.Column("payload", sa.LargeBinary(), nullable=False, comment="pickled output value"),
        sa.Column(
            "stored_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("asset", "partition", name=op.f("pk_pipeline_output")),
    )


def downgrade() -> None:
    op.drop_table("pipeline_output")
