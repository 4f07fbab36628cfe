"""The on-disk cache of the compiled lexicon: same lexicon, new key on any change, safe files."""

from __future__ import annotations

import gc
import gzip
import itertools
import multiprocessing as mp
import os
import pickle
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from etl.coding import dictionaries, lexicon_cache
from etl.coding.dictionaries import data_dir, dictionary_checksums, file_sha256, load_dictionaries
from etl.coding.lexicon import Lexicon, build_lexicon
from etl.coding.lexicon_cache import (
    cache_key,
    cache_path,
    default_cache_dir,
    load_lexicon,
    long_lived,
    paused_gc,
    read_cache,
    write_cache,
)
from etl.coding.phrases import PackedPhraseIndex, PhraseIndex, phrase_key
from etl.coding.places import Gazetteer

VERB_HEADER = "pos\tlemma\tcond\tcameo\tacled\tweapon\n"


def _entries(index: PhraseIndex[Any]) -> dict[str, Any]:
    """First token -> candidates (key, payloads), longest first, of a plain or packed index."""
    tokens = set(index._first) | set(getattr(index._first, "packed", ()))
    lookup = index._lookup()
    return {t: lookup(t) for t in sorted(tokens) if lookup(t)}


def _snapshot(lex: Lexicon) -> tuple[object, ...]:
    """Everything the engine reads from a lexicon, as comparable values."""
    assert lex.gazetteer is not None
    return (
        lex.verb_rules,
        lex.noun_rules,
        lex.classes,
        lex.agents,
        lex.agent_max,
        _entries(lex.actors),
        len(lex.actors),
        lex.actors.max_len,
        _entries(lex.gazetteer.index),
        len(lex.gazetteer.index),
        lex.gazetteer.index.max_len,
        lex.gazetteer.countries,
    )


def _small(marker: str, size: int = 0) -> Lexicon:
    """A small lexicon that says which build it came from (``size``: padding words)."""
    words = frozenset({marker, *(f"pad{i:07d}" for i in range(size))})
    return Lexicon(classes={"marker": words}, gazetteer=Gazetteer([], {}))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace compiling by a fast fake; the list counts the compilations."""
    calls: list[int] = []

    def fake() -> Lexicon:
        calls.append(1)
        return _small(f"build{len(calls)}")

    monkeypatch.setattr(lexicon_cache, "_build", fake)
    return calls


def _marker(lex: Lexicon) -> str:
    return next(w for w in lex.cls("marker") if not w.startswith("pad"))


def test_cached_lexicon_equals_a_compiled_one(
    tmp_path: Path, compiled_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The full dictionaries, compiled once for the test run: every place and actor must come
    # back from the cache file as it was compiled.
    builds: list[Lexicon] = []

    def build() -> Lexicon:
        builds.append(compiled_lexicon)
        return compiled_lexicon

    monkeypatch.setattr(lexicon_cache, "_build", build)
    first = load_lexicon(tmp_path)  # miss: compiles and writes
    assert first is compiled_lexicon and len(builds) == 1
    files = list(tmp_path.glob("lexicon-*.pickle"))
    assert len(files) == 1
    second = read_cache(files[0], cache_key())  # hit
    assert second is not None and second is not compiled_lexicon
    assert isinstance(second.gazetteer.index, PackedPhraseIndex)  # type: ignore[union-attr]
    assert isinstance(second.actors, PackedPhraseIndex)
    with paused_gc():  # unpacking every place is ~10^6 objects: no collections meanwhile
        assert _snapshot(second) == _snapshot(compiled_lexicon)


def test_cache_miss_compiles_the_dictionaries_as_build_lexicon_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small dictionary set (the packaged files with the first 300 GeoNames places) keeps
    # this fast; the full set's round trip through the cache is checked above.
    small = tmp_path / "data"
    shutil.copytree(data_dir(), small, ignore=shutil.ignore_patterns("places.tsv.gz"))
    with (
        gzip.open(data_dir() / "places.tsv.gz", "rt", encoding="utf-8") as src,
        gzip.open(small / "places.tsv.gz", "wt", encoding="utf-8") as dst,
    ):
        dst.writelines(itertools.islice(src, 300))
    monkeypatch.setattr(dictionaries, "data_dir", lambda: small)
    built = build_lexicon(load_dictionaries())
    assert built.gazetteer is not None and len(built.gazetteer.index) > 200
    first = load_lexicon(tmp_path / "cache")  # miss: the real compile, then written
    second = load_lexicon(tmp_path / "cache")  # hit
    assert _snapshot(first) == _snapshot(built)
    assert _snapshot(second) == _snapshot(built)
    assert isinstance(second.actors, PackedPhraseIndex)


def test_packed_index_finds_what_the_index_found() -> None:
    index: PhraseIndex[str] = PhraseIndex()
    for phrase, payload in [
        ("Deir ez-Zor", "town"),
        ("Deir ez-Zor province", "region"),
        ("Deir", "monastery"),
        ("Deir", "second monastery"),
        ("Idlib", "idlib"),
    ]:
        index.add(phrase_key(phrase), payload)
    index.finalize()
    packed = pickle.loads(pickle.dumps(index))
    assert isinstance(packed, PackedPhraseIndex)
    assert len(packed) == len(index) and packed.max_len == index.max_len
    norms = ["in", "deir", "ez", "zor", "province", "and", "deir", "near", "idlib", "x"]
    positions = list(range(len(norms)))
    assert packed.find(norms, positions) == index.find(norms, positions)
    assert packed.find(norms, positions) == [
        (1, 5, ("deir", "ez", "zor", "province"), ["region"]),
        (6, 7, ("deir",), ["monastery", "second monastery"]),
        (8, 9, ("idlib",), ["idlib"]),
    ]
    assert packed.get(("deir", "ez", "zor")) == ["town"]
    assert packed.get(("nowhere",)) == [] and packed.get(()) == []
    # Pickled again after some lookups (decoded and still packed tokens) it is the same index.
    again = pickle.loads(pickle.dumps(packed))
    assert _entries(again) == _entries(packed) == _entries(index)
    with pytest.raises(TypeError):
        packed.add(("new",), "x")


def test_second_load_reads_the_cache(tmp_path: Path, builds: list[int]) -> None:
    assert _marker(load_lexicon(tmp_path)) == "build1"
    assert _marker(load_lexicon(tmp_path)) == "build1"
    assert len(builds) == 1


def test_override_change_gives_a_new_key_and_a_rebuild(
    tmp_path: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    cache = tmp_path / "cache"
    plain = cache_key()
    assert _marker(load_lexicon(cache)) == "build1"

    verbs = user / "verbs_local.tsv"
    verbs.write_text(VERB_HEADER + "V\tpummel\t\t194\t\tartillery\n", encoding="utf-8")
    monkeypatch.setenv("EVENTETL_DICTIONARY_PATH", str(user))
    with_user = cache_key()
    assert with_user != plain
    assert _marker(load_lexicon(cache)) == "build2"
    assert _marker(load_lexicon(cache)) == "build2"

    # Same size, same file, one letter changed.
    verbs.write_text(VERB_HEADER + "V\tpummel\t\t195\t\tartillery\n", encoding="utf-8")
    assert cache_key() not in {plain, with_user}
    assert _marker(load_lexicon(cache)) == "build3"

    # A second user file for the same dictionary, read after the first: order is in the key.
    (user / "verbs_more.tsv").write_text(VERB_HEADER, encoding="utf-8")
    both = cache_key()
    assert _marker(load_lexicon(cache)) == "build4"
    monkeypatch.setenv(
        "EVENTETL_DICTIONARY_PATH", os.pathsep.join([str(user / "verbs_more.tsv"), str(verbs)])
    )
    assert cache_key() != both

    monkeypatch.delenv("EVENTETL_DICTIONARY_PATH")
    assert cache_key() == plain
    assert _marker(load_lexicon(cache)) == "build1"  # the old file is still there
    assert len(builds) == 4


def test_packaged_data_change_gives_a_new_key(
    tmp_path: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setattr(dictionaries, "data_dir", lambda: copy)
    before = cache_key()
    assert _marker(load_lexicon(tmp_path / "cache")) == "build1"
    with open(copy / "places_supplement.tsv", "a", encoding="utf-8") as fh:
        fh.write("Nowhere\t\t1.0\t2.0\tSYR\tIdlib\t5\tP\n")
    assert cache_key() != before
    assert _marker(load_lexicon(tmp_path / "cache")) == "build2"


def test_dictionaries_changed_while_compiling_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verbs = tmp_path / "verbs_local.tsv"
    verbs.write_text(VERB_HEADER + "V\tpummel\t\t194\t\tartillery\n", encoding="utf-8")
    monkeypatch.setenv("EVENTETL_DICTIONARY_PATH", str(verbs))
    key = cache_key()

    def edited_meanwhile() -> Lexicon:
        verbs.write_text(VERB_HEADER + "V\tpummel\t\t195\t\tartillery\n", encoding="utf-8")
        return _small("read before the edit")

    monkeypatch.setattr(lexicon_cache, "_build", edited_meanwhile)
    load_lexicon(tmp_path / "cache")
    assert not cache_path(tmp_path / "cache", key).exists()
    assert cache_key() != key


def test_code_change_gives_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key()
    monkeypatch.setattr(lexicon_cache, "FORMAT", lexicon_cache.FORMAT + 1)
    assert cache_key() != before
    monkeypatch.undo()
    monkeypatch.setattr("etl.coding.version.VERSION", "9.9.9")
    assert cache_key() != before


def _damage(kind: str, data: bytes, key: str) -> bytes:
    head = len(lexicon_cache.MAGIC) + lexicon_cache._HEADER.size
    if kind == "garbage":
        return b"\x00not a cache\xff" * 100
    if kind == "empty":
        return b""
    if kind == "changed_text":  # still a valid pickle, with other content
        return data.replace(b"build1", b"build9")
    if kind == "truncated":
        return data[: len(data) // 2]
    if kind == "flipped_byte":
        i = head + (len(data) - head) // 2
        return data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]
    if kind == "other_key":
        other = ("0" * 64).encode()
        return data.replace(key.encode(), other, 1)
    if kind == "not_a_lexicon":
        payload = pickle.dumps({"a": 1})
        header = lexicon_cache._HEADER.pack(key.encode(), len(payload), zlib.crc32(payload))
        return lexicon_cache.MAGIC + header + payload
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    ["garbage", "empty", "truncated", "flipped_byte", "changed_text", "other_key", "not_a_lexicon"],
)
def test_damaged_cache_file_is_ignored_and_rewritten(
    tmp_path: Path, builds: list[int], kind: str
) -> None:
    key = cache_key()
    path = cache_path(tmp_path, key)
    load_lexicon(tmp_path)
    path.write_bytes(_damage(kind, path.read_bytes(), key))
    assert read_cache(path, key) is None
    assert _marker(load_lexicon(tmp_path)) == "build2"  # compiled again, no exception
    fixed = read_cache(path, key)
    assert fixed is not None and _marker(fixed) == "build2"


def test_unwritable_cache_dir_still_gives_a_lexicon(tmp_path: Path, builds: list[int]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert _marker(load_lexicon(blocker / "coder")) == "build1"
    assert _marker(load_lexicon(blocker / "coder")) == "build2"


def test_cache_dir_follows_eventetl_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTETL_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "cache" / "coder"
    monkeypatch.setenv("EVENTETL_QUARANTINE_THRESHOLD", "lots")
    assert default_cache_dir() is None  # a bad unrelated setting disables the cache only


def test_old_cache_files_and_dead_temp_files_are_pruned(tmp_path: Path) -> None:
    lex = _small("x")
    old = time.time() - 10 * lexicon_cache.STALE_TMP_SECONDS
    keys = [f"{i:x}" * 64 for i in range(lexicon_cache.KEEP + 3)]
    for i, k in enumerate(keys):
        p = cache_path(tmp_path, k)
        write_cache(p, k, lex)
        os.utime(p, (old + i, old + i))
    dead = tmp_path / ".lexicon-dead.tmp"
    dead.write_bytes(b"half")
    os.utime(dead, (old, old))
    live = tmp_path / ".lexicon-live.tmp"  # another process is writing it right now
    live.write_bytes(b"half")
    key = "f" * 64
    write_cache(cache_path(tmp_path, key), key, lex)
    names = sorted(p.name for p in tmp_path.iterdir())
    kept = [cache_path(tmp_path, k).name for k in keys[3:]]  # the KEEP most recently used
    assert names == sorted([*kept, cache_path(tmp_path, key).name, live.name])


def _write_many(path: str, key: str, marker: str, n: int) -> None:
    lex = _small(marker, size=100_000)
    for _ in range(n):
        assert write_cache(Path(path), key, lex)


def test_concurrent_writers_never_expose_a_partial_file(tmp_path: Path) -> None:
    key = "a" * 64
    path = cache_path(tmp_path, key)
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    writers = [
        ctx.Process(target=_write_many, args=(str(path), key, f"writer{i}", 15)) for i in range(3)
    ]
    for w in writers:
        w.start()
    seen: set[str] = set()
    damaged = 0
    while any(w.is_alive() for w in writers):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        try:
            lex = lexicon_cache._decode(data, key)
        except Exception:
            damaged += 1
            continue
        seen.add(_marker(lex))
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert damaged == 0
    assert seen <= {"writer0", "writer1", "writer2"}
    final = read_cache(path, key)
    assert final is not None and _marker(final) in {"writer0", "writer1", "writer2"}
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary files left


def test_checksums_are_computed_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    first = dictionary_checksums()
    reads: list[Path] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    assert dictionary_checksums() == first
    assert reads == []


def test_file_hash_notices_a_rewrite_that_keeps_size_and_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dictionaries, "RACY_NS", 0)  # remember even a fresh file's hash
    f = tmp_path / "verbs_x.tsv"
    f.write_text("aaaa", encoding="utf-8")
    old = time.time_ns() - 10**11
    os.utime(f, ns=(old, old))
    time.sleep(0.05)
    first = file_sha256(f)
    assert str(f.absolute()) in dictionaries._HASHES
    assert file_sha256(f) == first
    time.sleep(0.05)  # past the file system's timestamp granularity
    f.write_text("bbbb", encoding="utf-8")  # same size ...
    os.utime(f, ns=(old, old))  # ... and the old mtime back (as cp -p or rsync -t do)
    assert file_sha256(f) != first


def test_file_hash_of_a_fresh_file_is_not_remembered(tmp_path: Path) -> None:
    f = tmp_path / "verbs_y.tsv"
    f.write_text("aaaa", encoding="utf-8")
    file_sha256(f)
    assert str(f.absolute()) not in dictionaries._HASHES  # an edit in the same tick must show


def test_long_lived_leaves_collection_on_and_lets_exit_close_files(tmp_path: Path) -> None:
    was = gc.isenabled()
    with long_lived():
        assert not gc.isenabled()
    assert gc.isenabled() == was
    # Objects alive at the freeze are unfrozen at exit: a module-level file is still flushed.
    out = tmp_path / "out.txt"
    script = (
        "import sys\n"
        f"fh = open({str(out)!r}, 'w')\n"
        "fh.write('written before the freeze')\n"
        "def f(): pass\n"  # the module's dict is in a reference cycle
        "from etl.coding.lexicon_cache import long_lived\n"
        "with long_lived():\n"
        "    pass\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path)
    assert out.read_text() == "written before the freeze"


@pytest.mark.slow
def test_coder_with_a_cached_lexicon_codes_the_same_events(
    tmp_path: Path, compiled_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from etl.coding import Coder
    from etl.coding.coder import _drop_lexicons
    from etl.records import Document

    monkeypatch.setenv("EVENTETL_HOME", str(tmp_path))
    texts = [
        "Russian warplanes struck the town of Sarmada in Idlib province on Thursday, killing "
        "four civilians, local rescue workers said.",
        "Protesters gathered in Kharkiv on Monday to demand the release of detained activists.",
        "Al-Shabaab militants attacked a police station near Mogadishu, killing two officers.",
        "The foreign minister met his Turkish counterpart in Ankara to discuss a ceasefire.",
    ]
    docs = [Document(id=str(i), text=t, published=date(2024, 11, 28)) for i, t in enumerate(texts)]
    # The cache miss compiles: here it takes the lexicon compiled once for the test run.
    builds: list[Lexicon] = []

    def build() -> Lexicon:
        builds.append(compiled_lexicon)
        return compiled_lexicon

    monkeypatch.setattr(lexicon_cache, "_build", build)
    writer = Coder()  # cache miss: compiles and writes the cache
    expected = [events for _d, events in writer.code_documents(docs)]
    assert any(expected)
    assert writer.lexicon is compiled_lexicon and len(builds) == 1
    reader = Coder(nlp=writer.nlp)  # cache hit
    monkeypatch.setattr(lexicon_cache, "_build", lambda: pytest.fail("compiled, not cached"))
    assert [events for _d, events in reader.code_documents(docs)] == expected
    assert reader.lexicon is not compiled_lexicon
    # At exit the lexicons are let go; a coder used after that loads its lexicon again.
    _drop_lexicons()
    assert reader._lex is None and writer._lex is None
    assert [events for _d, events in reader.code_documents(docs)] == expected


def test_pipeline_cache_key_changes_when_an_override_is_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl.pipeline.coder import CoderHandle, coder_identity

    def key() -> str:
        version, sums = coder_identity()
        return CoderHandle(coder=None, version=version, checksums=sums).cache_key  # type: ignore[arg-type]

    plain = key()
    verbs = tmp_path / "verbs_local.tsv"
    verbs.write_text(VERB_HEADER + "V\tpummel\t\t194\t\tartillery\n", encoding="utf-8")
    monkeypatch.setenv("EVENTETL_DICTIONARY_PATH", str(tmp_path))
    first = key()
    # Even with the hash remembered (a file older than RACY_NS), an edit changes the key.
    monkeypatch.setattr(dictionaries, "RACY_NS", 0)
    time.sleep(0.05)
    assert key() == first
    time.sleep(0.05)
    verbs.write_text(VERB_HEADER + "V\tpummel\t\t195\t\tartillery\n", encoding="utf-8")  # same size
    second = key()
    assert len({plain, first, second}) == 3
    assert key() == second
