"""The step-output payload format: every kind of value the pipeline's assets hand on (a day's
PartitionInput with failed files and ingest errors, sentences, event frames, validated events,
a load result, None, a range run's dict) comes back exactly, random records and nested values
too, and a payload that is not in the format (a pickle, an unknown type tag, a truncated or
tampered payload) is refused without running any of it."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from step_output_samples import (
    ASSET_OUTPUTS,
    DAY,
    ERROR,
    SENTENCES,
    RunsCode,
    frames_sample,
    payload,
    same,
)

from etl.ingest.errors import IngestError
from etl.load.events import LoadResult
from etl.load.step_outputs import MAGIC, RECORD_TYPES, decode_output, encode_output
from etl.records import Article, CodedEvent, Document, Mention, Sentence


@pytest.mark.parametrize("name", list(ASSET_OUTPUTS))
def test_each_asset_output_comes_back_exactly(name: str) -> None:
    value = ASSET_OUTPUTS[name]
    payload = encode_output(value)
    assert payload.startswith(MAGIC)
    back = decode_output(payload)
    assert same(back, value), name
    assert encode_output(back) == payload  # a second trip changes nothing


def test_the_comparison_used_here_sees_a_difference() -> None:
    frames = frames_sample()
    changed = frames.events.with_columns(pl.col("fatalities") + 1)
    assert not same(dataclasses.replace(frames, events=changed), frames)
    assert not same((1, 2), [1, 2])
    assert not same(ERROR, IngestError("inbox/b.csv", 8, "published", ERROR.message))


def test_frame_types_survive() -> None:
    frame = pl.DataFrame(
        {
            "day": [DAY, None],
            "at": [datetime(2024, 11, 28, 6, 5, tzinfo=UTC), None],
            "flags": [["a", "b"], None],
            "score": [float("nan"), -0.0],
            "kind": pl.Series(["x", "y"], dtype=pl.Categorical),
            "n": pl.Series([1, None], dtype=pl.Int16),
        }
    )
    back = decode_output(encode_output(frame))
    assert back.schema == frame.schema
    assert back.equals(frame, null_equal=True)


records = st.one_of(
    *(st.builds(cls) for cls in (Article, Document, Sentence, Mention, LoadResult)),
    st.builds(IngestError, st.text(), st.none() | st.integers(1), st.none() | st.text(), st.text()),
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(UTC))
    | records
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.dictionaries(st.text() | st.integers() | st.dates(), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(values)
def test_random_values_come_back_exactly(value: Any) -> None:
    assert same(decode_output(encode_output(value)), value)


@given(st.builds(CodedEvent, mentions=st.lists(st.builds(Mention), max_size=3).map(tuple)))
def test_random_coded_events_come_back_exactly(event: CodedEvent) -> None:
    assert same(decode_output(encode_output([event])), [event])


class _Unregistered:
    pass


@dataclasses.dataclass(frozen=True)
class Sentence2:
    text: str


@pytest.mark.parametrize(
    "value",
    [_Unregistered(), {"a": [Sentence2("x")]}, {1, 2}, b"bytes", pl.Series([1])],
    ids=["object", "unregistered dataclass", "set", "bytes", "series"],
)
def test_a_type_outside_the_registry_is_refused_on_write(value: Any) -> None:
    with pytest.raises(ValueError, match="not a registered step-output type"):
        encode_output(value)


def test_a_pickle_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    pickled = pickle.dumps(RunsCode(marker))
    with pytest.raises(ValueError, match=r"older version \(pickle\)"):
        decode_output(pickled)
    with pytest.raises(ValueError):  # the pickle behind the right first bytes: not JSON
        decode_output(MAGIC + len(pickled).to_bytes(8, "big") + pickled)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (payload({"t": "posix.system", "v": ["touch /tmp/x"]}), "unknown type tag 'posix.system'"),
        (
            payload({"t": "Sentence", "v": {"doc_id": "d", "__class__": 1}}),
            r"Sentence has no fields \['__class__'\]",
        ),
        (payload({"t": "Sentence", "v": {"doc_id": "d"}}), "does not decode: TypeError"),
        (
            payload({"t": "IngestError", "v": {"path": "p"}}),
            "IngestError needs exactly the fields",
        ),
        (payload({"t": "frame", "v": 0}), "frame 0 is not in the payload"),
        (payload({"t": "frame", "v": 0}, b"not arrow"), "does not decode"),
        (payload({"t": "date", "v": "2024-13-01"}), "does not decode: ValueError"),
        (payload({"t": "list", "v": {"a": 1}}), "must be a JSON list"),
        (payload({"t": "dict", "v": [[1]]}), r"\[key, value\] pairs"),
        (payload({"a": 1}), "not a tagged value"),
        (payload([1, 2]), "not a tagged value"),
        (encode_output(SENTENCES)[:-3], "truncated"),
        (MAGIC + b"\x00" * 3, "truncated"),
        (MAGIC, "no JSON document"),
        (MAGIC + (3).to_bytes(8, "big") + b"\xff\xfe{", "malformed"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_a_tampered_payload_is_refused(payload: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decode_output(payload)


def test_every_record_type_is_a_frozen_dataclass() -> None:
    for tag, cls in RECORD_TYPES.items():
        assert tag == cls.__name__
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, tag
