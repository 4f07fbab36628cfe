"""A partition blocked by the failure-rate check loads no events, yet its rejected rows are
recorded in quarantine (nothing is dropped silently); a later clean run replaces them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dagster as dg
from pipeline_fakes import RULE_SETS, SAMPLE_RULES, SHELLING_KHARKIV, fake_coder_resource
from sqlalchemy import Engine, text

from dagster_project.defs.assets import build_assets
from dagster_project.defs.partitions import daily_partitions
from dagster_project.defs.resources import DatabaseResource, InboxResource, ValidationResource

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DAY = "2024-11-28"


def test_blocked_partition_quarantines_its_rejected_rows(clean_db: str, db: Engine) -> None:
    bad = dict(SAMPLE_RULES)
    bad["shelled the northern suburbs of kharkiv"] = SHELLING_KHARKIV | {"goldstein": 5.0}
    RULE_SETS["reliability-blocked"] = bad
    resources = {
        "database": DatabaseResource(url=clean_db),
        "inbox": InboxResource(path=str(SAMPLES)),
        "coder": fake_coder_resource(rule_set="reliability-blocked", version="blocked-1"),
        "validation": ValidationResource(quarantine_threshold=0.05),
    }
    assets = build_assets(daily_partitions(date(2024, 1, 1)))
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            assets, partition_key=DAY, resources=resources, instance=instance, raise_on_error=False
        )
        assert not result.success
        checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
        assert not checks["failure_rate_below_threshold"].passed
        assert not result.asset_materializations_for_node("events_table")
        with db.connect() as c:
            assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 0
            rows = c.execute(
                text(
                    "SELECT partition, check_name, reason, payload->>'goldstein', run_id "
                    "FROM quarantine"
                )
            ).all()
        assert len(rows) == 1, rows
        partition, check, reason, goldstein, run_id = rows[0]
        assert (partition, check, float(goldstein)) == (DAY, "goldstein_matches_code", 5.0)
        assert "goldstein" in reason.lower() and run_id == result.run_id

        # The coder is fixed: the partition loads and its quarantine no longer holds the row.
        resources["coder"] = fake_coder_resource(version="fixed-1")
        fixed = dg.materialize(assets, partition_key=DAY, resources=resources, instance=instance)
        assert fixed.success
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 3
        assert c.execute(text("SELECT count(*) FROM quarantine")).scalar_one() == 0
