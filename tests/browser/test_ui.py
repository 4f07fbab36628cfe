"""The Dagster UI in headless Chromium: the webserver started like ``eventetl ui`` does, on a free
loopback port, shows the asset graph with every pipeline asset (screenshot in test-artifacts/)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dagster_project.ui import HOST, dagster_environment, webserver_command

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
ASSETS = (
    "articles",
    "sentences",
    "coded_events",
    "validated_events",
    "events_table",
    "event_views",
)
GROUP_LINEAGE = "/locations/dagster_project.definitions/asset-groups/eventetl/lineage"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@pytest.fixture
def webserver(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = dagster_environment(tmp_path / "dagster")
    env["EVENTETL_HOME"] = str(tmp_path)
    env["EVENTETL_INBOX"] = str(ROOT / "samples" / "articles")
    log = (tmp_path / "webserver.log").open("w")
    process = subprocess.Popen(
        webserver_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"webserver exited: {(tmp_path / 'webserver.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{base}/server_info", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("webserver did not answer within 120 s")
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_asset_graph_shows_the_pipeline(webserver: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium chromium-driver)")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(f"{webserver}{GROUP_LINEAGE}", wait_until="domcontentloaded")
            skip = page.get_by_role("button", name="Skip")  # Dagster's newsletter prompt
            with contextlib.suppress(PlaywrightTimeout):
                skip.click(timeout=15_000)
            for name in ASSETS:
                page.get_by_text(name, exact=True).first.wait_for(timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "asset-graph.png"), full_page=True)
            content = page.content()
        finally:
            browser.close()
    for name in ASSETS:
        assert name in content
    assert os.path.getsize(ARTIFACTS / "asset-graph.png") > 10_000
