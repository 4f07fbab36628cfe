"""The pipeline's stages as Dagster-free functions: inbox → documents → sentences → coded
events → validated frames → one-transaction load. ``dagster_project`` assets call these."""

from etl.pipeline.coder import (
    CoderHandle,
    CoderUnavailable,
    EventCoder,
    coder_identity,
    load_coder,
)
from etl.pipeline.frames import (
    EVENT_SCHEMA,
    MENTION_SCHEMA,
    SENTENCE_SCHEMA,
    EventFrames,
    build_event_frames,
    dedup_key,
    sentences_frame,
)
from etl.pipeline.stages import (
    PartitionCoding,
    PartitionInput,
    PartitionReport,
    ValidatedEvents,
    code_cached,
    code_partition,
    event_frames,
    load,
    partitions_in,
    read_partition,
    run_partition,
    split_documents,
    validate_partition,
)

__all__ = [
    "EVENT_SCHEMA",
    "MENTION_SCHEMA",
    "SENTENCE_SCHEMA",
    "CoderHandle",
    "CoderUnavailable",
    "EventCoder",
    "EventFrames",
    "PartitionCoding",
    "PartitionInput",
    "PartitionReport",
    "ValidatedEvents",
    "build_event_frames",
    "code_cached",
    "code_partition",
    "coder_identity",
    "dedup_key",
    "event_frames",
    "load",
    "load_coder",
    "partitions_in",
    "read_partition",
    "run_partition",
    "sentences_frame",
    "split_documents",
    "validate_partition",
]
