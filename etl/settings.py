"""One place for configuration, read from the environment when asked for (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_PARTITION_START = "2024-01-01"
DEFAULT_QUARANTINE_THRESHOLD = 0.05


@dataclass(frozen=True, slots=True)
class Settings:
    """Runtime settings.

    Attributes:
        database_url: SQLAlchemy URL (``postgresql+psycopg://``); ``None``: the embedded server.
        home: where eventetl keeps the embedded database, the local Dagster instance and caches.
        inbox: the folder the pipeline reads articles from.
        dictionary_path: extra coder dictionaries that add to or override the bundled ones.
        quarantine_threshold: failure rate above which a partition's load is blocked.
        partition_start: first day of the daily partitions.
    """

    database_url: str | None
    home: Path
    inbox: Path
    dictionary_path: Path | None
    quarantine_threshold: float
    partition_start: date

    @property
    def embedded_data_dir(self) -> Path:
        return self.home / "pgdata"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def cache_dir(self) -> Path:
        """Derived data that can be rebuilt at any time (e.g. the coder's compiled lexicon)."""
        return self.home / "cache"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read settings from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    home = Path(env.get("EVENTETL_HOME") or Path.home() / ".local" / "share" / "eventetl")
    dictionary_path = env.get("EVENTETL_DICTIONARY_PATH")
    threshold_text = env.get("EVENTETL_QUARANTINE_THRESHOLD", str(DEFAULT_QUARANTINE_THRESHOLD))
    try:
        threshold = float(threshold_text)
    except ValueError as exc:
        raise ValueError(
            "EVENTETL_QUARANTINE_THRESHOLD must be a number between 0 and 1, "
            f"got {threshold_text!r}"
        ) from exc
    start_text = env.get("EVENTETL_PARTITION_START", DEFAULT_PARTITION_START)
    try:
        start = date.fromisoformat(start_text)
    except ValueError as exc:
        raise ValueError(
            f"EVENTETL_PARTITION_START must be a date YYYY-MM-DD, got {start_text!r}"
        ) from exc
    return Settings(
        database_url=env.get("EVENTETL_DATABASE_URL") or None,
        home=home,
        inbox=Path(env.get("EVENTETL_INBOX") or "samples/articles"),
        dictionary_path=Path(dictionary_path) if dictionary_path else None,
        quarantine_threshold=threshold,
        partition_start=start,
    )
