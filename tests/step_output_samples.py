"""Sample step outputs for the pipeline_output tests: one value of each kind the assets hand
on, a strict comparison, and payload builders for tampered rows."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from etl.ingest.errors import IngestError
from etl.ingest.inbox import FileResult
from etl.load.events import LoadResult
from etl.load.step_outputs import MAGIC
from etl.pipeline.frames import EventFrames, build_event_frames, sentences_frame
from etl.pipeline.stages import PartitionInput, ValidatedEvents
from etl.records import CodedEvent, Document, Mention, Sentence
from etl.validation import ValidationOutcome

DAY = date(2024, 11, 28)
TEXT = "Rebels shelled Sarmada on Thursday. Two people were killed."
DOCUMENT = Document(
    id="doc-1", text=TEXT, published=DAY, title="Shelling", source="wire", origin="a.jsonl:3"
)
SENTENCES = [
    Sentence(doc_id="doc-1", index=0, char_start=0, char_end=35, text=TEXT[:35]),
    Sentence(doc_id="doc-1", index=1, char_start=36, char_end=len(TEXT), text=TEXT[36:]),
]
MENTION = Mention(doc_id="doc-1", sentence_index=1, char_start=36, char_end=59, sentence=TEXT[36:])
EVENT = CodedEvent(
    doc_id="doc-1",
    sentence_index=0,
    sentence=TEXT[:35],
    char_start=0,
    char_end=35,
    coder_version="coder-1",
    event_date=DAY,
    time_precision=1,
    cameo_code="195",
    cameo_base="195",
    cameo_root="19",
    quad_class=4,
    goldstein=-10.0,
    actor1_code="REB",
    acled_event_type="Explosions/Remote violence",
    acled_sub_event_type="Shelling/artillery/missile attack",
    fatalities=2,
    location="Sarmada",
    country="Syria",
    iso3="SYR",
    latitude=36.18,
    longitude=36.72,
    geo_precision=3,
    mentions=(MENTION,),
)
ERROR = IngestError("inbox/b.csv", 7, "published", "not a date: '28/13/2024'")
PARTITION_INPUT = PartitionInput(
    partition=DAY,
    files=(FileResult("inbox/a.jsonl", "f" * 64, (DOCUMENT,), (ERROR,)),),
    failed_files=(
        FileResult(
            "inbox/c.bin", "", errors=(IngestError("inbox/c.bin", None, None, "cannot read"),)
        ),
    ),
    documents=(DOCUMENT,),
    inbox_documents=2,
    duplicates=1,
)


def frames_sample() -> EventFrames:
    frames = build_event_frames([EVENT], {DOCUMENT.id: DOCUMENT}, DAY)
    return dataclasses.replace(frames, codings={DOCUMENT.id: (EVENT,)})


def _validated() -> ValidatedEvents:
    frames = frames_sample()
    valid = frames.events.with_columns(pl.lit(["implausible_fatalities"]).alias("quality_flags"))
    rejected = frames.events.with_columns(
        pl.lit("cameo_code '999' unknown").alias("reason"),
        pl.lit("cameo_known").alias("check_name"),
    )
    outcome = ValidationOutcome(
        valid=valid,
        rejected=rejected,
        counts={"cameo_known": 1, "fatalities_range": 0},
        failures={0: ["cameo_known"]},
        skipped={"geo_in_country": "no coordinates"},
        total=2,
        flagged={1: ["implausible_fatalities"]},
    )
    return ValidatedEvents(frames=frames.only([]), rejected=rejected, outcome=outcome)


#: What each asset returns for one day (and a range run's dict of days).
ASSET_OUTPUTS: dict[str, Any] = {
    "articles": PARTITION_INPUT,
    "articles (current, nothing read)": PartitionInput(partition=DAY, current=True),
    "sentences": SENTENCES,
    "sentences (none)": [],
    "coded_events": frames_sample(),
    "coded_events (empty)": EventFrames.empty(),
    "validated_events": _validated(),
    "events_table": LoadResult(
        partition="2024-11-28",
        documents_new=1,
        events=1,
        coding_run_id=4,
        events_by_type={"Battles": 1},
    ),
    "events_table (up to date)": None,
    "range run of sentences": {"2024-11-28": SENTENCES, "2024-11-29": []},
    "a sentences frame": sentences_frame(SENTENCES),
}


def same(a: Any, b: Any) -> bool:
    """Equal in type and value all the way down (frames by schema and cells, NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, pl.DataFrame):
        return a.schema == b.schema and a.equals(b, null_equal=True)
    if isinstance(a, float):
        return (a == b and math.copysign(1, a) == math.copysign(1, b)) or (
            math.isnan(a) and math.isnan(b)
        )
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, IngestError):
        return (a.path, a.line, a.field, a.message, str(a)) == (
            b.path,
            b.line,
            b.field,
            b.message,
            str(b),
        )
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b


def payload(tree: Any, *blobs: bytes) -> bytes:
    document = json.dumps(tree).encode()
    parts = [MAGIC, len(document).to_bytes(8, "big"), document]
    for blob in blobs:
        parts += [len(blob).to_bytes(8, "big"), blob]
    return b"".join(parts)


class RunsCode:
    """Unpickling this would create the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))
