"""Import and export rates of the interop commands on generated 100k-row GDELT and ACLED files.

Usage (from the repository root)::

    uv run python bench/interop_rates.py [--rows 100000] [--server URL]

The server defaults to ``EVENTETL_DATABASE_URL`` or the local PostgreSQL on 127.0.0.1:5432. A
scratch database is created, migrated, used and dropped. The files are made by repeating the
bundled test rows (the real GDELT 2.0 slice; our own ACLED-layout rows, today's and the pre-2022
layout) with fresh ids, so the values are realistic and every row is valid. Then the whole real
GDELT file in ``../shared/reference/gdelt`` (2,111 rows) is imported, when it is there, and what
became of its rows is printed (loaded, flagged, quarantined).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.interop.commands import parse_filter, run_import, write_export  # noqa: E402
from etl.load import migrate  # noqa: E402
from etl.load.database import ensure_driver  # noqa: E402

DATA = ROOT / "tests" / "data"
GDELT_SOURCE = DATA / "gdelt_v2_20191024143000_head200.export.CSV"
ACLED_SOURCE = DATA / "acled_iso_dates_numeric.csv"
ACLED_2020_SOURCE = DATA / "acled_layout_2020_no_disorder_type.csv"
REAL_GDELT = ROOT.parent / "shared" / "reference" / "gdelt" / "gdelt_v2_20191024143000.export.CSV"


def make_gdelt(path: Path, rows: int) -> None:
    """``rows`` GDELT 2.0 lines: the real slice repeated with fresh GLOBALEVENTIDs."""
    lines = [line.split("\t") for line in GDELT_SOURCE.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        for n in range(rows):
            fields = list(lines[n % len(lines)])
            fields[0] = str(1_000_000_000 + n)
            handle.write("\t".join(fields) + "\n")


def make_acled(path: Path, rows: int, source_file: Path = ACLED_SOURCE) -> None:
    """``rows`` ACLED rows in the 31-column layout, our sample rows with fresh event ids."""
    with source_file.open(encoding="utf-8", newline="") as handle:
        source = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(source[0]))
        writer.writeheader()
        for n in range(rows):
            row = dict(source[n % len(source)])
            row["event_id_cnty"] = f"{row['event_id_cnty'][:3]}{100_000 + n}"
            writer.writerow(row)


def bench_one(kind: str, path: Path, out: Path, engine: Engine, rows: int) -> None:
    """Import ``path``, export everything of ``kind`` to ``out``; print both rates."""
    size = path.stat().st_size / 1e6
    start = time.perf_counter()
    report = run_import(kind, path, engine=engine)
    seconds = time.perf_counter() - start
    print(
        f"{kind} import: {rows} rows ({size:.1f} MB) in {seconds:.1f} s = "
        f"{rows / seconds:,.0f} rows/s ({report.loaded} loaded, {report.flagged_rows} of them "
        f"flagged, {sum(report.rejected.values())} quarantined)"
    )
    start = time.perf_counter()
    with out.open("w", encoding="utf-8", newline="") as handle:
        written = write_export(kind, handle, engine=engine, where=parse_filter(None, None, None))
    seconds = time.perf_counter() - start
    print(f"{kind} export: {written} rows in {seconds:.1f} s = {written / seconds:,.0f} rows/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--server", default=os.environ.get("EVENTETL_DATABASE_URL"))
    args = parser.parse_args()
    server = ensure_driver(args.server or "postgresql://postgres@127.0.0.1:5432/postgres")
    admin = make_url(server).set(drivername="postgresql", database="postgres")
    name = f"eventetl_bench_{uuid.uuid4().hex[:8]}"
    admin_dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    print(f"command: uv run python bench/interop_rates.py --rows {args.rows}")
    print(f"database: scratch {name} on {make_url(server).host or 'local socket'}")
    try:
        migrate.upgrade(url)
        engine = create_engine(url)
        with tempfile.TemporaryDirectory() as folder:
            for kind, make, suffix in (
                ("gdelt", make_gdelt, "export.CSV"),
                ("acled", make_acled, "csv"),
            ):
                path = Path(folder) / f"bench_{kind}.{suffix}"
                make(path, args.rows)
                bench_one(kind, path, Path(folder) / f"out_{kind}", engine, args.rows)
            path = Path(folder) / "bench_acled_2020.csv"
            make_acled(path, args.rows, ACLED_2020_SOURCE)
            start = time.perf_counter()
            report = run_import("acled", path, engine=engine)
            seconds = time.perf_counter() - start
            print(
                f"acled import, pre-2022 layout (no disorder_type): {args.rows} rows in "
                f"{seconds:.1f} s = {args.rows / seconds:,.0f} rows/s ({report.loaded} loaded, "
                f"{report.flagged_rows} flagged, {sum(report.rejected.values())} quarantined)"
            )
        if REAL_GDELT.is_file():
            report = run_import("gdelt", REAL_GDELT, engine=engine)
            print(f"real GDELT file: {report.summary()}")
        engine.dispose()
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
