"""Throughput of the pipeline with 1 and 2 worker processes: per-partition runs in parallel.

Usage: ``uv run python bench/parallel.py [--articles 150] [--partitions 2]``

``--partitions`` days of ``--articles`` template articles each are written to an inbox. First
each partition is run alone, one after the other (``eventetl run --partition DAY``: 1 worker);
then, on a fresh database, all partitions are started at once, one process each (2 workers on
2 partitions) -- what Dagster's multiprocess executor (or one run per partition under a
run queue with ``max_concurrent_runs`` 2) does. Throughput is articles / wall time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import incremental
from _common import git_commit, machine_description, scratch_database

ROOT = Path(__file__).resolve().parents[1]


def command(inbox: Path, day: str) -> list[str]:
    return ["uv", "run", "--quiet", "eventetl", "run", "--inbox", str(inbox), "--partition", day]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--partitions", type=int, default=2)
    args = parser.parse_args()
    print(
        f"command: uv run python bench/parallel.py --articles {args.articles} "
        f"--partitions {args.partitions}"
    )
    print(f"machine: {machine_description()}; commit {git_commit()}")
    days = [(date(2024, 6, 3) + timedelta(days=i)).isoformat() for i in range(args.partitions)]
    total = args.articles * len(days)
    with tempfile.TemporaryDirectory() as folder:
        inbox = Path(folder) / "inbox"
        inbox.mkdir()
        for index, day in enumerate(days):
            incremental.DAY = day
            incremental.write_articles(
                inbox / f"{day}.jsonl", args.articles, seed=index, prefix=f"p{index}"
            )
        for workers in (1, len(days)):
            with scratch_database() as url:
                env = {
                    **os.environ,
                    "EVENTETL_DATABASE_URL": url,
                    "EVENTETL_HOME": str(Path(folder) / f"home{workers}"),
                }
                started = time.perf_counter()
                if workers == 1:
                    for day in days:
                        subprocess.run(
                            command(inbox, day), cwd=ROOT, env=env, check=True, capture_output=True
                        )
                else:
                    # One EVENTETL_HOME per process: the local Dagster instance is SQLite, which
                    # concurrent processes cannot initialise together (a shared deployment uses
                    # the Postgres instance, dagster_project/dagster.postgres.yaml).
                    running = [
                        subprocess.Popen(
                            command(inbox, day),
                            cwd=ROOT,
                            env={**env, "EVENTETL_HOME": str(Path(folder) / f"home-{day}")},
                            stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT,
                            text=True,
                        )
                        for day in days
                    ]
                    for process in running:
                        output, _ = process.communicate()
                        if process.returncode != 0:
                            raise RuntimeError(f"a parallel partition run failed:\n{output}")
                seconds = time.perf_counter() - started
                print(
                    f"{workers} worker(s): {total} articles in {len(days)} partitions in "
                    f"{seconds:.1f} s = {total / seconds:.1f} articles/s"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
