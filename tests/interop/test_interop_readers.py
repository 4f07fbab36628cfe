"""Reading ACLED and GDELT files without a database: layouts, value forms and per-row problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from etl.interop import acled, gdelt
from etl.interop.errors import BadValue, InteropError
from etl.interop.reference import interaction_from_text, interaction_text

DATA = Path(__file__).resolve().parents[1] / "data"
GDELT_V2 = DATA / "gdelt_v2_20191024143000_head200.export.CSV"
GDELT_V1 = DATA / "gdelt_v1_20160728_daily100_backfile100.export.tsv"


def read_all(reader, path: Path, **kwargs):
    frames, problems = [], []
    for frame, batch_problems in reader(path, **kwargs):
        frames.append(frame)
        problems.extend(batch_problems)
    return pl.concat(frames), problems


def test_gdelt_v2_reads_every_field_as_text_and_keeps_leading_zeros() -> None:
    frame, problems = read_all(gdelt.read_gdelt, GDELT_V2)
    assert problems == []
    assert frame.height == 200
    row = frame.filter(pl.col("external_id") == "881990833").row(0, named=True)
    assert row["cameo_code"] == "040"
    assert row["cameo_root"] == "04"
    assert row["actor1_code"] is None  # GDELT leaves an unknown actor empty
    assert row["actor2_code"] == "IGOEUREEC"
    assert row["action_geo_fips"] == "BO"
    assert row["iso3"] == "BLR"  # FIPS BO is Belarus, not Bolivia
    assert row["date_added"] == dt.datetime(2019, 10, 24, 14, 30, tzinfo=dt.UTC)
    assert row["event_date"] == dt.date(2018, 10, 24)
    assert row["id"] == "gdelt:881990833"
    assert row["source_line"] == 2


def test_gdelt_layout_is_detected_per_line_for_daily_and_backfile_rows() -> None:
    frame, problems = read_all(gdelt.read_gdelt, GDELT_V1, batch_size=70)
    assert problems == []
    assert frame.height == 200
    with_url = frame.filter(pl.col("source_url").is_not_null()).height
    assert with_url == 100  # the 58-field daily rows carry SOURCEURL, the backfile rows none
    backfile = frame.filter(pl.col("external_id") == "1552839").row(0, named=True)
    assert backfile["date_added"] == dt.datetime(2013, 2, 3, tzinfo=dt.UTC)
    assert backfile["action_geo_adm2_code"] is None


def test_gdelt_bad_lines_are_problems_and_good_lines_still_read(tmp_path: Path) -> None:
    lines = GDELT_V2.read_bytes().splitlines()[:5]
    short = b"\t".join(lines[1].split(b"\t")[:60])
    not_utf8 = lines[2].replace(b"Minsk", b"Mi\xe9nsk")
    fields = lines[3].split(b"\t")
    fields[56] = b"north"  # ActionGeo_Lat
    bad_number = b"\t".join(fields)
    path = tmp_path / "mixed.export.CSV"
    path.write_bytes(b"\n".join([lines[0], short, not_utf8, bad_number, lines[4]]) + b"\n")
    frame, problems = read_all(gdelt.read_gdelt, path)
    assert frame["source_line"].to_list() == [1, 5]
    by_line = {p.line: p for p in problems}
    assert by_line[2].check_name == "gdelt_column_count"
    assert "60 tab-separated fields" in by_line[2].reason
    assert by_line[3].check_name == "not_utf8"
    assert "line 3" in by_line[3].reason and "UTF-8" in by_line[3].reason
    assert by_line[4].check_name == "bad_value"
    assert "ActionGeo_Lat" in by_line[4].reason and "'north'" in by_line[4].reason


def test_a_file_with_no_gdelt_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mentions.CSV"
    path.write_text("1\t2\t3\n4\t5\t6\n", encoding="utf-8")
    with pytest.raises(InteropError, match="3 tab-separated fields"):
        read_all(gdelt.read_gdelt, path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-01", dt.date(2024, 11, 1)),
        ("01 November 2024", dt.date(2024, 11, 1)),
        ("1 November 2024", dt.date(2024, 11, 1)),
        ("01-Nov-24", dt.date(2024, 11, 1)),
    ],
)
def test_acled_date_forms(text: str, expected: dt.date) -> None:
    assert acled.parse_date(text) == expected


def test_acled_bad_date_names_the_field_and_value() -> None:
    with pytest.raises(BadValue, match=r"event_date: '2024/13/45'"):
        acled.parse_date("2024/13/45")


@pytest.mark.parametrize(
    ("inter1", "inter2", "code", "label"),
    [
        (1, 7, 17, "State forces-Civilians"),
        (7, 1, 17, "State forces-Civilians"),
        (6, 0, 60, "Protesters only"),
        (8, None, 80, "External/Other forces only"),
        (2, 3, 23, "Rebel group-Political militia"),
    ],
)
def test_interaction_text_forms_both_ways(
    inter1: int, inter2: int | None, code: int, label: str
) -> None:
    assert interaction_text(inter1, inter2) == label
    assert interaction_from_text(label) == code
    assert interaction_from_text(label.upper()) == code


def test_acled_csv_with_text_forms_and_legacy_columns() -> None:
    frame, problems = read_all(acled.read_acled, DATA / "acled_text_forms_legacy.csv")
    assert problems == []
    rows = {r["external_id"]: r for r in frame.iter_rows(named=True)}
    hama = rows["SYR1101"]
    assert (hama["inter1"], hama["inter2"], hama["interaction"]) == (2, 1, 12)
    assert hama["event_date"] == dt.date(2024, 12, 1)
    assert hama["iso_numeric"] == 760 and hama["iso3"] == "SYR"
    assert rows["UKR2101"]["interaction"] == 60
    assert rows["UKR2101"]["inter2"] is None
    assert rows["SYR1102"]["interaction"] == 78


def test_acled_xlsx_reads_like_the_csv() -> None:
    xlsx, problems = read_all(acled.read_acled, DATA / "acled_excel.xlsx")
    assert problems == []
    csv_frame, _ = read_all(acled.read_acled, DATA / "acled_iso_dates_numeric.csv")
    first = xlsx.row(0, named=True)
    original = csv_frame.row(0, named=True)
    assert first["external_id"] == "SYR1201"
    for column in ("event_date", "latitude", "longitude", "interaction", "fatalities", "notes"):
        assert first[column] == original[column], column
    assert first["source_line"] == 2


def test_acled_header_without_required_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not_acled.csv"
    path.write_text("event_id_cnty,event_date,notes\nSYR1,2024-01-01,x\n", encoding="utf-8")
    with pytest.raises(InteropError, match="lacks time_precision, event_type"):
        read_all(acled.read_acled, path)


def test_acled_bad_rows_are_problems_with_field_and_line(tmp_path: Path) -> None:
    source = (DATA / "acled_iso_dates_numeric.csv").read_bytes().splitlines()
    bad_inter = source[2].replace(b",8,Civilians", b",Martians,Civilians")
    not_utf8 = source[3].replace(b"Kyiv,50", b"K\xffyiv,50")
    path = tmp_path / "acled_bad.csv"
    path.write_bytes(b"\n".join([source[0], source[1], bad_inter, not_utf8, source[4]]) + b"\n")
    frame, problems = read_all(acled.read_acled, path)
    assert frame["external_id"].to_list() == ["SYR1001", "KEN3001"]
    by_line = {p.line: p for p in problems}
    assert by_line[3].check_name == "bad_value"
    assert "inter1" in by_line[3].reason and "'Martians'" in by_line[3].reason
    assert by_line[4].check_name == "not_utf8"
    assert "location" in by_line[4].reason
