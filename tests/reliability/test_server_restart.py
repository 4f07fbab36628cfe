"""The database server restarts in the middle of a load, on a private embedded server (never the
machine's): a GDELT import and an ``eventetl run`` fail with one clear line (no traceback, the
password masked) and leave nothing behind; with the loading asset's RetryPolicy the pipeline
run retries after the restart and ends with exact counts and no duplicates.

The restart is made deterministic by a hook: the first statement of the event upsert (the
partition load) or of the merge (the import) first restarts the server (``pg_ctl stop`` in fast
mode, then start), so the open transaction's connection is lost at that exact point."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pipeline_fakes import fake_coder_resource
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

import etl.load.events as loader
from dagster_project.defs.resources import DatabaseResource
from dagster_project.runner import run_pipeline
from etl.interop.commands import import_file
from etl.load import migrate
from etl.load.database import _embedded_server, embedded_url, stop_embedded
from etl.load.imports import ImportSession
from etl.settings import load_settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles"
GDELT = ROOT / "tests" / "data" / "gdelt_v2_20191024143000_head200.export.CSV"
DAY = "2024-11-28"  # samples/articles: 7 documents, 3 events, 4 mentions with the fake coder
SECRET = "not-a-real-password-41"


@pytest.fixture(scope="module")
def private_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A private embedded server and a migrated database on it (URL with a dummy password,
    which the trust-authenticated Unix socket ignores, so masking can be checked)."""
    data_dir = tmp_path_factory.mktemp("restart") / "pgdata"
    url = make_url(embedded_url(data_dir, database="restart")).set(password=SECRET)
    url = url.render_as_string(hide_password=False)
    migrate.upgrade(url)
    try:
        yield data_dir, url
    finally:
        stop_embedded(data_dir)


@pytest.fixture
def db(private_server: tuple[Path, str]) -> Iterator[Engine]:
    _, url = private_server
    engine = create_engine(url, pool_pre_ping=True)  # its pooled connections outlive restarts
    with engine.begin() as c:
        c.execute(
            text(
                "TRUNCATE event_mention, event, sentence, document, quarantine, coding_run, "
                "ingest_file RESTART IDENTITY CASCADE"
            )
        )
    yield engine
    engine.dispose()


def restart(data_dir: Path) -> None:
    """Restart the private server: fast shutdown (open sessions are cut), then start."""
    server = _embedded_server(str(data_dir))
    server.stop()
    with server._lock:
        server.ensure_postgres_running()


def restarting(
    original: Callable, data_dir: Path, times: int, calls: list[int]
) -> Callable[..., object]:
    """``original``, but its first ``times`` calls restart the server before they run."""

    def hooked(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) <= times:
            restart(data_dir)
        return original(*args, **kwargs)

    return hooked


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as c:
        return dict(
            c.execute(
                text(
                    "SELECT 'events', count(*) FROM event UNION ALL "
                    "SELECT 'distinct_events', count(DISTINCT (origin, external_id, id)) "
                    "FROM event UNION ALL "
                    "SELECT 'mentions', count(*) FROM event_mention UNION ALL "
                    "SELECT 'distinct_mentions', count(DISTINCT (event_id, document_id, "
                    "sentence_index)) FROM event_mention UNION ALL "
                    "SELECT 'documents', count(*) FROM document UNION ALL "
                    "SELECT 'quarantine', count(*) FROM quarantine"
                )
            ).all()
        )


def _assert_clear(message: str) -> None:
    assert "Traceback" not in message, message
    assert SECRET not in message, message
    # the driver's reason (AdminShutdown, "server closed the connection", ...), not SQL text
    assert "connection" in message and "INSERT INTO" not in message, message


def test_import_cut_by_a_restart_fails_clearly_and_a_rerun_is_exact(
    private_server: tuple[Path, str],
    db: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir, url = private_server
    calls: list[int] = []
    monkeypatch.setattr(ImportSession, "merge", restarting(ImportSession.merge, data_dir, 1, calls))
    assert import_file("gdelt", GDELT, url=url) == 1
    err = capsys.readouterr().err
    assert err.startswith("eventetl import gdelt: ") and err.count("eventetl") == 1, err
    err = " ".join(err.split())  # rich wraps the one message at the terminal's width
    _assert_clear(err)
    assert "nothing loaded" in err and "***" in err, err
    assert _counts(db)["events"] == 0 and _counts(db)["quarantine"] == 0
    assert import_file("gdelt", GDELT, url=url) == 0  # the hook only restarts once
    first = _counts(db)
    assert first["events"] + first["quarantine"] == 200
    assert first["events"] == first["distinct_events"]
    assert import_file("gdelt", GDELT, url=url) == 0
    assert _counts(db) == first


def _run(url: str, tmp_path: Path, version: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run_pipeline(
        SAMPLES,
        [DAY],
        settings=load_settings({"EVENTETL_HOME": str(tmp_path / "home")}),
        resources={
            "database": DatabaseResource(url=url),
            "coder": fake_coder_resource(version=version),
        },
        out=out,
    )
    return code, out.getvalue()


def test_run_cut_by_restarts_on_every_attempt_fails_with_one_clear_line(
    private_server: tuple[Path, str],
    db: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    data_dir, url = private_server
    calls: list[int] = []
    hook = restarting(loader._upsert_events, data_dir, 99, calls)
    monkeypatch.setattr(loader, "_upsert_events", hook)
    code, summary = _run(url, tmp_path, "restart-fail-1")
    assert code == 1, summary
    assert len(calls) == 4  # the first attempt and three retries, each cut by a restart
    _assert_clear(summary)
    failure = [line for line in summary.splitlines() if "events_table:" in line]
    assert len(failure) == 1, summary
    assert "Exceeded max_retries of 3: " in failure[0], summary  # and the last attempt's cause
    console = capfd.readouterr()
    for stream in (console.out, console.err):
        assert "Stack Trace" not in stream and SECRET not in stream, stream
    counts = _counts(db)
    assert (counts["events"], counts["mentions"]) == (0, 0)


def test_run_retried_after_a_restart_completes_exactly_once(
    private_server: tuple[Path, str], db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, url = private_server
    calls: list[int] = []
    monkeypatch.setattr(
        loader, "_upsert_events", restarting(loader._upsert_events, data_dir, 1, calls)
    )
    code, summary = _run(url, tmp_path, "restart-retry-1")
    assert code == 0, summary
    assert len(calls) == 2  # cut once, retried once
    counts = _counts(db)
    assert (counts["events"], counts["mentions"], counts["documents"]) == (3, 4, 7), counts
    assert counts["events"] == counts["distinct_events"]
    assert counts["mentions"] == counts["distinct_mentions"]
    with db.connect() as c:
        runs = c.execute(text("SELECT status, count(*) FROM coding_run GROUP BY 1")).all()
    assert dict(runs) == {"failed": 1, "succeeded": 1}
    # A second run finds the partition current: nothing changes.
    assert _run(url, tmp_path, "restart-retry-1")[0] == 0
    assert _counts(db) == counts
