"""pipeline step outputs stored as typed data, not pickles

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

``pipeline_output.payload`` now holds the typed format of ``etl.load.step_outputs`` (JSON with
type tags, frames as Arrow IPC) instead of a pickle, so a row cannot make a pipeline step run
code. The rows stored before are pickles, which the new code refuses: they are deleted (derived
data; the upstream assets are materialized again). Going down deletes the typed rows for the
same reason (the older code cannot read them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TYPED = "typed output value (etl.load.step_outputs: tagged JSON, Arrow IPC frames)"
PICKLED = "pickled output value"


def upgrade() -> None:
    op.execute("DELETE FROM pipeline_output")
    op.alter_column(
        "pipeline_output",
        "payload",
        existing_type=sa.LargeBinary(),
        existing_nullable=False,
        comment=TYPED,
        existing_comment=PICKLED,
    )


def downgrade() -> None:
    op.execute("DELETE FROM pipeline_output")
    op.alter_column(
        "pipeline_output",
        "payload",
        existing_type=sa.LargeBinary(),
        existing_nullable=False,
        comment=PICKLED,
        existing_comment=TYPED,
    )
