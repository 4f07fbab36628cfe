"""analysis views (ACLED and GDELT layouts, daily counts, dyads, source comparison) and their indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24

The views are plain SQL, written here by hand (autogenerate ignores ``v_*``). Each is replaced as
a whole by a later revision if it changes; this revision keeps its own copy of the SQL so that it
never depends on code that may move on.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Exported ids for events without a native one: far above ACLED's running numbers (about six
# digits per country) and GDELT's GLOBALEVENTIDs (about 1.2e9 in 2024), so they cannot collide.
ACLED_NUMBER_OFFSET = 900_000_000
GDELT_ID_OFFSET = 9_000_000_000

# The "sole actor" rule of ACLED's interaction code: lower*10 + higher, or inter1*10 alone.
INTERACTION_SQL = (
    "CASE WHEN e.inter1 IS NULL THEN NULL "
    "WHEN coalesce(e.inter2, 0) = 0 THEN e.inter1 * 10 "
    "ELSE least(e.inter1, e.inter2) * 10 + greatest(e.inter1, e.inter2) END"
)

V_EVENTS_ACLED = f"""
CREATE VIEW v_events_acled AS
SELECT
    e.id AS event_id,
    e.origin,
    e.iso3,
    CASE WHEN e.origin = 'acled' AND e.external_id IS NOT NULL THEN e.external_id
         ELSE coalesce(e.iso3, 'XXX') || ({ACLED_NUMBER_OFFSET} + k.number)::text
    END AS event_id_cnty,
    e.event_date,
    extract(year FROM e.event_date)::int AS year,
    coalesce(e.time_precision, 1)::int AS time_precision,
    coalesce(e.disorder_type, st.disorder_type) AS disorder_type,
    e.acled_event_type AS event_type,
    e.acled_sub_event_type AS sub_event_type,
    e.acled_actor1 AS actor1,
    e.assoc_actor_1,
    e.inter1::int AS inter1,
    e.acled_actor2 AS actor2,
    e.assoc_actor_2,
    CASE WHEN e.origin = 'acled' THEN e.inter2 ELSE coalesce(e.inter2, 0) END::int AS inter2,
    CASE WHEN e.origin = 'acled' THEN e.interaction
         ELSE coalesce(e.interaction, {INTERACTION_SQL}) END::int AS interaction,
    CASE WHEN e.origin = 'acled' THEN e.civilian_targeting
         ELSE coalesce(e.civilian_targeting,
                       CASE WHEN 7 IN (e.inter1, e.inter2) THEN 'Civilian targeting' END)
    END AS civilian_targeting,
    coalesce(e.iso_numeric, c.iso_numeric)::int AS iso,
    coalesce(e.region, c.region) AS region,
    coalesce(e.country, c.country) AS country,
    e.admin1,
    e.admin2,
    e.admin3,
    e.location,
    e.latitude,
    e.longitude,
    coalesce(e.geo_precision, CASE WHEN e.latitude IS NOT NULL THEN 1 END)::int AS geo_precision,
    e.source,
    e.source_scale,
    coalesce(e.notes, s.text) AS notes,
    e.fatalities,
    e.tags,
    CASE WHEN e.origin = 'acled' AND e.acled_timestamp IS NOT NULL THEN e.acled_timestamp
         ELSE extract(epoch FROM e.updated_at)::bigint END AS "timestamp",
    inter1_label.text_label AS inter1_text,
    inter2_label.text_label AS inter2_text
FROM event e
LEFT JOIN event_export_key k ON k.event_id = e.id
LEFT JOIN ref_acled_sub_event_type st ON st.sub_event_type = e.acled_sub_event_type
LEFT JOIN ref_acled_country c ON c.iso3 = e.iso3
LEFT JOIN sentence s ON s.document_id = e.document_id AND s."index" = e.sentence_index
LEFT JOIN ref_acled_inter_code inter1_label ON inter1_label.code = e.inter1
LEFT JOIN ref_acled_inter_code inter2_label ON inter2_label.code = e.inter2
WHERE e.acled_event_type IS NOT NULL
"""

V_EVENTS_GDELT = f"""
CREATE VIEW v_events_gdelt AS
SELECT
    e.id AS event_id,
    e.origin,
    e.iso3,
    e.event_date,
    CASE WHEN e.origin = 'gdelt' AND e.external_id ~ '^[0-9]+$' THEN e.external_id::bigint
         ELSE {GDELT_ID_OFFSET} + k.number END AS globaleventid,
    to_char(e.event_date, 'YYYYMMDD')::int AS sqldate,
    to_char(e.event_date, 'YYYYMM')::int AS monthyear,
    extract(year FROM e.event_date)::int AS year,
    -- GDELT's FractionDate: year + ((month - 1) * 30 + day) / 365, four decimals.
    round(extract(year FROM e.event_date)
          + ((extract(month FROM e.event_date) - 1) * 30 + extract(day FROM e.event_date)) / 365.0,
          4) AS fractiondate,
    e.actor1_code AS actor1code,
    e.actor1_name AS actor1name,
    e.actor1_country AS actor1countrycode,
    e.actor1_known_group AS actor1knowngroupcode,
    e.actor1_ethnic AS actor1ethniccode,
    e.actor1_religion1 AS actor1religion1code,
    e.actor1_religion2 AS actor1religion2code,
    e.actor1_role AS actor1type1code,
    e.actor1_type2 AS actor1type2code,
    e.actor1_type3 AS actor1type3code,
    e.actor2_code AS actor2code,
    e.actor2_name AS actor2name,
    e.actor2_country AS actor2countrycode,
    e.actor2_known_group AS actor2knowngroupcode,
    e.actor2_ethnic AS actor2ethniccode,
    e.actor2_religion1 AS actor2religion1code,
    e.actor2_religion2 AS actor2religion2code,
    e.actor2_role AS actor2type1code,
    e.actor2_type2 AS actor2type2code,
    e.actor2_type3 AS actor2type3code,
    CASE WHEN e.is_root_event THEN 1 ELSE 0 END AS isrootevent,
    e.cameo_code AS eventcode,
    coalesce(e.cameo_base, left(e.cameo_code, 3)) AS eventbasecode,
    coalesce(e.cameo_root, left(e.cameo_code, 2)) AS eventrootcode,
    coalesce(e.quad_class, code.quad_class)::int AS quadclass,
    coalesce(e.goldstein, code.goldstein) AS goldsteinscale,
    e.num_mentions AS nummentions,
    e.num_sources AS numsources,
    e.num_articles AS numarticles,
    e.avg_tone AS avgtone,
    CASE WHEN e.origin = 'gdelt' THEN e.actor1_geo_type
         ELSE coalesce(e.actor1_geo_type, 0) END::int AS actor1geo_type,
    e.actor1_geo_fullname AS actor1geo_fullname,
    e.actor1_geo_fips AS actor1geo_countrycode,
    e.actor1_geo_adm1_code AS actor1geo_adm1code,
    e.actor1_geo_adm2_code AS actor1geo_adm2code,
    e.actor1_geo_lat AS actor1geo_lat,
    e.actor1_geo_long AS actor1geo_long,
    e.actor1_geo_feature_id AS actor1geo_featureid,
    CASE WHEN e.origin = 'gdelt' THEN e.actor2_geo_type
         ELSE coalesce(e.actor2_geo_type, 0) END::int AS actor2geo_type,
    e.actor2_geo_fullname AS actor2geo_fullname,
    e.actor2_geo_fips AS actor2geo_countrycode,
    e.actor2_geo_adm1_code AS actor2geo_adm1code,
    e.actor2_geo_adm2_code AS actor2geo_adm2code,
    e.actor2_geo_lat AS actor2geo_lat,
    e.actor2_geo_long AS actor2geo_long,
    e.actor2_geo_feature_id AS actor2geo_featureid,
    -- GDELT's rows keep their geo types as read (1.0 backfile rows may leave them empty); ours
    -- follow GDELT: 0 none, 1 country, 4 world city, 5 world state (ADM1) from geo_precision.
    CASE WHEN e.origin = 'gdelt' THEN e.action_geo_type
         ELSE coalesce(e.action_geo_type,
             CASE WHEN e.latitude IS NULL AND e.iso3 IS NULL THEN 0
                  WHEN e.latitude IS NULL THEN 1
                  WHEN e.geo_precision = 3 THEN 5
                  ELSE 4 END) END::int AS actiongeo_type,
    CASE WHEN e.origin = 'gdelt' THEN e.location
         ELSE nullif(concat_ws(', ', e.location, e.admin1, coalesce(e.country, c.country)), '')
    END AS actiongeo_fullname,
    coalesce(e.action_geo_fips, f.fips) AS actiongeo_countrycode,
    e.action_geo_adm1_code AS actiongeo_adm1code,
    e.action_geo_adm2_code AS actiongeo_adm2code,
    e.latitude AS actiongeo_lat,
    e.longitude AS actiongeo_long,
    e.action_geo_feature_id AS actiongeo_featureid,
    to_char(coalesce(e.date_added, e.created_at) AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS')::bigint
        AS dateadded,
    coalesce(e.source_url, d.url) AS sourceurl
FROM event e
LEFT JOIN event_export_key k ON k.event_id = e.id
LEFT JOIN ref_cameo_event_code code ON code.code = e.cameo_code
LEFT JOIN ref_fips_country f ON f.iso3 = e.iso3 AND f.preferred
LEFT JOIN ref_acled_country c ON c.iso3 = e.iso3
LEFT JOIN document d ON d.id = e.document_id
WHERE e.cameo_code IS NOT NULL
"""

V_DAILY_COUNTS = """
CREATE VIEW v_daily_counts AS
SELECT
    e.event_date,
    e.iso3,
    min(c.country) AS country,
    e.origin,
    coalesce(e.acled_event_type, root.label) AS event_type,
    e.acled_event_type,
    e.cameo_root,
    count(*) AS events,
    sum(e.fatalities) AS fatalities
FROM event e
LEFT JOIN ref_cameo_event_code root ON root.code = e.cameo_root
LEFT JOIN ref_acled_country c ON c.iso3 = e.iso3
GROUP BY e.event_date, e.iso3, e.origin, e.acled_event_type, e.cameo_root, root.label
"""

V_DYADS = """
CREATE VIEW v_dyads AS
SELECT
    e.actor1_code,
    e.actor2_code,
    e.quad_class,
    e.origin,
    count(*) AS events,
    avg(e.goldstein) AS mean_goldstein,
    sum(e.fatalities) AS fatalities,
    min(e.event_date) AS first_date,
    max(e.event_date) AS last_date
FROM event e
WHERE e.quad_class IS NOT NULL AND (e.actor1_code IS NOT NULL OR e.actor2_code IS NOT NULL)
GROUP BY e.actor1_code, e.actor2_code, e.quad_class, e.origin
"""

V_COMPARE_SOURCES = """
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

VIEWS = {
    "v_events_acled": V_EVENTS_ACLED,
    "v_events_gdelt": V_EVENTS_GDELT,
    "v_daily_counts": V_DAILY_COUNTS,
    "v_dyads": V_DYADS,
    "v_compare_sources": V_COMPARE_SOURCES,
}


def upgrade() -> None:
    op.create_index(
        "ix_event_origin_iso3_event_date", "event", ["origin", "iso3", "event_date"], unique=False
    )
    op.create_index(
        "ix_event_actor1_code_actor2_code_quad_class",
        "event",
        ["actor1_code", "actor2_code", "quad_class"],
        unique=False,
    )
    op.create_index(
        "ix_event_event_date_iso3_acled_event_type",
        "event",
        ["event_date", "iso3", "acled_event_type"],
        unique=False,
    )
    op.create_index(
        "ix_quarantine_origin_source_file", "quarantine", ["origin", "source_file"], unique=False
    )
    for ddl in VIEWS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_index("ix_quarantine_origin_source_file", table_name="quarantine")
    op.drop_index("ix_event_event_date_iso3_acled_event_type", table_name="event")
    op.drop_index("ix_event_actor1_code_actor2_code_quad_class", table_name="event")
    op.drop_index("ix_event_origin_iso3_event_date", table_name="event")
