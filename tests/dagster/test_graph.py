"""The whole asset graph with ``dg.materialize`` against the real PostgreSQL: a partition loads
(events, mentions, views); a second run of it codes and writes nothing but still reports the
stored rows; a partition whose failure rate is above the threshold is blocked before the load;
one below it loads and shows its quarantined rows; a range of days in one run (a backfill)
loads exactly what one run per day loads."""

from __future__ import annotations

from datetime import date

import dagster as dg
from pipeline_fakes import (
    RULE_SETS,
    SAMPLE_RULES,
    SHELLING_KHARKIV,
    fake_coder_resource,
    shared_coder,
)
from sqlalchemy import Engine, text

from dagster_project.defs.assets import build_assets
from dagster_project.defs.partitions import daily_partitions
from dagster_project.defs.resources import ValidationResource

DAY = "2024-11-28"


def graph():
    return build_assets(daily_partitions(date(2024, 1, 1)))


def test_materialize_loads_then_rerun_is_a_no_op(resources, db: Engine) -> None:
    resources = resources | {"coder": fake_coder_resource(version="graph-1")}
    with dg.instance_for_test() as instance:
        result = dg.materialize(graph(), partition_key=DAY, resources=resources, instance=instance)
        assert result.success
        load = result.output_for_node("events_table")
        assert (load.events, load.mentions, load.documents_new) == (3, 4, 7)
        views = result.asset_materializations_for_node("event_views")[0].metadata
        assert views["events_by_type"].value == {"Explosions/Remote violence": 2, "Protests": 1}
        calls = shared_coder("samples", "graph-1").calls
        with db.connect() as c:
            before = c.execute(text("SELECT count(*), max(updated_at) FROM event")).one()

        again = dg.materialize(graph(), partition_key=DAY, resources=resources, instance=instance)
        assert again.success
        assert again.output_for_node("events_table") is None  # skipped: up to date
        # ...yet its metadata and checks describe the day's stored rows, not an empty skip.
        table = again.asset_materializations_for_node("events_table")[0].metadata
        assert table["dagster/row_count"].value == 3
        assert table["mentions"].value == 4
        assert table["events_by_type/Protests"].value == 1
        assert table["events_by_type/Explosions/Remote violence"].value == 2
        assert table["events_by_type/Battles"].value == 0  # every type plotted, 0 when absent
        assert table["dagster/table_name"].value == "public.event"
        columns = {c.name for c in table["dagster/column_schema"].value.columns}
        assert {"id", "cameo_code", "partition_date", "acled_event_type"} <= columns
        checks = {e.check_name: e for e in again.get_asset_check_evaluations()}
        assert checks["id_unique"].metadata["rows"].value == 3  # checked the stored rows
        assert checks["no_quarantined_rows"].passed
        assert shared_coder("samples", "graph-1").calls == calls
        with db.connect() as c:
            assert c.execute(text("SELECT count(*), max(updated_at) FROM event")).one() == before
            assert c.execute(text("SELECT count(*) FROM coding_run")).scalar_one() == 1


def test_failure_rate_above_threshold_blocks_the_load(resources, db: Engine) -> None:
    bad = dict(SAMPLE_RULES)
    bad["shelled the northern suburbs of kharkiv"] = SHELLING_KHARKIV | {"goldstein": 5.0}
    RULE_SETS["graph-bad"] = bad
    resources = resources | {"coder": fake_coder_resource(rule_set="graph-bad", version="bad-1")}
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            graph(), partition_key=DAY, resources=resources, instance=instance, raise_on_error=False
        )
    assert not result.success
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert not evaluations["failure_rate_below_threshold"].passed
    assert not result.asset_materializations_for_node("events_table")
    assert evaluations["failure_rate_below_threshold"].metadata["rejected"].value == 1
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 0


def test_quarantined_rows_are_shown_with_reasons_and_a_preview(resources, db: Engine) -> None:
    bad = dict(SAMPLE_RULES)
    bad["shelled the northern suburbs of kharkiv"] = SHELLING_KHARKIV | {"goldstein": 5.0}
    RULE_SETS["graph-lenient"] = bad
    resources = resources | {
        "coder": fake_coder_resource(rule_set="graph-lenient", version="lenient-1"),
        "validation": ValidationResource(quarantine_threshold=0.5),  # 1 of 3 rows: loads
    }
    with dg.instance_for_test() as instance:
        result = dg.materialize(graph(), partition_key=DAY, resources=resources, instance=instance)
    assert result.success
    quarantine = {e.check_name: e for e in result.get_asset_check_evaluations()}[
        "no_quarantined_rows"
    ]
    assert not quarantine.passed and quarantine.severity == dg.AssetCheckSeverity.WARN
    assert quarantine.metadata["quarantined"].value == 1
    assert quarantine.metadata["by_check/goldstein_matches_code"].value == 1
    assert "goldstein_matches_code" in quarantine.metadata["preview"].value
    assert quarantine.metadata["table"].value == "public.quarantine"
    table = result.asset_materializations_for_node("events_table")[0].metadata
    assert (table["dagster/row_count"].value, table["quarantined"].value) == (2, 1)
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM quarantine")).scalar_one() == 1


def _snapshot(db: Engine) -> list[tuple]:
    with db.connect() as c:
        return c.execute(
            text("SELECT id, partition_date, cameo_code, num_mentions FROM event ORDER BY id")
        ).all()


def test_a_range_of_days_in_one_run_loads_what_one_run_per_day_loads(resources, db: Engine) -> None:
    first, last = "2024-11-28", "2024-12-02"
    resources = resources | {"coder": fake_coder_resource(version="range-1")}
    with dg.instance_for_test() as instance:
        ranged = dg.materialize(
            graph(),
            resources=resources,
            instance=instance,
            tags={
                "dagster/asset_partition_range_start": first,
                "dagster/asset_partition_range_end": last,
            },
        )
        assert ranged.success
        table = ranged.asset_materializations_for_node("events_table")
        assert sorted(m.partition for m in table) == [
            "2024-11-28",
            "2024-11-29",
            "2024-11-30",
            "2024-12-01",
            "2024-12-02",
        ]
        in_one_run = _snapshot(db)
        assert table[0].metadata["dagster/row_count"].value == len(in_one_run) > 3
        assert table[0].metadata["partitions"].value == 5

        with db.begin() as c:  # the same database, empty again, for one run per day
            c.execute(
                text(
                    "TRUNCATE event_mention, event, sentence, document, quarantine, coding_run,"
                    " ingest_file, pipeline_output RESTART IDENTITY CASCADE"
                )
            )
        for day in ("2024-11-28", "2024-11-29", "2024-11-30", "2024-12-01", "2024-12-02"):
            one = dg.materialize(graph(), partition_key=day, resources=resources, instance=instance)
            assert one.success
    assert _snapshot(db) == in_one_run
