"""Shared fixtures: one fresh PostgreSQL database per test run, migrated to head, dropped after.

The server is, in order: ``EVENTETL_TEST_DATABASE_URL``; the machine's PostgreSQL on
127.0.0.1:5432 if it answers; otherwise the embedded server under a temporary EVENTETL_HOME.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis_profiles import PROFILE  # loads the hypothesis profile before any test module
from sqlalchemy import Engine, create_engine, text

from etl.load import migrate
from etl.load.database import embedded_url, ensure_driver, stop_embedded, temporary_database

DATA_TABLES = (
    "event_mention",
    "event",
    "sentence",
    "document",
    "quarantine",
    "coding_run",
    "ingest_file",
    "pipeline_output",
)


def pytest_report_header() -> str:
    return f"hypothesis profile: {PROFILE} (HYPOTHESIS_PROFILE=ci|fuzz)"


def _local_server_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _server_url(tmp_root: Path) -> tuple[str, Path | None]:
    """The server's admin URL, and the embedded data directory when the tests started one."""
    configured = os.environ.get("EVENTETL_TEST_DATABASE_URL")
    if configured:
        return ensure_driver(configured), None
    if _local_server_answers():
        return "postgresql+psycopg://postgres@127.0.0.1:5432/postgres", None
    data_dir = tmp_root / "pgdata"
    return embedded_url(data_dir, database="postgres"), data_dir


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Admin URL of the PostgreSQL server this test run uses."""
    url, embedded_dir = _server_url(tmp_path_factory.mktemp("embedded"))
    yield url
    if embedded_dir is not None:
        stop_embedded(embedded_dir)


@pytest.fixture
def new_database(server_url: str) -> Iterator[str]:
    """An empty database (no migrations applied) for tests that walk the migration history."""
    with temporary_database(server_url, "eventetl_test") as url:
        yield url


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    """URL of a fresh database at Alembic head, private to this test run."""
    with temporary_database(server_url, "eventetl_test") as url:
        migrate.upgrade(url)
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clean_db(engine: Engine, database_url: str) -> str:
    """The test database with every data table emptied (reference tables kept)."""
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(DATA_TABLES)} RESTART IDENTITY CASCADE"))
    return database_url


@pytest.fixture(autouse=True)
def no_validation_helper_left_running() -> Iterator[None]:
    """A test that codes without validating (an asset called alone) leaves GX's helper process
    running; stop it, so the next test validates where it expects to."""
    yield
    from etl.validation import background

    background.stop()
