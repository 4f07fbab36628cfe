"""Command entry points of the sources, for ``etl/cli.py`` to call (no Typer here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from etl.settings import load_settings
from etl.sources.gdelt import DEFAULT_BASE_URL, GdeltError, Importer, backfill_since
from etl.sources.http import SourceClient


def gdelt_work_dir() -> Path:
    """Where verified GDELT CSVs are extracted before import: ``$EVENTETL_HOME/sources/gdelt``."""
    return load_settings().home / "sources" / "gdelt"


def gdelt_base_url() -> str:
    """``EVENTETL_GDELT_BASE_URL`` or GDELT's v2 folder."""
    return os.environ.get("EVENTETL_GDELT_BASE_URL") or DEFAULT_BASE_URL


def gdelt_backfill(
    since: str,
    *,
    base_url: str | None = None,
    work_dir: Path | None = None,
    importer: Importer | None = None,
    client: SourceClient | None = None,
) -> int:
    """Import every GDELT events export published after ``since``.

    This is ``eventetl import gdelt --since YYYYMMDDHHMMSS``. One line per file goes to
    stdout; failures (bad MD5, truncated archive, network) are listed and the rest still go in.

    Args:
        since: ``YYYYMMDDHHMMSS`` (UTC); files with a later timestamp are imported.
        base_url: GDELT's v2 folder (default: ``EVENTETL_GDELT_BASE_URL`` or GDELT's own).
        work_dir: where CSVs are extracted (default: :func:`gdelt_work_dir`).
        importer: imports one CSV (default: the interop GDELT import).
        client: the HTTP client (default: a new one with the standard retries and rate limit).

    Returns:
        The exit code: 0 all imported, 1 some files failed or the file list could not be
        read, 2 ``since`` is not a timestamp.
    """
    from etl.sources.gdelt import default_importer

    try:
        result = backfill_since(
            base_url or gdelt_base_url(),
            since,
            work_dir=work_dir or gdelt_work_dir(),
            importer=importer or default_importer,
            client=client,
            progress=print,
        )
    except ValueError as exc:
        print(f"error: --since: {exc}", file=sys.stderr)
        return 2
    except GdeltError as exc:
        print(f"error: {exc.reason}", file=sys.stderr)
        return 1
    print(
        f"GDELT backfill since {since}: {len(result.done)} file(s) imported, "
        f"{len(result.failed)} failed"
    )
    for timestamp, reason in result.failed:
        print(f"failed {timestamp}: {reason}", file=sys.stderr)
    if result.failed:
        print("run the same command again to retry the failed file(s)", file=sys.stderr)
    return 1 if result.failed else 0
