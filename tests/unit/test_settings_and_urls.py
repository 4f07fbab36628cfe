"""Settings come from the environment with clear errors; database URLs never leak passwords."""

from __future__ import annotations

import pytest

from etl.load.database import dagster_storage_url, ensure_driver, mask_url
from etl.settings import load_settings


def test_defaults_without_environment() -> None:
    settings = load_settings({"HOME": "/home/u"})
    assert settings.database_url is None
    assert settings.quarantine_threshold == 0.05
    assert settings.embedded_data_dir.name == "pgdata"


def test_bad_threshold_names_the_variable() -> None:
    with pytest.raises(ValueError, match="EVENTETL_QUARANTINE_THRESHOLD"):
        load_settings({"EVENTETL_QUARANTINE_THRESHOLD": "lots"})


def test_bad_partition_start_names_the_variable() -> None:
    with pytest.raises(ValueError, match="EVENTETL_PARTITION_START"):
        load_settings({"EVENTETL_PARTITION_START": "yesterday"})


def test_password_is_masked() -> None:
    masked = mask_url("postgresql+psycopg://alice:s3cret@db.example/events")
    assert "s3cret" not in masked
    assert "alice" in masked


def test_bare_url_gets_psycopg3_and_dagster_gets_psycopg2() -> None:
    url = ensure_driver("postgresql://alice:pw@h/db")
    assert url.startswith("postgresql+psycopg://")
    assert dagster_storage_url(url).startswith("postgresql+psycopg2://")
