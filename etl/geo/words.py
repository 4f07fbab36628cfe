"""The geocoder's vocabulary: the ``geo_*`` word classes of ``lexicons.tsv``.

The words that tell a place name from other words ("in", "near", "the town of", "Kharkiv
Oblast", "Maarat al-Numan") are data, not code: packaged in ``etl/coding/data/lexicons.tsv``
and extended like every word class, by a ``lexicons*.tsv`` file on ``EVENTETL_DICTIONARY_PATH``
(its words are added to the packaged ones). They are read once per process, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from etl.coding.dictionaries import DictionaryError, load_kind

#: The classes this module reads; each must exist in the packaged lexicons.tsv.
CLASSES = (
    "geo_locative",
    "geo_of_nouns",
    "geo_name_particles",
    "geo_name_prefixes",
    "geo_unit",
    "geo_settlement_titles",
    "geo_name_suffixes",
    "geo_qualifier_filler",
    "geo_coded_to",
    "geo_unknown_place_heads",
    "geo_near",
    "geo_directions",
    "geo_district",
    "geo_area_after",
    "geo_settlement_nouns",
    "geo_common_capitalised",
    "geo_air_locative",
    "geo_air_context",
    "geo_on_nouns",
    "geo_place_object_verbs",
    "geo_unit_name_forms",
    "geo_water_bodies",
)

#: The coder's classes of common nouns (besides ``weapon*``) that name no town unless a
#: location cue says so.
_COMMON_NOUN_CLASSES = frozenset({"geo_common_capitalised", "armed", "acled_attack_noun"})

#: The coder's weapon classes whose words make a sentence about the air.
_AIR_CLASSES = ("weapon_aircraft", "weapon_drone", "weapon_missile")


@dataclass(frozen=True, slots=True)
class GeoWords:
    """The geocoder's word sets (lower case), as the geo modules use them.

    Attributes:
        locative: words before a name that mark it as a location ("in", "near", "outside").
        of_nouns: nouns that make a following "of" locative ("the town of X").
        name_particles: particles inside Arabic and other names ("al", "abu"): a hit right
            after one is a piece of a longer name.
        name_prefixes: capitalised words that may precede a place's own name ("Mount", "Lake").
        units: words after a unit's name ("province", "oblast"), in file order.
        name_suffixes: words after a name that keep it a place ("Gaza City", "Kharkiv Oblast").
        place_words_after: words after a name that make it a place's name ("Kherson city").
        settlement_titles: "town", "city", "village".
        qualifier_filler: tokens that may sit between a place and its qualifiers.
        coded_to: the words of ACLED's "(coded to X)".
        unknown_place_heads: words between an unknown name and its qualifier ("Foo village (").
        near: words before a place that put the event near it, not in it.
        directions: "north", "southern" ...: "25 km west of X" is near X.
        districts: units below a province ("X township" is the town's surroundings).
        area_after: words after a name that mean its surroundings ("the Maru area").
        settlement_nouns: nouns of "near the town of X".
        common_capitalised: common nouns that open a sentence capitalised and name no town
            there ("Grenade attack on ...", "Police said ..."), besides the weapon classes.
        air_locative: words that put a place under something in the air ("over Kyiv").
        air_context: words that make a sentence about the air ("skies", "airspace") and the
            words of the ``weapon_aircraft``, ``weapon_drone`` and ``weapon_missile`` classes.
        on_nouns: nouns that make a following "on" locative ("the assault on X").
        place_object_verbs: verbs (lemmas) whose direct object is a place ("shelled X").
        unit_name_forms: a compass or height word of a unit's name -> its forms in other
            languages ("south" -> ("sud", "sul")): "Sud-Kivu" is South Kivu.
        water_bodies: words before a name that make it a lake's or a river's ("Lake Chad").
    """

    locative: frozenset[str]
    of_nouns: frozenset[str]
    name_particles: frozenset[str]
    name_prefixes: frozenset[str]
    units: tuple[str, ...]
    name_suffixes: frozenset[str]
    place_words_after: frozenset[str]
    settlement_titles: frozenset[str]
    qualifier_filler: frozenset[str]
    coded_to: frozenset[str]
    unknown_place_heads: frozenset[str]
    near: frozenset[str]
    directions: frozenset[str]
    districts: frozenset[str]
    area_after: frozenset[str]
    settlement_nouns: frozenset[str]
    common_capitalised: frozenset[str]
    air_locative: frozenset[str]
    air_context: frozenset[str]
    on_nouns: frozenset[str]
    place_object_verbs: frozenset[str]
    unit_name_forms: tuple[tuple[str, tuple[str, ...]], ...]
    water_bodies: frozenset[str]


def _classes(rows: list[dict[str, str]]) -> dict[str, tuple[str, ...]]:
    """Class -> its words in order of first appearance (user rows first), lower case."""
    found: dict[str, dict[str, None]] = {}
    for row in rows:
        words = found.setdefault(row["class"], {})
        for w in row["words"].split():
            words.setdefault(w.lower(), None)
    return {name: tuple(words) for name, words in found.items()}


def build_geo_words(rows: list[dict[str, str]]) -> GeoWords:
    """Compile the ``geo_*`` classes (and the weapon classes) of lexicon rows.

    Args:
        rows: rows of the ``lexicons`` dictionary (columns ``class`` and ``words``).

    Returns:
        The word sets; a class missing from the rows raises :class:`DictionaryError`.
    """
    c = _classes(rows)
    missing = [name for name in CLASSES if name not in c]
    if missing:
        raise DictionaryError(
            f"lexicons.tsv: the geocoder's word classes {missing} are missing; restore them "
            f"from the packaged etl/coding/data/lexicons.tsv"
        )

    def s(name: str) -> frozenset[str]:
        return frozenset(c[name])

    units = tuple(w for w in c["geo_unit"])
    titles = s("geo_settlement_titles")
    # Weapon, armed-force and attack nouns of the coder's classes open headlines capitalised
    # ("Grenade attack ...", "Militia ...", "Ambush ...") and are then no town's name.
    common = frozenset(
        w
        for name, ws in c.items()
        if name.startswith("weapon") or name in _COMMON_NOUN_CLASSES
        for w in ws
    )
    return GeoWords(
        locative=s("geo_locative"),
        of_nouns=s("geo_of_nouns"),
        name_particles=s("geo_name_particles"),
        name_prefixes=s("geo_name_prefixes"),
        units=units,
        name_suffixes=frozenset(units) | titles | s("geo_name_suffixes"),
        place_words_after=frozenset(units) | titles,
        settlement_titles=titles,
        qualifier_filler=s("geo_qualifier_filler") | titles | frozenset(units),
        coded_to=s("geo_coded_to"),
        unknown_place_heads=titles | s("geo_unknown_place_heads"),
        near=s("geo_near"),
        directions=s("geo_directions"),
        districts=s("geo_district"),
        area_after=s("geo_area_after"),
        settlement_nouns=s("geo_settlement_nouns"),
        common_capitalised=common,
        air_locative=s("geo_air_locative"),
        air_context=s("geo_air_context")
        | frozenset(w for name in _AIR_CLASSES for w in c.get(name, ())),
        on_nouns=s("geo_on_nouns"),
        place_object_verbs=s("geo_place_object_verbs"),
        unit_name_forms=_name_forms(c["geo_unit_name_forms"]),
        water_bodies=s("geo_water_bodies"),
    )


def _name_forms(groups: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """ "south=sud=sul" -> each word with the others of its group."""
    out: dict[str, tuple[str, ...]] = {}
    for group in groups:
        words = [w for w in group.split("=") if w]
        for w in words:
            out[w] = tuple(dict.fromkeys((*out.get(w, ()), *(x for x in words if x != w))))
    return tuple(out.items())


@cache
def geo_words() -> GeoWords:
    """The geocoder's words from the packaged and user ``lexicons`` files (read once).

    Call ``geo_words.cache_clear()`` after changing ``EVENTETL_DICTIONARY_PATH`` in a running
    process (tests do).
    """
    return build_geo_words(load_kind("lexicons"))
