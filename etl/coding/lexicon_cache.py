"""An on-disk cache of the compiled :class:`~etl.coding.lexicon.Lexicon`.

Compiling the dictionaries (47,776 actor phrases, a 234,908-place gazetteer, ~3,000 verb rules)
takes ten seconds; loading the compiled result takes a twentieth of that, as the actor and
place indexes stay pickled per first token until a sentence needs them
(:class:`~etl.coding.phrases.PackedPhraseIndex`). The cache file is keyed by everything the
compiled lexicon depends on: the sha256 of every packaged data file
and user override (``EVENTETL_DICTIONARY_PATH``, in the order they are read), the source of
the modules that compile it, the coder version and the Python version. A changed file gives a
new key, so a stale lexicon is never loaded; it is compiled again and written under the new key.

Files live in ``<EVENTETL_HOME>/cache/coder`` (see :mod:`etl.settings`). They are written to a
temporary file and renamed into place, so concurrent writers never leave a half-written file;
a file that fails its length, checksum or type check is ignored and rewritten. The cache is
only a speed-up: when the directory cannot be written, the lexicon is compiled every time.

The files are pickles, so the cache directory must be writable by its user only (it is, by
default, under the user's home); it is created with mode 0700.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import logging
import os
import pickle
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from etl.coding import dictionaries, lexicon, phrases, places, reference
from etl.coding import version as coder_release
from etl.coding.dictionaries import dictionary_checksums, file_sha256, load_dictionaries
from etl.coding.lexicon import Lexicon, build_lexicon
from etl.geo import gazetteer as geo_gazetteer
from etl.geo import variants as geo_variants
from etl.geo import words as geo_words

log = logging.getLogger(__name__)

#: Bump when the file layout changes.
FORMAT = 1
MAGIC = b"eventetl-lexicon\n"
_HEADER = struct.Struct(">64sQI")  # key (hex), payload length, crc32 of the payload
#: Cache files kept besides the one just written (other dictionary sets, e.g. with overrides).
KEEP = 4
#: A temporary file older than this is a crashed writer's and is removed.
STALE_TMP_SECONDS = 3600

_UNFREEZE_AT_EXIT = False

# The modules whose code decides what the compiled lexicon holds.
_CODE = (
    dictionaries,
    lexicon,
    phrases,
    places,
    reference,
    geo_gazetteer,
    geo_variants,
    geo_words,
    sys.modules[__name__],
)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block without cyclic garbage collection (restored afterwards).

    Building or loading the lexicon creates ~700,000 long-lived objects and no cyclic garbage;
    collections during that only walk the growing heap again and again (~40% of the time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Build data that lives as long as the process, then keep the collector off it.

    Collects the young generations first (so that little garbage is frozen with it), runs the
    block with collection paused, then moves every tracked object to the permanent generation
    (``gc.freeze``). A compiled lexicon is ~700,000 objects, walked by every full collection
    at 0.3 s per walk: that made loading spaCy after the lexicon 0.5 s slower. Frozen with it
    are the modules imported so far, which also speeds up loading spaCy after a cached lexicon.
    Frozen objects are still freed by reference counting; cycles among objects alive at the
    freeze are collected only at exit, when everything is unfrozen again.
    """
    global _UNFREEZE_AT_EXIT
    gc.collect(1)  # young garbage only: a full collection walks the whole heap
    with paused_gc():
        yield
        gc.freeze()
    if not _UNFREEZE_AT_EXIT:
        # At exit, frozen objects must be collectable again: the interpreter's last collections
        # are what close module-level files and run finalizers that break reference cycles.
        atexit.register(gc.unfreeze)
        _UNFREEZE_AT_EXIT = True


def default_cache_dir() -> Path | None:
    """``<EVENTETL_HOME>/cache/coder``, or None when the settings cannot be read."""
    from etl.settings import load_settings

    try:
        return load_settings().cache_dir / "coder"
    except ValueError as exc:  # a bad unrelated setting must not stop the coder
        log.warning("coder cache disabled: %s", exc)
        return None


def cache_key() -> str:
    """Hex sha256 over everything the compiled lexicon depends on."""
    h = hashlib.sha256()
    h.update(
        json.dumps(
            [FORMAT, coder_release.VERSION, sys.version, sys.implementation.cache_tag]
        ).encode()
    )
    for module in _CODE:
        path = Path(str(module.__file__))
        h.update(f"\ncode:{module.__name__}={file_sha256(path)}".encode())
    for name, digest in sorted(dictionary_checksums().items()):
        h.update(f"\ndata:{name}={digest}".encode())
    # User rows come first and the first row wins, so the order of user files matters too.
    order = {k: [str(p) for p in v] for k, v in dictionaries._user_files().items()}
    h.update(("\norder:" + json.dumps(order, sort_keys=True)).encode())
    return h.hexdigest()


def cache_path(cache_dir: Path, key: str) -> Path:
    """The cache file of one key."""
    return cache_dir / f"lexicon-{key[:32]}.pickle"


def load_lexicon(cache_dir: Path | None = None, *, use_cache: bool = True) -> Lexicon:
    """The compiled packaged dictionaries plus user overrides, from the cache when it is current.

    Args:
        cache_dir: where cache files live (default: :func:`default_cache_dir`).
        use_cache: False compiles the dictionaries without reading or writing the cache.
    """
    if not use_cache:
        return _build()
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    if folder is None:
        return _build()
    key = cache_key()
    path = cache_path(folder, key)
    lex = read_cache(path, key)
    if lex is not None:
        return lex
    lex = _build()
    # Write only when the dictionaries did not change while they were read: the key must
    # describe the data the lexicon was compiled from.
    if cache_key() == key:
        write_cache(path, key, lex)
    return lex


def _build() -> Lexicon:
    with paused_gc():
        return build_lexicon(load_dictionaries())


def read_cache(path: Path, key: str) -> Lexicon | None:
    """The lexicon stored in ``path`` under ``key``; None when missing, stale or damaged."""
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("coder cache %s unreadable (%s); compiling the dictionaries", path, exc)
        return None
    try:
        with fh:
            lex = _decode_file(fh, key)
    except Exception as exc:  # any damage means: compile again and overwrite
        log.warning("coder cache %s ignored (%s); compiling the dictionaries", path, exc)
        return None
    with suppress(OSError):
        os.utime(path)  # most recently used: kept by the pruning of old files
    return lex


def _decode(data: bytes, key: str) -> Lexicon:
    head = len(MAGIC) + _HEADER.size
    if not data.startswith(MAGIC) or len(data) < head:
        raise ValueError("not a lexicon cache file")
    stored_key, length, crc = _HEADER.unpack_from(data, len(MAGIC))
    if stored_key.decode("ascii") != key:
        raise ValueError("written for other dictionaries")
    payload = memoryview(data)[head:]
    if len(payload) != length:
        raise ValueError(f"truncated: {len(payload)} of {length} bytes")
    if zlib.crc32(payload) != crc:
        raise ValueError("checksum mismatch")
    with paused_gc():
        lex = pickle.loads(payload)
    if not isinstance(lex, Lexicon) or lex.gazetteer is None:
        raise ValueError(f"holds a {type(lex).__name__}, not a Lexicon")
    return lex


def _decode_file(fh: BinaryIO, key: str) -> Lexicon:
    """:func:`_decode` reading from an open file: the payload is checksummed in chunks, then
    unpickled from the file, so the ~70 MB file is never held in memory beside the lexicon
    (the file was renamed into place whole, so the open handle sees one consistent file)."""
    head = fh.read(len(MAGIC) + _HEADER.size)
    if not head.startswith(MAGIC) or len(head) < len(MAGIC) + _HEADER.size:
        raise ValueError("not a lexicon cache file")
    stored_key, length, crc = _HEADER.unpack_from(head, len(MAGIC))
    if stored_key.decode("ascii") != key:
        raise ValueError("written for other dictionaries")
    size = os.fstat(fh.fileno()).st_size - len(head)
    if size != length:
        raise ValueError(f"truncated: {size} of {length} bytes")
    running = 0
    while chunk := fh.read(1 << 20):
        running = zlib.crc32(chunk, running)
    if running != crc:
        raise ValueError("checksum mismatch")
    fh.seek(len(head))
    with paused_gc():
        lex = pickle.load(fh)
    if not isinstance(lex, Lexicon) or lex.gazetteer is None:
        raise ValueError(f"holds a {type(lex).__name__}, not a Lexicon")
    return lex


def write_cache(path: Path, key: str, lex: Lexicon) -> bool:
    """Store ``lex`` under ``key`` atomically (temporary file, then rename); False on failure."""
    tmp: str | None = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with paused_gc():
            payload = pickle.dumps(lex, protocol=pickle.HIGHEST_PROTOCOL)
        header = MAGIC + _HEADER.pack(key.encode("ascii"), len(payload), zlib.crc32(payload))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(header)
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.warning("coder cache not written to %s (%s)", path, exc)
        return False
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)
    _prune(path.parent, keep=path)
    return True


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the ``KEEP`` most recently used other cache files, and dead temp files."""
    now = time.time()
    files: list[tuple[float, Path]] = []
    with suppress(OSError):
        for p in folder.iterdir():
            with suppress(OSError):
                if p.name.startswith(".lexicon-") and p.name.endswith(".tmp"):
                    if now - p.stat().st_mtime > STALE_TMP_SECONDS:
                        p.unlink()
                elif p.name.startswith("lexicon-") and p.suffix == ".pickle" and p != keep:
                    files.append((p.stat().st_mtime, p))
    for _mtime, p in sorted(files, reverse=True)[KEEP:]:
        with suppress(OSError):
            p.unlink()
