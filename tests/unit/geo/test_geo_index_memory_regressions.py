"""Regression tests for issue 14's index memory: the gazetteer index read from the lexicon cache
keeps its buckets packed and at most a bounded number decoded, so a long run that touches every
bucket no longer grows by hundreds of MB; lookups stay those of the index that was pickled."""

from __future__ import annotations

import pickle

import pytest

from etl.coding.phrases import PackedPhraseIndex, phrase_key
from etl.geo import Gazetteer
from etl.geo import gazetteer as geo_gazetteer
from etl.geo.gazetteer import BoundedPlaceIndex


def _row(name: str, lat: float, lon: float, alt: str = "", pop: int = 1000) -> dict[str, str]:
    return {
        "name": name,
        "alt_names": alt,
        "lat": str(lat),
        "lon": str(lon),
        "iso3": "SYR",
        "admin1": "Idlib",
        "admin2": "",
        "population": str(pop),
        "kind": "P",
        "_source": "places.tsv.gz",
    }


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    # "Al X" names: more than 32 names begin with "al", so that bucket is searched by length.
    rows = [_row(f"Al Qarya {i}", 35.0 + i / 100, 36.0, pop=500 + i) for i in range(40)]
    rows += [
        _row("Sarmada", 36.18, 36.72, "Sarmadah"),
        _row("Maarat al-Numan", 35.64, 36.67, pop=80_000),
        _row("Idlib", 35.93, 36.63, "Idleb", pop=128_000),
    ]
    return Gazetteer(rows)


def _unpickled(gaz: Gazetteer, capacity: int) -> BoundedPlaceIndex:
    index = pickle.loads(pickle.dumps(gaz.index))
    assert isinstance(index, BoundedPlaceIndex)
    index._first.capacity = capacity  # type: ignore[attr-defined]
    return index


def test_index_from_the_cache_is_bounded_and_still_packed(built: Gazetteer) -> None:
    index = pickle.loads(pickle.dumps(built.index))
    # The lexicon cache tests check packed indexes by this class.
    assert isinstance(index, PackedPhraseIndex)
    assert len(index) == len(built.index)
    assert index.decoded_buckets() == 0


def test_touching_every_bucket_keeps_at_most_capacity_decoded(built: Gazetteer) -> None:
    index = _unpickled(built, capacity=3)
    tokens = index.first_tokens()
    assert len(tokens) > 10
    for token in tokens:
        assert index.candidates(token)
        assert index.decoded_buckets() <= 3
    assert index.candidates("nowhere") is None
    assert index.decoded_buckets() <= 3


def test_lookups_after_eviction_equal_the_built_index(built: Gazetteer) -> None:
    index = _unpickled(built, capacity=2)
    for _round in range(2):  # the second round decodes again what the first let go
        for token, cands in built.index._first.items():
            got = index.candidates(token)
            assert got is not None
            assert got == cands
    for name in ("Sarmadah", "Maarat al Numan", "Al Qarya 7", "Idleb"):
        assert index.get(phrase_key(name)) == built.index.get(phrase_key(name))


def test_find_in_a_long_bucket_after_eviction(built: Gazetteer) -> None:
    index = _unpickled(built, capacity=1)
    norms = ["shelling", "in", "al", "qarya", "12", "and", "sarmada"]
    expect = built.index.find(norms, list(range(len(norms))))
    assert [m[:3] for m in expect] == [(2, 5, ("al", "qarya", "12")), (6, 7, ("sarmada",))]
    for _round in range(3):
        got = index.find(norms, list(range(len(norms))))
        assert got == expect


def test_first_token_check_decodes_nothing(built: Gazetteer) -> None:
    index = _unpickled(built, capacity=4)
    assert index.has_first_token("sarmada")
    assert not index.has_first_token("sarmadz")
    assert index.decoded_buckets() == 0


def test_default_capacity_is_read_when_unpickled(
    built: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(geo_gazetteer, "HOT_BUCKETS", 5)
    index = pickle.loads(pickle.dumps(built.index))
    for token in index.first_tokens():
        index.candidates(token)
    assert index.decoded_buckets() == 5
    # Re-pickling a bounded index (e.g. to a worker process) keeps it packed and bounded.
    again = pickle.loads(pickle.dumps(index))
    assert isinstance(again, BoundedPlaceIndex)
    assert again.first_tokens() == index.first_tokens()


def test_first_token_table_iterates_its_tokens(built: Gazetteer) -> None:
    """``set(index._first)`` (the lexicon cache tests' view) ended only with the process."""
    index = _unpickled(built, capacity=2)
    assert set(index._first) == set(built.index._first)
    assert len(index._first) == len(built.index._first)
