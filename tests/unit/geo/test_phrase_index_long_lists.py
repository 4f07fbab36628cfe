"""A first token that starts thousands of gazetteer names ("al", "san") is looked up by key
length; the matches are the same as scanning its candidates, before and after pickling."""

from __future__ import annotations

import pickle

from etl.coding import phrases
from etl.coding.phrases import PhraseIndex, phrase_key


def _index() -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    for i in range(phrases._SCAN_LIMIT * 3):
        index.add(phrase_key(f"al town{i}"), f"t{i}")
    index.add(phrase_key("al town1 east"), "east")
    index.add(phrase_key("al"), "article")
    index.finalize()
    return index


def _scan(index: PhraseIndex[str], norms: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The reference: scan every candidate of the first token, longest first."""
    out, i = [], 0
    while i < len(norms):
        step = 1
        for key, _payloads in index._first.get(norms[i], []):
            if tuple(norms[i : i + len(key)]) == key:
                out.append((i, i + len(key), key))
                step = len(key)
                break
        i += step
    return out


def test_long_candidate_lists_match_like_a_scan() -> None:
    index = _index()
    norms = ["in", "al", "town1", "east", "and", "al", "town7", "x", "al", "nowhere", "al"]
    got = [(s, e, k) for s, e, k, _p in index.find(norms, list(range(len(norms))))]
    assert got == _scan(index, norms)
    assert got[0] == (1, 4, ("al", "town1", "east"))  # the longest key wins
    assert (5, 7, ("al", "town7")) in got and (8, 9, ("al",)) in got


def test_packed_index_gives_the_same_matches() -> None:
    index = _index()
    packed = pickle.loads(pickle.dumps(index))
    norms = ["al", "town3", "al", "town1", "east", "al"]
    positions = list(range(len(norms)))
    assert packed.find(norms, positions) == index.find(norms, positions)
    assert [p for *_x, p in packed.find(norms, positions)] == [["t3"], ["east"], ["article"]]
