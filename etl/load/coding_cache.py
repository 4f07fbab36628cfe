"""The per-document coding cache (``document_coding``): read before coding, written on load.

A document's events depend only on its text, its day and the coder (version and dictionary
checksums), so a day that gains one article needs only that article coded; the others' events
come from here. Rows are written by :func:`etl.load.events.load_partition` in the partition's
transaction, so the cache never holds events for a load that rolled back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from etl.records import CodedEvent, coded_event_from_dict, coded_event_to_dict
from schema import DocumentCoding

log = logging.getLogger(__name__)

_TABLE = DocumentCoding.__table__
#: Ids per ``IN (...)`` query: bounded statements whatever the partition size.
_CHUNK = 5000


def cached_codings(
    engine: Engine, doc_ids: Iterable[str], coder_version: str
) -> dict[str, list[CodedEvent]]:
    """The cached events of the documents coded with ``coder_version``.

    Args:
        engine: the database.
        doc_ids: the documents wanted.
        coder_version: the coder's cache key (version and dictionary fingerprint).

    Returns:
        Document id -> its events (possibly none), for the documents with a readable entry.
        An entry that cannot be read back is left out (and logged), so that document is coded
        again and its entry replaced.
    """
    ids = sorted(set(doc_ids))
    found: dict[str, list[CodedEvent]] = {}
    if not ids:
        return found
    with engine.connect() as connection:
        for start in range(0, len(ids), _CHUNK):
            rows = connection.execute(
                select(_TABLE.c.document_id, _TABLE.c.events).where(
                    _TABLE.c.coder_version == coder_version,
                    _TABLE.c.document_id.in_(ids[start : start + _CHUNK]),
                )
            )
            for doc_id, payload in rows:
                try:
                    if not isinstance(payload, list):
                        raise TypeError(f"expected a list, got {type(payload).__name__}")
                    found[doc_id] = [coded_event_from_dict(item) for item in payload]
                except (TypeError, ValueError, KeyError, AttributeError) as exc:
                    log.warning("unreadable coding cache entry for %s (recoding): %s", doc_id, exc)
    return found


def write_codings(
    connection: Connection,
    codings: Mapping[str, Sequence[CodedEvent]],
    coder_version: str,
) -> int:
    """Store (or replace) the cache entries of freshly coded documents, in the caller's
    transaction.

    Args:
        connection: an open transaction (the partition load's).
        codings: document id -> the events the coder found in it (possibly none).
        coder_version: the coder's cache key.

    Returns:
        The entries written.
    """
    rows = [
        {
            "document_id": doc_id,
            "coder_version": coder_version,
            "events": [coded_event_to_dict(e) for e in events],
        }
        for doc_id, events in sorted(codings.items())
    ]
    if not rows:
        return 0
    statement = pg_insert(_TABLE)
    for start in range(0, len(rows), 1000):
        connection.execute(
            statement.values(rows[start : start + 1000]).on_conflict_do_update(
                index_elements=["document_id", "coder_version"],
                # A replaced entry (say, one that could not be read back) gets the new events.
                set_={"events": statement.excluded.events, "coded_at": statement.excluded.coded_at},
            )
        )
    return len(rows)


__all__ = ["cached_codings", "write_codings"]
