"""Places the gazetteer knows under another vowel spelling: "Bint Jbeil" (Bent Jbeil),
"Bulo Burde" (Bulo Berde), "Kanyabayonga" (Kanyobagonga).

Romanisations of Arabic, Somali, Amharic or Bantu names differ mostly in their vowels, and
GeoNames keeps only a few alternate names per place. A capitalised name after a locative cue
("in", "near", "the town of") that the gazetteer does not know is looked up again with one or
two of its vowel groups written differently. Because such a near-spelling can hit a homonym
anywhere in the world, a match counts only in a country the document already names (its
places or its actors' countries): this is a fallback for local villages, never a first choice.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from etl.geo.context import capital_phrases, locative_cue, qualifiers
from etl.geo.gazetteer import Gazetteer, Place

#: How a vowel group may be written instead (within one romanisation's range).
VOWEL_FORMS = (
    *("a", "e", "i", "o", "u", "aa", "ee", "ii", "oo", "uu"),
    *("ai", "ei", "ou", "au", "ao", "ie", "ay", "ey"),
)
#: At most this many vowel groups of a name are rewritten at once.
MAX_CHANGES = 2
#: A document country must weigh at least this much to accept a near-spelling there.
MIN_COUNTRY_WEIGHT = 0.25
_MAX_TOKENS = 3
_GROUPS = re.compile(r"[aeiouy]+|[^aeiouy]+")
_SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT"})


def vowel_variants(words: tuple[str, ...], max_changes: int = MAX_CHANGES) -> list[tuple[str, ...]]:
    """Keys of ``words`` (lower case) with one or up to ``max_changes`` vowel groups rewritten.

    A leading "y" counts as a consonant ("Yei"); the first variants change one group only.
    """
    parts = [_GROUPS.findall(w) for w in words]
    slots = [
        (wi, pi)
        for wi, groups in enumerate(parts)
        for pi, g in enumerate(groups)
        if g[0] in "aeiou" or (g[0] == "y" and pi > 0 and len(g) > 1)
    ]
    out: list[tuple[str, ...]] = []
    seen = {tuple(words)}
    for n in range(1, max_changes + 1):
        for chosen in itertools.combinations(slots, n):
            options = [[f for f in VOWEL_FORMS if f != parts[wi][pi]] for wi, pi in chosen]
            for forms in itertools.product(*options):
                new = [list(g) for g in parts]
                for (wi, pi), f in zip(chosen, forms, strict=True):
                    new[wi][pi] = f
                key = tuple("".join(g) for g in new)
                if key not in seen:
                    seen.add(key)
                    out.append(key)
    return out


def _unknown_runs(doc: Any, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised word runs (up to three words) not yet a place or an actor, after a locative
    cue ("in Bulo Burde") or before a parenthesis ("Bulo Burde (Hiraan)", as ACLED notes write).
    """
    runs: list[tuple[int, int]] = []
    i, n = 1, len(doc)
    while i < n:
        if i in taken or not _name_word(doc[i]):
            i += 1
            continue
        e = i + 1
        while e < n and e - i < _MAX_TOKENS and e not in taken and _name_word(doc[e]):
            e += 1
        if locative_cue(doc, i) or (e < n and doc[e].text == "("):
            runs.append((i, e))
        i = e
    return runs


def _name_word(tok: Any) -> bool:
    return (
        tok.text[:1].isupper()
        and tok.text.isalpha()
        and len(tok.text) > 2
        and tok.ent_type_ not in _SKIP_ENTS
    )


def spelling_variant_places(
    gaz: Gazetteer,
    doc: Any,
    taken: set[int],
    context: dict[str, float],
    place_at: dict[int, tuple[int, int, list[Place]]] | None = None,
) -> list[tuple[int, int, list[Place]]]:
    """Unknown locative names of a sentence found under a vowel variant in a document country.

    Args:
        gaz: the gazetteer.
        doc: the parsed sentence.
        taken: tokens already read as a place or an actor.
        place_at: the sentence's gazetteer matches (for the units named beside a name).
        context: the document's country weights (see :data:`etl.geo.resolve.GeoContext`).

    Returns:
        (first token, end token, candidates) per name found, longest name first.
    """
    place_at = place_at or {}
    countries = {k for k, w in context.items() if "/" not in k and w >= MIN_COUNTRY_WEIGHT}
    found: list[tuple[int, int, list[Place]]] = []
    for s, e in _unknown_runs(doc, taken):
        # Units named right after it ("(Hiraan)", ", Nabatieh"): the place must lie inside one.
        units = [u for q in qualifiers(doc, e, place_at)[0] for u in q]
        if not units and not countries:
            continue
        accept = _inside_any(units) if units else _in_countries(countries)
        # Longest name first: "Bulo Burde" before "Bulo".
        for end in range(e, s, -1):
            words = tuple(t.lower_ for t in doc[s:end])
            places = variant_candidates(gaz, words, accept)
            if not places and len(words) > 1:
                # Names written in one word or two ("Beled Weyne" / "Beledweyne").
                joined = ("".join(words),)
                places = [p for p in gaz.index.get(joined) if p.kind != "COUNTRY" and accept(p)]
                places = places or variant_candidates(gaz, joined, accept)
            if places:
                found.append((s, end, places))
                break
    return found


def _inside_any(units: list[Place]) -> Callable[[Place], bool]:
    from etl.geo.resolve import inside

    return lambda p: any(inside(p, u) for u in units)


def _in_countries(countries: set[str]) -> Callable[[Place], bool]:
    return lambda p: p.iso3 in countries


def variant_candidates(
    gaz: Gazetteer, words: tuple[str, ...], accept: Callable[[Place], bool]
) -> list[Place]:
    """Places stored under a vowel variant of ``words`` that ``accept`` admits, fewest changes
    first (the places one change away, else those two changes away)."""
    head, rest = words[0], words[1:]
    # Variants of the first word that begin some name, by number of changes: the rest of the
    # name is varied only behind those (most first-word variants begin no name at all).
    heads: dict[int, list[str]] = {0: [head]}
    for n, key in _by_changes((head,)):
        if _first_token_known(gaz, key[0]):
            heads.setdefault(n, []).append(key[0])
    tails: dict[int, list[tuple[str, ...]]] = {0: [rest]}
    if rest:
        for n, key in _by_changes(rest):
            tails.setdefault(n, []).append(key)
    for total in range(1, MAX_CHANGES + 1):
        hits: list[Place] = []
        for n_head in range(total + 1):
            for h in heads.get(n_head, ()):
                for tail in tails.get(total - n_head, ()):
                    for p in gaz.index.get((h, *tail)):
                        if p.kind != "COUNTRY" and p not in hits and accept(p):
                            hits.append(p)
        if hits:
            return hits
    return []


def _by_changes(words: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(number of vowel groups changed, variant) for the variants of ``words``."""
    one = vowel_variants(words, 1)
    ones = set(one)
    return [(1, k) for k in one] + [
        (2, k) for k in vowel_variants(words, MAX_CHANGES) if k not in ones
    ]


def _first_token_known(gaz: Gazetteer, token: str) -> bool:
    """Whether any name starts with ``token``, without caching the answer: the packed index
    remembers every token it is asked for, and made-up variants must not fill it."""
    has_first_token = getattr(gaz.index, "has_first_token", None)
    if has_first_token is not None:
        return bool(has_first_token(token))
    first = gaz.index._first  # the first-token table, read only
    if token in first:
        return first[token] is not None
    packed = getattr(first, "packed", None)
    return packed is not None and token in packed


def add_spelling_variant_places(
    gaz: Gazetteer, infos: list[Any], context: dict[str, float]
) -> None:
    """Add the near-spelled places of each sentence to its ``place_at`` (see the module doc),
    and the capitals named as "the Somali capital" (:func:`etl.geo.context.capital_phrases`)."""
    for info in infos:
        taken = set(info.place_at) | set(info.actor_at)
        found = spelling_variant_places(gaz, info.doc, taken, context, info.place_at)
        # "the Somali capital": the capital city (a phrase, not a spelling, but found here too).
        found += capital_phrases(info.doc, info.place_at, info.actor_at, gaz.capital)
        for s, e, places in found:
            for i in range(s, e):
                info.place_at[i] = (s, e, places)
