"""A user in the Dagster UI (headless Chromium; webserver and daemon started like ``eventetl ui``
does, on a free loopback port): the asset graph shows every pipeline asset; "Materialize all"
for one sample day launches a run that succeeds and loads the day; the events_table page then
shows that materialization's metadata. Screenshots go to test-artifacts/."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster"))

from dagster_services import (
    GraphQL,
    Processes,
    create_instance_storage,
    dagster_daemon_command,
    dagster_webserver_command,
    free_port,
)

from dagster_project.ui import HOST, dagster_environment

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "articles"
ARTIFACTS = ROOT / "test-artifacts"
DAY = "2024-11-30"
ASSETS = (
    "articles",
    "sentences",
    "coded_events",
    "validated_events",
    "events_table",
    "event_views",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RUN_TIMEOUT = 150.0

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def webserver(tmp_path: Path, clean_db: str) -> Iterator[tuple[str, GraphQL, Processes]]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)")
    dagster_home = tmp_path / "dagster"
    env = dagster_environment(dagster_home)  # the local instance `eventetl ui` uses
    env["EVENTETL_HOME"] = str(tmp_path)
    env["EVENTETL_INBOX"] = str(SAMPLES)
    env["EVENTETL_DATABASE_URL"] = clean_db
    processes = Processes(tmp_path / "logs", ("EVENTETL_TEST_PROCESSES", uuid.uuid4().hex))
    port = free_port()
    try:
        create_instance_storage(env)
        processes.start("daemon", dagster_daemon_command(dagster_home), env)  # it dequeues the run
        processes.start("webserver", dagster_webserver_command(port, dagster_home), env)
        graphql = GraphQL(f"http://{HOST}:{port}")
        graphql.wait_until_ready(processes, timeout=120)
        yield f"http://{HOST}:{port}", graphql, processes
    finally:
        processes.stop()
    assert processes.leftovers() == [], "a process the test started outlived it"


def events_on(engine: Engine, day: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT count(*) FROM event WHERE partition_date = :day"), {"day": day}
        ).scalar_one()


def test_launch_one_day_from_the_ui_and_see_its_metadata(
    webserver: tuple[str, GraphQL, Processes], engine: Engine
) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    base, graphql, processes = webserver
    location = graphql.repository["repositoryLocationName"]
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(
                f"{base}/locations/{location}/asset-groups/eventetl/lineage",
                wait_until="domcontentloaded",
            )
            with contextlib.suppress(PlaywrightTimeout):  # Dagster's newsletter prompt
                page.get_by_role("button", name="Skip").click(timeout=15_000)
            for name in ASSETS:
                page.get_by_text(name, exact=True).first.wait_for(timeout=60_000)
            graph_text = page.content()
            page.screenshot(path=str(ARTIFACTS / "asset-graph.png"))

            # Materialize all -> one partition -> launch.
            page.get_by_role("button", name="Materialize all").click()
            dialog = page.get_by_role("dialog")
            with contextlib.suppress(PlaywrightTimeout):  # the dialog shows 90 days at first
                dialog.get_by_text("Show all partitions").click(timeout=5_000)
            partitions = dialog.get_by_placeholder(re.compile("^ex: "))
            partitions.fill(DAY)
            partitions.press("Enter")
            launch = dialog.get_by_role("button", name="Launch 1 run")
            launch.wait_for(timeout=10_000)
            page.screenshot(path=str(ARTIFACTS / "launch-one-day.png"))
            launch.click()
            toast = page.get_by_text(re.compile(r"Launched run [0-9a-f]{8}"))
            toast.wait_for(timeout=30_000)
            short_id = re.search(r"[0-9a-f]{8}", toast.inner_text()).group(0)

            runs = graphql.runs_tagged("dagster/partition", DAY)
            assert [run["runId"][:8] for run in runs] == [short_id]
            run_id = runs[0]["runId"]
            status = graphql.wait_for_run(run_id, processes, RUN_TIMEOUT)
            if status != "SUCCESS":
                pytest.fail(f"run {run_id} ended {status}:\n{graphql.run_failure(run_id)}")

            page.goto(f"{base}/runs/{run_id}", wait_until="domcontentloaded")
            page.get_by_text("Success", exact=True).first.wait_for(timeout=30_000)
            with contextlib.suppress(PlaywrightTimeout):
                page.get_by_text("Loading run logs").wait_for(state="hidden", timeout=15_000)
            page.screenshot(path=str(ARTIFACTS / "run-succeeded.png"))

            page.goto(f"{base}/assets/events_table?partition={DAY}", wait_until="domcontentloaded")
            by_type = page.get_by_text("events_by_type").first
            by_type.wait_for(timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "events-table-overview.png"))
            by_type.scroll_into_view_if_needed()  # the page scrolls inside, not the window
            page.screenshot(path=str(ARTIFACTS / "events-table-metadata.png"))
            asset_text = page.locator("body").inner_text()
        finally:
            browser.close()

    for name in ASSETS:
        assert name in graph_text
    loaded = events_on(engine, DAY)
    assert loaded > 0
    assert DAY in asset_text  # the latest materialization is the day launched
    # The page's row count is the events loaded, and the per-type counts are shown.
    row_count = re.search(r"Row count\s+(\d+)", asset_text)
    assert row_count and int(row_count.group(1)) == loaded, asset_text[:800]
    assert "events_by_type" in asset_text
    screenshots = (
        "asset-graph",
        "launch-one-day",
        "run-succeeded",
        "events-table-overview",
        "events-table-metadata",
    )
    for name in screenshots:
        assert os.path.getsize(ARTIFACTS / f"{name}.png") > 10_000
