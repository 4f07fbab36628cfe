"""Analysis-view latency on 1M events: ``v_daily_counts`` for one country and year and
``v_dyads`` (the view's body) for one year, with ``EXPLAIN (ANALYZE, BUFFERS)``.

Usage: ``uv run python bench/queries.py [--events 1000000] [--repeat 5]``

Events are spread over 5 years, 50 countries and every CAMEO root (``synthetic_events``) and
COPYed straight into ``event`` of a scratch database migrated to head, then ANALYZEd. Each query
runs once to warm the cache, then ``--repeat`` times; the best and the median are printed.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import git_commit, machine_description, scratch_database, synthetic_events

from etl.load.database import libpq_url

FIRST = date(2020, 1, 1)
DAYS = 5 * 365
QUERIES = {
    # target in ms, SQL
    "v_daily_counts, SYR, 2022": (
        100,
        "SELECT event_date, event_type, events, fatalities FROM v_daily_counts "
        "WHERE iso3 = 'SYR' AND event_date BETWEEN '2022-01-01' AND '2022-12-31' "
        "ORDER BY event_date, event_type",
    ),
    # v_dyads has no date column to filter on (it aggregates over all days), so "one year" is
    # the view's own SELECT with an event_date range: what a yearly dyad report runs.
    "v_dyads body, 2022": (
        300,
        "SELECT e.actor1_code, e.actor2_code, e.quad_class, e.origin, count(*) AS events, "
        "avg(e.goldstein) AS mean_goldstein, sum(e.fatalities) AS fatalities "
        "FROM event e WHERE e.quad_class IS NOT NULL "
        "AND (e.actor1_code IS NOT NULL OR e.actor2_code IS NOT NULL) "
        "AND e.event_date BETWEEN '2022-01-01' AND '2022-12-31' "
        "GROUP BY e.actor1_code, e.actor2_code, e.quad_class, e.origin ORDER BY events DESC",
    ),
    "v_dyads (all years)": (
        None,
        "SELECT actor1_code, actor2_code, quad_class, origin, events, mean_goldstein, fatalities "
        "FROM v_dyads ORDER BY events DESC",
    ),
}


def load(url: str, events: int, chunk: int = 100_000) -> float:
    """COPY ``events`` synthetic rows into ``event``; the seconds it took."""
    started = time.perf_counter()
    with psycopg.connect(libpq_url(url)) as conn:
        for seed, offset in enumerate(range(0, events, chunk)):
            frame = synthetic_events(
                min(chunk, events - offset), first_day=FIRST, days=DAYS, seed=seed
            )
            buffer = io.BytesIO()
            frame.write_csv(
                buffer, include_header=False, null_value=r"\N", quote_style="non_numeric"
            )
            columns = ", ".join(f'"{c}"' for c in frame.columns)
            sql = f"COPY event ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
            with conn.cursor() as cursor, cursor.copy(sql) as copy:
                copy.write(buffer.getbuffer())
            conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE event")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"command: uv run python bench/queries.py --events {args.events} --repeat {args.repeat}")
    print(f"machine: {machine_description()}; commit {git_commit()}")
    with scratch_database() as url:
        seconds = load(url, args.events)
        print(f"loaded {args.events:,} events by COPY + VACUUM ANALYZE in {seconds:.1f} s")
        with psycopg.connect(libpq_url(url), autocommit=True) as conn:
            for name, (target, sql) in QUERIES.items():
                conn.execute(sql).fetchall()  # warm the cache
                runs = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    rows = conn.execute(sql).fetchall()
                    runs.append((time.perf_counter() - started) * 1000)
                goal = f" (target < {target} ms)" if target else ""
                print(
                    f"\n{name}: {len(rows):,} rows, best {min(runs):.1f} ms, "
                    f"median {statistics.median(runs):.1f} ms{goal}"
                )
                print(f"  {sql}")
                plan = conn.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}").fetchall()
                print("\n".join(f"    {line}" for (line,) in plan))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
