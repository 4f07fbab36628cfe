"""SQLAlchemy models; importing this package registers every table on ``Base.metadata``."""

from schema.base import Base
from schema.documents import Document, IngestFile, Sentence
from schema.events import CodingRun, Event, EventMention, Quarantine
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
    "Event",
    "EventMention",
    "IngestFile",
    "Quarantine",
    "Sentence",
]
