"""load CAMEO and ACLED reference tables from schema/data

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from schema.reference_data import read_reference_rows

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Table shapes are spelled out here, not imported from the models, so this revision keeps
# working when the models change later.
TABLES: dict[str, tuple[str, list[sa.Column]]] = {
    "ref_cameo_event_code": (
        "cameo_event_codes.tsv",
        [
            sa.column("code"),
            sa.column("label"),
            sa.column("root_code"),
            sa.column("base_code"),
            sa.column("quad_class", sa.SmallInteger),
            sa.column("goldstein", sa.Float),
        ],
    ),
    "ref_cameo_actor_type": ("cameo_actor_types.tsv", [sa.column("code"), sa.column("label")]),
    "ref_cameo_country": ("cameo_countries.tsv", [sa.column("code"), sa.column("label")]),
    "ref_acled_sub_event_type": (
        "acled_sub_event_types.tsv",
        [sa.column("sub_event_type"), sa.column("event_type"), sa.column("disorder_type")],
    ),
    "ref_acled_inter_code": (
        "acled_inter_codes.tsv",
        [sa.column("code", sa.SmallInteger), sa.column("label"), sa.column("text_label")],
    ),
}


def upgrade() -> None:
    for table_name, (file_name, columns) in TABLES.items():
        table = sa.table(table_name, *columns)
        rows = read_reference_rows(file_name)
        for row in rows:
            for column in columns:
                value = row[column.name]
                if value is not None and isinstance(column.type, sa.SmallInteger):
                    row[column.name] = int(value)
                elif value is not None and isinstance(column.type, sa.Float):
                    row[column.name] = float(value)
        op.bulk_insert(table, rows)


def downgrade() -> None:
    for table_name in TABLES:
        op.execute(sa.table(table_name).delete())
