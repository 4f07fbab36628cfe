"""Streaming events out of the ``v_events_acled`` and ``v_events_gdelt`` views.

Rows come out of PostgreSQL's ``COPY (SELECT ...) TO STDOUT``, already formatted as text by the
select list the layout gives, a batch at a time, so memory stays bounded however many rows the
export has. Events exported to a layout whose id they lack natively (coded events, or ACLED rows
in GDELT's layout) first get a stable number in ``event_export_key``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.abc import Buffer
from sqlalchemy import (
    ColumnElement,
    Engine,
    and_,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import insert

from schema.events import Event
from schema.interop import EventExportKey

VIEWS = {"acled": "v_events_acled", "gdelt": "v_events_gdelt"}
# The event column that must be set for a row to appear in a layout's view.
_CODING = {"acled": Event.acled_event_type, "gdelt": Event.cameo_code}


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which events to export: an inclusive event-date range and an ISO3 country."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    iso3: str | None = None


def _conditions(date_column: Any, iso3_column: Any, where: ExportFilter) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if where.date_from is not None:
        parts.append(date_column >= where.date_from)
    if where.date_to is not None:
        parts.append(date_column <= where.date_to)
    if where.iso3 is not None:
        parts.append(iso3_column == where.iso3)
    return and_(true(), *parts)


def assign_export_keys(engine: Engine, layout: str, where: ExportFilter) -> int:
    """Give every event of the export that lacks a native id in ``layout`` a stable number.

    Numbers are keyed by event id and never reassigned, so repeated exports agree.

    Returns:
        How many events got a new number.
    """
    native_origin = layout  # ACLED rows have event_id_cnty, GDELT rows GLOBALEVENTID
    candidates = select(Event.id).where(
        Event.origin != native_origin,
        _CODING[layout].is_not(None),
        _conditions(Event.event_date, Event.iso3, where),
        ~select(literal(1)).where(EventExportKey.event_id == Event.id).exists(),
    )
    statement = (
        insert(EventExportKey)
        .from_select(["event_id"], candidates)
        .on_conflict_do_nothing(index_elements=["event_id"])
    )
    with engine.begin() as connection:
        # SQLAlchemy reports an INSERT's row count only when asked to (-1 otherwise).
        result = connection.execution_options(preserve_rowcount=True).execute(statement)
        return max(result.rowcount, 0)


def count_rows(engine: Engine, layout: str, where: ExportFilter) -> int:
    """How many rows an export will write (for the progress bar)."""
    view = table(VIEWS[layout], column("event_date"), column("iso3"))
    query = (
        select(func.count())
        .select_from(view)
        .where(_conditions(view.c.event_date, view.c.iso3, where))
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def copy_rows(
    engine: Engine,
    layout: str,
    columns: Sequence[str],
    select_list: Sequence[str],
    where: ExportFilter,
    *,
    options: str,
    batch_rows: int = 2_000,
) -> Iterator[list[Buffer]]:
    """The view's rows as PostgreSQL's ``COPY`` writes them, ordered by event date and event id.

    Runs ``COPY (SELECT <select_list> FROM (SELECT <columns> FROM <view> WHERE <filter> ORDER BY
    event_date, event_id OFFSET 0) AS v ORDER BY event_date, event_id) TO STDOUT (<options>)``:
    PostgreSQL formats every value, Python only moves bytes. Memory stays bounded by
    ``batch_rows`` rows.

    Args:
        engine: the database.
        layout: ``acled`` or ``gdelt``.
        columns: the view columns that ``select_list`` reads.
        select_list: one SQL expression per output column, over ``columns``.
        where: the filter.
        options: ``COPY``'s options, such as ``FORMAT csv``.
        batch_rows: rows per yielded list.

    Yields:
        Lists of rows. libpq hands ``COPY`` data over a row at a time, so each item is one whole
        row, its line end included, and a list's length is its number of rows.
    """
    names = list(dict.fromkeys([*columns, "event_date", "iso3", "event_id"]))
    view = table(VIEWS[layout], *(column(name) for name in names))
    # OFFSET 0 keeps the subquery apart: the view's rows are joined and sorted as they would be
    # for a plain SELECT, and formatted after. Planned together with the formatting, the view
    # got nested loops over the whole table (ACLED on 200k events: 2.0 s instead of 1.2 s).
    rows = (
        select(*(view.c[name] for name in names))
        .where(_conditions(view.c.event_date, view.c.iso3, where))
        .order_by(view.c.event_date, view.c.event_id)
        .offset(0)
        .subquery("v")
    )
    query = (
        select(*(literal_column(expression) for expression in select_list))
        .select_from(rows)
        .order_by(rows.c.event_date, rows.c.event_id)  # the rows' own order: no second sort
    )
    # Literal values (dates, an ISO3 code) and no parameters, so that no "%" is special.
    text = query.compile(dialect=postgresql.dialect(paramstyle="named"), compile_kwargs=_LITERAL)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert isinstance(driver, psycopg.Connection)
        with driver.cursor() as cursor:
            # The output must not depend on the server's or the role's settings: shortest exact
            # floats, ISO dates, UTF-8. Settings are local: they end with the transaction.
            for setting in _COPY_SETTINGS:
                cursor.execute(setting)
            with cursor.copy(f"COPY ({text}) TO STDOUT ({options})") as copy:
                batch: list[Buffer] = []
                for row in copy:
                    batch.append(row)
                    if len(batch) >= batch_rows:
                        yield batch
                        batch = []
                if batch:
                    yield batch


_LITERAL = {"literal_binds": True}
_COPY_SETTINGS = (
    # The select lists are long expressions that are cheap to run: compiling them with LLVM
    # took longer than the export itself.
    "SET LOCAL jit = off",
    # A bulk read: with the default 4MB the planner probed event_export_key's index once per row
    # rather than hash it, and GDELT on 1M events took 11.3 s instead of 5.5 s. Filtered exports
    # keep their index scans. Only ever raised, for this transaction.
    "SELECT set_config('work_mem', '16MB', true) "
    "WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('16MB')",
    "SET LOCAL extra_float_digits = 1",
    "SET LOCAL DateStyle = ISO",
    "SET LOCAL client_encoding = 'UTF8'",
)


# --- Python's float text, in SQL ---------------------------------------------------------------
#
# PostgreSQL's float8 output (extra_float_digits = 1) is the shortest text that reads back
# exactly, as Python's repr() is, but it writes whole numbers without ".0", switches to exponents
# from 1e15 (Python: 1e16), and for |x| >= 2**53 it never picks a candidate lying exactly half
# way to the next float, which Python accepts when the float's mantissa is even. These
# expressions correct for all of that; tests/interop compare them with Python on random floats.


def python_float_sql(value: str, *, whole: str = ".0") -> str:
    """SQL for Python's ``repr(float(value))`` of a ``float8`` expression; NULL stays NULL.

    Args:
        value: a ``float8`` SQL expression (repeated in the result: pass a column).
        whole: what follows a whole number (``repr`` writes ``5.0``; ``""`` gives ``5``).
    """
    return (
        f"CASE WHEN abs({value}) < 1e15::float8 THEN {_short_float_sql(value, whole)} "
        f"WHEN abs({value}) < {_TWO_53} THEN {value}::text::numeric::text"
        + (f" || CASE WHEN {value} = trunc({value}) THEN '{whole}' ELSE '' END " if whole else " ")
        + f"WHEN abs({value}) < 'Infinity'::float8 THEN {_huge_float_sql(value, whole)} "
        f"WHEN {value} = 'NaN'::float8 THEN 'nan' "
        f"WHEN {value} = 'Infinity'::float8 THEN 'inf' "
        f"WHEN {value} = '-Infinity'::float8 THEN '-inf' END"
    )


def python_round4_sql(value: str) -> str:
    """SQL for Python's ``repr(round(value, 4))`` of a ``float8`` expression; NULL stays NULL.

    Python rounds the float's exact binary value, ties to even. Below 1e9 and away from a
    half, four decimals in float arithmetic give the same result, cheaply; the rest (near
    halves, huge values) is rounded exactly.
    """
    scaled = f"{value} * 10000"
    rounded = f"(round({scaled}) / 10000)"
    return (
        f"CASE WHEN abs({value}) < 1e9::float8 "
        f"AND abs(abs({scaled} - trunc({scaled})) - 0.5) > 0.01 "
        f"THEN {_short_float_sql(rounded, '.0')} "
        f"WHEN {value} IS NULL THEN NULL "
        f"WHEN abs({value}) >= 1e15::float8 THEN {python_float_sql(value)} "  # no decimals left
        f"ELSE {_round4_exact_sql(value)} END"
    )


_TWO_53 = "9007199254740992::float8"
_FRACTION_BITS = "4503599627370495"  # 2**52 - 1
_HIDDEN_BIT = "4503599627370496"  # 2**52


def _short_float_sql(value: str, whole: str) -> str:
    # |value| < 1e15: PostgreSQL writes Python's digits, only whole numbers lack the ".0".
    if not whole:
        return f"{value}::text"
    return (
        f"(CASE WHEN {value} = trunc({value}) THEN {value}::text || '{whole}' "
        f"ELSE {value}::text END)"
    )


def _staged_sql(result: str, *stages: str) -> str:
    """A scalar subquery: ``result`` over named values, each stage's select list seeing earlier
    stages' names. For the rare cases only: it runs just when its CASE branch is taken."""
    query = f"SELECT {stages[0]}"
    for number, stage in enumerate(stages[1:], start=1):
        query = f"SELECT _s{number}.*, {stage} FROM ({query}) AS _s{number}"
    return f"(SELECT {result} FROM ({query}) AS _s)"


def _float_bits_sql(value: str) -> str:
    return f"('x' || encode(float8send({value}), 'hex'))::bit(64)::bigint"


def _huge_float_sql(value: str, whole: str) -> str:
    # Finite |value| >= 2**53, a whole number: Python may pick a bound of the float's rounding
    # interval (exact, computed from its bits) where it has fewer digits than PostgreSQL's text.
    def digits(bound: str) -> str:  # significant digits of a whole bound (2**53's lower is not)
        return (
            f"CASE WHEN {bound} = trunc({bound}) "
            f"THEN length(rtrim(trunc({bound})::text, '0')) ELSE 99 END"
        )

    scientific = (
        "left(_significant, 1) "
        "|| CASE WHEN length(_significant) > 1 THEN '.' || substr(_significant, 2) ELSE '' END "
        "|| 'e+' || lpad((length(_digits) - 1)::text, 2, '0')"
    )
    result = (
        f"CASE WHEN {value} < 0 THEN '-' ELSE '' END || CASE "
        "WHEN mod(_fraction, 2) = 0 AND least(_upper_digits, _lower_digits) < _postgres_digits "
        f"THEN CASE WHEN _bound < 1e16 THEN _digits || '{whole}' ELSE {scientific} END "
        f"WHEN _size < 1e16::float8 THEN _size::text::numeric::text || '{whole}' "
        "ELSE _size::text END"
    )
    return _staged_sql(
        result,
        f"abs({value}) AS _size, {_float_bits_sql(f'abs({value})')} AS _bits",
        f"_bits & {_FRACTION_BITS} AS _fraction, _bits >> 52 AS _exponent, "
        "length(replace(split_part(_size::text, 'e', 1), '.', '')) AS _postgres_digits",
        f"(_fraction + {_HIDDEN_BIT})::numeric * power(2::numeric, _exponent - 1075) AS _exact, "
        "power(2::numeric, _exponent - 1076) AS _half",
        "_exact + _half AS _upper, "
        "_exact - CASE WHEN _fraction = 0 THEN _half / 2 ELSE _half END AS _lower",
        f"{digits('_upper')} AS _upper_digits, {digits('_lower')} AS _lower_digits",
        "CASE WHEN _upper_digits <= _lower_digits THEN _upper ELSE _lower END AS _bound",
        "trunc(_bound)::text AS _digits",
        "rtrim(_digits, '0') AS _significant",
    )


def _round4_exact_sql(value: str) -> str:
    # Python's repr(round(value, 4)) for |value| < 1e15, exactly. Rounding the float's shortest
    # text gives Python's digits but at a tie (five decimals ending in 5): there the float's exact
    # value, mantissa / 2**shift from its bits, says which way, and an exact tie goes to the even
    # digit. Rounding to zero keeps the sign, as Python's does.
    rounded = (
        "CASE WHEN abs(_text - _toward) <> 0.00005 THEN round(_text, 4) "
        "ELSE CASE sign(_mantissa::numeric - abs(_text) * power(2::numeric, _shift)) "
        "WHEN 1 THEN _away WHEN -1 THEN _toward "
        "ELSE CASE WHEN mod(_toward * 10000, 2) = 0 THEN _toward ELSE _away END END END"
    )
    result = (
        f"CASE WHEN _rounded <> 0 THEN {_short_float_sql('_rounded::float8', '.0')} "
        f"WHEN {value} < 0 THEN '-0.0' ELSE '0.0' END"
    )
    return _staged_sql(
        result,
        f"{value}::text::numeric AS _text, {_float_bits_sql(value)} AS _bits",
        "(_bits >> 52) & 2047 AS _exponent, trunc(_text, 4) AS _toward",
        f"(_bits & {_FRACTION_BITS}) + CASE WHEN _exponent = 0 THEN 0 ELSE {_HIDDEN_BIT} END "
        "AS _mantissa, CASE WHEN _exponent = 0 THEN 1074 ELSE 1075 - _exponent END AS _shift, "
        "_toward + sign(_text) * 0.0001 AS _away",
        f"{rounded} AS _rounded",
    )
