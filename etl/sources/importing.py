"""Hand a fetched ACLED or GDELT file to the interop importer (imported lazily).

The interop package owns reading, validating and upserting those files; the sources only
fetch them. Importing it lazily keeps the pollers light and lets them run (and be tested up
to the verified file) in a checkout where the importer is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ImportFailed(Exception):
    """The importer is missing or could not load the file; nothing was loaded."""


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What the importer did with one file (``flagged``: rows loaded with quality flags)."""

    rows: int
    inserted: int
    updated: int
    unchanged: int
    quarantined: int
    summary: str
    flagged: int = 0

    @property
    def loaded(self) -> int:
        """Rows now in ``event`` (inserted, updated or already there)."""
        return self.inserted + self.updated + self.unchanged


def import_events_file(kind: str, path: Path, *, url: str | None = None) -> ImportCounts:
    """Import an ``acled`` or ``gdelt`` file in one transaction (rejects go to quarantine).

    Args:
        kind: ``acled`` or ``gdelt``.
        path: the file.
        url: the database (default: the configured one).

    Raises:
        ImportFailed: the importer is not installed, or the file could not be loaded.
    """
    try:
        from etl.interop.commands import run_import
        from etl.interop.errors import InteropError
    except ImportError as exc:
        raise ImportFailed(
            f"the {kind} importer (etl.interop.commands.run_import) is not available ({exc}); "
            f"{path.name} was not loaded"
        ) from None
    from etl.load.database import make_engine

    engine = make_engine(url)
    try:
        report = run_import(kind, path, engine=engine)
    except InteropError as exc:
        raise ImportFailed(f"{path.name}: nothing loaded: {exc}") from None
    finally:
        engine.dispose()
    return ImportCounts(
        rows=report.rows,
        inserted=report.inserted,
        updated=report.updated,
        unchanged=report.unchanged,
        quarantined=sum(report.rejected.values()),
        summary=report.summary(),
        flagged=report.flagged_rows,
    )
