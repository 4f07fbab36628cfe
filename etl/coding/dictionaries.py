"""Load the coder's dictionaries (TSV data files in the package) and user overrides.

Every dictionary is a tab-separated file with ``#`` comment lines and one header line. Users add
or override entries without code by pointing ``EVENTETL_DICTIONARY_PATH`` at a directory or a
file; a user file is used for the dictionary whose name its file name starts with (``verbs``,
``agents``, ``actors``, ``groups``, ``places``, ``lexicons``, ``fatality_cues``,
``fatality_words``). User rows come first, so that they win over packaged rows.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DATA_PACKAGE = "etl.coding.data"
ENV_VAR = "EVENTETL_DICTIONARY_PATH"
KINDS = (
    "verbs",
    "agents",
    "actors",
    "groups",
    "places",
    "lexicons",
    "fatality_cues",
    "fatality_words",
)
PACKAGED = {
    "verbs": ["verbs.tsv", "verbs_petrarch.tsv"],
    "agents": ["agents.tsv", "agents_phoenix.tsv"],
    "actors": ["actors_supplement.tsv", "actors.tsv"],
    "groups": ["groups.tsv"],
    "places": ["places_supplement.tsv", "places.tsv.gz"],
    "lexicons": ["lexicons.tsv"],
    "fatality_cues": ["fatality_cues.tsv"],
    "fatality_words": ["fatality_words.tsv"],
}


#: A file hash is remembered only when the file was last changed this long before it was read,
#: so that a rewrite within one timestamp tick can never hide behind an unchanged stat.
RACY_NS = 2_000_000_000

_HASHES: dict[str, tuple[tuple[int, ...], str]] = {}
_HASHES_LOCK = threading.Lock()


class DictionaryError(ValueError):
    """A dictionary file has a malformed row (the message names file, line and value)."""


@dataclass
class Dictionaries:
    """Rows of every dictionary, user rows first. Each row is a dict of column -> value."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def data_dir() -> Path:
    """The packaged data directory."""
    return Path(str(resources.files(DATA_PACKAGE)))


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a TSV dictionary file; ``.gz`` files are decompressed."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        header: list[str] | None = None
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise DictionaryError(
                    f"{path}:{lineno}: {len(cells)} fields but the header has {len(header)} "
                    f"({header}); value {line!r}. Fix the row or the header."
                )
            cells += [""] * (len(header) - len(cells))
            yield lineno, dict(zip(header, (c.strip() for c in cells), strict=True))


def _user_files() -> dict[str, list[Path]]:
    raw = os.environ.get(ENV_VAR, "").strip()
    found: dict[str, list[Path]] = {k: [] for k in KINDS}
    if not raw:
        return found
    for part in raw.split(os.pathsep):
        p = Path(part).expanduser()
        if not p.exists():
            raise DictionaryError(f"{ENV_VAR}={raw!r}: {p} does not exist")
        candidates = sorted(p.glob("*.tsv")) if p.is_dir() else [p]
        for f in candidates:
            for kind in KINDS:
                if f.name.startswith(kind):
                    found[kind].append(f)
                    break
            else:
                if not p.is_dir():
                    raise DictionaryError(
                        f"{f}: cannot tell which dictionary it extends; name it verbs*.tsv, "
                        f"agents*.tsv, actors*.tsv, groups*.tsv, places*.tsv, lexicons*.tsv, "
                        f"fatality_cues*.tsv or fatality_words*.tsv"
                    )
    return found


def _kind_rows(kind: str, user: list[Path], files: list[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in user + [data_dir() / name for name in PACKAGED[kind]]:
        files.append(path)
        for _lineno, row in read_tsv(path):
            row["_source"] = path.name
            rows.append(row)
    return rows


def load_dictionaries() -> Dictionaries:
    """Read packaged dictionaries plus any ``EVENTETL_DICTIONARY_PATH`` overrides."""
    user = _user_files()
    out = Dictionaries()
    for kind in KINDS:
        out.rows[kind] = _kind_rows(kind, user[kind], out.files)
    return out


def load_kind(kind: str) -> list[dict[str, str]]:
    """Rows of one dictionary (user rows first), without reading the others.

    Args:
        kind: one of :data:`KINDS` (``"lexicons"`` for the word classes).

    Returns:
        The rows as :func:`load_dictionaries` gives them for that kind.
    """
    return _kind_rows(kind, _user_files()[kind], [])


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, hashed once per process while the file stays unchanged.

    The hash is reused while the file's device, inode, size, mtime and ctime are the same as
    when it was hashed, and only when the file was changed at least ``RACY_NS`` before it was
    read (an edit in the same timestamp tick would otherwise go unnoticed).
    """
    st = path.stat()
    sig = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    key = os.fspath(path.absolute())
    hit = _HASHES.get(key)
    if hit is not None and hit[0] == sig:
        return hit[1]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
        with _HASHES_LOCK:
            _HASHES[key] = (sig, digest)
    return digest


def dictionary_checksums() -> dict[str, str]:
    """File name -> sha256 of every packaged data file and every user override file."""
    sums: dict[str, str] = {}
    base = data_dir()
    for path in sorted(base.iterdir()):
        if path.suffix in {".tsv", ".gz"}:
            sums[path.name] = file_sha256(path)
    for files in _user_files().values():
        for path in files:
            sums[f"user:{path}"] = file_sha256(path)
    return sums


def checksum_digest(sums: dict[str, str]) -> str:
    """A short digest over a checksum table (for the coder version string)."""
    joined = "\n".join(f"{k}={v}" for k, v in sorted(sums.items()))
    return hashlib.sha256(joined.encode()).hexdigest()[:10]
