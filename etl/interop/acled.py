"""ACLED exports: read CSV, XLSX and the API's JSON in ACLED's 31-column layout (and the older
layouts users hold); write the 31-column layout.

Tolerated variants: dates as ``2024-11-01``, ``01 November 2024`` or Excel's ``01-Nov-24``;
inter and interaction codes numeric or in the 2024+ text form; the legacy columns (``data_id``,
``event_id_no_cnty``, ``iso3``, ``gwno``, ``ally_actor_*``) and ``population_*``; exports that
predate ``disorder_type`` (2022: derived from ``sub_event_type`` with ACLED's taxonomy),
``civilian_targeting`` and ``tags``, or lack ``iso``, ``region``, ``admin3``, ``source_scale``,
``year`` or ``timestamp``; the API's answer ``{"status": 200, "data": [...]}``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from psycopg import sql
from psycopg.abc import Buffer

from etl.interop.errors import BadValue, InteropError, RowProblem
from etl.interop.frames import LINE, check_storable_text, frame_from_rows, storable_int
from etl.interop.reference import (
    inter_codes_by_label,
    inter_text_labels,
    interaction_from_text,
    iso3_by_acled_country,
    iso3_by_numeric,
)
from etl.load.exports import python_round4_sql
from etl.validation.reference import acled_sub_event_types

ORIGIN = "acled"

#: ACLED's 31 export columns, in order and spelling.
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: Columns some exports users hold lack (older ones, curated subsets); read as empty.
OPTIONAL_COLUMNS = frozenset(
    {
        "disorder_type",  # added in 2022; derived from sub_event_type when empty
        "civilian_targeting",
        "tags",
        "iso",
        "region",
        "admin3",
        "source_scale",
        "year",
        "timestamp",
    }
)
LEGACY_COLUMNS = frozenset(
    {"data_id", "event_id_no_cnty", "iso3", "gwno", "ally_actor_1", "ally_actor_2"}
)
LEGACY_RENAMES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}

# ACLED column -> event column, for plain strings.
_STRINGS = {
    "disorder_type": "disorder_type",
    "event_type": "acled_event_type",
    "sub_event_type": "acled_sub_event_type",
    "actor1": "acled_actor1",
    "assoc_actor_1": "assoc_actor_1",
    "actor2": "acled_actor2",
    "assoc_actor_2": "assoc_actor_2",
    "civilian_targeting": "civilian_targeting",
    "region": "region",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin3",
    "location": "location",
    "source": "source",
    "source_scale": "source_scale",
    "notes": "notes",
    "tags": "tags",
}

IMPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "origin",
    "external_id",
    "partition_date",
    "source_file",
    "event_date",
    "time_precision",
    *_STRINGS.values(),
    "inter1",
    "inter2",
    "interaction",
    "iso_numeric",
    "iso3",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "acled_timestamp",
    LINE,
)

_WHOLE = re.compile(r"[+-]?[0-9]+")  # ASCII digits: str.isdigit() takes "²", int() does not
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d %b %Y", "%d/%m/%Y")


def parse_row(raw: Mapping[str, str], source_file: str, line: int) -> dict[str, Any]:
    """One ACLED row (column name -> text) as event columns.

    Raises:
        BadValue: a field does not parse (the message names the field and value).
    """
    check_storable_text(raw)
    event_id = raw.get("event_id_cnty", "").strip()
    if not event_id:
        raise BadValue("event_id_cnty", event_id, "an ACLED event id such as SYR12345")
    event_date = parse_date(raw.get("event_date", ""))
    row: dict[str, Any] = {
        "id": f"acled:{event_id}",
        "origin": ORIGIN,
        "external_id": event_id,
        "partition_date": event_date,
        "source_file": source_file,
        "event_date": event_date,
        LINE: line,
    }
    year = raw.get("year", "").strip()
    if year and year != str(event_date.year):
        raise BadValue("year", year, f"the year of event_date ({event_date.year})")
    for name, column in _STRINGS.items():
        value = (raw.get(name) or "").strip()
        row[column] = value or None
    if row["disorder_type"] is None and row["acled_sub_event_type"] is not None:
        # Exports before 2022 have no disorder type: ACLED derives it from the sub-event type.
        known = acled_sub_event_types().get(row["acled_sub_event_type"])
        row["disorder_type"] = known.disorder_type if known else None
    row["time_precision"] = _int(raw, "time_precision")
    row["geo_precision"] = _int(raw, "geo_precision")
    row["fatalities"] = _int(raw, "fatalities") or 0
    row["acled_timestamp"] = _int(raw, "timestamp", "acled_timestamp")
    row["iso_numeric"] = _int(raw, "iso", "iso_numeric")
    row["latitude"] = _float(raw, "latitude")
    row["longitude"] = _float(raw, "longitude")
    row["inter1"] = _inter(raw, "inter1")
    row["inter2"] = _inter(raw, "inter2")
    row["interaction"] = _interaction(raw)
    row["iso3"] = _iso3(raw, row)
    return row


def parse_date(value: str) -> dt.date:
    """An ACLED date in any of the forms its exports use.

    Raises:
        BadValue: none of the forms matches.
    """
    text = value.strip()
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise BadValue("event_date", value, "a date like 2024-11-01 or 01 November 2024")


def _int(raw: Mapping[str, str], name: str, column: str | None = None) -> int | None:
    """The field as a whole number its event column (default: same name) can hold."""
    value = (raw.get(name) or "").strip()
    if not value:
        return None
    if _WHOLE.fullmatch(value):
        number = int(value)  # exact: a float would round a large number into range
    else:
        try:
            as_float = float(value)  # XLSX and some tools write 3.0 for 3
        except ValueError:
            raise BadValue(name, value, "a whole number") from None
        if not as_float.is_integer():
            raise BadValue(name, value, "a whole number")
        number = int(as_float)
    return storable_int(name, column or name, value, number)


def _float(raw: Mapping[str, str], name: str) -> float | None:
    value = (raw.get(name) or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadValue(name, value, "a number") from None
    if number != number or abs(number) == float("inf"):
        raise BadValue(name, value, "a finite number")
    return number


def _inter(raw: Mapping[str, str], name: str) -> int | None:
    value = (raw.get(name) or "").strip()
    if not value:
        return None
    if value.replace(".", "", 1).isdigit():
        return _int(raw, name)
    code = inter_codes_by_label().get(value.lower())
    if code is None:
        raise BadValue(name, value, "an inter code 0-8 or a label such as 'State forces'")
    return code


def _interaction(raw: Mapping[str, str]) -> int | None:
    value = (raw.get("interaction") or "").strip()
    if not value:
        return None
    if value.replace(".", "", 1).isdigit():
        return _int(raw, "interaction")
    code = interaction_from_text(value)
    if code is None:
        raise BadValue(
            "interaction", value, "a code like 17 or a label like 'State forces-Civilians'"
        )
    return code


def _iso3(raw: Mapping[str, str], row: Mapping[str, Any]) -> str | None:
    legacy = (raw.get("iso3") or "").strip().upper()
    if len(legacy) == 3:
        return legacy
    country = row["country"]
    if country and country.lower() in iso3_by_acled_country():
        return iso3_by_acled_country()[country.lower()]
    numeric = row["iso_numeric"]
    return iso3_by_numeric().get(numeric) if numeric is not None else None


# --- reading files ----------------------------------------------------------------------------


def read_acled(
    path: Path, *, batch_size: int = 50_000
) -> Iterator[tuple[pl.DataFrame, list[RowProblem]]]:
    """Read an ACLED CSV or XLSX export in batches: (event frame, rows that could not be read).

    Raises:
        InteropError: the file is missing, unreadable, or lacks some of ACLED's columns.
    """
    if not path.is_file():
        raise InteropError(f"{path}: no such file")
    source_file = str(path.resolve())
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        records = _xlsx_records(path)
    elif suffix == ".json":
        records = _json_records(path)
    else:
        records = _csv_records(path)
    unit = "record" if suffix == ".json" else "line"
    rows: list[dict[str, Any]] = []
    problems: list[RowProblem] = []
    for number, raw in records:
        if isinstance(raw, RowProblem):
            problems.append(raw)
            continue
        try:
            rows.append(parse_row(raw, source_file, number))
        except BadValue as exc:
            problems.append(
                RowProblem(
                    line=number,
                    check_name="bad_value",
                    reason=f"{path.name}, {unit} {number}: {exc}",
                    payload=dict(raw),
                    partition=raw.get("event_date") or None,
                )
            )
        if len(rows) >= batch_size:
            yield frame_from_rows(rows, IMPORT_COLUMNS), problems
            rows, problems = [], []
    if rows or problems:
        yield frame_from_rows(rows, IMPORT_COLUMNS), problems


def check_header(path: Path, header: list[str]) -> list[str]:
    """The header's column names, normalised; legacy names mapped to today's.

    Raises:
        InteropError: one of ACLED's required columns is missing.
    """
    names = [LEGACY_RENAMES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [c for c in COLUMNS if c not in names and c not in OPTIONAL_COLUMNS]
    if missing:
        shown = ", ".join(names[:8]) + (" ..." if len(names) > 8 else "")
        raise InteropError(
            f"{path}: not an ACLED export: the header lacks {', '.join(missing)} "
            f"(found {len(names)} columns: {shown})"
        )
    return names


def _csv_records(path: Path) -> Iterator[tuple[int, dict[str, str] | RowProblem]]:
    # surrogateescape keeps undecodable bytes so one bad row is quarantined, not the file.
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InteropError(f"{path}: the file is empty") from None
        names = check_header(path, header)
        previous_line = reader.line_num
        for fields in reader:
            number = previous_line + 1  # the line the record starts on
            previous_line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(names):
                yield (
                    number,
                    RowProblem(
                        line=number,
                        check_name="acled_column_count",
                        reason=(
                            f"{path.name}, line {number}: {len(fields)} fields, the header has "
                            f"{len(names)}"
                        ),
                        payload={"fields": [_printable(f) for f in fields]},
                    ),
                )
                continue
            row = dict(zip(names, fields, strict=True))
            problem = _not_utf8_problem(
                number,
                row,
                f"{path.name}, line {number}",
                "bytes that are not UTF-8",
                "; re-save the file as UTF-8",
            )
            yield number, problem or row


def _xlsx_records(path: Path) -> Iterator[tuple[int, dict[str, str] | RowProblem]]:
    from openpyxl import load_workbook  # lazy: only XLSX imports need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a broken file
        raise InteropError(f"{path}: not a readable XLSX workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InteropError(f"{path}: the first sheet is empty")
        names = check_header(path, [str(h or "") for h in header])
        for number, values in enumerate(rows, start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            yield number, {n: _cell_text(v) for n, v in zip(names, values, strict=False)}
    finally:
        workbook.close()


def _json_records(path: Path) -> Iterator[tuple[int, dict[str, str] | RowProblem]]:
    """The API's answer ``{"status": 200, "data": [{column: value}, ...]}`` (or the bare list).

    Record numbers (1-based, in ``data``) stand for line numbers.
    """
    try:
        with path.open("rb") as handle:
            document = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InteropError(f"{path}: not a readable ACLED API JSON answer ({exc})") from None
    if isinstance(document, dict):
        status = document.get("status", 200)
        if status != 200 or not isinstance(document.get("data"), list):
            message = document.get("messages") or document.get("error") or ""
            raise InteropError(
                f"{path}: not an ACLED API answer with data (status {status!r}) {message}".strip()
            )
        data = document["data"]
    elif isinstance(document, list):
        data = document
    else:
        raise InteropError(f"{path}: not an ACLED API answer (a JSON object with data)")
    if not data:
        return
    first = next((r for r in data if isinstance(r, dict)), None)
    if first is None:
        raise InteropError(f"{path}: the API answer's data holds no records")
    check_header(path, list(first))
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            yield (
                number,
                RowProblem(
                    line=number,
                    check_name="acled_record_not_object",
                    reason=f"{path.name}, record {number}: not a JSON object: {record!r}"[:500],
                    payload={"record": record},
                ),
            )
            continue
        fields = {
            LEGACY_RENAMES.get(str(k).strip().lower(), str(k).strip().lower()): _json_text(v)
            for k, v in record.items()
        }
        problem = _not_utf8_problem(
            number,
            fields,
            f"{path.name}, record {number}",
            "a lone surrogate",
            ", which is not text",
        )
        yield number, problem or fields


def _json_text(value: object) -> str:
    """A JSON value as the text ACLED's CSV would hold (the API sends numbers as strings or
    numbers, depending on the version)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _cell_text(value: object) -> str:
    """An XLSX cell as the text ACLED's CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _not_utf8_problem(
    number: int, row: dict[str, str], where: str, what: str, advice: str
) -> RowProblem | None:
    """The row's first field that is not valid text, as a quarantine problem (None: all text)."""
    bad = [(n, f) for n, f in row.items() if not _is_utf8(f)]
    if not bad:
        return None
    name, value = bad[0]
    return RowProblem(
        line=number,
        check_name="not_utf8",
        reason=f"{where}: field {name} holds {what} ({_printable(value)!r}){advice}",
        payload={n: _printable(f) for n, f in row.items()},
    )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# --- writing ----------------------------------------------------------------------------------


#: ``COPY``'s options for the ACLED layout: CSV, where NULL is an unquoted empty field.
COPY_OPTIONS = "FORMAT csv"
_FLOATS = frozenset({"latitude", "longitude"})


def header() -> list[str]:
    """ACLED's header row."""
    return list(COLUMNS)


def header_line() -> bytes:
    """ACLED's header row as the export's first line."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(header())
    return out.getvalue().encode("utf-8")


def export_select_list(interaction: str = "numeric") -> list[str]:
    """SQL over ``v_events_acled`` giving each of ACLED's 31 fields as text, one per column.

    The text is what ACLED writes and what the exporter has always written: empty for NULL,
    dates as ``2024-11-30``, coordinates as Python's ``repr(round(value, 4))`` (four decimals
    at most; the shortest form keeps imported values exact), other values as PostgreSQL (and
    Python's ``str``) write them. An empty string becomes NULL, so that ``COPY``'s CSV writes
    both as an unquoted empty field, as ``csv.writer`` does.

    Args:
        interaction: ``numeric`` (``17``) or ``text`` (2024+ labels, for inter1/inter2 too).
    """
    select_list: list[str] = []
    for name in COLUMNS:
        quoted = f'"{name}"'
        if interaction == "text" and name in ("inter1", "inter2"):
            select_list.append(_inter_label_sql(quoted))
        elif interaction == "text" and name == "interaction":
            select_list.append(_interaction_label_sql(quoted))
        elif name in _FLOATS:
            select_list.append(python_round4_sql(quoted))
        else:
            select_list.append(f"nullif({quoted}::text, '')")
    return select_list


def _inter_label_sql(code: str) -> str:
    # The 2024+ label of an inter code; NULL for 0 (no actor), NULL and unknown codes.
    cases = " ".join(
        f"WHEN {number} THEN {sql.quote(label)}"
        for number, label in sorted(inter_text_labels().items())
    )
    return f"CASE {code} {cases} END"


def _interaction_label_sql(code: str) -> str:
    # As reference.interaction_text(code // 10, code % 10): "Protesters only" for a low digit 0,
    # else both labels, lower code first; NULL when either digit has no label.
    high, low = f"({code} / 10)", f"mod({code}, 10)"
    return (
        f"CASE WHEN {code} < 0 THEN NULL "
        f"WHEN {low} = 0 THEN {_inter_label_sql(high)} || ' only' "
        f"ELSE {_inter_label_sql(f'least({high}, {low})')} || '-' "
        f"|| {_inter_label_sql(f'greatest({high}, {low})')} END"
    )


def csv_lines(rows: Sequence[Buffer]) -> bytes:
    """Rows of ``COPY``'s CSV output as Python's ``csv.writer`` writes them.

    The two agree but for a field holding a carriage return and no comma, quote or line feed:
    ``COPY`` quotes it, ``csv.writer`` (with ``lineterminator="\\n"``) does not. Such rows are
    rare, and are read back and written again.
    """
    chunk = b"".join(rows)
    if b"\r" not in chunk:
        return chunk
    lines = (bytes(row) for row in rows)
    return b"".join(_rewrite(line) if b"\r" in line else line for line in lines)


def _rewrite(line: bytes) -> bytes:
    fields = next(csv.reader(io.StringIO(line.decode("utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue().encode("utf-8")
