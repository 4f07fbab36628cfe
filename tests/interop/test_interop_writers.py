"""Formatting rows into ACLED's 31 and GDELT 2.0's 61 columns, without a database."""

from __future__ import annotations

import datetime as dt

from etl.interop import acled, gdelt


def test_acled_layout_is_the_31_columns_in_order() -> None:
    assert len(acled.COLUMNS) == len(set(acled.COLUMNS)) == 31
    assert acled.COLUMNS[0] == "event_id_cnty"
    assert acled.COLUMNS[13] == "interaction"
    assert acled.COLUMNS[15] == "iso"
    assert acled.COLUMNS[27] == "notes"
    assert acled.COLUMNS[-1] == "timestamp"


def test_gdelt_layouts_have_61_58_and_57_columns() -> None:
    assert len(gdelt.V2_COLUMNS) == 61
    assert len(gdelt.V1_DAILY_COLUMNS) == 58
    assert len(gdelt.V1_BACKFILE_COLUMNS) == 57
    assert gdelt.V2_COLUMNS[26] == "EventCode"
    assert gdelt.V2_COLUMNS[59:] == ("DATEADDED", "SOURCEURL")


def acled_view_row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(acled.COLUMNS)
    row.update(
        event_id_cnty="SYR900000001",
        event_date=dt.date(2024, 11, 30),
        year=2024,
        inter1=8,
        inter2=7,
        interaction=78,
        latitude=35.930612345,
        fatalities=4,
    )
    row.update(overrides)
    return row


def test_acled_numeric_and_text_interaction() -> None:
    numeric = dict(zip(acled.COLUMNS, acled.format_row(acled_view_row()), strict=True))
    assert (numeric["inter1"], numeric["inter2"], numeric["interaction"]) == ("8", "7", "78")
    assert numeric["event_date"] == "2024-11-30"
    assert numeric["latitude"] == "35.9306"  # ACLED's four decimals
    text = dict(
        zip(acled.COLUMNS, acled.format_row(acled_view_row(), interaction="text"), strict=True)
    )
    assert text["inter1"] == "External/Other forces"
    assert text["inter2"] == "Civilians"
    assert text["interaction"] == "Civilians-External/Other forces"
    sole = acled.format_row(acled_view_row(inter1=6, inter2=0, interaction=60), interaction="text")
    assert sole[acled.COLUMNS.index("interaction")] == "Protesters only"
    assert sole[acled.COLUMNS.index("inter2")] == ""


def test_gdelt_numbers_are_written_as_gdelt_writes_them() -> None:
    row: dict[str, object] = dict.fromkeys(gdelt.VIEW_COLUMNS)
    row.update(
        globaleventid=881990833,
        sqldate=20181024,
        fractiondate=2018.8055,
        goldsteinscale=1.0,
        avgtone=0.0,
        actiongeo_lat=38.0,
        actiongeo_long=-123.133,
        eventcode="040",
        actiongeo_fullname="Minsk,\tBelarus",
        dateadded=20191024143000,
    )
    fields = dict(zip(gdelt.VIEW_COLUMNS, gdelt.format_row(row), strict=True))
    assert fields["goldsteinscale"] == "1.0"
    assert fields["avgtone"] == "0"
    assert fields["actiongeo_lat"] == "38"
    assert fields["actiongeo_long"] == "-123.133"
    assert fields["fractiondate"] == "2018.8055"
    assert fields["eventcode"] == "040"
    assert fields["actiongeo_fullname"] == "Minsk, Belarus"  # a tab would shift the columns
    assert fields["actor1code"] == ""
