"""The event coder seen from the pipeline: a protocol, and loading the real one lazily.

The pipeline never makes events up: when ``etl.coding`` is not installed the coding stage
raises :class:`CoderUnavailable`. Tests inject a fake with the same ``code_documents``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from etl.records import CodedEvent, Document


class CoderUnavailable(RuntimeError):
    """The event coder (``etl.coding``) is not available, so nothing can be coded."""


class EventCoder(Protocol):
    """What the pipeline needs from a coder."""

    def code_documents(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[tuple[Document, list[CodedEvent]]]: ...


@dataclass(frozen=True)
class CoderHandle:
    """A coder with the version and dictionary checksums recorded on each coding run."""

    coder: EventCoder
    version: str
    checksums: Mapping[str, str] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Version plus dictionaries: a change of either means the partition must be recoded."""
        key = json.dumps([self.version, dict(sorted(self.checksums.items()))])
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    @property
    def cache_key(self) -> str:
        """The ``document_coding`` key: cached events are reused only under the same coder."""
        return f"{self.version}#{self.fingerprint}"


def coder_identity() -> tuple[str, dict[str, str]]:
    """The real coder's version and dictionary checksums, without loading any model.

    Raises:
        CoderUnavailable: ``etl.coding`` is not there (yet).
    """
    module = _coding_module()
    checksums: Any = getattr(module, "dictionary_checksums", {})
    if callable(checksums):
        checksums = checksums()
    return str(module.CODER_VERSION), {str(k): str(v) for k, v in dict(checksums).items()}


def load_coder() -> CoderHandle:
    """The real coder (its spaCy model loads on first use).

    Raises:
        CoderUnavailable: ``etl.coding`` is not there (yet).
    """
    module = _coding_module()
    version, checksums = coder_identity()
    return CoderHandle(module.Coder(), version, checksums)


def _coding_module() -> Any:
    # find_spec is not enough: etl/coding exists as a data folder (a namespace package)
    # before the coder itself is written.
    try:
        import etl.coding as module
    except ImportError as exc:
        raise CoderUnavailable(f"coder not available: cannot import etl.coding ({exc})") from exc
    missing = [name for name in ("Coder", "CODER_VERSION") if not hasattr(module, name)]
    if missing:
        raise CoderUnavailable(
            f"coder not available: etl.coding has no {', '.join(missing)} yet; "
            "nothing is coded until the coder is installed"
        )
    return module


def code_documents(
    handle: CoderHandle, documents: Iterable[Document], batch_size: int = 64
) -> list[CodedEvent]:
    """Every event the coder finds in ``documents``, in document order."""
    events: list[CodedEvent] = []
    for _document, found in handle.coder.code_documents(list(documents), batch_size=batch_size):
        events.extend(found)
    return events
