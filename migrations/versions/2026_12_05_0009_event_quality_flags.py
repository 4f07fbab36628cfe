"""event.quality_flags: imported rows load with their plausibility warnings; flagged counts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

ACLED and GDELT rows that the database can store faithfully are loaded as published; the
plausibility checks they fail (a point outside its country, a rare CAMEO code, a disorder type
that does not match the sub-event type) are kept with the row in ``quality_flags`` (text[],
NULL for a clean row). ``v_compare_sources`` gains ``acled_flagged`` and ``gdelt_flagged``, the
rows of each source that carry a flag, so a comparison shows how many it rests on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMENT = "imported rows: plausibility checks the row failed but was loaded with (migration 0009)"

# This revision keeps its own copies of the view, before and after (see 0005).
V_COMPARE_SOURCES_0005 = """
CREATE VIEW v_compare_sources AS
SELECT
    e.iso3,
    min(c.country) AS country,
    e.event_date,
    count(*) FILTER (WHERE e.origin = 'coded') AS coded_events,
    coalesce(sum(e.fatalities) FILTER (WHERE e.origin = 'coded'), 0) AS coded_fatalities,
    count(*) FILTER (WHERE e.origin = 'coded' AND e.quad_class = 4) AS coded_material_conflict,
    count(*) FILTER (WHERE e.origin = 'acled') AS acled_events,
    coalesce(sum(e.fatalities) FILTER (WHERE e.origin = 'acled'), 0) AS acled_fatalities,
    count(*) FILTER (WHERE e.origin = 'acled' AND e.disorder_type = 'Political violence')
        AS acled_political_violence,
    count(*) FILTER (WHERE e.origin = 'gdelt') AS gdelt_events,
    count(*) FILTER (WHERE e.origin = 'gdelt' AND e.quad_class = 4) AS gdelt_material_conflict,
    coalesce(sum(e.num_mentions) FILTER (WHERE e.origin = 'gdelt'), 0) AS gdelt_mentions,
    avg(e.goldstein) FILTER (WHERE e.origin = 'gdelt') AS gdelt_mean_goldstein
FROM event e
LEFT JOIN ref_acled_country c ON c.iso3 = e.iso3
WHERE e.iso3 IS NOT NULL
GROUP BY e.iso3, e.event_date
"""

# The same columns, then the flagged counts (CREATE OR REPLACE may only add columns at the end).
V_COMPARE_SOURCES_0009 = """
CREATE OR REPLACE VIEW v_compare_sources AS
SELECT
    e.iso3,
    min(c.country) AS country,
    e.event_date,
    count(*) FILTER (WHERE e.origin = 'coded') AS coded_events,
    coalesce(sum(e.fatalities) FILTER (WHERE e.origin = 'coded'), 0) AS coded_fatalities,
    count(*) FILTER (WHERE e.origin = 'coded' AND e.quad_class = 4) AS coded_material_conflict,
    count(*) FILTER (WHERE e.origin = 'acled') AS acled_events,
    coalesce(sum(e.fatalities) FILTER (WHERE e.origin = 'acled'), 0) AS acled_fatalities,
    count(*) FILTER (WHERE e.origin = 'acled' AND e.disorder_type = 'Political violence')
        AS acled_political_violence,
    count(*) FILTER (WHERE e.origin = 'gdelt') AS gdelt_events,
    count(*) FILTER (WHERE e.origin = 'gdelt' AND e.quad_class = 4) AS gdelt_material_conflict,
    coalesce(sum(e.num_mentions) FILTER (WHERE e.origin = 'gdelt'), 0) AS gdelt_mentions,
    avg(e.goldstein) FILTER (WHERE e.origin = 'gdelt') AS gdelt_mean_goldstein,
    count(*) FILTER (WHERE e.origin = 'acled' AND e.quality_flags IS NOT NULL) AS acled_flagged,
    count(*) FILTER (WHERE e.origin = 'gdelt' AND e.quality_flags IS NOT NULL) AS gdelt_flagged
FROM event e
LEFT JOIN ref_acled_country c ON c.iso3 = e.iso3
WHERE e.iso3 IS NOT NULL
GROUP BY e.iso3, e.event_date
"""


def upgrade() -> None:
    op.add_column(
        "event",
        sa.Column("quality_flags", postgresql.ARRAY(sa.Text()), nullable=True, comment=COMMENT),
    )
    op.execute(V_COMPARE_SOURCES_0009)


def downgrade() -> None:
    op.execute("DROP VIEW v_compare_sources")
    op.execute(V_COMPARE_SOURCES_0005)
    op.drop_column("event", "quality_flags")
