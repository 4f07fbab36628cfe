"""``eventetl ui``: the Dagster webserver and daemon, on 127.0.0.1 only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from etl.settings import load_settings

HOST = "127.0.0.1"  # never 0.0.0.0: the UI can launch runs and has no login
DEFINITIONS_MODULE = "dagster_project.definitions"


def dagster_environment(dagster_home: Path) -> dict[str, str]:
    """The environment for Dagster processes: ``DAGSTER_HOME`` set and created."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["DAGSTER_HOME"] = str(dagster_home)
    return env


def webserver_command(port: int, host: str = HOST) -> list[str]:
    """The dagster-webserver command line for the project on ``host:port``."""
    return [
        sys.executable,
        "-m",
        "dagster_webserver",
        "-h",
        host,
        "-p",
        str(port),
        "-m",
        DEFINITIONS_MODULE,
    ]


def daemon_command() -> list[str]:
    """The dagster-daemon command line (runs schedules, sensors and queued runs)."""
    return [sys.executable, "-m", "dagster._daemon", "run", "-m", DEFINITIONS_MODULE]


def serve(port: int) -> int:
    """Start the webserver and the daemon and wait until either stops (or Ctrl-C).

    Args:
        port: the port on 127.0.0.1.

    Returns:
        The exit code (0 after Ctrl-C, else the code of the process that stopped first).
    """
    settings = load_settings()
    env = dagster_environment(settings.dagster_home)
    print(f"Dagster UI on http://{HOST}:{port} (DAGSTER_HOME={settings.dagster_home})")
    daemon = subprocess.Popen(daemon_command(), env=env)
    webserver = subprocess.Popen(webserver_command(port), env=env)
    processes = [webserver, daemon]
    try:
        while True:
            for process in processes:
                code = process.poll()
                if code is not None:
                    return code
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
