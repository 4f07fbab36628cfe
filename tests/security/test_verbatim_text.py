"""Hostile and awkward text (SQL injection, quotes, backslashes, a literal ``\\N``, the empty
string, CRLF, tabs, emoji, HTML) goes through the partition loader, an ACLED import and a GDELT
import, and comes back verbatim from the database and from ``eventetl export``."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine, create_engine, text
from typer.testing import CliRunner

from etl.cli import app
from etl.interop.commands import run_import

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from _common import load_synthetic, mentions_for, synthetic_events  # noqa: E402

DATA = ROOT / "tests" / "data"
DAY = date(2024, 6, 3)
PAYLOADS = [
    "'; DROP TABLE event; --",
    "Robert'); DROP TABLE event_mention;--",
    "say \"hello\" and 'bye'",
    "back\\slash \\\\ and C:\\path\\to",
    "\\N",
    "",
    "line one\r\nline two\nline three",
    "col\ttab\tseparated",
    "bombing 💥 in Kyiv 🇺🇦 — naïve café",
    "<script>alert('x')</script><b>bold</b> &amp; &lt;",
    "$1$ $$ dollar $tag$ quoting $tag$",
    "\\.\nend of copy marker",
]
#: GDELT files are tab-separated lines with no quoting: a field cannot hold a tab or a newline.
GDELT_PAYLOADS = [p for p in PAYLOADS if not any(c in p for c in "\t\r\n")]


@pytest.fixture
def db(clean_db: str) -> Iterator[Engine]:
    engine = create_engine(clean_db)
    yield engine
    engine.dispose()


def _export(fmt: str, url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("EVENTETL_DATABASE_URL", url)
    result = CliRunner().invoke(app, ["export", "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


def _column(engine: Engine, column: str, where: str) -> dict[str, str | None]:
    with engine.connect() as c:
        rows = c.execute(text(f"SELECT id, {column} FROM event WHERE {where}")).all()
    return dict(rows)


def _tables_intact(engine: Engine) -> None:
    with engine.connect() as c:
        names = set(
            c.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
        )
    assert {"event", "event_mention", "document", "quarantine"} <= names


def test_partition_loader_keeps_text_verbatim(
    db: Engine, clean_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = len(PAYLOADS)
    events = synthetic_events(n, first_day=DAY, days=1, seed=5, partition=DAY).with_columns(
        pl.Series("notes", PAYLOADS), pl.Series("location", PAYLOADS)
    )
    mentions = mentions_for(events).with_columns(
        pl.Series("source", PAYLOADS), pl.Series("url", PAYLOADS)
    )
    for _ in range(2):  # the first load COPYs into the table, the second goes through staging
        load_synthetic(db, DAY, events, coder_version="verbatim", mentions=mentions)
        _tables_intact(db)
        expected = dict(zip(events["id"], PAYLOADS, strict=True))
        assert _column(db, "notes", "origin = 'coded'") == expected
        assert _column(db, "location", "origin = 'coded'") == expected
        with db.connect() as c:
            stored = dict(c.execute(text("SELECT event_id, source FROM event_mention")).all())
        assert stored == expected
    exported = list(csv.DictReader(io.StringIO(_export("acled", clean_db, monkeypatch))))
    assert sorted(row["notes"] for row in exported) == sorted(PAYLOADS)
    assert sorted(row["location"] for row in exported) == sorted(PAYLOADS)


def test_acled_import_keeps_text_verbatim(
    db: Engine, clean_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with (DATA / "acled_iso_dates_numeric.csv").open(encoding="utf-8", newline="") as handle:
        template = next(csv.DictReader(handle))
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template))
        writer.writeheader()
        for i, payload in enumerate(PAYLOADS):
            writer.writerow(
                {**template, "event_id_cnty": f"SYR9{i:03d}", "notes": payload, "actor1": payload}
            )
    report = run_import("acled", path, engine=db)
    _tables_intact(db)
    assert report.inserted == len(PAYLOADS), report
    # ACLED's reader trims fields and reads an empty field as missing (documented).
    expected = {f"acled:SYR9{i:03d}": p.strip() or None for i, p in enumerate(PAYLOADS)}
    assert _column(db, "notes", "origin = 'acled'") == expected
    assert _column(db, "acled_actor1", "origin = 'acled'") == expected
    exported = list(csv.DictReader(io.StringIO(_export("acled", clean_db, monkeypatch))))
    by_id = {row["event_id_cnty"]: row for row in exported}
    for i, payload in enumerate(PAYLOADS):
        row = by_id[f"SYR9{i:03d}"]
        assert row["notes"] == payload.strip(), (payload, row["notes"])
        assert row["actor1"] == payload.strip()


def test_gdelt_import_keeps_text_verbatim(
    db: Engine, clean_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl.interop.gdelt import V2_COLUMNS

    sample = DATA / "gdelt_v2_20191024143000_head200.export.CSV"
    template = sample.read_text(encoding="utf-8").splitlines()[0].split("\t")
    name, place = V2_COLUMNS.index("Actor1Name"), V2_COLUMNS.index("ActionGeo_FullName")
    url = V2_COLUMNS.index("SOURCEURL")
    lines = []
    for i, payload in enumerate(GDELT_PAYLOADS):
        fields = list(template)
        fields[0] = str(990_000_000 + i)
        fields[name] = fields[place] = fields[url] = payload
        lines.append("\t".join(fields))
    path = tmp_path / "20191024143000.export.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_import("gdelt", path, engine=db)
    _tables_intact(db)
    assert report.rows == len(GDELT_PAYLOADS), report
    with db.connect() as c:
        stored = c.execute(
            text("SELECT external_id, actor1_name, location, source_url FROM event")
        ).all()
        quarantined = c.execute(text("SELECT count(*) FROM quarantine")).scalar_one()
    assert quarantined == 0
    expected = {str(990_000_000 + i): p or None for i, p in enumerate(GDELT_PAYLOADS)}
    assert {r.external_id: r.actor1_name for r in stored} == expected
    assert {r.external_id: r.location for r in stored} == expected
    assert {r.external_id: r.source_url for r in stored} == expected
    exported = [line.split("\t") for line in _export("gdelt", clean_db, monkeypatch).splitlines()]
    by_id = {row[0]: row for row in exported}
    for i, payload in enumerate(GDELT_PAYLOADS):
        row = by_id[str(990_000_000 + i)]
        assert (row[name], row[place], row[url]) == (payload,) * 3
