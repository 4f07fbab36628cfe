"""The Dagster database resource checks the schema as the CLI does (regression tests written
with the change): `dg launch` on an empty database migrated nothing and failed on its first
query with 'relation "document" does not exist'."""

from __future__ import annotations

import dagster as dg
import pytest
from sqlalchemy import create_engine, inspect, text

from dagster_project.defs.resources import DatabaseResource
from etl.load.database import ensure_driver


def test_an_empty_database_is_migrated_on_first_use(new_database: str) -> None:
    engine = DatabaseResource(url=new_database).engine()
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert {"alembic_version", "document", "event", "quarantine"} <= tables


def test_a_database_with_foreign_tables_fails_the_step_with_one_line(new_database: str) -> None:
    foreign = create_engine(ensure_driver(new_database))
    with foreign.begin() as conn:
        conn.execute(text("CREATE TABLE someone_elses (id int)"))
    foreign.dispose()
    with pytest.raises(dg.Failure) as failure:
        DatabaseResource(url=new_database).engine()
    assert "no eventetl schema" in (failure.value.description or "")
