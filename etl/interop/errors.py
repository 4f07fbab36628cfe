"""Errors and per-row problems of the interop readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class InteropError(Exception):
    """A whole file cannot be read (wrong layout, missing columns, unreadable); nothing loads."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One input row that could not be turned into an event row; it goes to quarantine.

    Attributes:
        line: 1-based line (CSV/TSV) or row (XLSX) number in the file.
        check_name: a short machine name (``gdelt_column_count``, ``not_utf8``, ``bad_value``).
        reason: a sentence naming the field and the value.
        payload: the raw fields, by column name where known.
        partition: the event date as written, when one could be read.
    """

    line: int
    check_name: str
    reason: str
    payload: dict[str, Any] = field(default_factory=dict)
    partition: str | None = None


class BadValue(ValueError):
    """A field's value cannot be parsed; carries the field name and value for the message."""

    def __init__(self, field_name: str, value: object, expected: str) -> None:
        super().__init__(f"field {field_name}: {value!r} is not {expected}")
        self.field_name = field_name
        self.value = value
