"""Fuzzing ACLED and GDELT imports into the test database (slow tier; a NUL-byte regression
in the default tier): generated files with bad rows mixed in never raise anything but a clear
InteropError (and then load nothing); every data line is either loaded, a repeat of a loaded
key, or in quarantine with its line and a reason (the counts add up); and importing the same
file again changes nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from sqlalchemy import Engine, create_engine, text

from etl.interop.commands import run_import
from etl.interop.errors import InteropError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_fuzz_readers import ACLED_TEXT, FUZZ, GDELT_LINES, acled_files, gdelt_lines

TODAY = date(2025, 1, 1)
EXAMPLES = 20  # per format under "ci": 80 imports with the re-imports; "fuzz" runs 10x


@pytest.fixture(scope="module")
def db(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


def _state(engine: Engine) -> tuple[list[tuple], list[tuple]]:
    with engine.connect() as c:
        events = c.execute(
            text("SELECT id, origin, external_id, updated_at FROM event ORDER BY id")
        ).all()
        quarantine = c.execute(
            text(
                "SELECT source_line, check_name, reason, payload::text FROM quarantine "
                "ORDER BY 1, 2, 3, 4"
            )
        ).all()
    return [tuple(r) for r in events], [tuple(r) for r in quarantine]


def _import_and_check(engine: Engine, kind: str, path: Path, data_lines: int | None) -> None:
    with engine.begin() as c:
        c.execute(text("TRUNCATE event, quarantine RESTART IDENTITY CASCADE"))
    try:
        report = run_import(kind, path, engine=engine, batch_size=3, today=TODAY)
    except InteropError as exc:  # the whole file refused: said clearly, nothing loaded
        assert str(path.name) in str(exc) or str(path) in str(exc), str(exc)
        assert _state(engine) == ([], [])
        return
    events, quarantine = _state(engine)
    lines = {row[0] for row in quarantine}
    assert all(row[2] for row in quarantine), "a quarantine row without a reason"
    assert None not in lines, quarantine
    assert len(events) == report.loaded
    # every line read is loaded, a repeat of a key loaded once, or quarantined (by line)
    assert report.loaded + report.duplicates + len(lines) == report.rows, (report, quarantine)
    if data_lines is not None:
        assert report.rows == data_lines
        assert lines <= set(range(1, data_lines + 1))
    again = run_import(kind, path, engine=engine, batch_size=3, today=TODAY)
    assert _state(engine) == (events, quarantine)
    assert (again.inserted, again.updated) == (0, 0)


def test_a_nul_byte_in_a_bad_row_is_quarantined_not_fatal(db: Engine, tmp_path: Path) -> None:
    """Found by this fuzzer: jsonb cannot store NUL, so the bad row's quarantine insert failed
    and took the whole file (its good rows too) down with it."""
    good = GDELT_LINES[0]
    path = tmp_path / "nul.export.CSV"
    path.write_bytes(f"{good}\n\x00{good}\n".encode())
    _import_and_check(db, "gdelt", path, 2)
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 1
        reason, payload = c.execute(
            text("SELECT reason, payload->>'GLOBALEVENTID' FROM quarantine")
        ).one()
    assert "line 2" in reason and payload.startswith("\\x00"), (reason, payload)


def test_a_nul_byte_in_a_good_rows_text_field_is_quarantined(db: Engine, tmp_path: Path) -> None:
    """Found by this fuzzer: a NUL in a text field of an otherwise valid row failed the COPY."""
    path = tmp_path / "nul-text.export.CSV"
    lines = [GDELT_LINES[0], GDELT_LINES[1].replace("http", "http\x00", 1)]
    path.write_bytes(("\n".join(lines) + "\n").encode())
    _import_and_check(db, "gdelt", path, 2)
    with db.connect() as c:
        assert c.execute(text("SELECT count(*) FROM event")).scalar_one() == 1
        line, check, reason = c.execute(
            text("SELECT source_line, check_name, reason FROM quarantine")
        ).one()
    assert (line, check) == (2, "bad_value")
    assert "field SOURCEURL" in reason and "NUL" in reason


def _with_field(line: str, index: int, value: str) -> bytes:
    fields = line.split("\t")
    fields[index] = value
    return "\t".join(fields).encode()


# Cases the random search found (issue 12), checked on every run from now on.
ACTOR2GEO_TYPE_TOO_BIG = [GDELT_LINES[0].encode(), _with_field(GDELT_LINES[1], 43, "99999999")]
ACLED_NUL_IN_EVENT_DATE = ACLED_TEXT.replace("2024-11-30,2024", "2024-11\x00-30,2024", 1).encode()
ACLED_HEAD = "\n".join(ACLED_TEXT.splitlines()[:4])
# 1e100 is a whole number, but no smallint: it overflowed the frame and failed the file.
ACLED_HUGE_GEO_PRECISION = ACLED_HEAD.replace(",30.5234,1,", ",30.5234,1e100,", 1).encode()
# A row without a timestamp was updated again by every re-import of the same file.
ACLED_NO_TIMESTAMP = ACLED_HEAD.replace("no report,1730764800", "no report,", 1).encode()


@pytest.mark.slow
@settings(FUZZ, max_examples=examples(EXAMPLES))
@given(gdelt_lines(), st.booleans())
@example(ACTOR2GEO_TYPE_TOO_BIG, False)
def test_gdelt_import(db: Engine, tmp_path_factory, lines: list[bytes], crlf: bool) -> None:
    path = tmp_path_factory.mktemp("gdelt") / "fuzz.export.CSV"
    path.write_bytes((b"\r\n" if crlf else b"\n").join(lines))
    _import_and_check(db, "gdelt", path, sum(1 for line in lines if line.strip(b"\r")))


@pytest.mark.slow
@settings(FUZZ, max_examples=examples(EXAMPLES))
@given(acled_files())
@example(ACLED_NUL_IN_EVENT_DATE)
@example(ACLED_HUGE_GEO_PRECISION)
@example(ACLED_NO_TIMESTAMP)
def test_acled_import(db: Engine, tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("acled") / "fuzz.csv"
    path.write_bytes(data)
    _import_and_check(db, "acled", path, None)
