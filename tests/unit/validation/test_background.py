"""Validation in the helper process gives exactly the in-process outcome, and a helper that
dies does not lose the validation."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from test_suite import FAULTS, GOOD, PARTITION, TODAY, frame

from etl.validation import background, validate_events


@pytest.fixture
def helper() -> Iterator[None]:
    assert background.start(), "a helper was already running"
    try:
        yield
    finally:
        background.stop()


def _events() -> pl.DataFrame:
    return frame([GOOD] + [GOOD | {"id": row_id} | changes for row_id, changes, _ in FAULTS])


def _helper_pid() -> int:
    return background.call(os.getpid)


def test_helper_outcome_equals_in_process_outcome(helper: None) -> None:
    events = _events()
    remote = validate_events(events, partition_date=PARTITION, today=TODAY)
    assert _helper_pid() != os.getpid()
    background.stop()
    local = validate_events(events, partition_date=PARTITION, today=TODAY)
    assert remote.rejected.height == len(FAULTS)
    assert_frame_equal(remote.valid, local.valid)
    assert_frame_equal(remote.rejected, local.rejected)
    assert remote.counts == local.counts
    assert remote.failures == local.failures
    assert remote.total == local.total


def test_a_killed_helper_falls_back_to_this_process(helper: None) -> None:
    os.kill(_helper_pid(), signal.SIGKILL)
    outcome = validate_events(_events(), partition_date=PARTITION, today=TODAY)
    assert outcome.rejected.height == len(FAULTS)
    assert not background.started()


def test_start_is_owned_by_the_first_caller(helper: None) -> None:
    assert background.started()
    assert not background.start()  # a second caller must not stop it


def test_without_a_helper_validation_runs_here() -> None:
    assert not background.started()
    assert background.call(os.getpid) == os.getpid()
    outcome = validate_events(frame([GOOD]), partition_date=PARTITION, today=date(2024, 12, 31))
    assert outcome.rejected.height == 0


def test_a_helper_that_cannot_start_leaves_validation_here(monkeypatch) -> None:
    def refuse(self, *args: object, **kwargs: object) -> None:
        raise OSError("Resource temporarily unavailable (test)")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor.submit", refuse)
    assert not background.start()
    assert not background.started()
    outcome = validate_events(frame([GOOD]), partition_date=PARTITION, today=TODAY)
    assert outcome.rejected.height == 0
