"""SQLAlchemy models; importing this package registers every table on ``Base.metadata``."""

from schema import views as views  # registers the indexes that serve the views
from schema.base import Base
from schema.documents import Document, DocumentCoding, IngestFile, Sentence
from schema.events import CodingRun, Event, EventMention, Quarantine
from schema.interop import EventExportKey
from schema.pipeline import PipelineOutput
from schema.reference import (
    AcledInterCode,
    AcledSubEventType,
    CameoActorType,
    CameoCountry,
    CameoEventCode,
)

__all__ = [
    "AcledInterCode",
    "AcledSubEventType",
    "Base",
    "CameoActorType",
    "CameoCountry",
    "CameoEventCode",
    "CodingRun",
    "Document",
    "DocumentCoding",
    "Event",
    "EventExportKey",
    "EventMention",
    "IngestFile",
    "PipelineOutput",
    "Quarantine",
    "Sentence",
]
