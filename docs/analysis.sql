-- Example queries over eventetl's analysis views (created by migration 0005).
-- Run with: psql "$EVENTETL_DATABASE_URL" -f docs/analysis.sql   (URL without +psycopg)
-- Each query is one statement, and tests/db/test_interop_views.py runs them all.

-- v_events_acled: events in ACLED's 31-column layout (plus event_id, origin, iso3 to filter on).
-- Syria's most deadly events of the last 30 days, whoever coded them.
SELECT event_id_cnty, event_date, event_type, sub_event_type, actor1, actor2, interaction,
       fatalities, origin
FROM v_events_acled
WHERE iso3 = 'SYR' AND event_date >= current_date - 30
ORDER BY fatalities DESC, event_date
LIMIT 20;

-- v_events_gdelt: events in GDELT 2.0's 61-column layout (lower-case GDELT names).
-- Material conflict (QuadClass 4) in Syria by CAMEO root, with mean Goldstein and mentions.
SELECT eventrootcode, count(*) AS events, round(avg(goldsteinscale)::numeric, 2) AS goldstein,
       sum(nummentions) AS mentions
FROM v_events_gdelt
WHERE actiongeo_countrycode = 'SY' AND quadclass = 4
GROUP BY eventrootcode
ORDER BY events DESC;

-- v_daily_counts: day x country x event type (ACLED type, else the CAMEO root's label).
-- A weekly series of events and deaths per ACLED event type in Ukraine.
SELECT date_trunc('week', event_date)::date AS week, event_type,
       sum(events) AS events, sum(fatalities) AS fatalities
FROM v_daily_counts
WHERE iso3 = 'UKR' AND acled_event_type IS NOT NULL
GROUP BY week, event_type
ORDER BY week, event_type;

-- v_dyads: actor1 x actor2 x QuadClass with counts and mean Goldstein.
-- The most hostile dyads with at least five events.
SELECT actor1_code, actor2_code, quad_class, origin, events,
       round(mean_goldstein::numeric, 2) AS mean_goldstein, first_date, last_date
FROM v_dyads
WHERE events >= 5
ORDER BY mean_goldstein, events DESC
LIMIT 20;

-- v_compare_sources: the same country and day, coded here vs ACLED vs GDELT side by side.
-- Days on which ACLED records political violence but our coder found no event.
SELECT iso3, country, event_date, acled_events, acled_fatalities, coded_events,
       gdelt_material_conflict
FROM v_compare_sources
WHERE acled_political_violence > 0 AND coded_events = 0
ORDER BY event_date DESC, acled_fatalities DESC
LIMIT 50;
