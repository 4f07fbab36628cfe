"""An article dated before 1900 is rejected by name, file and line (it would otherwise fall
outside every partition and make `eventetl run` refuse the whole inbox), and the good article
next to it is still read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.ingest import read_file


def test_pre_1900_date_is_an_error_and_the_rest_flows(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"published": "1899-12-31", "text": "Troops shelled the town."}\n'
        '{"published": "2024-11-28", "text": "Troops shelled the city."}\n',
        encoding="utf-8",
    )
    result = read_file(path, display_path="mixed.jsonl", today=date(2025, 1, 1))
    assert [d.published for d in result.documents] == [date(2024, 11, 28)]
    (error,) = result.errors
    assert (error.path, error.line, error.field) == ("mixed.jsonl", 1, "published")
    assert "1899-12-31" in str(error) and "before 1900" in str(error)
