"""ACLED and GDELT export rates of ``eventetl export`` on 1M events, with peak memory.

Usage: ``uv run python bench/export.py [--events 1000000]``

Synthetic events (5 years, 50 countries, every CAMEO root and ACLED type) are COPYed straight
into ``event`` of a scratch database, then ``write_export`` writes each layout to a file under
/tmp, as ``eventetl export --format acled|gdelt --out FILE`` does (stable export keys are
assigned on the first export, as in real use, and counted in its time). Peak RSS is printed
after each export: flat memory means it does not grow with the number of rows. On Linux the
peak is also reset after loading (``/proc/self/clear_refs``), so that the exports' own peak
shows apart from the synthetic load's.
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


def _reset_peak_rss() -> bool:
    """Reset the kernel's peak RSS (VmHWM) of this process; False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _status_mb(field: str) -> str:
    """A memory figure of /proc/self/status (VmHWM: peak since the reset, VmRSS: now) as text."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return f"{int(line.split()[1]) / 1024:,.0f} MB"
    return "n/a"


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
        reset = _reset_peak_rss()
        if reset:
            print(f"RSS as the exports start: {_status_mb('VmRSS')}")
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
                f"rows/s ({out.stat().st_size / 1e6:,.0f} MB); peak RSS {peak_rss_mb():,.0f} MB"
                + (f", since the load {_status_mb('VmHWM')}" if reset else "")
                + " (target >= 100,000 rows/s)"
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
