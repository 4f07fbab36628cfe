"""The project's job with the fake coder, rebuilt in every step process of a multiprocess run.

``dg.reconstructable`` records this file and :func:`eventetl_job`; each step process imports
it again, so everything here is module-level and configured from the environment.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import dagster as dg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline_fakes import shared_coder

from dagster_project.defs.pipeline import JOB_NAME, build_definitions
from dagster_project.defs.resources import (
    CoderResource,
    DatabaseResource,
    InboxResource,
)
from etl.pipeline import CoderHandle
from etl.settings import load_settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DATABASE_ENV = "EVENTETL_MULTIPROCESS_TEST_DATABASE_URL"


class FakeCoderResource(CoderResource):
    """The fake coder over the sample rules (importable, unlike the tests' local class)."""

    version: str = "multiprocess-1"

    def handle(self) -> CoderHandle:
        return CoderHandle(shared_coder("samples", self.version), self.version, {"v": "fake"})

    def identity(self) -> tuple[str, dict[str, str]] | None:
        return self.version, {"v": "fake"}


def eventetl_job() -> dg.JobDefinition:
    """The partition job on the multiprocess executor, against the test database."""
    settings = load_settings({"EVENTETL_PARTITION_START": date(2024, 11, 1).isoformat()})
    definitions = build_definitions(
        settings,
        resources={
            "database": DatabaseResource(url=os.environ[DATABASE_ENV]),
            "inbox": InboxResource(path=str(SAMPLES)),
            "coder": FakeCoderResource(),
        },
    )
    return definitions.resolve_job_def(JOB_NAME)
