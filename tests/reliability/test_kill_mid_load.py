"""SIGKILL of the loader mid-load: a partition load (``load_partition``) and a GDELT import are
killed at spread-out points; after each kill the database holds the partition's (or file's)
earlier state or its new state in full, never a mix, and a re-run ends with exact counts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHILD = HERE / "kill_child.py"
GDELT_SAMPLE = ROOT / "tests" / "data" / "gdelt_v2_20191024143000_head200.export.CSV"
DAY = date(2024, 6, 1)


@dataclass
class KillLog:
    """What the kill loop saw, for assertions and the report."""

    points: int = 0
    partial: int = 0
    states: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)


def _url_named(url: str, name: str) -> str:
    return (
        make_url(url)
        .update_query_dict({"application_name": name})
        .render_as_string(hide_password=False)
    )


class Child:
    """A loader process (see kill_child.py), started at once, waiting for the go."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def go(self) -> None:
        line = self.process.stdout.readline()
        assert line.strip() == "ready", line
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def run(self) -> float:
        """Go, and wait until it ends; the seconds of its last commit."""
        self.go()
        out, _ = self.process.communicate(timeout=300)
        assert self.process.returncode == 0, out
        return float(out.split()[-1])

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def _phase(engine: Engine, name: str) -> str:
    with engine.connect() as c:
        query = c.execute(
            text(
                "SELECT state || ': ' || left(query, 50) FROM pg_stat_activity "
                "WHERE application_name = :n"
            ),
            {"n": name},
        ).scalar()
    return (query or "(no backend)").split("\n")[0]


def _wait_backend_gone(engine: Engine, name: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    with engine.connect() as c:
        while time.monotonic() < deadline:
            alive = c.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :n"),
                {"n": name},
            ).scalar_one()
            if not alive:
                return
            c.commit()
            time.sleep(0.05)
    raise AssertionError(f"the killed loader's backend {name} is still there")


def _kill_loop(engine: Engine, spawn, state_of, *, points: int, full_seconds: float) -> KillLog:
    """Kill ``points`` loads at delays spread over ``full_seconds`` (and a little past it).

    ``spawn(i)`` starts load number ``i`` and returns (child, application name, its "new" state);
    the next child is started while the current one loads, so it is ready when needed.
    """
    log = KillLog()
    before = state_of()
    current = spawn(1)
    for i in range(1, points + 1):
        child, name, new = current
        child.go()
        current = spawn(i + 1) if i < points else None
        time.sleep(full_seconds * 1.1 * (i - 0.5) / points)
        log.phases.append(_phase(engine, name))
        child.kill()
        # The server would finish the statement in flight before noticing the dead client and
        # rolling back; ending the backend now makes that rollback happen at once.
        with engine.connect() as c:
            c.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :n"
                ),
                {"n": name},
            )
        _wait_backend_gone(engine, name)
        after = state_of()
        log.points += 1
        if after == before:
            log.states.append("old")
        elif after == new:
            log.states.append("new")
            before = after
        else:
            log.partial += 1
            log.states.append(f"partial: {after}")
    return log


# --- the partition load ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def frame_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    from _common import synthetic_events

    path = tmp_path_factory.mktemp("kill") / "events.parquet"
    synthetic_events(200_000, first_day=DAY, days=1, seed=7, partition=DAY).write_parquet(path)
    yield path


def _partition_state(engine: Engine, n: int):
    """``("new", prefix)`` when the partition is exactly one load's rows, else the raw counts."""
    with engine.connect() as c:
        events = c.execute(
            text(
                "SELECT coder_version, count(*), count(DISTINCT id), "
                "bool_and(starts_with(id, coder_version)) FROM event "
                "WHERE partition_date = :d GROUP BY coder_version"
            ),
            {"d": DAY},
        ).all()
        mentions = c.execute(text("SELECT count(*) FROM event_mention")).scalar_one()
        quarantine = c.execute(
            text("SELECT reason, count(*) FROM quarantine WHERE partition = :d GROUP BY reason"),
            {"d": DAY.isoformat()},
        ).all()
        runs = c.execute(
            text("SELECT coder_version, status FROM coding_run WHERE partition = :d ORDER BY id"),
            {"d": DAY.isoformat()},
        ).all()
    if not events and not mentions and not quarantine and not runs:
        return ("empty",)
    if (
        len(events) == 1
        and events[0][1:] == (n, n, True)
        and mentions == n
        and quarantine == [(f"planted by {events[0][0]}", 3)]
        and runs
        and runs[-1] == (events[0][0], "succeeded")
        and all(status == "succeeded" for _, status in runs)
    ):
        return ("new", events[0][0])
    return ("mixed", events, mentions, quarantine, runs)


def _partition_kills(clean_db: str, frame_file: Path, n: int, points: int) -> KillLog:
    engine = create_engine(clean_db)
    frame = frame_file.with_name(f"events_{n}.parquet")
    if not frame.exists():
        pl.read_parquet(frame_file).head(n).write_parquet(frame)

    def command(prefix: str) -> list[str]:
        url = _url_named(clean_db, prefix)
        return ["partition", url, str(frame), DAY.isoformat(), prefix]

    def spawn(i: int) -> tuple[Child, str, tuple]:
        name = f"kill-{i}-"
        return Child(*command(name)), name, ("new", name)

    try:
        # Two complete loads: the first from empty, the second replacing every row (timed).
        for prefix in ("base-a", "base-b"):
            seconds = Child(*command(prefix)).run()
            assert _partition_state(engine, n) == ("new", prefix), _partition_state(engine, n)
        log = _kill_loop(
            engine,
            spawn,
            lambda: _partition_state(engine, n),
            points=points,
            full_seconds=seconds,
        )
        # A re-run completes with exact counts and no duplicates.
        Child(*command("rerun-")).run()
        assert _partition_state(engine, n) == ("new", "rerun-")
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == n
            assert c.execute(text("SELECT count(DISTINCT id) FROM event")).scalar_one() == n
    finally:
        engine.dispose()
    return log


def _report(name: str, log: KillLog) -> None:
    print(f"\n{name}: {log.points} kill points, {log.partial} partial; states {log.states}")
    print("phases at kill: " + " | ".join(log.phases))


def test_partition_load_killed_at_3_points(clean_db: str, frame_file: Path) -> None:
    log = _partition_kills(clean_db, frame_file, n=30_000, points=3)
    _report("partition 30k", log)
    assert log.points == 3 and log.partial == 0, log.states


@pytest.mark.slow
def test_partition_load_of_200k_killed_at_20_points(clean_db: str, frame_file: Path) -> None:
    log = _partition_kills(clean_db, frame_file, n=200_000, points=20)
    _report("partition 200k", log)
    assert log.points == 20 and log.partial == 0, log.states
    assert "old" in log.states, "no kill landed before the commit"


# --- the GDELT import -----------------------------------------------------------------------


def gdelt_file(path: Path, first_id: int, rows: int) -> Path:
    """A GDELT 2.0 file of ``rows`` lines made from the sample's lines, ids from ``first_id``;
    every 50th line is made malformed (a bad GLOBALEVENTID) so that quarantine has rows too."""
    sample = [line.split("\t") for line in GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(rows):
            fields = list(sample[i % len(sample)])
            fields[0] = f"x{first_id + i}" if i % 50 == 49 else str(first_id + i)
            out.write("\t".join(fields) + "\n")
    return path


def _file_state(engine: Engine, path: Path):
    with engine.connect() as c:
        events = c.execute(
            text(
                "SELECT count(*), count(DISTINCT external_id) FROM event "
                "WHERE origin = 'gdelt' AND source_file = :f"
            ),
            {"f": str(path.resolve())},
        ).one()
        quarantined = c.execute(
            text("SELECT count(*) FROM quarantine WHERE source_file = :f"),
            {"f": str(path.resolve())},
        ).scalar_one()
    return tuple(events), quarantined


def _gdelt_kills(clean_db: str, tmp_path: Path, rows: int, points: int) -> KillLog:
    engine = create_engine(clean_db)
    files = {
        f"gd-{i}": gdelt_file(tmp_path / f"gdelt-{i}.export.CSV", 10_000_000 * (i + 1), rows)
        for i in range(points + 1)
    }
    whole: tuple = ()

    def spawn(i: int) -> tuple[Child, str, tuple]:
        name = f"gd-{i}"
        return Child("gdelt", _url_named(clean_db, name), str(files[name])), name, ("new", name)

    def state() -> tuple:
        """Which files are loaded; each must be whole (its full counts) or absent."""
        loaded, mixed = [], []
        for name, path in files.items():
            now = _file_state(engine, path)
            if now == ((0, 0), 0):
                continue
            if now == whole:
                loaded.append(name)
            else:
                mixed.append((name, now))
        if mixed:
            return ("mixed", mixed)
        return ("new", loaded[-1]) if loaded else ("empty",)

    try:
        # One complete import, timed, gives the whole-file counts every file must reach.
        seconds = Child("gdelt", clean_db, str(files["gd-0"])).run()
        whole = _file_state(engine, files["gd-0"])
        # every line is an event or a quarantine row (every 50th id is malformed): nothing dropped
        assert whole == ((rows - rows // 50, rows - rows // 50), rows // 50)
        log = _kill_loop(engine, spawn, state, points=points, full_seconds=seconds)
        # Every file imported again completes, whole, exactly once.
        Child("gdelt", clean_db, *(str(p) for p in files.values())).run()
        for path in files.values():
            assert _file_state(engine, path) == whole
        with engine.connect() as c:
            total, distinct = c.execute(
                text("SELECT count(*), count(DISTINCT external_id) FROM event WHERE origin='gdelt'")
            ).one()
        assert total == distinct == whole[0][0] * len(files)
    finally:
        engine.dispose()
    return log


def test_gdelt_import_killed_at_3_points(clean_db: str, tmp_path: Path) -> None:
    log = _gdelt_kills(clean_db, tmp_path, rows=10_000, points=3)
    _report("gdelt 10k", log)
    assert log.points == 3 and log.partial == 0, log.states


@pytest.mark.slow
def test_gdelt_import_killed_at_20_points(clean_db: str, tmp_path: Path) -> None:
    log = _gdelt_kills(clean_db, tmp_path, rows=20_000, points=20)
    _report("gdelt 20k", log)
    assert log.points == 20 and log.partial == 0, log.states
