"""Read the reference tables shipped in ``schema/data`` (used by the data migrations)."""

from __future__ import annotations

import csv
from importlib import resources


def read_reference_rows(file_name: str) -> list[dict[str, str | None]]:
    """Rows of a bundled TSV file, with empty cells as ``None``."""
    text = resources.files("schema").joinpath("data", file_name).read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines(), delimiter="\t")
    return [{key: (value if value != "" else None) for key, value in row.items()} for row in reader]
