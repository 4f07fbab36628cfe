"""Event coder: news text -> events coded in CAMEO and ACLED terms.

Public API::

    CODER_VERSION            "eventetl-coder 0.1.0+<checksum of the packaged dictionaries>"
    dictionary_checksums()   file name -> sha256 of every dictionary file (and user overrides)
    Coder(nlp=None, dictionaries=None)
        .code_document(doc) / .code_documents(docs, batch_size=64)
        .code_document_result(doc) -> CodingResult(events, skip_reason)
        .last_skip_reason     why the last document gave nothing ("empty: ..."/"language: ...")
    code_text(text, published, doc_id=None)
    skip_reason(text, language=None) -> str | None   (cheap pre-check, no parsing)
"""

from etl.coding.coder import Coder, CodingResult, code_text, coder_version, skip_reason
from etl.coding.dictionaries import dictionary_checksums

CODER_VERSION: str = coder_version()

__all__ = [
    "CODER_VERSION",
    "Coder",
    "CodingResult",
    "code_text",
    "dictionary_checksums",
    "skip_reason",
]
