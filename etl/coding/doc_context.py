"""Document-level context the sentence stages read: the countries a document is about and the
place it names first.

Stages over the whole (window of the) document, run before its sentences are coded: the country
weights steer the geocoder among homonyms and fill actors' countries; the document's place is
the place of events whose own sentence names none.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from etl.coding.engine import SentenceCoder
from etl.coding.reference import country_names
from etl.geo.context import (
    homonyms_abroad,
    is_dateline,
    locative_cue,
    small_homonym_abroad,
    votes_for_its_country,
)
from etl.geo.gazetteer import Place
from etl.geo.resolve import resolve_in_sentence


def document_countries(sc: SentenceCoder, infos: list[Any], when: date) -> dict[str, float]:
    """Country weights of the document (0..1) from its actors and unambiguous places."""
    counts: dict[str, float] = {}
    # Countries of condemners ("Egypt condemns the strike on Rafah"): who condemns an act
    # says nothing of where it was; they count only when nothing else names a country.
    condemners: dict[str, float] = {}
    units: dict[str, float] = {}
    names = country_names()
    # The verbs of condemning an act told elsewhere (lexicons fact_condemnation). Other
    # onlookers ("protest", "mourn") are often where the act was.
    condemn = sc.lex.cls("fact_condemnation")
    for info in infos:
        seen: set[int] = set()
        for _i, (s, e, payloads) in info.actor_at.items():
            if s in seen:
                continue
            seen.add(s)
            if homonyms_abroad(info.place_at.get(s)):
                continue  # "Tripoli" (LBY in the actor dictionary): the context decides it
            p = sc.entry_for(payloads, when)
            code = getattr(p, "country", None) or getattr(p, "code", "")[:3]
            if code in names:
                votes = condemners if _subject_of(info.doc, e - 1, condemn) else counts
                votes[code] = votes.get(code, 0) + 1
        for _i, (s, _e, places) in info.place_at.items():
            if s in seen:
                continue
            seen.add(s)
            isos = {p.iso3 for p in places}
            if len(isos) == 1 and votes_for_its_country(info.doc, s, _e, places):
                iso = next(iter(isos))
                counts[iso] = counts.get(iso, 0) + 0.5
            # Provinces named in the document favour their towns among homonyms.
            for p in places:
                if p.kind == "ADM1":
                    units[f"{p.iso3}/{p.admin1}"] = 1.0
    counts = counts or condemners
    if not counts:
        return units
    top = max(counts.values())
    return {**units, **{k: v / top for k, v in counts.items()}}


def _subject_of(doc: Any, i: int, verbs: frozenset[str]) -> bool:
    """The actor word at ``i`` is (the owner or modifier of) the subject of one of ``verbs``:
    "Egypt condemned ...", "Egypt's foreign ministry denounced ..."."""
    tok = doc[i]
    for _ in range(3):
        if tok.dep_ not in {"poss", "compound", "amod"} or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in verbs


def document_place(sc: SentenceCoder, infos: list[Any], ctx: dict[str, float]) -> Place | None:
    """The first place the document names after "in/near/at ..." (a town before a unit),
    else the first town that is the object of a verb, else the town of its dateline
    ("MOGADISHU, Somalia — A car bomb exploded ...": where the reporter filed from)."""
    gaz = sc.lex.gazetteer
    assert gaz is not None
    found: Place | None = None
    entered: Place | None = None  # "Rebels entered Kindu on Sunday. They fought ..."
    dateline: Place | None = None
    for info in infos:
        for s in sorted({hit[0] for hit in info.place_at.values()}):
            hit = info.place_at[s]
            last = info.doc[hit[1] - 1]
            if s == 0 and dateline is None and is_dateline(info.doc, s):
                res, _q = resolve_in_sentence(gaz, info.doc, hit, info.place_at, ctx)
                if res is not None and res.place.kind != "COUNTRY":
                    dateline = res.place
                continue
            locative = sc._locative(info.doc[s]) or sc._locative(last)
            # A town that is the object of a verb ("entered", "stormed") is the document's
            # place when no town follows "in/near/at".
            acted_on = last.dep_ == "dobj" and last.head.pos_ == "VERB"
            if not locative and not (acted_on and entered is None):
                continue
            res, _q = resolve_in_sentence(gaz, info.doc, hit, info.place_at, ctx)
            if res is None:
                continue
            if not (res.candidates and res.candidates[0].inside) and small_homonym_abroad(
                res.place, hit[2], ctx
            ):
                continue  # "near Baga" in a story on Nigeria: not Bagà, Spain
            if not locative:
                # Only a town of a country the document names: "dissolved Congress" in a
                # story about Peru is no town in Arizona.
                in_context = not ctx or ctx.get(res.place.iso3, 0.0) > 0
                if res.place.kind not in {"COUNTRY", "ADM1"} and in_context:
                    entered = res.place
                continue
            if res.place.kind != "COUNTRY":
                return res.place
            found = found or res.place
    if entered or found:
        return entered or found
    # The dateline only when the text names no place of its own: "retook the town of
    # Kitshanga" (unknown to the gazetteer) did not happen in the dateline's Goma.
    if dateline is not None and any(_unknown_place_named(info) for info in infos):
        return None
    return dateline


def _unknown_place_named(info: Any) -> bool:
    """The sentence names, after a locative cue, a capitalised name the gazetteer and the
    actor dictionary do not know ("the village of Lobonok", "in Mucojo")."""
    doc = info.doc
    return any(
        t.pos_ == "PROPN"
        and t.i not in info.place_at
        and t.i not in info.actor_at
        and t.i > 0
        and locative_cue(doc, t.i)
        for t in doc
    )
