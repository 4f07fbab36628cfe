"""The event frame: what one candidate event says, before any codebook decides what it is.

Stages hand the codebooks one frozen :class:`EventFrame` per event: the trigger and its evidence
span, the action class the verb dictionary gave it, the actors with their roles and ACLED actor
classes, the weapon, the places, the date, the dead, the modality and the sentence cues. The
CAMEO codebook (:mod:`etl.coding.cameo_codebook`) and the ACLED codebook
(:mod:`etl.coding.acled_codebook`) each read the frame and never each other.
:func:`build_frame` is the stage that builds it from the engine's
:class:`~etl.coding.engine.Candidate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from etl.coding.acled import AcledCues
from etl.coding.acled_cues import acled_cues, bare_weapon
from etl.coding.assembly import clause_fatalities, place_fatalities
from etl.coding.engine import Actor, Candidate, _class_of_code
from etl.coding.fatalities import count_fatalities
from etl.coding.lexicon import Lexicon
from etl.geo.context import near_cue
from etl.geo.gazetteer import Place
from etl.geo.resolve import geo_precision

# Roles of domestic actors whose unnamed country is the country of the event.
_DOMESTIC_ROLES = frozenset(
    {
        *("MIL", "GOV", "REB", "OPP", "CVL", "COP", "UAF", "LAB"),
        *("EDU", "MED", "HLH", "REF", "AGR", "SEP", "CRM", "BUS"),
    }
)
# CAMEO roots of verbal acts (appeal, demand, reject, threaten).
_VERBAL_ROOTS = frozenset({"03", "10", "12", "13"})


@dataclass(frozen=True, slots=True)
class FrameActor:
    """One actor of the frame: who it is, its CAMEO role and its ACLED actor class."""

    name: str
    code: str | None = None
    country: str | None = None
    role: str | None = None
    acled_class: str | None = None  # as the actor dictionary gives it (may be None)
    acled_name: str | None = None
    inter: int | None = None
    branch: str | None = None
    is_place_only: bool = False

    @property
    def kind(self) -> str | None:
        """The ACLED actor class the codebooks read (state, rebel, protesters, ...).

        The dictionary's class, else the class its CAMEO code implies; a bare site ("raid
        Zamfara village") is no actor at all.
        """
        if self.is_place_only and self.acled_class is None and self.name[:1].islower():
            return None  # "raid Zamfara village": a site attacked is no state actor
        cls = self.acled_class
        if cls in {None, "none", "country"}:
            if self.country and self.code and len(self.code) == 3:
                return "state"
            return _class_of_code(self.code) if self.code and len(self.code) > 3 else cls
        return cls


def frame_actor(a: Actor | None) -> FrameActor | None:
    """A frozen copy of an engine actor (None stays None)."""
    if a is None:
        return None
    return FrameActor(
        name=a.name,
        code=a.code,
        country=a.country,
        role=a.role,
        acled_class=a.acled_class,
        acled_name=a.acled_name,
        inter=a.inter,
        branch=a.branch,
        is_place_only=a.is_place_only,
    )


@dataclass(frozen=True, slots=True)
class Trigger:
    """The word that tells the event: its token in the sentence and its document characters."""

    token: int
    char_start: int


@dataclass(frozen=True, slots=True)
class ActionClass:
    """What the verb dictionary says the trigger is, before any codebook decides.

    ``code`` is the CAMEO code the trigger was read as (the rule's code, or the statement code
    the engine read it as: "will withdraw ... unless" is a threat), ``rule_code`` the dictionary
    row's own code and ``acled_hint`` the row's ACLED sub-event type, if it names one.
    """

    code: str | None
    rule_code: str | None
    acled_hint: str | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A further place the sentence names for the event, with its document characters."""

    place: Place
    char_start: int
    char_end: int
    precision: int  # ACLED geo precision its own phrase gives it ("near X" is 2)


@dataclass(frozen=True, slots=True)
class Modality:
    """Whether the act happened as told: ``threat`` when only said or threatened."""

    threat: bool = False


@dataclass(frozen=True, slots=True)
class EventFrame:
    """Everything the CAMEO and ACLED codebooks need to code one event, and its provenance."""

    doc_id: str
    sentence_index: int
    sentence: str
    sentence_span: tuple[int, int]  # document characters of the sentence
    evidence: tuple[int, int]  # document characters of the event's words
    trigger: Trigger
    action: ActionClass
    source: FrameActor | None
    target: FrameActor | None
    weapon: str | None
    place: Place | None
    place_precision: int | None  # ACLED geo precision of ``place`` ("near X" is 2)
    extra_places: tuple[PlaceMention, ...]
    day: date
    time_precision: int  # 1 day, 2 week, 3 month
    dead: int  # people killed, as the sentence (or the event's clause) counts them
    dead_by_place: tuple[int, ...] | None  # the dead split among the named places, if several
    modality: Modality
    cues: AcledCues

    @property
    def iso3(self) -> str | None:
        """Country of the event: the country of its place."""
        return self.place.iso3 if self.place is not None else None


def fill_countries(lex: Lexicon, sdoc: Any, c: Candidate) -> None:
    """Give the candidate's domestic actors the event's country; drop a bare weapon as source.

    "struck by drones": the weapon names no owner, so the attacker is unnamed; "by Russian
    drones" names one and keeps it. This edits the engine's actors in place, as the actor
    memory of the following sentences sees them.
    """
    iso3 = c.place.iso3 if c.place else None
    if c.source is not None and bare_weapon(lex, sdoc, c.source):
        c.source = None
    for a in (c.source, c.target):
        if a is not None and not a.country and iso3 and a.role in _DOMESTIC_ROLES:
            a.country = iso3
            a.code = iso3 + (a.code or "")


def build_frame(
    lex: Lexicon,
    doc_id: str,
    sentence_index: int,
    sentence_span: tuple[int, int],
    sentence: str,
    sdoc: Any,
    c: Candidate,
    day: date,
    time_precision: int,
    acts: list[int],
) -> EventFrame:
    """The frame stage: the event frame of a candidate (after :func:`fill_countries`).

    Args:
        lex: compiled dictionaries (word classes for the cues).
        doc_id: the document's id.
        sentence_index: index of the sentence in the document.
        sentence_span: document characters of the sentence.
        sentence: the sentence text.
        sdoc: the parsed sentence.
        c: the engine's candidate event.
        day: the event's date.
        time_precision: 1 day, 2 week, 3 month.
        acts: violent triggers of the sentence (to count the dead of this event's clause).
    """
    s = sentence_span[0]
    base = s - sdoc[0].idx if len(sdoc) else s
    src, tgt = frame_actor(c.source), frame_actor(c.target)
    iso3 = c.place.iso3 if c.place else None
    scoped = clause_fatalities(sdoc, c.trigger_i, lex.cls("reporting"), acts)
    dead = scoped if scoped is not None else count_fatalities(sentence)
    class1 = src.kind if src is not None else None
    foreign = (
        class1 == "state"
        and src is not None
        and bool(src.country)
        and bool(iso3)
        and src.country != iso3
    )
    span = (c.target.tok_start, c.target.tok_end) if c.target is not None else None
    cues = acled_cues(lex, sdoc, c.trigger_i, span, dead, foreign)
    rule_code = c.rule.cameo
    threat = bool(
        c.cameo
        and rule_code
        and c.cameo[:2] in _VERBAL_ROOTS
        and rule_code[:2] not in _VERBAL_ROOTS
    )
    extras: list[PlaceMention] = []
    for p2, (ps, pe) in c.extra_places:
        last2 = sdoc[pe - 1]
        extras.append(
            PlaceMention(
                place=p2,
                char_start=sdoc[ps].idx + base,
                char_end=last2.idx + len(last2.text) + base,
                # Its own phrase decides: "Kanbalu and Shwebo townships" are both precision 2.
                precision=geo_precision(p2, near_cue(sdoc, ps, pe)),
            )
        )
    by_place = None
    if (c.extra_places or c.unplaced) and c.place_tok is not None:
        # The dead split among the places as ACLED splits them (names the gazetteer does not
        # know take their share too, though they get no event).
        toks = [c.place_tok, *(span for _p, span in c.extra_places), *c.unplaced]
        by_place = tuple(place_fatalities(sentence, sdoc, toks))
    last = sdoc[c.tok_end - 1]
    return EventFrame(
        doc_id=doc_id,
        sentence_index=sentence_index,
        sentence=sentence,
        sentence_span=sentence_span,
        evidence=(sdoc[c.tok_start].idx + base, last.idx + len(last.text) + base),
        trigger=Trigger(c.trigger_i, sdoc[c.trigger_i].idx + base),
        action=ActionClass(c.cameo, rule_code, c.rule.acled),
        source=src,
        target=tgt,
        weapon=c.weapon,
        place=c.place,
        place_precision=geo_precision(c.place, c.near) if c.place is not None else None,
        extra_places=tuple(extras),
        day=day,
        time_precision=time_precision,
        dead=dead,
        dead_by_place=by_place,
        modality=Modality(threat=threat),
        cues=cues,
    )
