"""ACLED's 31 and GDELT 2.0's 61 columns, without a database (the values written into them are
tested against a database in test_interop_export_copy)."""

from __future__ import annotations

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
