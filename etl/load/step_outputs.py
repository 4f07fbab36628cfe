"""Step outputs kept in PostgreSQL (``pipeline_output``), one row per asset and partition.

The Dagster IO manager stores each asset's output here, so the step that needs it (in another
process, on another machine, or in a later run of one asset alone) reads it back.

The payload is data, never code: reading it cannot run anything, whoever wrote the row. It is

    MAGIC, then an 8-byte big-endian length and a JSON document of that length, then blobs,
    each an 8-byte big-endian length and that many bytes of Arrow IPC (one polars DataFrame).

The JSON holds the value as a tree in which every value that is not ``None``, a bool, an int,
a float or a str is an object with an explicit type tag ``"t"``: ``list``, ``tuple``, ``dict``
(its items as ``[key, value]`` pairs, so keys keep their types), ``date``, ``datetime``,
``frame`` (the index of its blob) or the name of a record type in :data:`RECORD_TYPES` (its
fields by name). Only the types listed here can be stored or read; anything else fails loudly,
with the asset and partition named, on write and on read. To hand a new record type between
steps, add it to :data:`RECORD_TYPES` (and to the round-trip test).
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import struct
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import polars as pl
from sqlalchemy import Engine, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from etl.ingest.errors import IngestError
from etl.ingest.inbox import FileResult
from etl.load.events import LoadResult
from etl.pipeline.frames import EventFrames
from etl.pipeline.stages import PartitionInput, ValidatedEvents
from etl.records import Article, CodedEvent, Document, Mention, Sentence
from etl.validation import ValidationOutcome
from schema import PipelineOutput

_TABLE = PipelineOutput.__table__

#: First bytes of every payload (the format and its version).
MAGIC = b"eventetl-step-output/1\n"
_LENGTH = struct.Struct(">Q")

#: Frozen dataclasses that may be handed between steps, by their tag in the payload.
RECORD_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Article,
        Document,
        Sentence,
        Mention,
        CodedEvent,
        FileResult,
        PartitionInput,
        EventFrames,
        ValidatedEvents,
        ValidationOutcome,
        LoadResult,
    )
}
#: Exceptions that may be handed between steps: tag -> (type, its fields, how to rebuild it).
_ERROR_TYPES: dict[str, tuple[type[BaseException], tuple[str, ...], Callable[..., Any]]] = {
    "IngestError": (IngestError, ("path", "line", "field", "message"), IngestError),
}
#: Tags of the built-in containers and scalars (a record type may not take one of these).
_BUILTIN_TAGS = frozenset({"list", "tuple", "dict", "date", "datetime", "float", "frame"})
assert not (_BUILTIN_TAGS | set(_ERROR_TYPES)) & set(RECORD_TYPES), "step-output tags must differ"


class MissingStepOutput(LookupError):
    """The asset was never materialized for the partition (with this database)."""


class StepOutputError(ValueError):
    """An output that cannot be stored, or a stored payload that cannot be read.

    The message names the asset and the partition; nothing of a refused payload is executed.
    """


class _Refused(ValueError):
    """A value or payload part outside the format (the caller adds asset and partition)."""


class _Encoder:
    def __init__(self) -> None:
        self.blobs: list[bytes] = []

    def encode(self, value: Any) -> Any:
        kind = type(value)  # exact types only: a subclass would come back as its base
        if value is None or kind in (bool, int, str):
            return value
        if kind is float:
            # JSON has no NaN or infinity; the hex form keeps every bit of any float.
            return value if math.isfinite(value) else {"t": "float", "v": value.hex()}
        if kind is list or kind is tuple:
            return {"t": kind.__name__, "v": [self.encode(item) for item in value]}
        if kind is dict:
            return {"t": "dict", "v": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        if kind is datetime:
            return {"t": "datetime", "v": value.isoformat()}
        if kind is date:
            return {"t": "date", "v": value.isoformat()}
        if kind is pl.DataFrame:
            buffer = io.BytesIO()
            value.write_ipc(buffer, compression="zstd")
            self.blobs.append(buffer.getvalue())
            return {"t": "frame", "v": len(self.blobs) - 1}
        tag = kind.__name__
        if RECORD_TYPES.get(tag) is kind:
            return {
                "t": tag,
                "v": {
                    f.name: self.encode(getattr(value, f.name)) for f in dataclasses.fields(kind)
                },
            }
        if tag in _ERROR_TYPES and _ERROR_TYPES[tag][0] is kind:
            names = _ERROR_TYPES[tag][1]
            return {"t": tag, "v": {name: self.encode(getattr(value, name)) for name in names}}
        raise _Refused(
            f"type {kind.__module__}.{kind.__qualname__} is not a registered step-output type "
            "(see etl.load.step_outputs.RECORD_TYPES)"
        )


class _Decoder:
    def __init__(self, blobs: list[bytes]) -> None:
        self.blobs = blobs

    def decode(self, node: Any) -> Any:
        if node is None or type(node) in (bool, int, float, str):
            return node
        if type(node) is not dict or set(node) != {"t", "v"} or type(node["t"]) is not str:
            raise _Refused(f"not a tagged value: {_preview(node)}")
        tag, body = node["t"], node["v"]
        if tag in ("list", "tuple"):
            items = [self.decode(item) for item in _expect(body, list, tag)]
            return items if tag == "list" else tuple(items)
        if tag == "dict":
            pairs = _expect(body, list, tag)
            if not all(type(pair) is list and len(pair) == 2 for pair in pairs):
                raise _Refused("a dict's items must be [key, value] pairs")
            return {self.decode(key): self.decode(value) for key, value in pairs}
        if tag == "float":
            return float.fromhex(_expect(body, str, tag))
        if tag == "date":
            return date.fromisoformat(_expect(body, str, tag))
        if tag == "datetime":
            return datetime.fromisoformat(_expect(body, str, tag))
        if tag == "frame":
            index = _expect(body, int, tag)
            if not 0 <= index < len(self.blobs):
                raise _Refused(f"frame {index} is not in the payload ({len(self.blobs)} frames)")
            return pl.read_ipc(io.BytesIO(self.blobs[index]))
        if tag in RECORD_TYPES:
            cls = RECORD_TYPES[tag]
            values = _expect(body, dict, tag)
            names = {f.name for f in dataclasses.fields(cls) if f.init}
            if set(values) - names:
                raise _Refused(f"{tag} has no fields {sorted(set(values) - names)}")
            return cls(**{name: self.decode(value) for name, value in values.items()})
        if tag in _ERROR_TYPES:
            _, names, build = _ERROR_TYPES[tag]
            values = _expect(body, dict, tag)
            if set(values) != set(names):
                raise _Refused(f"{tag} needs exactly the fields {list(names)}")
            return build(*(self.decode(values[name]) for name in names))
        raise _Refused(
            f"unknown type tag {tag!r} (not a registered step-output type, "
            "see etl.load.step_outputs.RECORD_TYPES)"
        )


def _expect(body: Any, kind: type, tag: str) -> Any:
    if type(body) is not kind:
        raise _Refused(f"a {tag!r} value must be a JSON {kind.__name__}: {_preview(body)}")
    return body


def _preview(node: Any) -> str:
    text = repr(node)
    return text if len(text) <= 80 else text[:77] + "..."


def encode_output(value: Any) -> bytes:
    """``value`` as a payload (see the module docstring for the format).

    Raises:
        ValueError: ``value`` holds a type the format does not allow.
    """
    encoder = _Encoder()
    tree = encoder.encode(value)
    document = json.dumps(tree, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    parts = [MAGIC, _LENGTH.pack(len(document.encode())), document.encode()]
    for blob in encoder.blobs:
        parts += [_LENGTH.pack(len(blob)), blob]
    return b"".join(parts)


def decode_output(payload: bytes) -> Any:
    """The value :func:`encode_output` wrote; parses data only, never runs any of it.

    Raises:
        ValueError: the payload is not in the format (another format, an unknown type tag,
            a truncated or tampered payload).
    """
    if not payload.startswith(MAGIC):
        head = bytes(payload[:16])
        raise _Refused(
            f"payload does not start with {MAGIC!r} (starts with {head!r}): stored by an older "
            "version (pickle) or not by the pipeline; materialize the asset again"
        )
    view = memoryview(payload)[len(MAGIC) :]
    chunks: list[bytes] = []
    while view:
        if len(view) < _LENGTH.size:
            raise _Refused("payload truncated (a length prefix is cut off)")
        (size,) = _LENGTH.unpack(view[: _LENGTH.size])
        if size > len(view) - _LENGTH.size:
            raise _Refused(f"payload truncated (a part of {size} bytes is cut off)")
        chunks.append(bytes(view[_LENGTH.size : _LENGTH.size + size]))
        view = view[_LENGTH.size + size :]
    if not chunks:
        raise _Refused("payload has no JSON document")
    try:
        tree = json.loads(chunks[0].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Refused(f"payload's JSON is malformed: {exc}") from exc
    try:
        return _Decoder(chunks[1:]).decode(tree)
    except _Refused:
        raise
    except (TypeError, ValueError, OverflowError, OSError, pl.exceptions.PolarsError) as exc:
        # A record missing a field, a malformed date or frame: the payload was not written here.
        raise _Refused(f"payload does not decode: {type(exc).__name__}: {exc}") from exc


def save_output(
    engine: Engine, asset: str, partition: str, value: Any, *, run_id: str | None = None
) -> int:
    """Store (or replace) ``asset``'s output for ``partition``.

    Args:
        engine: the database.
        asset: the asset key (``/``-joined path).
        partition: the partition key.
        value: a value of the types the module docstring lists.
        run_id: the run that produced it.

    Returns:
        The stored payload's size in bytes.

    Raises:
        StepOutputError: ``value`` holds a type that cannot be stored (nothing is written).
    """
    try:
        payload = encode_output(value)
    except _Refused as exc:
        raise StepOutputError(
            f"cannot store the output of {asset} for partition {partition!r}: {exc}"
        ) from exc
    statement = pg_insert(_TABLE).values(
        asset=asset, partition=partition, run_id=run_id, payload=payload
    )
    statement = statement.on_conflict_do_update(
        index_elements=[_TABLE.c.asset, _TABLE.c.partition],
        set_={"run_id": run_id, "payload": payload, "stored_at": func.now()},
    )
    with engine.begin() as connection:
        connection.execute(statement)
    return len(payload)


def load_output(engine: Engine, asset: str, partition: str) -> Any:
    """The value :func:`save_output` stored for ``asset`` and ``partition``.

    Raises:
        MissingStepOutput: nothing is stored (the asset was never materialized for the day).
        StepOutputError: the stored payload is not in the format (nothing of it is executed).
    """
    with engine.connect() as connection:
        payload = connection.execute(
            select(_TABLE.c.payload).where(_TABLE.c.asset == asset, _TABLE.c.partition == partition)
        ).scalar_one_or_none()
    if payload is None:
        raise MissingStepOutput(
            f"no stored output of {asset} for partition {partition}: materialize {asset} "
            "for that day first"
        )
    try:
        return decode_output(payload)
    except _Refused as exc:
        raise StepOutputError(
            f"refused the stored output of {asset} for partition {partition!r}: {exc}"
        ) from exc
