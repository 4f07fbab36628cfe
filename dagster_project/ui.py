"""``eventetl ui``: the Dagster webserver and daemon, on 127.0.0.1 only.

Both load the project as the code location ``eventetl`` (the name ``dg dev`` uses too, set in
pyproject's ``[tool.dg.project]``), so run history and sensor state are shared. SIGTERM and
SIGINT stop both processes before ``eventetl ui`` exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from types import FrameType

from etl.settings import load_settings

HOST = "127.0.0.1"  # never 0.0.0.0: the UI can launch runs and has no login
DEFINITIONS_MODULE = "dagster_project.definitions"
LOCATION_NAME = "eventetl"
STOP_TIMEOUT_S = 15


INSTANCE_FILE_NOTE = (
    "# The local Dagster instance of eventetl: runs, event logs and schedules in SQLite files\n"
    "# in this folder (Dagster's defaults). For PostgreSQL storage see\n"
    "# dagster_project/dagster.postgres.yaml.\n"
)


def ensure_instance_file(dagster_home: Path) -> Path:
    """``dagster.yaml`` in ``dagster_home``, written (defaults only) when missing: without
    one, every Dagster process warns at start that it is missing."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    path = dagster_home / "dagster.yaml"
    if not path.exists():
        path.write_text(INSTANCE_FILE_NOTE, encoding="utf-8")
    return path


def dagster_environment(dagster_home: Path) -> dict[str, str]:
    """The environment for Dagster processes: ``DAGSTER_HOME`` set and created (with its
    ``dagster.yaml``)."""
    ensure_instance_file(dagster_home)
    env = dict(os.environ)
    env["DAGSTER_HOME"] = str(dagster_home)
    return env


def write_workspace(dagster_home: Path, working_directory: Path | None = None) -> Path:
    """A workspace file naming the project's one code location ``eventetl``.

    Args:
        dagster_home: where the file is written.
        working_directory: the project folder (default: the current one).
    """
    folder = (working_directory or Path.cwd()).resolve()
    path = dagster_home / "workspace.yaml"
    path.write_text(
        "load_from:\n"
        "  - python_module:\n"
        f"      module_name: {DEFINITIONS_MODULE}\n"
        f"      location_name: {LOCATION_NAME}\n"
        f"      working_directory: {folder}\n",
        encoding="utf-8",
    )
    return path


def _target(workspace: Path | None) -> list[str]:
    # Without a workspace file Dagster names the location after the module.
    return ["-w", str(workspace)] if workspace else ["-m", DEFINITIONS_MODULE]


def webserver_command(port: int, host: str = HOST, workspace: Path | None = None) -> list[str]:
    """The dagster-webserver command line for the project on ``host:port``.

    Args:
        port: the port.
        host: the interface (127.0.0.1 unless a caller knows better).
        workspace: a file from :func:`write_workspace` (the location named ``eventetl``).
    """
    return [
        sys.executable,
        "-m",
        "dagster_webserver",
        "-h",
        host,
        "-p",
        str(port),
        *_target(workspace),
    ]


def daemon_command(workspace: Path | None = None) -> list[str]:
    """The dagster-daemon command line (runs schedules, sensors and queued runs)."""
    return [sys.executable, "-m", "dagster._daemon", "run", *_target(workspace)]


def first_inbox_day(inbox: Path) -> date | None:
    """The first publication day of the inbox's articles (``None``: no readable article)."""
    from etl.ingest import scan_inbox
    from etl.pipeline import partitions_in

    if not inbox.is_dir():
        return None
    days = partitions_in(scan_inbox(inbox))
    return date.fromisoformat(days[0]) if days else None


def prepare_instance(dagster_home: Path) -> None:
    """Create the instance's storage once, before the webserver and the daemon start: both
    creating a fresh SQLite schedule storage at the same moment stamp its version table twice,
    and the code location then fails to load ("more than one head")."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)):
        pass


class _Stop(Exception):
    """Raised in the main loop by SIGTERM (SIGINT arrives as KeyboardInterrupt)."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signum)


def serve(port: int) -> int:
    """Start the webserver and the daemon and wait until either stops, or SIGTERM/SIGINT.

    When ``EVENTETL_PARTITION_START`` is not set, the partitions start at the inbox's first
    day, so the UI opens on the days that have data.

    Args:
        port: the port on 127.0.0.1.

    Returns:
        The exit code (0 after SIGTERM or Ctrl-C, else the code of the process that stopped
        first).
    """
    settings = load_settings()
    env = dagster_environment(settings.dagster_home)
    if not os.environ.get("EVENTETL_PARTITION_START"):
        first = first_inbox_day(settings.inbox)
        if first is not None:
            env["EVENTETL_PARTITION_START"] = first.isoformat()
    workspace = write_workspace(settings.dagster_home)
    prepare_instance(settings.dagster_home)
    print(
        f"Dagster UI on http://{HOST}:{port} (DAGSTER_HOME={settings.dagster_home}, "
        f"partitions from {env.get('EVENTETL_PARTITION_START', settings.partition_start)})",
        flush=True,
    )
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        processes.append(subprocess.Popen(daemon_command(workspace=workspace), env=env))
        processes.append(subprocess.Popen(webserver_command(port, workspace=workspace), env=env))
        while True:
            for process in processes:
                code = process.poll()
                if code is not None:
                    return code
            time.sleep(0.5)
    except (KeyboardInterrupt, _Stop):
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the stop
        _stop_all(processes)
        signal.signal(signal.SIGTERM, previous)


def _stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM every process still running, then wait; kill what has not stopped in time."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
