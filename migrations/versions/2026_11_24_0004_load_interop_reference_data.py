"""load CAMEO actor attributes, FIPS countries and ACLED regions and countries from schema/data

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from schema.reference_data import read_reference_rows

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Table shapes are spelled out here, not imported from the models, so this revision keeps
# working when the models change later. Order matters: regions before the countries using them.
TABLES: dict[str, tuple[str, list[sa.ColumnClause]]] = {
    "ref_cameo_known_group": ("cameo_known_groups.tsv", [sa.column("code"), sa.column("label")]),
    "ref_cameo_ethnic_group": ("cameo_ethnic_groups.tsv", [sa.column("code"), sa.column("label")]),
    "ref_cameo_religion": ("cameo_religions.tsv", [sa.column("code"), sa.column("label")]),
    "ref_fips_country": (
        "fips_countries.tsv",
        [
            sa.column("fips"),
            sa.column("iso3"),
            sa.column("iso2"),
            sa.column("name"),
            sa.column("preferred", sa.Boolean),
        ],
    ),
    "ref_acled_region": (
        "acled_regions.tsv",
        [
            sa.column("code", sa.SmallInteger),
            sa.column("name"),
            sa.column("first_event_date", sa.Date),
        ],
    ),
    "ref_acled_country": (
        "acled_countries.tsv",
        [
            sa.column("country"),
            sa.column("iso3"),
            sa.column("iso_numeric", sa.SmallInteger),
            sa.column("region"),
            sa.column("start_year", sa.SmallInteger),
        ],
    ),
}


def _typed(value: str | None, column: sa.ColumnClause) -> object:
    if value is None:
        return None
    if isinstance(column.type, sa.SmallInteger):
        return int(value)
    if isinstance(column.type, sa.Boolean):
        return value == "1"
    if isinstance(column.type, sa.Date):
        return dt.date.fromisoformat(value)
    return value


def upgrade() -> None:
    for table_name, (file_name, columns) in TABLES.items():
        rows = [
            {column.name: _typed(row[column.name], column) for column in columns}
            for row in read_reference_rows(file_name)
        ]
        op.bulk_insert(sa.table(table_name, *columns), rows)


def downgrade() -> None:
    for table_name in reversed(list(TABLES)):
        op.execute(sa.table(table_name).delete())
