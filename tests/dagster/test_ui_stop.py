"""`eventetl ui` as a user starts and stops it: the webserver and the daemon come up with the
one code location `eventetl` and no warnings, and SIGTERM or SIGINT (Ctrl-C) stops both before
the command exits."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_LIMIT_S = 90
STOP_LIMIT_S = 30

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(") ")[1][0] != "Z"  # a zombie has exited


def _location_names(port: int) -> list[str]:
    query = "{ workspaceOrError { ... on Workspace { locationEntries { name } } } }"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        data = json.load(response)
    return [e["name"] for e in data["data"]["workspaceOrError"]["locationEntries"]]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_ui_serves_one_location_and_stops_on_signal(
    stop_signal: signal.Signals, clean_db: str, tmp_path: Path
) -> None:
    port = _free_port()
    env = dict(os.environ)
    env.pop("DAGSTER_HOME", None)
    env.pop("EVENTETL_PARTITION_START", None)
    env |= {"EVENTETL_HOME": str(tmp_path / "home"), "EVENTETL_DATABASE_URL": clean_db}
    log_path = tmp_path / "ui.log"
    with log_path.open("wb") as log:
        ui = subprocess.Popen(
            [sys.executable, "-m", "etl.cli", "ui", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_LIMIT_S
        names: list[str] = []
        while time.monotonic() < deadline and not names:
            assert ui.poll() is None, log_path.read_text()
            try:
                names = _location_names(port)
            except (OSError, KeyError, TypeError):
                time.sleep(1)
        assert names == ["eventetl"], log_path.read_text()
        children = _children(ui.pid)
        assert len(children) == 2  # webserver and daemon
        time.sleep(3)  # let the daemon's first loop run: its warnings count too
        ui.send_signal(stop_signal)
        assert ui.wait(timeout=STOP_LIMIT_S) == 0
        deadline = time.monotonic() + 5
        while any(_alive(p) for p in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in children if _alive(p)], log_path.read_text()
    finally:
        if ui.poll() is None:
            ui.kill()
            ui.wait()
    output = log_path.read_text()
    assert "partitions from 2024-11-27" in output  # the samples' first day, not 2024-01-01
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    assert not warnings, warnings
