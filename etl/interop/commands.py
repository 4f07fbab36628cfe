"""The ``eventetl import`` and ``eventetl export`` commands.

``import_file`` reads an ACLED or GDELT file in batches, validates each batch with the pipeline's
Great Expectations suite, and loads the file in one transaction (rejects go to quarantine).
``export_events`` streams the ``v_events_acled`` / ``v_events_gdelt`` views into ACLED's or
GDELT 2.0's layout.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import polars as pl
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from sqlalchemy import Engine

from etl.interop import acled, gdelt
from etl.interop.errors import InteropError, RowProblem
from etl.interop.frames import LINE
from etl.load.exports import ExportFilter, assign_export_keys, copy_rows, count_rows
from etl.load.imports import QuarantineRow, import_session

KINDS = ("acled", "gdelt")
FORMATS = ("acled", "gdelt")
INTERACTION_FORMS = ("numeric", "text")


@dataclass
class ImportReport:
    """What an import did.

    Attributes:
        path: the file.
        rows: data rows read (good and bad).
        inserted, updated, unchanged: what happened to the valid rows.
        rejected: rows sent to quarantine, per check name.
        duplicates: rows whose key appeared again later in the file (loaded once).
        flagged_rows: rows loaded with plausibility warnings (``event.quality_flags``).
        flagged: those warnings, per check name (a row may carry several).
    """

    path: Path
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    flagged_rows: int = 0
    flagged: Counter[str] = field(default_factory=Counter)

    @property
    def loaded(self) -> int:
        """Valid rows that are now in ``event`` (inserted, updated or already there)."""
        return self.inserted + self.updated + self.unchanged

    def summary(self) -> str:
        """A few lines for the terminal."""
        lines = [
            f"{self.path}: {self.rows} rows read; {self.inserted} inserted, {self.updated} "
            f"updated, {self.unchanged} unchanged, {sum(self.rejected.values())} quarantined"
            + (f", {self.duplicates} repeated keys loaded once" if self.duplicates else "")
        ]
        if self.flagged_rows:
            lines.append(
                f"  {self.flagged_rows} loaded rows carry quality flags (event.quality_flags): "
                "plausibility warnings, the rows are as published"
            )
        for name, count in sorted(self.flagged.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  flagged     {count:>7}  {name}")
        for name, count in self.rejected.most_common():
            lines.append(f"  quarantined {count:>7}  {name}")
        return "\n".join(lines)


def run_import(
    kind: str,
    path: Path,
    *,
    engine: Engine,
    batch_size: int = 50_000,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one ACLED or GDELT file; a file that cannot be read at all is recorded as failed.

    See :func:`_import` for the arguments. The unreadable file gets an ``ingest_file`` row with
    status ``failed`` and its error, so it is never lost silently.

    Raises:
        InteropError: the file cannot be read at all; nothing was loaded.
    """
    from etl.load.imports import record_unreadable_file

    try:
        return _import(
            kind, path, engine=engine, batch_size=batch_size, today=today, progress=progress
        )
    except InteropError as exc:
        if kind in KINDS:
            record_unreadable_file(engine, path, str(exc))
        raise


def _import(
    kind: str,
    path: Path,
    *,
    engine: Engine,
    batch_size: int = 50_000,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one ACLED or GDELT file into ``event`` (one transaction; rejects to quarantine).

    Args:
        kind: ``acled`` or ``gdelt``.
        path: the file (ACLED: CSV or XLSX; GDELT: 2.0, 1.0 daily or 1.0 backfile events).
        engine: the database.
        batch_size: rows read and validated at a time (bounds memory).
        today: the validation's "future" reference day (default: today).
        progress: a rich progress display to advance, if any.

    Returns:
        The counts of what happened.

    Raises:
        InteropError: the file cannot be read at all; nothing was loaded.
    """
    from etl.validation import validate_events  # lazy: imports Great Expectations

    if kind not in KINDS:
        raise InteropError(f"unknown import kind {kind!r}: use acled or gdelt")
    reader = acled.read_acled if kind == "acled" else gdelt.read_gdelt
    report = ImportReport(path=path)
    task = progress.add_task(f"import {path.name}", total=None) if progress else None
    source_file = str(path.resolve())
    with import_session(engine, origin=kind, source_file=source_file) as session:
        for frame, problems in reader(path, batch_size=batch_size):
            report.rows += frame.height + len(problems)
            session.quarantine([_from_problem(p) for p in problems])
            report.rejected.update(p.check_name for p in problems)
            if frame.height:
                # Others' rows load as published: plausibility checks flag, not reject, them.
                outcome = validate_events(frame, today=today, flag_plausibility=True)
                session.quarantine(list(_from_rejected(outcome.rejected, path)))
                report.rejected.update(outcome.rejected["check_name"].to_list())
                report.flagged_rows += len(outcome.flagged)
                for names in outcome.flagged.values():
                    report.flagged.update(names)
                session.stage(outcome.valid)
            if progress is not None and task is not None:
                progress.advance(task, frame.height + len(problems))
        counts = session.merge(newer_only=kind == "acled")
    report.inserted, report.updated, report.unchanged = (
        counts.inserted,
        counts.updated,
        counts.unchanged,
    )
    report.duplicates = counts.staged - counts.distinct
    return report


def _from_problem(problem: RowProblem) -> QuarantineRow:
    return QuarantineRow(
        line=problem.line,
        check_name=problem.check_name,
        reason=problem.reason,
        payload=problem.payload,
        partition=problem.partition,
    )


def _from_rejected(rejected: pl.DataFrame, path: Path) -> Iterator[QuarantineRow]:
    for row in rejected.iter_rows(named=True):
        line = row.pop(LINE, None)
        reason = row.pop("reason")
        check_name = row.pop("check_name")
        payload = {k: v for k, v in row.items() if v is not None}
        event_date = row.get("event_date")
        yield QuarantineRow(
            line=line,
            check_name=check_name,
            reason=f"{path.name}, line {line}: {reason}",
            payload=payload,
            partition=event_date.isoformat() if event_date else None,
        )


def import_file(kind: str, path: Path, *, url: str | None = None) -> int:
    """The ``eventetl import acled|gdelt FILE`` command.

    Returns:
        The exit code: 0 when the file loaded (rows that failed validation are quarantined and
        counted), 1 when the file could not be read or loaded, 2 for a wrong kind.
    """
    from etl.load.database import make_engine, mask_url

    err = Console(stderr=True, soft_wrap=True)  # never break a path mid-message
    if kind not in KINDS:
        err.print(f"eventetl import: unknown kind {kind!r}; use acled or gdelt", markup=False)
        return 2
    engine = make_engine(url)
    try:
        with _progress(err) as progress:
            report = run_import(kind, path, engine=engine, progress=progress)
    except InteropError as exc:
        err.print(f"eventetl import {kind}: {exc}", markup=False)
        return 1
    except Exception as exc:  # a database error must name the file, never a password
        # The driver's first line, not SQLAlchemy's text (which carries the whole statement).
        cause = getattr(exc, "orig", None) or exc
        reason = (str(cause).strip().splitlines() or [""])[0]
        err.print(
            f"eventetl import {kind}: {path}: nothing loaded: {type(cause).__name__}: {reason} "
            f"(database {mask_url(engine.url.render_as_string(hide_password=False))})",
            markup=False,
        )
        return 1
    finally:
        engine.dispose()
    print(report.summary())
    return 0


# --- export -----------------------------------------------------------------------------------


def parse_filter(date_from: str | None, date_to: str | None, country: str | None) -> ExportFilter:
    """The export filter from the command's options.

    Raises:
        InteropError: a date is not YYYY-MM-DD, or the country is not an ISO3 code.
    """

    def day(option: str, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InteropError(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None

    iso3 = country.strip().upper() if country else None
    if iso3 is not None and (len(iso3) != 3 or not iso3.isalpha()):
        raise InteropError(f"--country must be an ISO3 code such as SYR, got {country!r}")
    where = ExportFilter(day("--from", date_from), day("--to", date_to), iso3)
    if where.date_from and where.date_to and where.date_from > where.date_to:
        raise InteropError(f"--from {date_from} is after --to {date_to}")
    return where


def write_export(
    fmt: str,
    stream: IO[str],
    *,
    engine: Engine,
    where: ExportFilter,
    interaction: str = "numeric",
    progress: Progress | None = None,
) -> int:
    """Write the events matching ``where`` to ``stream`` in ACLED's or GDELT 2.0's layout.

    PostgreSQL formats the values (``COPY`` of the layout's select list); this moves the bytes.

    Returns:
        The number of rows written.
    """
    assign_export_keys(engine, fmt, where)
    task = None
    if progress is not None:
        task = progress.add_task(f"export {fmt}", total=count_rows(engine, fmt, where))
    write = _byte_writer(stream)
    if fmt == "acled":
        write(acled.header_line())
        columns, select_list = acled.COLUMNS, acled.export_select_list(interaction)
        options, lines = acled.COPY_OPTIONS, acled.csv_lines
    else:
        columns, select_list = gdelt.VIEW_COLUMNS, gdelt.export_select_list()
        options, lines = gdelt.COPY_OPTIONS, gdelt.tsv_lines
    written = 0
    for rows in copy_rows(engine, fmt, columns, select_list, where, options=options):
        write(lines(rows))
        written += len(rows)
        if task is not None:
            progress.update(task, completed=written)  # type: ignore[union-attr]
    return written


def _byte_writer(stream: IO[str]) -> Callable[[bytes], object]:
    """Write UTF-8 bytes to a text stream: to its binary buffer when it has one in UTF-8."""
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is not None and encoding and codecs.lookup(encoding).name == "utf-8":
        stream.flush()  # whatever was written as text goes first
        return buffer.write
    return lambda data: stream.write(data.decode("utf-8"))


def export_events(
    fmt: str,
    *,
    out: Path | None,
    date_from: str | None,
    date_to: str | None,
    country: str | None,
    interaction: str = "numeric",
    url: str | None = None,
) -> int:
    """The ``eventetl export`` command.

    Returns:
        The exit code: 0 written, 2 for a wrong option, 1 when the export failed.
    """
    from etl.load.database import make_engine

    err = Console(stderr=True, soft_wrap=True)  # never break a path mid-message
    if fmt not in FORMATS:
        err.print(f"eventetl export: --format must be acled or gdelt, got {fmt!r}", markup=False)
        return 2
    if interaction not in INTERACTION_FORMS:
        err.print(
            f"eventetl export: --interaction must be numeric or text, got {interaction!r}",
            markup=False,
        )
        return 2
    try:
        where = parse_filter(date_from, date_to, country)
    except InteropError as exc:
        err.print(f"eventetl export: {exc}", markup=False)
        return 2
    engine = make_engine(url)
    target = out.with_name(f".{out.name}.partial") if out is not None else None
    try:
        with contextlib.ExitStack() as stack:
            if target is not None:
                stream: IO[str] = stack.enter_context(
                    target.open("w", encoding="utf-8", newline="")
                )
            else:
                stream = sys.stdout
            progress = stack.enter_context(_progress(err))
            written = write_export(
                fmt, stream, engine=engine, where=where, interaction=interaction, progress=progress
            )
        if target is not None and out is not None:
            target.replace(out)  # a complete file or none: never a half-written export
    except BrokenPipeError:
        # The reader went away (``| head``); stop quietly, as other command-line tools do.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return 0
    except OSError as exc:
        err.print(f"eventetl export: cannot write {out or 'stdout'}: {exc}", markup=False)
        return 1
    finally:
        engine.dispose()
        if target is not None:
            target.unlink(missing_ok=True)
    if out is not None:
        err.print(f"{written} events written to {out} ({fmt})", markup=False)
    return 0


@contextlib.contextmanager
def _progress(console: Console) -> Iterator[Progress | None]:
    """A progress bar on stderr when it is a terminal; nothing when piped or redirected."""
    if not console.is_terminal:
        yield None
        return
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    with progress:
        yield progress
