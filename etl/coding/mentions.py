"""The mentions stage: dictionary actors and gazetteer places found in one parsed sentence.

:func:`analyse` runs once per sentence; its :class:`SentenceInfo` is shared by every trigger of
the sentence (the triggers, arguments and place stages read it instead of searching again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from etl.coding.headlines import names_a_site, site_modifier_places
from etl.coding.lexicon import ActorEntry, Group, Lexicon
from etl.coding.phrases import token_stream
from etl.coding.places import Place
from etl.coding.tokens import sentence_tokens
from etl.geo.context import is_place_word, locative_cue, place_payloads
from etl.geo.words import geo_words

# Prepositions that introduce a location ("in", "near", ...).
LOC_PREPS = {
    "in",
    "at",
    "on",
    "near",
    "outside",
    "around",
    "across",
    "inside",
    "into",
    "over",
    "from",
    "throughout",
    "within",
    "toward",
    "towards",
    "of",
    "including",
    "to",
    "through",
    "along",
    "between",
}


@dataclass(slots=True)
class SentenceInfo:
    """Per-sentence lookups shared by all triggers of the sentence."""

    doc: Any
    actor_at: dict[int, tuple[int, int, list[ActorEntry | Group]]] = field(default_factory=dict)
    place_at: dict[int, tuple[int, int, list[Place]]] = field(default_factory=dict)
    # Geocoder results by first token, shared by the sentence's triggers.
    geo: dict[int, Any] = field(default_factory=dict)


def analyse(lex: Lexicon, doc: Any) -> SentenceInfo:
    """Find dictionary actors and gazetteer places in a parsed sentence."""
    info = SentenceInfo(doc)
    norms, positions = token_stream(doc)
    all_upper = doc.text.isupper()
    for s, e, key, payloads in lex.actors.find(norms, positions):
        if _capitalised(doc, s, e, key, all_upper):
            for i in range(s, e):
                info.actor_at[i] = (s, e, payloads)
    assert lex.gazetteer is not None
    for s, e, key, payloads in lex.gazetteer.index.find(norms, positions):
        if doc[s].ent_type_ in {"DATE", "TIME"}:
            continue  # "3 March 2024": a month is not the town of March
        if _capitalised(doc, s, e, key, all_upper) or (
            # Three-letter towns ("Gao", "Bor") written as proper nouns after "in/near/at".
            len(key) == 1
            and len(key[0]) == 3
            and doc[s].text.istitle()
            and doc[s].pos_ == "PROPN"
            and (
                (doc[s].dep_ == "pobj" and doc[s].head.lower_ in LOC_PREPS)
                or (s > 0 and doc[s - 1].lower_ in LOC_PREPS)  # "in Owo, Ondo state" (nmod)
            )
        ):
            payloads = place_payloads(doc, s, e, payloads) or site_modifier_places(
                doc, s, e, payloads, lex.cls
            )
            if not payloads:
                continue
            if s in info.actor_at:
                if _names_organisation(info.actor_at[s], s, e) and not (
                    locative_cue(doc, s) and doc[e - 1].dep_ != "compound"
                ):
                    # "after the Hamas attack": a named group is no town (Hamm); only a cue
                    # ("drones hit Azov", "in Azov") makes its name the town's.
                    continue
                if (
                    e < len(doc)
                    and doc[e].pos_ == "NOUN"
                    and doc[e].text.islower()
                    and not is_place_word(doc[e])  # "Idleb city", "Kanbalu township"
                    and not names_a_site(doc, s, e, lex.cls)  # "Kharkiv power plant"
                ):
                    continue  # "a Taliban patrol", "the Somali army": an actor's name
                if not any(p.strong for p in payloads) and not locative_cue(doc, s):
                    continue  # "Taliban fighters said": not the village of Taliban
            for i in range(s, e):
                info.place_at[i] = (s, e, payloads)
    _hyphen_joined_places(lex, doc, info)
    return info


def _hyphen_joined_places(lex: Lexicon, doc: Any, info: SentenceInfo) -> None:
    """Names written with a hyphen that the gazetteer writes as one word: "Petion-Ville" is
    Pétionville, "Dar-es-Salaam" Daressalam. Both parts capitalised, no part matched already."""
    gaz = lex.gazetteer
    assert gaz is not None
    particles = geo_words().name_particles
    n = len(doc)
    i = 0
    while i + 2 < n:
        first = doc[i]
        if (
            doc[i + 1].text != "-"
            or first.whitespace_
            or doc[i + 1].whitespace_
            or not first.text[:1].isupper()
            or first.lower_ in particles
            or i in info.place_at
        ):
            i += 1
            continue
        # The hyphenated run "A-b-C" up to its last part.
        end = i + 1
        while (
            end + 1 < n
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
        ):
            end += 2
        parts = doc[i:end]
        last = doc[end - 1]
        if (
            last.text[:1].isupper()
            and not any(t.i in info.place_at or t.i in info.actor_at for t in parts)
            and (payloads := gaz.lookup("".join(t.text for t in parts if t.text != "-")))
        ):
            payloads = place_payloads(doc, i, end, payloads)
            if payloads:
                for k in range(i, end):
                    info.place_at[k] = (i, end, payloads)
        i = end


def _names_organisation(actor: tuple[int, int, list[Any]], s: int, e: int) -> bool:
    """The actor match covers the place match and names an armed group or movement
    (groups.tsv): an organisation's name, whatever town shares it, is no place."""
    a_s, a_e, payloads = actor
    return a_s <= s and e <= a_e and any(isinstance(p, Group) for p in payloads)


def _capitalised(doc: Any, s: int, e: int, key: tuple[str, ...], all_upper: bool) -> bool:
    # Names need a capital letter; short one-word names (US, UN, IS) must be all capitals.
    st = sentence_tokens(doc)
    if len(key) == 1 and len(key[0]) <= 3:
        t = st.text[s]
        return t.replace(".", "").isupper() and not (all_upper and len(t) < 2)
    if all_upper:
        return True
    return any(st.text[i][:1].isupper() for i in range(s, e) if st.pos[i] != "DET")
