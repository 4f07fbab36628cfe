"""End to end into a real database: ACLED API edits and deletions, and a GDELT update file.

Covers: an ACLED row edited upstream replaces the stored one on the next sync, an unchanged
row is left alone and a deleted one is removed; a verified GDELT file is imported once, and a
file with a bad MD5 loads nothing. The import itself is the interop package's; these tests
skip cleanly when it is not in the checkout.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, select
from werkzeug import Request, Response

from etl.load.sources import delete_acled_events
from etl.sources.acled_api import (
    AcledApi,
    AcledCredentials,
    AcledCursor,
    default_row_importer,
    sync,
)
from etl.sources.gdelt import default_importer, import_update, poll_latest
from etl.sources.http import SourceClient
from schema import Event

pytest.importorskip("etl.interop.commands", reason="the interop importer is not in this checkout")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def acled_row(event_id: str, fatalities: int, timestamp: int) -> dict[str, Any]:
    """A row as ACLED's API returns it (every value a string)."""
    values = {
        "event_id_cnty": event_id,
        "event_date": "2024-11-28",
        "year": "2024",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "HTS: Hayat Tahrir al Sham",
        "inter1": "2",
        "actor2": "Military Forces of Syria (2000-2024)",
        "inter2": "1",
        "interaction": "12",
        "iso": "760",
        "region": "Middle East",
        "country": "Syria",
        "admin1": "Aleppo",
        "admin2": "Jebel Saman",
        "admin3": "Aleppo",
        "location": "Aleppo",
        "latitude": "36.2021",
        "longitude": "37.1343",
        "geo_precision": "1",
        "source": "Syrian Observatory for Human Rights",
        "source_scale": "National",
        "notes": f"On 28 November 2024, HTS fighters clashed with regime forces: {fatalities}.",
        "fatalities": str(fatalities),
        "timestamp": str(timestamp),
    }
    return {column: values.get(column, "") for column in ACLED_COLUMNS}


class AcledServer:
    def __init__(self, server: HTTPServer) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.deleted: list[dict[str, str]] = []
        server.expect_request("/oauth/token", method="POST").respond_with_json(
            {"access_token": "t", "expires_in": 3600}
        )
        server.expect_request("/api/acled/read").respond_with_handler(self.read)
        server.expect_request("/api/deleted/read").respond_with_handler(self.read_deleted)

    def _page(self, rows: list[dict[str, Any]], field: str, args: Any) -> Response:
        since = int(args[field])
        data = [r for r in rows if int(r[field]) >= since] if int(args["page"]) == 1 else []
        return Response(json.dumps({"success": True, "data": data}), mimetype="application/json")

    def read(self, request: Request) -> Response:
        return self._page(list(self.rows.values()), "timestamp", request.args)

    def read_deleted(self, request: Request) -> Response:
        return self._page(self.deleted, "deleted_timestamp", request.args)


def acled_events(engine: Engine) -> dict[str, tuple[int, int | None]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Event.external_id, Event.fatalities, Event.acled_timestamp).where(
                Event.origin == "acled"
            )
        ).all()
    return {external_id: (fatalities, stamp) for external_id, fatalities, stamp in rows}


def test_acled_edits_upstream_update_here_and_deletions_remove_rows(
    httpserver: HTTPServer, client: SourceClient, clean_db: str, engine: Engine, tmp_path: Path
) -> None:
    fake = AcledServer(httpserver)
    fake.rows = {
        "SYR1001": acled_row("SYR1001", 12, 1_733_097_600),
        "SYR1002": acled_row("SYR1002", 3, 1_733_097_600),
        "SYR1003": acled_row("SYR1003", 1, 1_733_097_600),
    }
    api = AcledApi(
        AcledCredentials(username="u@example.org", password="pw"),
        client,
        base_url=httpserver.url_for("/"),
    )
    apply_rows = default_row_importer(tmp_path, url=clean_db)

    def delete(ids: list[str]) -> int:
        return delete_acled_events(ids, engine=engine)

    first = sync(api, AcledCursor(1_733_000_000, 1_733_000_000), apply_rows, delete)
    assert first.error is None, first.error
    assert acled_events(engine) == {
        "SYR1001": (12, 1_733_097_600),
        "SYR1002": (3, 1_733_097_600),
        "SYR1003": (1, 1_733_097_600),
    }

    # Upstream, ACLED revises SYR1001's toll and deletes SYR1003.
    fake.rows["SYR1001"] = acled_row("SYR1001", 14, 1_733_200_000)
    fake.deleted = [{"event_id_cnty": "SYR1003", "deleted_timestamp": "1733200100"}]
    second = sync(api, first.cursor, apply_rows, delete)

    assert second.error is None, second.error
    assert second.changed == 1 and second.applied == 1 and second.deleted == 1
    assert acled_events(engine) == {
        "SYR1001": (14, 1_733_200_000),
        "SYR1002": (3, 1_733_097_600),
    }
    assert list(tmp_path.iterdir()) == []  # the staged CSVs are removed


GDELT_LINE = "\t".join(
    [
        "1000000001", "20241128", "202411", "2024", "2024.9041",
        "SYRREB", "SYRIAN REBEL", "SYR", "", "", "", "", "REB", "", "",
        "SYRMIL", "SYRIA", "SYR", "", "", "", "", "MIL", "", "",
        "1", "190", "190", "19", "4", "-10.0", "6", "2", "6", "-5.5",
        "1", "Aleppo, Halab, Syria", "SY", "SY09", "", "36.2028", "37.1586", "-2184066",
        "1", "Aleppo, Halab, Syria", "SY", "SY09", "", "36.2028", "37.1586", "-2184066",
        "1", "Aleppo, Halab, Syria", "SY", "SY09", "", "36.2028", "37.1586", "-2184066",
        "20241128120000", "https://example.org/aleppo-clashes",
    ]
)  # fmt: skip


def serve_gdelt(server: HTTPServer, timestamp: str, *, md5: str | None = None) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{timestamp}.export.CSV", GDELT_LINE + "\n")
    data = buffer.getvalue()
    url = server.url_for(f"/gdeltv2/{timestamp}.export.CSV.zip")
    listing = f"{len(data)} {md5 or hashlib.md5(data).hexdigest()} {url}\n"
    server.expect_request("/gdeltv2/lastupdate.txt").respond_with_data(listing)
    server.expect_request(f"/gdeltv2/{timestamp}.export.CSV.zip").respond_with_data(data)


def gdelt_ids(engine: Engine) -> list[str | None]:
    with engine.connect() as connection:
        return list(
            connection.execute(select(Event.external_id).where(Event.origin == "gdelt")).scalars()
        )


def test_gdelt_update_is_imported_once_and_a_bad_md5_loads_nothing(
    httpserver: HTTPServer,
    client: SourceClient,
    clean_db: str,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert len(GDELT_LINE.split("\t")) == 61
    monkeypatch.setenv("EVENTETL_DATABASE_URL", clean_db)
    base = httpserver.url_for("/gdeltv2/")
    serve_gdelt(httpserver, "20241128120000", md5="0" * 32)

    bad = poll_latest(client, "20241128114500", tmp_path, base_url=base, importer=default_importer)

    assert bad.status == "failed" and "MD5 mismatch" in (bad.reason or "")
    assert gdelt_ids(engine) == []

    httpserver.clear_all_handlers()
    serve_gdelt(httpserver, "20241128120000")
    good = poll_latest(client, bad.cursor, tmp_path, base_url=base, importer=default_importer)

    assert good.status == "new", good.summary()
    assert good.imported == 1
    assert gdelt_ids(engine) == ["1000000001"]


def test_a_gdelt_update_reports_rows_loaded_with_quality_flags(
    clean_db: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the Dagster gdelt_update asset puts in its metadata: loaded, quarantined, flagged."""
    monkeypatch.setenv("EVENTETL_DATABASE_URL", clean_db)
    fields = GDELT_LINE.split("\t")
    elsewhere = list(fields)
    elsewhere[0] = "1000000002"
    elsewhere[51], elsewhere[56], elsewhere[57] = "4", "-33.87", "151.21"  # a city in Sydney
    path = tmp_path / "20241128120000.export.CSV"
    path.write_text("\t".join(fields) + "\n" + "\t".join(elsewhere) + "\n", encoding="utf-8")
    counts = import_update(path)
    assert (counts.loaded, counts.quarantined, counts.flagged) == (2, 0, 1)
    assert "flagged           1  location_in_country" in counts.summary
    assert sorted(gdelt_ids(engine)) == ["1000000001", "1000000002"]
