"""The pipeline assets called one by one with ``dg.build_asset_context`` for one partition:
articles, sentences, coded_events (also without a coder), validated_events' check results."""

from __future__ import annotations

import dataclasses
from datetime import date

import dagster as dg
import pytest
from pipeline_fakes import SAMPLE_RULES, SHELLING_KHARKIV, fake_coder_resource

from dagster_project.defs.assets import FAILURE_RATE_CHECK, build_assets
from dagster_project.defs.partitions import daily_partitions
from dagster_project.defs.resources import CoderResource, ValidationResource
from etl.pipeline import CoderHandle, CoderUnavailable, EventFrames
from etl.validation import check_names

DAY = "2024-11-28"


@pytest.fixture(scope="module")
def assets() -> dict[str, dg.AssetsDefinition]:
    return {a.key.to_user_string(): a for a in build_assets(daily_partitions(date(2024, 1, 1)))}


def test_assets_have_group_kinds_and_docstrings(assets) -> None:
    assert list(assets) == [
        "articles",
        "sentences",
        "coded_events",
        "validated_events",
        "events_table",
        "event_views",
    ]
    for asset in assets.values():
        spec = next(iter(asset.specs))
        assert spec.group_name == "eventetl" and spec.kinds and spec.description


def test_articles_sentences_and_coded_events_for_one_day(assets, resources) -> None:
    context = dg.build_asset_context(partition_key=DAY, resources=resources)
    articles = assets["articles"](context)
    partition_input = articles.value
    assert len(partition_input.documents) == 7 and not partition_input.current
    assert articles.metadata["failed_files"] == 1

    sentences = assets["sentences"](
        dg.build_asset_context(partition_key=DAY, resources={"database": resources["database"]}),
        partition_input,
    )
    assert sentences.metadata["dagster/row_count"] == len(sentences.value) == 17

    coded = assets["coded_events"](
        dg.build_asset_context(
            partition_key=DAY,
            resources={
                "coder": resources["coder"],
                "database": resources["database"],
            },
        ),
        partition_input,
    )
    frames: EventFrames = coded.value
    assert frames.events.height == 3 and coded.metadata["merged_duplicates"] == 1
    assert "Sarmada" in coded.metadata["top_events"].value


class AbsentCoder(CoderResource):
    def handle(self) -> CoderHandle:
        raise CoderUnavailable("etl.coding is not installed (test)")


def test_coded_events_fails_clearly_without_a_coder(assets, resources) -> None:
    context = dg.build_asset_context(partition_key=DAY, resources=resources)
    partition_input = assets["articles"](context).value
    with pytest.raises(dg.Failure, match="coder not available"):
        assets["coded_events"](
            dg.build_asset_context(
                partition_key=DAY,
                resources={
                    "coder": AbsentCoder(),
                    "database": resources["database"],
                },
            ),
            partition_input,
        )


def _checks(assets, resources, rules, threshold: float):
    context = dg.build_asset_context(partition_key=DAY, resources=resources)
    partition_input = assets["articles"](context).value
    from pipeline_fakes import RULE_SETS

    RULE_SETS["planted"] = rules
    coder = fake_coder_resource(rule_set="planted", version="planted-1")
    frames = assets["coded_events"](
        dg.build_asset_context(
            partition_key=DAY,
            resources={
                "coder": coder,
                "database": resources["database"],
            },
        ),
        partition_input,
    ).value
    outputs = list(
        assets["validated_events"](
            dg.build_asset_context(
                partition_key=DAY,
                resources={
                    "validation": ValidationResource(quarantine_threshold=threshold),
                    "database": resources["database"],
                },
            ),
            frames,
            partition_input,
        )
    )
    checks = {o.check_name: o for o in outputs if isinstance(o, dg.AssetCheckResult)}
    return outputs[0], checks


def test_validated_events_maps_gx_results_to_check_severities(assets, resources) -> None:
    bad = dict(SAMPLE_RULES)
    bad["shelled the northern suburbs of kharkiv"] = SHELLING_KHARKIV | {"goldstein": 5.0}
    output, checks = _checks(assets, resources, bad, threshold=0.05)
    assert set(checks) == {*check_names(), FAILURE_RATE_CHECK}
    assert output.value.outcome.rejected.height == 1  # 1 of 3 rows: 33% > 5%
    failed = checks["goldstein_matches_code"]
    assert not failed.passed and failed.severity == dg.AssetCheckSeverity.ERROR
    assert not checks[FAILURE_RATE_CHECK].passed
    assert checks["id_unique"].passed

    _, lenient = _checks(assets, resources, bad, threshold=0.5)
    assert not lenient["goldstein_matches_code"].passed
    assert lenient["goldstein_matches_code"].severity == dg.AssetCheckSeverity.WARN
    assert lenient[FAILURE_RATE_CHECK].passed


def test_articles_takes_the_input_the_runner_offered_once(assets, resources) -> None:
    from dagster_project.defs.resources import partition_input_offered

    def read():
        context = dg.build_asset_context(partition_key=DAY, resources=resources)
        return assets["articles"](context).value

    from_inbox = read()
    offered = dataclasses.replace(from_inbox, documents=from_inbox.documents[:2])
    with partition_input_offered(resources["inbox"].folder, offered):
        assert read() is offered  # taken, not read again
        assert len(read().documents) == len(from_inbox.documents)  # taken once only
    with partition_input_offered(resources["inbox"].folder, offered):
        pass  # not taken: withdrawn at the end of the block
    assert len(read().documents) == len(from_inbox.documents)
