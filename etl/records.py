"""Frozen records passed between pipeline stages.

The flow is ``Article -> Document -> Sentence -> candidate -> CodedEvent``. Each stage takes and
returns these records; none of them does I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from an input file, before normalisation.

    ``origin`` names where it came from (file path, and line for line-based formats) so that
    errors and quarantine rows can point back at it.
    """

    text: str
    published: date
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised article with a content-hash id (see :func:`content_hash`)."""

    id: str
    text: str
    published: date
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    external_id: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document, with character offsets into ``Document.text``."""

    doc_id: str
    index: int
    char_start: int
    char_end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an event is told: a sentence of a document and a span within it."""

    doc_id: str
    sentence_index: int
    char_start: int
    char_end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event coded in both CAMEO and ACLED terms, with its provenance.

    ``char_start``/``char_end`` are offsets into the document text of the span the event was read
    from. At least one of ``cameo_code`` and ``acled_event_type`` is set. ``mentions`` lists every
    sentence of the same document that tells this event (the first is the event's own).
    """

    # provenance
    doc_id: str
    sentence_index: int
    sentence: str
    char_start: int
    char_end: int
    coder_version: str
    # when
    event_date: date
    time_precision: int
    # CAMEO
    cameo_code: str | None = None
    cameo_base: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    actor1_code: str | None = None
    actor1_name: str | None = None
    actor1_country: str | None = None
    actor1_role: str | None = None
    actor2_code: str | None = None
    actor2_name: str | None = None
    actor2_country: str | None = None
    actor2_role: str | None = None
    # ACLED
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    disorder_type: str | None = None
    acled_actor1: str | None = None
    assoc_actor_1: str | None = None
    acled_actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    fatalities: int = 0
    # where
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    notes: str | None = None
    mentions: tuple[Mention, ...] = field(default=())

    @property
    def event_id(self) -> str:
        """A stable id: the same event from the same span under the same coder keeps its id."""
        key = "|".join(
            str(part)
            for part in (
                self.doc_id,
                self.char_start,
                self.char_end,
                self.cameo_code,
                self.acled_sub_event_type,
                self.actor1_code,
                self.actor2_code,
                self.coder_version,
            )
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def content_hash(text: str) -> str:
    """The id of a document: SHA-256 of its whitespace-normalised text."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


#: CodedEvent fields holding floats: JSON gives ``4`` back for ``4.0``, so they are cast back.
_FLOAT_FIELDS = frozenset(f.name for f in fields(CodedEvent) if "float" in str(f.type))


def coded_event_to_dict(event: CodedEvent) -> dict[str, Any]:
    """A CodedEvent as JSON-ready values: dates as ISO strings, mentions as a list of dicts."""
    out = asdict(event)  # mentions become a list of dicts (asdict recurses into the tuple)
    out["event_date"] = event.event_date.isoformat()
    return out


def coded_event_from_dict(values: dict[str, Any]) -> CodedEvent:
    """The CodedEvent :func:`coded_event_to_dict` wrote.

    Raises:
        TypeError, ValueError, KeyError: the values are not a serialised CodedEvent (a missing
            or unknown field, a malformed date or mention).
    """
    data = dict(values)
    data["event_date"] = date.fromisoformat(data["event_date"])
    data["mentions"] = tuple(Mention(**m) for m in data.get("mentions") or ())
    for name in _FLOAT_FIELDS:
        if data.get(name) is not None:
            data[name] = float(data[name])
    return CodedEvent(**data)
