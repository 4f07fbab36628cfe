"""Reading articles: per-format readers, normalisation, content-hash ids, sentence splitting.

Nothing here touches the database; the loader records what was read.
"""

from etl.ingest.errors import IngestError
from etl.ingest.inbox import (
    FAILED,
    LOADED,
    PARTIAL,
    FileResult,
    documents_by_partition,
    file_fingerprints,
    fingerprint,
    list_inbox,
    read_file,
    scan_inbox,
)
from etl.ingest.normalise import MAX_ARTICLE_CHARS, normalise_text, to_document
from etl.ingest.readers import READERS, ReadResult, read_bytes
from etl.ingest.sentences import split_sentences

__all__ = [
    "FAILED",
    "LOADED",
    "MAX_ARTICLE_CHARS",
    "PARTIAL",
    "READERS",
    "FileResult",
    "IngestError",
    "ReadResult",
    "documents_by_partition",
    "file_fingerprints",
    "fingerprint",
    "list_inbox",
    "normalise_text",
    "read_bytes",
    "read_file",
    "scan_inbox",
    "split_sentences",
    "to_document",
]
