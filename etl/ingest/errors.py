"""The one error type of ingestion: it names the file, the line and the field."""

from __future__ import annotations


class IngestError(ValueError):
    """An input that cannot become a document.

    The message reads ``path:line: field 'name': message`` so that it can be pasted into an
    editor's "go to" box. ``line`` and ``field`` are ``None`` when they do not apply (a file
    that cannot be decoded at all, say).

    Attributes:
        path: the input file.
        line: 1-based line (or, for CSV, the record's first line), if known.
        field: the field at fault, if one is.
        message: what is wrong and what to do about it.
    """

    def __init__(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.path, self.line, self.field, self.message = path, line, field, message
        where = path if line is None else f"{path}:{line}"
        if field:
            where += f": field {field!r}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # keep the four parts when pickled (copy, multiprocessing)
        return (type(self), (self.path, self.line, self.field, self.message))
