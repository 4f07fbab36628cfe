"""What the tests that run Dagster's own processes share: a DAGSTER_HOME on the project's
PostgreSQL instance configuration, the webserver, the daemon and a Celery worker started as
process groups and always stopped, and a small client of the webserver's GraphQL API."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dagster_project.ui import HOST
from etl.load.database import dagster_storage_url, temporary_database

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_INSTANCE_YAML = ROOT / "dagster_project" / "dagster.postgres.yaml"
TERMINAL_STATUSES = {"SUCCESS", "FAILURE", "CANCELED"}


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def postgres_instance_home(home: Path, storage_url: str) -> dict[str, str]:
    """Write ``home/dagster.yaml`` from the project's ``dagster.postgres.yaml`` (unchanged) and
    return the variables that point Dagster at it.

    Args:
        home: the DAGSTER_HOME folder (created).
        storage_url: the Dagster database (any SQLAlchemy PostgreSQL URL; psycopg2 is used).
    """
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(POSTGRES_INSTANCE_YAML, home / "dagster.yaml")
    return {"DAGSTER_HOME": str(home), "DAGSTER_PG_URL": dagster_storage_url(storage_url)}


def create_instance_storage(env: Mapping[str, str]) -> None:
    """Create the instance's storage (tables, SQLite files) before any Dagster process starts:
    a webserver and a daemon that start together on a new DAGSTER_HOME both try to create it,
    and one of them fails (seen with SQLite: alembic finds a half-made schema)."""
    import dagster as dg

    saved = {key: os.environ.get(key) for key in ("DAGSTER_HOME", "DAGSTER_PG_URL")}
    os.environ.update({key: env[key] for key in saved if key in env})
    try:
        dg.DagsterInstance.from_config(env["DAGSTER_HOME"]).dispose()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Processes:
    """Processes a test starts, each in its own process group, all stopped by :meth:`stop`.

    Dagster's webserver and daemon start code servers, and those start run and step
    processes; stopping the group reaches all of them. Whatever escaped its group (a process
    that made its own session) is found by the marker in its environment and stopped too.
    """

    def __init__(self, log_dir: Path, marker: tuple[str, str]) -> None:
        self.log_dir = log_dir
        self.marker = marker
        self.started: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, command: Sequence[str], env: Mapping[str, str]) -> None:
        """Start ``command`` with its output in ``<log_dir>/<name>.log``."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with (self.log_dir / f"{name}.log").open("wb") as log:
            self.started[name] = subprocess.Popen(
                list(command),
                cwd=ROOT,
                env={**env, self.marker[0]: self.marker[1]},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self, name: str, tail: int = 4000) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def check_alive(self) -> None:
        """Raise with the log's tail if a started process has exited."""
        for name, process in self.started.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.log(name)}")

    def stop(self, grace: float = 3.0) -> None:
        """SIGTERM every group, wait up to ``grace`` seconds, then SIGKILL what is left.

        What happened is written to ``<log_dir>/stop.log`` (how long each took, what escaped).
        """
        began = time.monotonic()
        notes = []
        for process in self.started.values():
            _signal_group(process.pid, signal.SIGTERM)
        deadline = began + grace
        for name, process in self.started.items():
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            state = "exited" if process.poll() is not None else "still running"
            notes.append(f"{name}: {state} {time.monotonic() - began:.1f} s after SIGTERM")
        for process in self.started.values():
            _signal_group(process.pid, signal.SIGKILL)
            if process.poll() is None:
                process.kill()
                process.wait(timeout=5)
        escaped = _pids_with_environment(*self.marker)
        for pid in escaped:
            notes.append(f"escaped its group: {pid} {_command_line(pid)}")
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while self.leftovers() and time.monotonic() < deadline:
            time.sleep(0.1)  # SIGKILL is delivered asynchronously
        notes.append(f"all stopped {time.monotonic() - began:.1f} s after SIGTERM")
        (self.log_dir / "stop.log").write_text("\n".join(notes) + "\n")

    def leftovers(self) -> list[int]:
        """Processes still alive that carry this test's marker (should be none after stop)."""
        return _pids_with_environment(*self.marker)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:200]
    except OSError:
        return "?"


def _pids_with_environment(key: str, value: str) -> list[int]:
    needle = f"{key}={value}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        zombie = stat.rsplit(")", 1)[-1].split()[0] == "Z"
        if not zombie and needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def dagster_webserver_command(port: int, dagster_home: Path) -> list[str]:
    """The command ``eventetl ui`` uses for the webserver (code location ``eventetl``)."""
    from dagster_project.ui import webserver_command, write_workspace

    return webserver_command(port, workspace=write_workspace(dagster_home, ROOT))


def dagster_daemon_command(dagster_home: Path) -> list[str]:
    """The command ``eventetl ui`` uses for the daemon (code location ``eventetl``)."""
    from dagster_project.ui import daemon_command, write_workspace

    return daemon_command(workspace=write_workspace(dagster_home, ROOT))


class GraphQL:
    """The few GraphQL calls the tests make against a running webserver."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._repository: dict[str, str] | None = None

    def query(self, text: str, variables: Mapping[str, Any] | None = None) -> dict[str, Any]:
        body = json.dumps({"query": text, "variables": dict(variables or {})}).encode()
        request = urllib.request.Request(
            f"{self.base_url}/graphql",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = json.loads(response.read())
        if payload.get("errors"):
            raise RuntimeError(f"GraphQL errors: {payload['errors']}")
        return payload["data"]

    def wait_until_ready(self, processes: Processes, timeout: float) -> None:
        """Wait until the webserver answers and has loaded the project's code location."""
        deadline = time.monotonic() + timeout
        while True:
            processes.check_alive()
            try:
                self._repository = self._find_repository()
                return
            except (OSError, LookupError):
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"webserver not ready in {timeout:.0f} s:\n{processes.log('webserver')}"
                    ) from None
                time.sleep(0.5)

    def _find_repository(self) -> dict[str, str]:
        data = self.query(
            "{ repositoriesOrError { __typename ... on RepositoryConnection {"
            " nodes { name location { name } jobs { name } } } } }"
        )
        for node in data["repositoriesOrError"].get("nodes", []):
            return {
                "repositoryName": node["name"],
                "repositoryLocationName": node["location"]["name"],
            }
        raise LookupError("no repository loaded yet")

    @property
    def repository(self) -> dict[str, str]:
        if self._repository is None:
            self._repository = self._find_repository()
        return self._repository

    def launch_partition_run(
        self, job_name: str, partition: str, run_config: Mapping[str, Any] | None = None
    ) -> str:
        """Submit a run of ``job_name`` for one partition; returns the run id."""
        data = self.query(
            """mutation($params: ExecutionParams!) {
              launchRun(executionParams: $params) {
                __typename
                ... on LaunchRunSuccess { run { runId } }
                ... on RunConfigValidationInvalid { errors { message } }
                ... on PythonError { message stack }
                ... on Error { message }
              }
            }""",
            {
                "params": {
                    "selector": {**self.repository, "jobName": job_name},
                    "runConfigData": dict(run_config or {}),
                    "executionMetadata": {
                        "tags": [{"key": "dagster/partition", "value": partition}]
                    },
                }
            },
        )
        result = data["launchRun"]
        if result["__typename"] != "LaunchRunSuccess":
            raise RuntimeError(f"launchRun failed: {result}")
        return result["run"]["runId"]

    def launch_job_backfill(self, job_name: str, partitions: Sequence[str]) -> str:
        """Submit a backfill of ``job_name`` over ``partitions`` (a run per partition, launched
        by the daemon); returns the backfill id."""
        data = self.query(
            """mutation($params: LaunchBackfillParams!) {
              launchPartitionBackfill(backfillParams: $params) {
                __typename
                ... on LaunchBackfillSuccess { backfillId }
                ... on PythonError { message stack }
                ... on Error { message }
              }
            }""",
            {
                "params": {
                    "selector": {
                        "partitionSetName": f"{job_name}_partition_set",
                        "repositorySelector": self.repository,
                    },
                    "partitionNames": list(partitions),
                    "fromFailure": False,
                }
            },
        )
        result = data["launchPartitionBackfill"]
        if result["__typename"] != "LaunchBackfillSuccess":
            raise RuntimeError(f"launchPartitionBackfill failed: {result}")
        return result["backfillId"]

    def run_status(self, run_id: str) -> str:
        data = self.query(
            "query($id: ID!) { runOrError(runId: $id) { __typename ... on Run { status } } }",
            {"id": run_id},
        )
        return data["runOrError"]["status"]

    def wait_for_run(self, run_id: str, processes: Processes, timeout: float) -> str:
        """Poll until the run ends; returns its final status."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.run_status(run_id)
            if status in TERMINAL_STATUSES:
                return status
            processes.check_alive()
            if time.monotonic() > deadline:
                raise TimeoutError(f"run {run_id} still {status} after {timeout:.0f} s")
            time.sleep(1)

    def run_failure(self, run_id: str) -> str:
        """The run's error and failure messages, for an assertion's message."""
        data = self.query(
            """query($id: ID!) { logsForRun(runId: $id) { __typename
                ... on EventConnection { events { __typename
                  ... on MessageEvent { message }
                  ... on ErrorEvent { error { message } } } } } }""",
            {"id": run_id},
        )
        lines = []
        for event in data["logsForRun"].get("events", []):
            kind = event["__typename"]
            if "Failure" in kind or "Error" in kind:
                error = (event.get("error") or {}).get("message", "")
                lines.append(f"{kind}: {event.get('message', '')} {error}".strip())
        return "\n".join(lines[-10:])

    def start_sensor(self, sensor_name: str) -> str:
        """Turn a sensor on; returns its new status."""
        data = self.query(
            """mutation($selector: SensorSelector!) {
              startSensor(sensorSelector: $selector) {
                __typename
                ... on Sensor { sensorState { status } }
                ... on Error { message }
              }
            }""",
            {"selector": {**self.repository, "sensorName": sensor_name}},
        )
        result = data["startSensor"]
        if result["__typename"] != "Sensor":
            raise RuntimeError(f"startSensor failed: {result}")
        return result["sensorState"]["status"]

    def runs_tagged(self, key: str, value: str) -> list[dict[str, Any]]:
        """Runs with the tag ``key=value``: id, status and partition."""
        data = self.query(
            """query($filter: RunsFilter) { runsOrError(filter: $filter) { __typename
                ... on Runs { results { runId status tags { key value } } } } }""",
            {"filter": {"tags": [{"key": key, "value": value}]}},
        )
        runs = []
        for run in data["runsOrError"]["results"]:
            tags = {tag["key"]: tag["value"] for tag in run["tags"]}
            runs.append(
                {
                    "runId": run["runId"],
                    "status": run["status"],
                    "partition": tags.get("dagster/partition"),
                    "range": (
                        tags.get("dagster/asset_partition_range_start"),
                        tags.get("dagster/asset_partition_range_end"),
                    ),
                }
            )
        return runs


@dataclass
class ProductionDagster:
    """A running webserver and daemon on a PostgreSQL instance, and what the test may use."""

    graphql: GraphQL
    processes: Processes
    storage_url: str
    inbox: Path
    home: Path
    env: dict[str, str]

    def start_daemon(self) -> None:
        """Start the daemon (when the test asked for it later)."""
        self.processes.start("daemon", dagster_daemon_command(self.home), self.env)


def celery_worker_command(queue: str, concurrency: int = 2) -> list[str]:
    """A Celery worker for the project's job listening on ``queue`` (as docs/scaling.md says)."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "dagster_project.celery_app",
        "worker",
        "-Q",
        queue,
        "--concurrency",
        str(concurrency),
        "--loglevel",
        "INFO",
        "-n",
        f"{queue}@%h",
        # No chatter with other workers: a test worker starts faster and stays private.
        "--without-gossip",
        "--without-mingle",
    ]


@contextmanager
def production_dagster(
    tmp_path: Path,
    server_url: str,
    event_database_url: str,
    extra_env: Mapping[str, str] | None = None,
    celery_queue: str | None = None,
    start_daemon: bool = True,
) -> Iterator[ProductionDagster]:
    """The daemon and the webserver (and a Celery worker for ``celery_queue``) on the project's
    PostgreSQL instance configuration, with a fresh Dagster database; everything is stopped and
    the database dropped on exit, also when the test fails.

    ``start_daemon=False`` leaves the daemon to the test: its backfill loop runs every 30 s, so
    a daemon started after a backfill is submitted picks it up at once instead of up to 30 s
    later.
    """
    with temporary_database(server_url, "dagster_instance") as storage_url:
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        dagster_home = tmp_path / "dagster"
        env = {
            **os.environ,
            "EVENTETL_HOME": str(tmp_path / "home"),
            "EVENTETL_DATABASE_URL": event_database_url,
            "EVENTETL_INBOX": str(inbox),
            **postgres_instance_home(dagster_home, storage_url),
            **(extra_env or {}),
        }
        processes = Processes(tmp_path / "logs", ("EVENTETL_TEST_PROCESSES", uuid.uuid4().hex))
        port = free_port()
        try:
            create_instance_storage(env)
            if start_daemon:
                processes.start("daemon", dagster_daemon_command(dagster_home), env)
            processes.start("webserver", dagster_webserver_command(port, dagster_home), env)
            if celery_queue:
                processes.start("worker", celery_worker_command(celery_queue), env)
            graphql = GraphQL(f"http://{HOST}:{port}")
            graphql.wait_until_ready(processes, timeout=120)
            yield ProductionDagster(graphql, processes, storage_url, inbox, dagster_home, env)
        finally:
            processes.stop()
        assert processes.leftovers() == [], "a process the test started outlived it"
