"""document coding cache

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

``document_coding`` keeps each document's coded events (serialised ``CodedEvent``s with their
mentions) per coder fingerprint, so a run that adds one article to a day codes only that
article. The loader writes it in the partition's transaction; a document deleted takes its
cache rows with it (ON DELETE CASCADE). Dropping the table only makes the next runs recode.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_coding",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column(
            "coder_version",
            sa.Text(),
            nullable=False,
            comment="coder version and dictionary fingerprint",
        ),
        sa.Column(
            "events",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="serialised CodedEvents (with mentions)",
        ),
        sa.Column(
            "coded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_coding_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "coder_version", name=op.f("pk_document_coding")),
    )


def downgrade() -> None:
    op.drop_table("document_coding")
