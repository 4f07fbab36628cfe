"""GDELT's 15-minute files from a local server: take new files once, refuse bad ones, backfill.

Covers: a new export is downloaded, verified, extracted and handed to the importer once; a
second look at the same lastupdate.txt downloads nothing; a bad MD5, a truncated download and
a corrupt archive each give a clear reason, import nothing, keep the cursor and succeed on the
next tick; gaps and late files are reported; the master-list backfill imports every file since
a timestamp and reports the ones that fail; the CLI function's exit codes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from etl.sources.commands import gdelt_backfill
from etl.sources.gdelt import GdeltError, UpdateFile, parse_file_list, poll_latest
from etl.sources.http import SourceClient

NOW = datetime(2026, 11, 24, 12, 5, tzinfo=UTC)


def export_zip(timestamp: str, rows: int = 2) -> bytes:
    """A zipped events file: tab-separated, no header, like GDELT's."""
    lines = "".join(f"{1_000_000 + i}\t{timestamp[:8]}\t190\n" for i in range(rows))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{timestamp}.export.CSV", lines)
    return buffer.getvalue()


def list_line(server: HTTPServer, timestamp: str, data: bytes, *, md5: str | None = None) -> str:
    digest = md5 or hashlib.md5(data).hexdigest()
    url = server.url_for(f"/gdeltv2/{timestamp}.export.CSV.zip")
    return f"{len(data)} {digest} {url}"


def serve_update(
    server: HTTPServer, timestamp: str, data: bytes, *, served: bytes | None = None, **kw: str
) -> None:
    mentions = server.url_for(f"/gdeltv2/{timestamp}.mentions.CSV.zip")
    listing = "\n".join(
        [
            list_line(server, timestamp, data, **kw),
            f"12 0123456789abcdef0123456789abcdef {mentions}",
        ]
    )
    server.expect_request("/gdeltv2/lastupdate.txt").respond_with_data(listing + "\n")
    server.expect_request(f"/gdeltv2/{timestamp}.export.CSV.zip").respond_with_data(
        served if served is not None else data, content_type="application/zip"
    )


class FakeImporter:
    """Records the files it was handed and what they held."""

    def __init__(self) -> None:
        self.files: list[tuple[str, str]] = []

    def __call__(self, path: Path) -> int:
        text = path.read_text()
        self.files.append((path.name, text))
        return len(text.splitlines())


def downloads(server: HTTPServer) -> int:
    return sum(1 for request, _ in server.log if request.path.endswith(".zip"))


def test_new_export_is_verified_extracted_and_imported_once(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    data = export_zip("20261124120000")
    serve_update(httpserver, "20261124120000", data)
    importer = FakeImporter()
    base = httpserver.url_for("/gdeltv2/")

    first = poll_latest(
        client, "20261124114500", tmp_path, base_url=base, importer=importer, now=NOW
    )

    assert first.status == "new", first.summary()
    assert first.cursor == "20261124120000" and first.missing == []
    assert first.path == tmp_path / "20261124120000.export.CSV"
    assert first.imported == 2
    csv_text = "1000000\t20261124\t190\n1000001\t20261124\t190\n"
    assert importer.files == [("20261124120000.export.CSV", csv_text)]
    assert not list(tmp_path.glob(".*.tmp"))

    second = poll_latest(client, first.cursor, tmp_path, base_url=base, importer=importer, now=NOW)

    assert second.status == "unchanged" and second.cursor == "20261124120000"
    assert downloads(httpserver) == 1
    assert len(importer.files) == 1


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("bad_md5", "MD5 mismatch"),
        ("truncated", "truncated or wrong size: got"),
        ("corrupt", "not a readable zip archive"),
    ],
)
def test_a_bad_file_imports_nothing_keeps_the_cursor_and_is_retried(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path, case: str, expected: str
) -> None:
    timestamp = "20261124120000"
    good = export_zip(timestamp)
    if case == "bad_md5":
        serve_update(httpserver, timestamp, good, md5="0" * 32)
    elif case == "truncated":
        serve_update(httpserver, timestamp, good, served=good[:-25])
    else:  # the list agrees with the bytes, but the bytes are not a zip
        serve_update(httpserver, timestamp, b"PK\x03\x04" + b"\x00" * 60)
    importer = FakeImporter()
    base = httpserver.url_for("/gdeltv2/")

    failed = poll_latest(client, "20261124114500", tmp_path, base_url=base, importer=importer)

    assert failed.status == "failed"
    assert expected in (failed.reason or ""), failed.reason
    assert "nothing imported" in (failed.reason or "")
    assert failed.cursor == "20261124114500"
    assert importer.files == []
    assert list(tmp_path.iterdir()) == []

    httpserver.clear_all_handlers()
    serve_update(httpserver, timestamp, good)
    retried = poll_latest(client, failed.cursor, tmp_path, base_url=base, importer=importer)
    assert retried.status == "new" and retried.cursor == timestamp
    assert len(importer.files) == 1


def test_missing_and_late_files_are_reported_not_fatal(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    serve_update(httpserver, "20261124120000", export_zip("20261124120000"))
    base = httpserver.url_for("/gdeltv2/")

    gap = poll_latest(client, "20261124111500", tmp_path, base_url=base, now=NOW)

    assert gap.status == "new" and gap.imported is None  # no importer: left for a Dagster run
    assert gap.missing == ["20261124113000", "20261124114500"]
    assert "2 file(s) between 20261124113000 and 20261124114500" in gap.summary()
    assert "eventetl import gdelt --since 20261124111500" in gap.summary()

    an_hour_later = datetime(2026, 11, 24, 13, tzinfo=UTC)
    late = poll_latest(client, "20261124120000", tmp_path, base_url=base, now=an_hour_later)
    assert late.status == "unchanged"
    assert late.reason == "the next file is late: the newest is 60 min old"


def test_unreachable_update_list_is_reported(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    httpserver.expect_request("/gdeltv2/lastupdate.txt").respond_with_data("", status=503)

    base = httpserver.url_for("/gdeltv2")  # no trailing slash: one is added
    result = poll_latest(client, "20261124114500", tmp_path, base_url=base)

    assert result.status == "failed" and result.cursor == "20261124114500"
    assert "HTTP 503" in (result.reason or "") and "gave up after 3 attempts" in result.reason


def test_file_list_lines_are_parsed_and_odd_lines_skipped() -> None:
    text = (
        "150383 297a16b493de7cf6ca809a7cc31d0b93 http://x/gdeltv2/20150218230000.export.CSV.zip\n"
        " http://x/gdeltv2/20150218230000.gkg.csv.zip\n"
        "\n"
        "318084 bb27f78ba45f69a17ea6ed7755e9f8ff http://x/gdeltv2/20150218230000.mentions.CSV.zip\n"
    )

    files = parse_file_list(text)

    assert [f.timestamp for f in files] == ["20150218230000", None]
    assert files[0] == UpdateFile(
        150383, "297a16b493de7cf6ca809a7cc31d0b93", "http://x/gdeltv2/20150218230000.export.CSV.zip"
    )


def serve_master_list(server: HTTPServer, stamps: list[str], bad: str | None = None) -> None:
    lines = []
    for stamp in stamps:
        data = export_zip(stamp, rows=1)
        lines.append(list_line(server, stamp, data, md5="f" * 32 if stamp == bad else None))
        server.expect_request(f"/gdeltv2/{stamp}.export.CSV.zip").respond_with_data(data)
    server.expect_request("/gdeltv2/masterfilelist.txt").respond_with_data("\n".join(lines))


def test_backfill_imports_every_file_since_and_reports_failures(
    httpserver: HTTPServer,
    client: SourceClient,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stamps = ["20261124110000", "20261124111500", "20261124113000", "20261124114500"]
    serve_master_list(httpserver, stamps, bad="20261124113000")
    importer = FakeImporter()

    code = gdelt_backfill(
        "20261124110000",
        base_url=httpserver.url_for("/gdeltv2/"),
        work_dir=tmp_path,
        importer=importer,
        client=client,
    )

    assert code == 1
    assert [name for name, _ in importer.files] == [
        "20261124111500.export.CSV",
        "20261124114500.export.CSV",
    ]
    out, err = capsys.readouterr()
    assert "2 file(s) imported, 1 failed" in out
    assert "failed 20261124113000: 20261124113000.export.CSV.zip: MD5 mismatch" in err
    assert list(tmp_path.iterdir()) == []  # imported CSVs are removed


def test_backfill_exit_codes(httpserver: HTTPServer, client: SourceClient, tmp_path: Path) -> None:
    serve_master_list(httpserver, ["20261124111500"])
    base = httpserver.url_for("/gdeltv2/")

    importer = FakeImporter()

    def backfill(since: str) -> int:
        return gdelt_backfill(
            since, base_url=base, work_dir=tmp_path, importer=importer, client=client
        )

    assert backfill("20261124") == 2
    assert importer.files == []
    assert backfill("20261124110000") == 0
    assert len(importer.files) == 1


def test_importer_that_is_not_there_yet_keeps_the_cursor(
    httpserver: HTTPServer, client: SourceClient, tmp_path: Path
) -> None:
    serve_update(httpserver, "20261124120000", export_zip("20261124120000"))

    def missing(path: Path) -> int:
        raise GdeltError(f"importer not available; {path.name} kept")

    result = poll_latest(
        client,
        "20261124114500",
        tmp_path,
        base_url=httpserver.url_for("/gdeltv2/"),
        importer=missing,
    )

    assert result.status == "failed" and result.cursor == "20261124114500"
    assert result.path is not None and result.path.exists()
