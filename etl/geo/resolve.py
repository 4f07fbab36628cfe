"""Rank gazetteer candidates with their context and resolve place phrases, with reasons.

Context comes in three strengths:

1. the same phrase ("Pokrovsk, Donetsk", "Bijapur (Chhattisgarh)", "Hajin, in Deir el-Zor
   province"): a candidate inside a named unit, country or next to a named town always wins;
2. the document (:data:`GeoContext`): countries and admin1 units named elsewhere in it and the
   actors' countries raise the candidates there;
3. the place itself: project supplement, admin units and population.

A :data:`GeoContext` maps an ISO3 code to a weight 0..1 and ``"ISO3/admin1"`` to a weight for a
province named in the document (the coder builds it in ``Coder._doc_context``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from etl.coding.phrases import phrase_key
from etl.geo.gazetteer import AREA_KINDS, Gazetteer, Place, admin1_terms, fold_admin, km
from etl.geo.variants import may_vary, name_variants
from etl.geo.words import geo_words

GeoContext = dict[str, float]

#: Score added to a place matched by its own name rather than an alternate or former name.
PRIMARY_NAME_BONUS = 1.2
#: Score added to a unit named in its own spelling rather than a translated form.
UNIT_OWN_NAME_BONUS = 0.5
#: Score added to a first-level unit whose country calls its units by the word written after
#: the name ("Plateau state" is Nigeria's state, not Benin's department).
UNIT_TERM_BONUS = 1.0
#: A qualifier town this close to a candidate puts the candidate "beside" it.
BESIDE_KM = 60.0


@dataclass(slots=True)
class Ranked:
    """A candidate with its score and the reasons for it."""

    place: Place
    score: float
    reasons: list[str] = field(default_factory=list)
    inside: bool = False


def inside(place: Place, unit: Place) -> bool:
    """True when ``place`` lies in ``unit`` (a country, admin unit or a nearby named town)."""
    if place.iso3 != unit.iso3 or place is unit:
        return False
    if unit.kind == "COUNTRY":
        return True
    if unit.kind == "ADM1":
        return fold_admin(place.admin1) == fold_admin(unit.admin1)
    if unit.kind == "ADM2":
        return bool(place.admin2) and fold_admin(place.admin2) == fold_admin(unit.admin2)
    # A town as qualifier: "Bourem (Bourem, Gao)", "Titao (Loroum, Nord)": same district, or
    # the same admin1 and close by.
    if place.admin2 and unit.admin2 and fold_admin(place.admin2) == fold_admin(unit.admin2):
        return True
    return fold_admin(place.admin1) == fold_admin(unit.admin1) and km(place, unit) <= BESIDE_KM


def rank(
    candidates: list[Place],
    context: GeoContext | None = None,
    qualifiers: list[list[Place]] | None = None,
    name: str = "",
    unit_word: str = "",
) -> list[Ranked]:
    """Candidates best first, each with its score and reasons.

    Args:
        candidates: the entries stored under the place name.
        context: document priors (:data:`GeoContext`).
        qualifiers: for each unit or town named with the place in the same phrase, its
            candidates; a candidate inside one of them wins over every candidate that is not.
        name: the name as written; a place whose own name it is ranks above one that only
            has it as an alternate or former name ("Pokrovsk" is not Engels, once Pokrovsk).
        unit_word: the unit word written after the name ("state" in "Plateau state"): a
            first-level unit of a country whose units are called so ranks above its namesakes.
    """
    ctx = context or {}
    # Units first, so that "inside" names the province rather than its town of the same name.
    quals = [sorted(q, key=lambda u: u.kind not in AREA_KINDS) for q in (qualifiers or []) if q]
    key = phrase_key(name) if name else ()
    town_iso3 = {p.iso3 for p in candidates if p.kind == "P"}
    out: list[Ranked] = []
    for p in dict.fromkeys(candidates):  # same object once, order kept
        reasons: list[str] = []
        if p.kind == "COUNTRY":
            s = 8.0
            reasons.append("country")
        elif p.kind in {"ADM1", "REGION"}:
            s = 5.5
            reasons.append(f"{p.kind.lower()} unit")
        elif p.kind == "ADM2":
            s = 4.5
            reasons.append("district")
        else:
            s = math.log10(p.population + 10)
            reasons.append(f"population {p.population:,}")
        if p.kind in {"ADM1", "ADM2"} and p.iso3 in town_iso3:
            # "Kharkiv", "Idlib": the city, unless "region/province" follows (another key).
            s -= 2.5
            reasons.append("a town has the same name")
        if key and p.kind == "P" and _own_name(p, key):
            s += PRIMARY_NAME_BONUS
            reasons.append("its own name")
        elif key and p.kind in {"ADM1", "ADM2"} and fold_admin(p.name) == fold_admin(name):
            # "Nord-Ouest" is Haiti's unit, not Botswana's North West spelled in French.
            s += UNIT_OWN_NAME_BONUS
            reasons.append("the unit's own spelling")
        if unit_word and p.kind == "ADM1" and unit_word in admin1_terms().get(p.iso3, ()):
            s += UNIT_TERM_BONUS
            reasons.append(f"{p.iso3}'s first-level units are called {unit_word}")
        if p.supplement:
            s += 6.0
            reasons.append("project supplement")
        w = ctx.get(p.iso3, 0.0)
        if w:
            s += 4.0 * w
            reasons.append(f"document names {p.iso3} ({w:.2f})")
        if p.admin1 and p.kind != "COUNTRY":
            w1 = ctx.get(f"{p.iso3}/{p.admin1}", 0.0)
            if w1:
                s += 3.0 * w1
                reasons.append(f"document names {p.admin1}")
        hit = False
        for q in quals:
            unit = next((u for u in q if inside(p, u)), None)
            if unit is not None:
                hit = True
                s += 20.0
                reasons.append(f"inside {unit.name} ({unit.kind}, {unit.iso3})")
        out.append(Ranked(p, s, reasons, hit))
    out.sort(key=lambda r: -r.score)
    return out


def _own_name(p: Place, key: tuple[str, ...]) -> bool:
    if phrase_key(p.name) == key:
        return True
    if not may_vary(p.name, p.iso3):
        return False
    return any(phrase_key(v) == key for v in name_variants(p.name, p.iso3))


@dataclass(slots=True)
class GeoResult:
    """A resolved location with ACLED's fields and the reasons for the choice."""

    name: str
    lat: float | None
    lon: float | None
    iso3: str
    admin1: str
    admin2: str
    kind: str
    precision: int
    reasons: list[str]
    candidates: list[Ranked]
    place: Place

    def reasons_text(self) -> str:
        """The reasons on one line."""
        return "; ".join(self.reasons)


def geo_precision(place: Place, near: bool = False) -> int:
    """ACLED's geo_precision: 1 the town, 2 near it or a district, 3 a province or country."""
    if place.kind in {"COUNTRY", "ADM1", "REGION"}:
        return 3
    if place.kind == "ADM2" or near:
        return 2
    return 1


_NEAR = re.compile(
    r"^(?:near|outside|around|close to|on the outskirts of|the outskirts of|outskirts of|"
    r"(?:\d+\s*km\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+of)\s+",
    re.IGNORECASE,
)


@cache
def _district_of() -> re.Pattern[str]:
    """ "the X district of Y", for any unit word of the vocabulary (read once)."""
    units = "|".join(re.escape(w) for w in geo_words().units)
    return re.compile(rf"^(?:the\s+)?(.+?)\s+(?:{units})\s+of\s+(.+)$", re.IGNORECASE)


_IN = re.compile(r"^(.+?),?\s+in\s+(.+)$", re.IGNORECASE)
_PAREN = re.compile(r"^(.+?)\s*\((.+)\)\s*(?:,\s*(.+))?$")
_LEAD = re.compile(r"^(?:the\s+)?(?:(?:town|city|village|district|province)\s+of\s+)?", re.I)
_CODED = re.compile(r"^coded to\s+(?:the\s+)?", re.IGNORECASE)
_TRAIL = re.compile(r"\s+(?:town|city|village|camp|area|neighbou?rhood)$", re.IGNORECASE)


def split_query(query: str) -> tuple[str, list[str], bool]:
    """Split "near X (Y, Z)" style text into the place, its qualifiers and a nearness flag."""
    q = " ".join(query.strip().rstrip(".").split())
    near = False
    m = _NEAR.match(q)
    if m:
        near, q = True, q[m.end() :]
    quals: list[str] = []
    m = _PAREN.match(q)
    if m:
        q = m.group(1)
        quals = [x for x in m.group(2).split(",") if x.strip()]
        if m.group(3):
            quals += m.group(3).split(",")
    else:
        m = _district_of().match(q) or _IN.match(q)
        if m:
            q, rest = m.group(1), m.group(2)
            quals = rest.split(",")
        elif "," in q:
            q, *quals = q.split(",")
    return _clean_name(q), [_clean_name(x) for x in quals if _clean_name(x)], near


def _clean_name(text: str) -> str:
    text = _LEAD.sub("", text.strip())
    return _TRAIL.sub("", text).strip()


def _lookup(gaz: Gazetteer, name: str) -> list[Place]:
    found = gaz.lookup(name)
    if not found and "-" in name:
        # "Petion-Ville": the gazetteer writes Pétionville as one word.
        found = gaz.lookup(name.replace("-", ""))
    if not found:
        key = phrase_key(name)
        if len(key) > 1 and key[-1] in geo_words().units:
            found = gaz.index.get(key[:-1])
        elif len(key) > 1 and key[0] in geo_words().directions:
            # "eastern Congo", "northern Mali": the country or unit named.
            found = gaz.index.get(key[1:])
    return found


def resolve(
    gaz: Gazetteer,
    candidates: list[Place],
    qualifiers: list[list[Place]],
    context: GeoContext | None = None,
    *,
    near: bool = False,
    name: str = "",
    coded: bool = False,
    unit_word: str = "",
) -> GeoResult | None:
    """Choose among a name's candidates; fall back to the most specific qualifier.

    Args:
        gaz: the gazetteer (for the country names of results).
        candidates: entries of the place name (empty when the name is unknown).
        qualifiers: candidates of each unit named beside it, most specific first.
        context: document priors.
        near: "near/outside X": geo_precision 2.
        name: the name as written (for the reasons).
        coded: the phrase says where ACLED coded the event ("Foo (coded to Bar)").
        unit_word: the unit word written after the name (see :func:`rank`).

    Returns:
        The result, or None when neither the name nor a qualifier is known.
    """
    if not any(qualifiers):
        candidates = gaz.directional_country(candidates, context) or candidates
    ranked = rank(candidates, context, qualifiers, name, unit_word)
    quals = [q for q in qualifiers if q]
    if ranked and (ranked[0].inside or not quals):
        top = ranked[0]
        prec = geo_precision(top.place, near)
        why = [f"{name or top.place.name!r} -> {top.place.name}", *top.reasons]
        if near and prec == 2 and top.place.kind == "P":
            why.append("near/outside: precision 2")
        return _result(top.place, prec, why, ranked)
    if ranked and quals:
        # Not inside what is named beside it. A candidate in the same country is a sibling in a
        # list ("Kharkiv, Sumy and Kherson"); with none, the local place is missing from the
        # gazetteer and the unit named is the best location.
        iso3s = {u.iso3 for q in quals for u in q}
        same = [r for r in ranked if r.place.iso3 in iso3s]
        if same:
            top = same[0]
            prec = geo_precision(top.place, near)
            why = [f"{name or top.place.name!r} -> {top.place.name}", *top.reasons]
            why.append(f"same country as the names beside it ({top.place.iso3})")
            return _result(top.place, prec, why, ranked)
    if quals:
        # The place is unknown, or every candidate lies in another country than the units or
        # towns named beside it ("Gaza's Shifa hospital" is in Gaza, not at a Shifa abroad):
        # code the event to the most specific one named, with ACLED's lower precision (2 for
        # a district or town, 3 for a province).
        outer = [u for q in quals[1:] for u in q]
        for q in quals:
            qr = rank(q, context, [outer] if outer else None)
            if not qr:
                continue
            unit = qr[0].place
            prec = 3 if unit.kind in {"COUNTRY", "ADM1", "REGION"} else 2
            if coded:
                missing = "coded elsewhere by the note ('coded to')"
            elif ranked:
                missing = "not inside any unit named"
            else:
                missing = "not in the gazetteer"
            why = [
                f"{name!r} {missing}",
                f"coded to {unit.name} ({unit.kind}, {unit.iso3}) at precision {prec}",
                *qr[0].reasons,
            ]
            return _result(unit, prec, why, ranked or qr)
    if ranked:
        top = ranked[0]
        return _result(top.place, geo_precision(top.place, near), top.reasons, ranked)
    return None


def _result(place: Place, precision: int, reasons: list[str], ranked: list[Ranked]) -> GeoResult:
    return GeoResult(
        name=place.name,
        lat=place.lat,
        lon=place.lon,
        iso3=place.iso3,
        admin1=place.admin1,
        admin2=place.admin2,
        kind=place.kind,
        precision=precision,
        reasons=reasons,
        candidates=ranked,
        place=place,
    )


def geocode(
    query: str, gazetteer: Gazetteer | None = None, context: GeoContext | None = None
) -> GeoResult | None:
    """Resolve a place phrase alone: "Pokrovsk, Donetsk", "near Titao (Loroum, Nord)".

    Args:
        query: the place as written, with optional qualifiers and "near/outside".
        gazetteer: the index (default: the coder's, from the lexicon cache).
        context: document priors, e.g. ``{"IND": 1.0}``.

    Returns:
        The chosen place with precision and reasons, or None when nothing is known.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    name, quals, near = split_query(query)
    q_cands = [_lookup(gaz, q) for q in quals]
    if quals and _CODED.match(quals[0]):
        # "Foo (coded to Bar)": ACLED says where the event is coded.
        q_cands[0] = _lookup(gaz, _CODED.sub("", quals[0]))
        return resolve(gaz, [], q_cands, context, near=near, name=name, coded=True)
    cands = _lookup(gaz, name)
    if not cands and name:
        res = _resolve_spelling_variant(gaz, name, q_cands, context, near)
        if res is not None:
            return res
    key = phrase_key(name)
    unit_word = key[-1] if len(key) > 1 and key[-1] in geo_words().units else ""
    return resolve(gaz, cands, q_cands, context, near=near, name=name, unit_word=unit_word)


def _resolve_spelling_variant(
    gaz: Gazetteer,
    name: str,
    q_cands: list[list[Place]],
    context: GeoContext | None,
    near: bool,
) -> GeoResult | None:
    """An unknown name written with other vowels ("Bulo Burde, Hiraan" is Buulobarde), accepted
    only inside a unit named beside it or in a country of the context (never a homonym abroad)."""
    from etl.geo.spelling import variant_candidates

    units = [u for q in q_cands for u in q]
    countries = {k for k, w in (context or {}).items() if "/" not in k and w > 0}
    if not units and not countries:
        return None

    def accept(p: Place) -> bool:
        if units:
            return any(inside(p, u) for u in units)
        return p.iso3 in countries

    found = variant_candidates(gaz, phrase_key(name), accept)
    if not found:
        return None
    res = resolve(gaz, found, q_cands, context, near=near, name=name)
    if res is not None:
        res.reasons.append(f"{name!r} is spelled {res.place.name!r} in the gazetteer")
    return res


def load_gazetteer() -> Gazetteer:
    """The gazetteer of the compiled lexicon (from the cache when it is current)."""
    from etl.coding.lexicon_cache import load_lexicon

    gaz = load_lexicon().gazetteer
    assert gaz is not None
    return gaz


def resolve_in_sentence(
    gaz: Gazetteer,
    doc: Any,
    hit: tuple[int, int, list[Place]],
    place_at: dict[int, tuple[int, int, list[Place]]],
    context: GeoContext | None = None,
) -> tuple[GeoResult | None, list[int]]:
    """Resolve a gazetteer match of a parsed sentence with the units named beside it.

    Args:
        gaz: the gazetteer.
        doc: the sentence (spaCy tokens).
        hit: (first token, end token, candidates) of the match.
        place_at: every match of the sentence by token (as the coder's ``SentenceInfo``).
        context: document priors.

    Returns:
        The result (precision 2 when the match only qualifies a name the gazetteer lacks) and
        the first tokens of the qualifier matches, which are no event places of their own.
    """
    from etl.geo.context import coded_to, names_unknown_place, qualifiers

    s, e, cands = hit
    quals, starts = qualifiers(doc, e, place_at)
    if starts and coded_to(doc, e, starts[0]):
        # "Foo (coded to Bar)": the note says where the event is coded; Foo is only its name.
        return resolve(gaz, [], quals, context, name=doc[s:e].text, coded=True), starts
    # The unit word written with the name, inside the match ("Plateau state") or after it.
    units = geo_words().units
    unit_word = next(
        (
            w
            for w in (doc[e - 1].lower_ if e - s > 1 else "", doc[e].lower_ if e < len(doc) else "")
            if w in units
        ),
        "",
    )
    res = resolve(gaz, cands, quals, context, name=doc[s:e].text, unit_word=unit_word)
    if res is not None and res.place.kind == "P" and names_unknown_place(doc, s, place_at):
        res.precision = 2
        res.reasons.append("qualifies a name not in the gazetteer: precision 2")
    return res, starts


def describe(result: GeoResult, top: int = 8) -> dict[str, Any]:
    """A JSON-ready view of a result: the choice with its reasons and the ranked candidates."""
    from etl.coding.reference import country_names

    return {
        "choice": {
            "name": result.name,
            "country": country_names().get(result.iso3, result.iso3),
            "iso3": result.iso3,
            "admin1": result.admin1,
            "admin2": result.admin2,
            "lat": result.lat,
            "lon": result.lon,
            "precision": result.precision,
            "kind": result.kind,
            "reasons": result.reasons,
        },
        "n_candidates": len(result.candidates),
        "candidates": [
            {
                "name": r.place.name,
                "kind": r.place.kind,
                "iso3": r.place.iso3,
                "admin1": r.place.admin1,
                "lat": r.place.lat,
                "lon": r.place.lon,
                "score": round(r.score, 2),
                "reasons": r.reasons,
            }
            for r in result.candidates[:top]
        ],
    }
