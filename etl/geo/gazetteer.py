"""The gazetteer index: GeoNames places, admin1/admin2 units, countries and the project supplement.

Built from the ``places`` dictionary rows (``places.tsv.gz`` from ``scripts/build_gazetteer.py``,
``places_supplement.tsv`` and user files), compiled once into the coder's lexicon cache.
Every name, alternate name and spelling variant (:mod:`etl.geo.variants`) is a key of one
:class:`~etl.coding.phrases.PhraseIndex`, so the coder finds places in a sentence with the same
longest-match scan it uses for actors.
"""

from __future__ import annotations

import math
import pickle
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from etl.coding.dictionaries import data_dir, read_tsv
from etl.coding.phrases import PackedPhraseIndex, PhraseIndex, phrase_key
from etl.coding.reference import country_names
from etl.geo.variants import may_vary, name_variants
from etl.geo.words import geo_words

#: Kinds of units that stand for an area, not a point (geo_precision 3 for ADM1, 2 for ADM2).
AREA_KINDS = frozenset({"ADM1", "ADM2", "REGION", "COUNTRY"})
#: A place this big, a unit or a country is "strong": named without a locative cue it still
#: counts as a place (a small homonym needs "in", "near", "the town of" ...).
STRONG_POPULATION = 100_000


def reduce_by_init(self: Any) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` of a slotted dataclass: unpickle through ``__init__`` with the fields.

    Twice as fast to load as the dataclass default (``__setstate__`` walks ``fields()`` per
    object), which counts for the hundreds of thousands of places in the lexicon cache.
    The class's fields must all be ``__init__`` arguments, in field order.
    """
    return type(self), tuple(getattr(self, name) for name in type(self).__slots__)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``kind``: P populated place, ADM1 / ADM2 administrative unit (represented by its most
    populous place), REGION, BASE, PORT, CROSSING, SITE (supplement), COUNTRY (represented by
    its capital). ``admin1`` is in ACLED's spelling where ACLED's differs from GeoNames'.
    """

    name: str
    lat: float | None
    lon: float | None
    iso3: str
    admin1: str
    population: int
    kind: str
    supplement: bool = False
    admin2: str = ""

    __reduce__ = reduce_by_init

    @property
    def strong(self) -> bool:
        """Unambiguous enough to be a place without a locative cue."""
        return self.supplement or self.kind in AREA_KINDS or self.population >= STRONG_POPULATION


def fold_admin(name: str) -> str:
    """An admin name compared loosely: lower case, letters only ("Deir ez-Zor" ~ "Deir EzZor")."""
    return "".join(ch for ch in phrase_key(name) for ch in ch if ch.isalnum())


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in km (inf when either has no point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@cache
def capital_names() -> dict[str, str]:
    """ISO3 -> the capital's name (countries.tsv, GeoNames)."""
    return {r["iso3"]: r["capital"] for _n, r in read_tsv(data_dir() / "countries.tsv")}


def acled_admin1_names() -> dict[tuple[str, str], str]:
    """(iso3, GeoNames admin1) -> ACLED's admin1 spelling, from ``admin1_acled.tsv``."""
    path = data_dir() / "admin1_acled.tsv"
    return {(r["iso3"], r["geonames"]): r["acled"] for _n, r in read_tsv(path)}


Box = tuple[str, float, float, float, float]


def admin1_splits() -> dict[tuple[str, str], list[Box]]:
    """(iso3, admin1) -> [(ACLED unit, min/max lat, min/max lon)] from admin1_split.tsv."""
    out: dict[tuple[str, str], list[Box]] = {}
    for n, r in read_tsv(data_dir() / "admin1_split.tsv"):
        try:
            box = (r["acled"], *(float(r[k]) for k in ("min_lat", "max_lat", "min_lon", "max_lon")))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"admin1_split.tsv:{n}: bad row {r}") from exc
        out.setdefault((r["iso3"], r["admin1"]), []).append(box)  # type: ignore[arg-type]
    return out


@cache
def admin1_terms() -> dict[str, frozenset[str]]:
    """iso3 -> the words the country uses for its first-level units ("state", "department"),
    from admin1_terms.tsv."""
    return {
        r["iso3"]: frozenset(r["terms"].split())
        for _n, r in read_tsv(data_dir() / "admin1_terms.tsv")
    }


#: (ACLED unit, seat latitude, seat longitude, radius in km or inf)
Seat = tuple[str, float, float, float]


def admin1_seats() -> dict[tuple[str, str], list[Seat]]:
    """(iso3, GeoNames admin1) -> the seats of its current units, from admin1_seats.tsv; under
    (iso3, "") the seats of units whose places have no admin1 name (admin1_unnamed.tsv)."""
    out: dict[tuple[str, str], list[Seat]] = {}
    for n, r in read_tsv(data_dir() / "admin1_seats.tsv"):
        try:
            radius = float(r.get("radius_km") or "inf")
            seat = (r["acled"], float(r["lat"]), float(r["lon"]), radius)
        except (KeyError, ValueError) as exc:
            raise ValueError(f"admin1_seats.tsv:{n}: bad row {r}") from exc
        out.setdefault((r["iso3"], r["geonames"]), []).append(seat)
    # Places with no admin1 name (units the names source lacks) are seated the same way.
    for n, r in read_tsv(data_dir() / "admin1_unnamed.tsv"):
        try:
            seat = (r["acled"], float(r["lat"]), float(r["lon"]), float(r["radius_km"]))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"admin1_unnamed.tsv:{n}: bad row {r}") from exc
        out.setdefault((r["iso3"], ""), []).append(seat)
    return out


def nearest_seat(seats: list[Seat], lat: float, lon: float) -> str | None:
    """The unit of the seat nearest to the point among those whose radius reaches it."""
    best, best_km = None, math.inf
    for unit, slat, slon, radius in seats:
        # Equirectangular distance: exact enough within a province, and cheap.
        dx = math.radians(lon - slon) * math.cos(math.radians((lat + slat) / 2))
        d = 6371.0 * math.hypot(dx, math.radians(lat - slat))
        if d <= radius and d < best_km:
            best, best_km = unit, d
    return best


def _acled_admin1(
    iso3: str,
    adm1: str,
    lat: float,
    lon: float,
    acled: dict[tuple[str, str], str],
    splits: dict,
    seats: dict[tuple[str, str], list[Seat]] | None = None,
) -> str:
    # A unit divided since GeoNames' data (DR Congo's Orientale, Ethiopia's SNNP ...): the
    # current unit of the nearest seat.
    if seats:
        # "*": a country whose units were all redrawn (Nepal's 2015 provinces).
        seat_list = seats.get((iso3, adm1)) or (seats.get((iso3, "*")) if adm1 else None)
        if seat_list:
            unit = nearest_seat(seat_list, lat, lon)
            if unit is not None:
                return unit
    for unit, lat0, lat1, lon0, lon1 in splits.get((iso3, adm1), ()):
        if lat0 <= lat < lat1 and lon0 <= lon < lon1:
            return unit
    return acled.get((iso3, adm1), adm1)


def _row_place(
    row: dict[str, str],
    acled: dict[tuple[str, str], str],
    splits: dict[tuple[str, str], list[Box]],
    seats: dict[tuple[str, str], list[Seat]] | None = None,
) -> Place:
    source = row.get("_source", "")
    iso3 = sys.intern(row["iso3"])
    adm1 = row.get("admin1", "") or ""
    lat, lon = float(row["lat"]), float(row["lon"])
    return Place(
        name=row["name"],
        lat=lat,
        lon=lon,
        iso3=iso3,
        admin1=sys.intern(_acled_admin1(iso3, adm1, lat, lon, acled, splits, seats)),
        population=int(row["population"] or 0),
        kind=sys.intern(row.get("kind") or "P"),
        supplement=not source.startswith("places.tsv"),
        admin2=sys.intern(row.get("admin2", "") or ""),
    )


#: Decoded first-token buckets a gazetteer index read from the cache keeps (least recently used
#: go first): ~15 MB, while keeping every bucket a long run touches grew the index by ~385 MB.
HOT_BUCKETS = 4096
#: Look-up tables of the long buckets ("al", "san": searched by key length), kept the same way.
HOT_LONG_BUCKETS = 256

Candidates = list[tuple[tuple[str, ...], list[Place]]]


class PlacePhraseIndex(PhraseIndex[Place]):
    """The gazetteer's phrase index; pickled packed, unpickled as a :class:`BoundedPlaceIndex`."""

    def __reduce__(self) -> tuple[Any, ...]:
        packed = {
            token: pickle.dumps(cands, protocol=pickle.HIGHEST_PROTOCOL)
            for token, cands in self._first.items()
            if cands
        }
        return BoundedPlaceIndex, (packed, self.max_len, len(self))


class _HotBuckets:
    """First token -> candidates: the packed blobs stay, at most ``capacity`` decoded ones."""

    def __init__(self, packed: dict[str, bytes], capacity: int) -> None:
        self.packed = packed
        self.capacity = capacity
        self.hot: OrderedDict[str, Candidates] = OrderedDict()

    def get(self, token: str) -> Candidates | None:
        cands = self.hot.get(token)
        if cands is not None:
            self.hot.move_to_end(token)
            return cands
        blob = self.packed.get(token)
        if blob is None:
            return None  # most tokens of a text start no name: no entry is kept for them
        cands = self.hot[token] = pickle.loads(blob)
        if len(self.hot) > self.capacity:
            self.hot.popitem(last=False)
        return cands

    __getitem__ = get

    def __contains__(self, token: str) -> bool:
        return token in self.packed

    def __iter__(self) -> Iterator[str]:
        # Without it, iteration would fall back to __getitem__(0), (1) ... and never end.
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)

    def items(self) -> list[tuple[str, Candidates]]:
        """Every bucket decoded (for re-pickling a built index; not kept)."""
        return [(t, pickle.loads(b)) for t, b in self.packed.items()]


class BoundedPlaceIndex(PackedPhraseIndex[Place]):
    """The gazetteer index as read from the lexicon cache: compact and bounded in a long run.

    Each first token's bucket stays a pickled blob (~70 MB for the whole gazetteer) and is
    decoded on lookup into a small LRU of :data:`HOT_BUCKETS` buckets, instead of being kept
    decoded for the life of the process (a coder that touched every bucket grew by ~385 MB).
    Lookups give the same candidates in the same order as the index that was pickled.
    """

    def __init__(
        self, packed: dict[str, bytes], max_len: int, size: int, capacity: int | None = None
    ) -> None:
        hot = HOT_BUCKETS if capacity is None else capacity
        self._first = _HotBuckets(packed, hot)  # type: ignore[assignment]
        self._by_key = {}
        self.max_len = max_len
        self._size = size
        self._long: OrderedDict[str, tuple[list[int], dict[tuple[str, ...], list[Place]]]]
        self._long = OrderedDict()

    def __reduce__(self) -> tuple[Any, ...]:
        return BoundedPlaceIndex, (self._first.packed, self.max_len, self._size)

    def _lookup(self) -> Callable[[str], Candidates | None]:
        return self._first.get

    def has_first_token(self, token: str) -> bool:
        """Whether any name starts with ``token`` (nothing is decoded or remembered)."""
        return token in self._first.packed

    def first_tokens(self) -> list[str]:
        """Every first token of the index."""
        return list(self._first.packed)

    def candidates(self, token: str) -> Candidates | None:
        """(key, places) of the names that start with ``token``, longest first."""
        return self._first.get(token)

    def decoded_buckets(self) -> int:
        """How many buckets are held decoded now."""
        return len(self._first.hot)

    def _by_length(
        self, token: str, cands: Candidates
    ) -> tuple[list[int], dict[tuple[str, ...], list[Place]]]:
        hit = self._long.get(token)
        if hit is not None:  # built from an earlier decoding of the same blob: equal content
            self._long.move_to_end(token)
            return hit
        by_key = {key: payloads for key, payloads in cands}
        hit = self._long[token] = (sorted({len(k) for k in by_key}, reverse=True), by_key)
        if len(self._long) > min(HOT_LONG_BUCKETS, self._first.capacity):
            self._long.popitem(last=False)
        return hit


def _unit_name_forms(base: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A unit's name with its compass or height words in the other languages of the
    vocabulary ("south kivu" -> "sud kivu", "north west" -> "nord ouest"); one-word names
    ("Nord", "Est") are left alone: alone they are plain words."""
    forms = dict(geo_words().unit_name_forms)
    if len(base) < 2 or not any(t in forms for t in base):
        return set()
    out: set[tuple[str, ...]] = {base}
    for i, tok in enumerate(base):
        for alt in forms.get(tok, ()):
            out |= {(*k[:i], alt, *k[i + 1 :]) for k in out}
    out.discard(base)
    return out


class Gazetteer:
    """Name index over places, admin units and countries; see :mod:`etl.geo.resolve` to rank."""

    def __init__(
        self, rows: list[dict[str, str]], country_aliases: dict[str, list[str]] | None = None
    ) -> None:
        self.index: PhraseIndex[Place] = PlacePhraseIndex()
        self.countries: dict[str, Place] = {}
        acled = acled_admin1_names()
        splits = admin1_splits()
        seats = admin1_seats()
        adm1_best: dict[tuple[str, str], Place] = {}
        adm2_best: dict[tuple[str, str, str], Place] = {}
        adm1_geonames: dict[tuple[str, str], set[str]] = {}
        for row in rows:
            try:
                place = _row_place(row, acled, splits, seats)
            except (KeyError, ValueError) as exc:
                raise ValueError(f"bad place row from {row.get('_source')}: {row}") from exc
            names = [place.name, *(a for a in row.get("alt_names", "").split("|") if a)]
            keys = {phrase_key(n) for n in names}
            for n in names:
                if may_vary(n, place.iso3):
                    keys.update(phrase_key(v) for v in name_variants(n, place.iso3))
            for key in keys:
                self.index.add(key, place)
            if place.kind != "P" or not place.admin1:
                continue
            raw1 = row.get("admin1", "")
            if raw1 and raw1 != place.admin1:
                adm1_geonames.setdefault((place.iso3, place.admin1), set()).add(raw1)
            k1 = (place.iso3, place.admin1)
            best = adm1_best.get(k1)
            if best is None or place.population > best.population:
                adm1_best[k1] = place
            if place.admin2:
                k2 = (place.iso3, place.admin1, place.admin2)
                best2 = adm2_best.get(k2)
                if best2 is None or place.population > best2.population:
                    adm2_best[k2] = place
        # Admin units are represented by their most populous place (ACLED codes a region to a
        # representative town). A unit's bare name is indexed too ("Borno"); when a town has the
        # same name, ranking prefers the town unless a unit word follows ("Idlib province").
        for (iso3, adm1), rep in adm1_best.items():
            unit = Place(adm1, rep.lat, rep.lon, iso3, adm1, rep.population, "ADM1")
            for spelling in {adm1} | adm1_geonames.get((iso3, adm1), set()):
                self._add_unit(spelling, unit)
        for (iso3, adm1, adm2), rep in adm2_best.items():
            unit = Place(adm2, rep.lat, rep.lon, iso3, adm1, rep.population, "ADM2", False, adm2)
            self._add_unit(adm2, unit)
        # A country-level event gets the country's representative point: its capital (ACLED
        # codes country-only reports at geo-precision 3 to a representative location).
        capitals = {r["iso3"]: r["capital"] for _n, r in read_tsv(data_dir() / "countries.tsv")}
        self._index_capitals_spelled_apart(capitals, rows)
        for iso3, name in country_names().items():
            lat = lon = None
            cap_adm1 = ""
            cap = capitals.get(iso3)
            if cap:
                same = self._capital_candidates(cap, iso3)
                if same:
                    best_cap = max(same, key=lambda p: p.population)
                    lat, lon, cap_adm1 = best_cap.lat, best_cap.lon, best_cap.admin1
            c = Place(name, lat, lon, iso3, cap_adm1, 10**9, "COUNTRY")
            self.countries[iso3] = c
            self.index.add(phrase_key(name), c)
        for iso3, aliases in (country_aliases or {}).items():
            c = self.countries.get(iso3)
            if c is not None:
                for alias in aliases:
                    self.index.add(phrase_key(alias), c)
        self.index.finalize()

    def _capital_candidates(self, capital: str, iso3: str) -> list[Place]:
        return [
            p
            for p in self.index.get(phrase_key(capital))
            if p.iso3 == iso3 and p.kind == "P" and p.lat is not None
        ]

    def _index_capitals_spelled_apart(
        self, capitals: dict[str, str], rows: list[dict[str, str]]
    ) -> None:
        """Index a capital under countries.tsv's spelling when GeoNames writes it apart.

        "Ulaanbaatar" is GeoNames' "Ulan Bator" (alternate "Ulaan Baatar"): without this, the
        capital was not found in text and Mongolia's country-level events had no point. The
        capital is the country's most populous place with a name or alternate name that is the
        same word once spaces and punctuation are dropped.
        """
        missing = {
            iso3: fold_admin(cap)
            for iso3, cap in capitals.items()
            if cap and not self._capital_candidates(cap, iso3)
        }
        found: dict[str, tuple[int, dict[str, str]]] = {}
        for row in rows:
            want = missing.get(row.get("iso3", ""))
            if not want:
                continue
            names = [row["name"], *row.get("alt_names", "").split("|")]
            if any(fold_admin(n) == want for n in names if n):
                pop = int(row.get("population") or 0)
                if row["iso3"] not in found or pop > found[row["iso3"]][0]:
                    found[row["iso3"]] = (pop, row)
        for iso3, (_pop, row) in found.items():
            point = (float(row["lat"]), float(row["lon"]))
            for place in self.lookup(row["name"]):
                if place.iso3 == iso3 and place.kind == "P" and (place.lat, place.lon) == point:
                    self.index.add(phrase_key(capitals[iso3]), place)
                    break

    def _add_unit(self, spelling: str, unit: Place) -> None:
        base = phrase_key(spelling)
        if not base:
            return
        # "Kanbalu Township", "Salkhad District": also index the name without its unit word.
        units = geo_words().units
        if len(base) > 1 and base[-1] in units:
            base = base[:-1]
        elif len(base) > 2 and base[0] in units and base[1] == "of":
            # GeoNames' "Province of Lanao del Sur": news writes "Lanao del Sur (province)".
            base = base[2:]
        bases = {base} | {phrase_key(v) for v in name_variants(" ".join(base), unit.iso3)}
        bases |= _unit_name_forms(base)
        for b in bases:
            self.index.add(b, unit)
            for word in units:
                self.index.add((*b, word), unit)

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country ("the Somali capital": Mogadishu), from countries.tsv."""
        country = self.countries.get(iso3)
        name = capital_names().get(iso3)
        if country is None or not name:
            return None
        towns = [p for p in self.lookup(name) if p.iso3 == iso3 and p.kind == "P"]
        return min(towns, key=lambda p: km(p, country), default=None)

    def lookup(self, name: str) -> list[Place]:
        """Entries stored under exactly this name (after normalisation)."""
        return self.index.get(phrase_key(name))

    def choose(
        self, candidates: list[Place], context: dict[str, float] | None = None
    ) -> Place | None:
        """The best candidate given the document context (see :func:`etl.geo.resolve.rank`)."""
        from etl.geo.resolve import rank

        ranked = rank(self.directional_country(candidates, context) or candidates, context)
        return ranked[0].place if ranked else None

    def directional_country(
        self, candidates: list[Place], context: dict[str, float] | None = None
    ) -> list[Place] | None:
        """The country a "<direction> <country>" name means when the gazetteer knows the name
        only as towns abroad: "in south Lebanon" is southern Lebanon, not South Lebanon, Ohio,
        unless the document is about the towns' country. Countries and units so named ("South
        Sudan", "North Kivu") are themselves."""
        if not candidates or any(p.kind != "P" for p in candidates):
            return None
        if any((context or {}).get(p.iso3, 0.0) >= 1.0 for p in candidates):
            return None
        names = {p.name for p in candidates}
        words = next(iter(names)).split()
        if len(names) != 1 or len(words) < 2 or words[0].lower() not in geo_words().directions:
            return None
        country = next((p for p in self.lookup(" ".join(words[1:])) if p.kind == "COUNTRY"), None)
        if country is None or any(p.iso3 == country.iso3 for p in candidates):
            return None
        return [country]
