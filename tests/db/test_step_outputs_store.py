"""Step outputs in table pipeline_output: a day's validated events stored and read back are the
same; a row someone rewrote (a pickle that would run code, an unknown type tag) is refused with
the asset and partition named, and nothing of it runs; an unstorable value writes nothing."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from step_output_samples import ASSET_OUTPUTS, RunsCode, payload, same

from etl.load.step_outputs import StepOutputError, load_output, save_output
from schema import PipelineOutput

_TABLE = PipelineOutput.__table__


def _rewrite(engine: Engine, asset: str, partition: str, payload: bytes) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(_TABLE)
            .where(_TABLE.c.asset == asset, _TABLE.c.partition == partition)
            .values(payload=payload)
        )


def test_outputs_round_trip_through_the_table(engine: Engine, clean_db: str) -> None:
    for name in ("validated_events", "articles", "events_table (up to date)"):
        size = save_output(engine, name, "2024-11-28", ASSET_OUTPUTS[name], run_id="run-1")
        assert size > 0
        assert same(load_output(engine, name, "2024-11-28"), ASSET_OUTPUTS[name]), name


def test_a_rewritten_row_is_refused_without_running_it(
    engine: Engine, clean_db: str, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    save_output(engine, "sentences", "2024-11-28", ASSET_OUTPUTS["sentences"])
    _rewrite(engine, "sentences", "2024-11-28", pickle.dumps(RunsCode(marker)))
    with pytest.raises(StepOutputError, match=r"sentences for partition '2024-11-28'.*pickle"):
        load_output(engine, "sentences", "2024-11-28")
    _rewrite(engine, "sentences", "2024-11-28", payload({"t": "builtins.eval", "v": "1"}))
    with pytest.raises(StepOutputError, match=r"unknown type tag 'builtins\.eval'"):
        load_output(engine, "sentences", "2024-11-28")
    assert not marker.exists()


def test_an_unstorable_value_writes_nothing(engine: Engine, clean_db: str) -> None:
    with pytest.raises(
        StepOutputError, match=r"coded_events for partition '2024-11-29'.*builtins\.set"
    ):
        save_output(engine, "coded_events", "2024-11-29", {"ids": {"a", "b"}})
    with engine.connect() as connection:
        assert connection.execute(select(_TABLE.c.asset)).all() == []
