"""ACLED and GDELT export rates of ``eventetl export`` on 1M events, with peak memory.

Usage: ``uv run python bench/export.py [--events 1000000]``

Synthetic events (5 years, 50 countries, every CAMEO root and ACLED type) are COPYed straight
into ``event`` of a scratch database, then ``write_export`` writes each layout to a file under
/tmp, as ``eventetl export --format acled|gdelt --out FILE`` does (stable export keys are
assigned on the first export, as in real use, and counted in its time). Peak RSS is printed
after each export: flat memory means it does not grow with the number of rows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import git_commit, machine_description, peak_rss_mb, scratch_database
from queries import load

from etl.interop.commands import parse_filter, write_export


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"command: uv run python bench/export.py --events {args.events}")
    print(f"machine: {machine_description()}; commit {git_commit()}")
    with scratch_database() as url, tempfile.TemporaryDirectory() as folder:
        seconds = load(url, args.events)
        print(f"loaded {args.events:,} events by COPY in {seconds:.1f} s")
        print(f"peak RSS before exports: {peak_rss_mb():,.0f} MB")
        engine = create_engine(url)
        for fmt in ("acled", "gdelt", "acled", "gdelt"):
            out = Path(folder) / f"export.{fmt}"
            started = time.perf_counter()
            with out.open("w", encoding="utf-8", newline="") as handle:
                written = write_export(
                    fmt, handle, engine=engine, where=parse_filter(None, None, None)
                )
            seconds = time.perf_counter() - started
            print(
                f"{fmt} export: {written:,} rows in {seconds:.1f} s = {written / seconds:,.0f} "
                f"rows/s ({out.stat().st_size / 1e6:,.0f} MB); peak RSS {peak_rss_mb():,.0f} MB "
                "(target >= 100,000 rows/s)"
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
