"""Token normalisation and a longest-match phrase index over spaCy tokens (dict lookups only)."""

from __future__ import annotations

import pickle
import sys
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar

from etl.coding.tokens import sentence_tokens

T = TypeVar("T")

# Tokens ignored when matching names: hyphens, apostrophes, the possessive clitic.
SKIP = frozenset({"-", "–", "—", "'", "’", "'s", "’s", "`", "‘", '"', "“", "”"})
_STRIP = str.maketrans("", "", "'’`‘ʼʻ.")


@lru_cache(maxsize=200_000)
def norm(word: str) -> str:
    """Lower-case, strip accents, apostrophes and dots: "I‘zāz" -> "izaz", "U.S." -> "us"."""
    w = word.lower().translate(_STRIP)
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    return w


_SEP = str.maketrans({ch: " " for ch in "-_–—/,()"})


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Normalised token tuple of a dictionary phrase (split on spaces, hyphens, underscores)."""
    phrase = phrase.translate(_SEP)
    if "s " in phrase:
        phrase = phrase.replace("'s ", " ").replace("’s ", " ")
    if phrase.isascii():
        # Fast path for the common case (no accents): lower-case and drop apostrophes/dots over
        # the whole phrase (no whitespace is dropped, so the words are the same as word by word).
        return tuple(phrase.lower().translate(_STRIP).split())
    return tuple(t for t in (norm(w) for w in phrase.split()) if t)


#: Candidate lists longer than this are searched by key length rather than scanned.
_SCAN_LIMIT = 32


class PhraseIndex(Generic[T]):
    """Maps normalised token sequences to payloads; finds longest non-overlapping matches."""

    def __init__(self) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], list[T]]]] = {}
        self._by_key: dict[tuple[str, ...], list[T]] = {}
        self.max_len = 1

    def add(self, key: tuple[str, ...], payload: T) -> None:
        """Add a payload under a normalised key (payloads under one key keep their order)."""
        if not key:
            return
        bucket = self._by_key.get(key)
        if bucket is None:
            # Interned: the ~500,000 tokens of the lexicon are ~200,000 distinct strings, which
            # makes the index smaller in memory and faster to load from the lexicon cache.
            key = tuple(map(sys.intern, key))
            bucket = self._by_key[key] = []
            self._first.setdefault(key[0], []).append((key, bucket))
            self.max_len = max(self.max_len, len(key))
        bucket.append(payload)

    def finalize(self) -> None:
        """Sort candidates longest first (call once after all ``add`` calls)."""
        self.__dict__.pop("_fast", None)  # lookup tables of long candidate lists, rebuilt on use
        for cands in self._first.values():
            cands.sort(key=lambda kv: -len(kv[0]))

    def get(self, key: tuple[str, ...]) -> list[T]:
        """Payloads stored under exactly this key."""
        return self._by_key.get(key, [])

    def __len__(self) -> int:
        return len(self._by_key)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as one blob per first token, unpickled as a :class:`PackedPhraseIndex`."""
        packed = dict(self._first.packed) if isinstance(self._first, _Buckets) else {}
        for token, cands in self._first.items():
            if cands:
                packed[token] = pickle.dumps(cands, protocol=pickle.HIGHEST_PROTOCOL)
        return PackedPhraseIndex, (packed, self.max_len, len(self))

    def _lookup(self) -> Callable[[str], list[tuple[tuple[str, ...], list[T]]] | None]:
        return self._first.get

    def find(
        self, norms: Sequence[str], positions: Sequence[int]
    ) -> list[tuple[int, int, tuple[str, ...], list[T]]]:
        """Longest-first, left-to-right matches over a normalised token stream.

        Args:
            norms: normalised tokens (skipped tokens already removed).
            positions: for each entry of ``norms``, the index of the original spaCy token.

        Returns:
            (first token index, last token index + 1, key, payloads) per match, in the
            original token numbering.
        """
        out = []
        i, n = 0, len(norms)
        lookup = self._lookup()
        while i < n:
            cands = lookup(norms[i])
            matched = 0
            if cands and len(cands) > _SCAN_LIMIT:
                # "al", "el", "san" start thousands of names: look keys up by length instead.
                lengths, by_key = self._by_length(norms[i], cands)
                for k in lengths:
                    if i + k <= n:
                        key = tuple(norms[i : i + k])
                        payloads = by_key.get(key)
                        if payloads is not None:
                            out.append((positions[i], positions[i + k - 1] + 1, key, payloads))
                            matched = k
                            break
            elif cands:
                for key, payloads in cands:
                    k = len(key)
                    if i + k <= n and tuple(norms[i : i + k]) == key:
                        out.append((positions[i], positions[i + k - 1] + 1, key, payloads))
                        matched = k
                        break
            i += matched or 1
        return out

    def _by_length(
        self, token: str, cands: list[tuple[tuple[str, ...], list[T]]]
    ) -> tuple[list[int], dict[tuple[str, ...], list[T]]]:
        """A long candidate list as (lengths, longest first; key -> payloads), built once."""
        fast = self.__dict__.setdefault("_fast", {})
        hit = fast.get(token)
        if hit is None:
            by_key = {key: payloads for key, payloads in cands}
            hit = fast[token] = (sorted({len(k) for k in by_key}, reverse=True), by_key)
        return hit


class _Buckets(dict):  # type: ignore[type-arg]
    """First token -> candidates, each token's candidates unpickled when first looked up.

    A token that has no candidates is stored as None on its first lookup, so that every later
    lookup of it is a plain dict hit.
    """

    def __init__(self, packed: dict[str, bytes]) -> None:
        super().__init__()
        self.packed = packed

    def __missing__(self, token: str) -> Any:
        blob = self.packed.pop(token, None)
        cands = None if blob is None else pickle.loads(blob)
        self[token] = cands
        return cands


class PackedPhraseIndex(PhraseIndex[T]):
    """A finalized :class:`PhraseIndex` read from a pickle, decoded per first token on use.

    Unpickling the 108,000 first tokens of the gazetteer with all their candidates took 0.2 s
    of every coder's start; most of them are never looked up by a given process. Lookups give
    the same candidates in the same order as the index that was pickled; a payload shared by
    candidates of two first tokens becomes two equal objects.
    """

    def __init__(self, packed: dict[str, bytes], max_len: int, size: int) -> None:
        self._first = _Buckets(packed)
        self._by_key = {}
        self.max_len = max_len
        self._size = size

    def add(self, key: tuple[str, ...], payload: T) -> None:
        raise TypeError("a PackedPhraseIndex is read-only")

    def finalize(self) -> None:
        """Already finalized before it was pickled."""

    def get(self, key: tuple[str, ...]) -> list[T]:
        """Payloads stored under exactly this key."""
        for k, payloads in (self._first[key[0]] if key else None) or ():
            if k == key:
                return payloads
        return []

    def __len__(self) -> int:
        return self._size

    def _lookup(self) -> Callable[[str], list[tuple[tuple[str, ...], list[T]]] | None]:
        return self._first.__getitem__


def token_stream(doc: Any) -> tuple[list[str], list[int]]:
    """Normalised tokens of a spaCy Doc with SKIP tokens removed, plus their positions."""
    st = sentence_tokens(doc)  # kept attributes: no Token object per token
    norms: list[str] = []
    positions: list[int] = []
    for i, (text, space) in enumerate(zip(st.text, st.is_space, strict=True)):
        if text in SKIP or space:
            continue
        n = norm(text)
        if not n:
            continue
        norms.append(n)
        positions.append(i)
    return norms, positions
