"""Run Alembic migrations programmatically (the CLI and the tests use this)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from etl.load.database import ensure_driver

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def alembic_config(url: str) -> Config:
    """An Alembic config for ``url`` that reads ``[tool.alembic]`` from pyproject.toml."""
    config = Config(
        file_=str(PROJECT_ROOT / "alembic.ini"),
        toml_file=str(PROJECT_ROOT / "pyproject.toml"),
    )
    config.set_main_option("sqlalchemy.url", ensure_driver(url).replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    engine = create_engine(ensure_driver(url))
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The newest revision this version of eventetl knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("postgresql://")).get_current_head()


class SchemaNotReady(RuntimeError):
    """The database lacks the schema this version needs; the message says what to run."""


def ensure_schema(url: str) -> str | None:
    """Check that the database at ``url`` has the current schema; migrate it when it is empty.

    Args:
        url: the database URL.

    Returns:
        A sentence to show when the database was empty and has just been migrated, else ``None``.

    Raises:
        SchemaNotReady: the database cannot be reached, is behind or ahead of this version, or
            holds other tables; the message is one line naming the command to run.
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    from etl.load.database import mask_url

    shown = mask_url(url)
    head = head_revision()
    engine = create_engine(ensure_driver(url))
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            tables = inspect(connection).get_table_names()
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise SchemaNotReady(f"cannot connect to database {shown}: {reason}") from None
    finally:
        engine.dispose()
    if current == head:
        return None
    if current is None and not tables:
        upgrade(url)
        return f"database {shown} was empty: migrated it to schema revision {head}"
    if current is None:
        raise SchemaNotReady(
            f"database {shown} has tables but no eventetl schema: point EVENTETL_DATABASE_URL "
            "at an empty database (or one made by `eventetl db upgrade`)"
        )
    from alembic.script import ScriptDirectory

    try:
        known = ScriptDirectory.from_config(alembic_config(url)).get_revisions(current)
    except Exception:  # alembic's ResolutionError: a revision from a newer eventetl
        known = ()
    if not known or known[0] is None:
        raise SchemaNotReady(
            f"database {shown} is at schema revision {current}, which this version of eventetl "
            f"does not know (it needs {head}): upgrade eventetl"
        )
    raise SchemaNotReady(
        f"database {shown} is at schema revision {current}, this version needs {head}: "
        "run `eventetl db upgrade`"
    )
