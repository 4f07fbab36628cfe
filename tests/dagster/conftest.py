"""Fixtures for the Dagster tests: a clean test database and the pipeline resources."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dagster_project.defs.resources import (
    DatabaseResource,
    InboxResource,
    ValidationResource,
    step_output_io_manager,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


@pytest.fixture
def db(clean_db: str) -> Iterator[Engine]:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


@pytest.fixture
def resources(clean_db: str, db: Engine):
    from pipeline_fakes import fake_coder_resource

    return {
        "database": DatabaseResource(url=clean_db),
        "inbox": InboxResource(path=str(SAMPLES)),
        "coder": fake_coder_resource(),
        "validation": ValidationResource(quarantine_threshold=0.05),
        "io_manager": step_output_io_manager,
    }
