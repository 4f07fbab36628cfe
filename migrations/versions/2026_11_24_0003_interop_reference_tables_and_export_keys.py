"""interop reference tables and export keys

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The CAMEO actor attribute lookups, FIPS 10-4 to ISO, ACLED regions and countries (with ISO
numeric codes), and event_export_key, the stable numbers behind exported ids of events that have
no native ACLED or GDELT id. Data is loaded by 0004; views and their indexes come in 0005.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_export_key",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("number", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_export_key")),
        sa.UniqueConstraint("number", name=op.f("uq_event_export_key_number")),
    )
    op.create_table(
        "ref_acled_region",
        sa.Column("code", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("first_event_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_acled_region")),
        sa.UniqueConstraint("name", name=op.f("uq_ref_acled_region_name")),
    )
    op.create_table(
        "ref_cameo_ethnic_group",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_cameo_ethnic_group")),
    )
    op.create_table(
        "ref_cameo_known_group",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_cameo_known_group")),
    )
    op.create_table(
        "ref_cameo_religion",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_ref_cameo_religion")),
    )
    op.create_table(
        "ref_fips_country",
        sa.Column("fips", sa.Text(), nullable=False),
        sa.Column("iso3", sa.Text(), nullable=True),
        sa.Column("iso2", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("preferred", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.PrimaryKeyConstraint("fips", name=op.f("pk_ref_fips_country")),
    )
    op.create_index(
        "ix_ref_fips_country_iso3_preferred",
        "ref_fips_country",
        ["iso3"],
        unique=True,
        postgresql_where=sa.text("preferred"),
    )
    op.create_table(
        "ref_acled_country",
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("iso3", sa.Text(), nullable=False),
        sa.Column(
            "iso_numeric",
            sa.SmallInteger(),
            nullable=True,
            comment="ISO 3166-1 numeric; none for Kosovo (XKX, not an ISO code)",
        ),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("start_year", sa.SmallInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["region"],
            ["ref_acled_region.name"],
            name=op.f("fk_ref_acled_country_region_ref_acled_region"),
        ),
        sa.PrimaryKeyConstraint("country", name=op.f("pk_ref_acled_country")),
        sa.UniqueConstraint("iso3", name=op.f("uq_ref_acled_country_iso3")),
    )


def downgrade() -> None:
    op.drop_table("ref_acled_country")
    op.drop_index(
        "ix_ref_fips_country_iso3_preferred",
        table_name="ref_fips_country",
        postgresql_where=sa.text("preferred"),
    )
    op.drop_table("ref_fips_country")
    op.drop_table("ref_cameo_religion")
    op.drop_table("ref_cameo_known_group")
    op.drop_table("ref_cameo_ethnic_group")
    op.drop_table("ref_acled_region")
    op.drop_table("event_export_key")
