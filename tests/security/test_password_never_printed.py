"""Database passwords never reach the output of ``eventetl db current``, ``eventetl run`` and
``eventetl import``: neither with a wrong host or port (connection errors quote the URL's parts)
nor against the real server with a role that has a password."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Pw-" + uuid.uuid4().hex  # unique, so a hit can only be a leak
pytestmark = pytest.mark.slow  # every case starts the CLI (4-6 s each)

GDELT = ROOT / "tests" / "data" / "gdelt_v2_20191024143000_head200.export.CSV"


def _eventetl(args: list[str], url: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EVENTETL_DATABASE_URL=url, EVENTETL_HOME=str(home))
    env.pop("DAGSTER_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "etl.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def _commands(tmp_path: Path) -> list[list[str]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "2024-11-28_broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    return [
        ["db", "current"],
        ["run", "--inbox", str(inbox)],
        ["import", "gdelt", str(GDELT)],
        ["import", "acled", str(ROOT / "tests" / "data" / "acled_iso_dates_numeric.csv")],
    ]


@pytest.mark.parametrize(
    "where", ["127.0.0.1:1", "no-such-host.invalid:5432"], ids=["wrong-port", "wrong-host"]
)
def test_connection_errors_do_not_show_the_password(where: str, tmp_path: Path) -> None:
    url = f"postgresql+psycopg://eventetl:{PASSWORD}@{where}/eventetl?connect_timeout=3"
    for args in _commands(tmp_path):
        result = _eventetl(args, url, tmp_path / "home")
        output = result.stdout + result.stderr
        assert result.returncode != 0, (args, output)
        assert PASSWORD not in output, (args, output)
        assert output.strip(), f"{args}: failed without saying why"


def test_real_server_output_does_not_show_the_password(database_url: str, tmp_path: Path) -> None:
    role = f"pw_{uuid.uuid4().hex[:10]}"
    admin = make_url(database_url).set(drivername="postgresql")
    libpq = admin.render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as c:
        c.execute(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")  # test-owned names
    try:
        url = (
            make_url(database_url)
            .set(username=role, password=PASSWORD)
            .render_as_string(hide_password=False)
        )
        for args in _commands(tmp_path):
            result = _eventetl(args, url, tmp_path / "home")
            output = result.stdout + result.stderr
            assert PASSWORD not in output, (args, output)
            if args[0] in ("db", "import"):
                assert result.returncode == 0, (args, output)
    finally:
        with psycopg.connect(libpq, autocommit=True) as c:
            c.execute(f"REASSIGN OWNED BY {role} TO CURRENT_USER")
            c.execute(f"DROP OWNED BY {role}")
            c.execute(f"DROP ROLE {role}")
