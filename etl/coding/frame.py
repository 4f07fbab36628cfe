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

from etl.coding import dates as dates_mod
from etl.coding.acled import AcledCues
from etl.coding.acled_cues import acled_cues, bare_weapon
from etl.coding.assembly import (
    ABDUCTION,
    clause_fatalities,
    killing_apart,
    non_finite_modifier,
    place_fatalities,
)
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
#: Violence dated more than LATE_REPORT_DAYS before publication (more than HISTORY_DAYS when only
#: its month or year is known) is history told as background, not news.
LATE_REPORT_DAYS = 365
HISTORY_DAYS = 183
# CAMEO roots of verbal acts (appeal, demand, accuse, reject, threaten).
_VERBAL_ROOTS = frozenset({"03", "10", "11", "12", "13"})


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
    when: EventDate,
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
        when: the event's date (:func:`date_event`).
        acts: violent triggers of the sentence (to count the dead of this event's clause).
    """
    s = sentence_span[0]
    base = s - sdoc[0].idx if len(sdoc) else s
    src, tgt = frame_actor(c.source), frame_actor(c.target)
    iso3 = c.place.iso3 if c.place else None
    scoped = clause_fatalities(sdoc, c.trigger_i, lex.cls("reporting"), acts)
    dead = scoped if scoped is not None else count_fatalities(sentence)
    if c.rule.acled == ABDUCTION and killing_apart(
        sdoc, c.trigger_i, acts, lex.cls("lethal_verbs"), lex.cls("later_adverbs")
    ):
        dead = 0  # "kidnapped and later killed three": the dead are the Attack's
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
        day=when.day,
        time_precision=when.precision,
        dead=dead,
        dead_by_place=by_place,
        modality=Modality(threat=threat),
        cues=cues,
    )


def clause_date(
    reporting: frozenset[str],
    sent_text: str,
    published: date,
    c: Candidate,
    sdoc: Any,
    reference: date | None = None,
) -> tuple[date, int] | None:
    """The date of the event's own clause, before a statement's date or another clause's.

    "Rescue workers said on Monday that a helicopter had dropped a barrel bomb late on
    Sunday": Sunday is the event's, Monday the statement's. "The RSF has set up a base in
    Bara, which it seized last month, residents said on Sunday": "last month" belongs to
    the seizure, so the statement day is the best date of the base. Among expressions of
    the same rank the one nearest the trigger wins.

    Args:
        reporting: lemmas of reporting verbs ("said", "reported").
        sent_text: the sentence.
        published: the document's publication date.
        c: the candidate event (its trigger and the character its dates count from).
        sdoc: the parsed sentence.
        reference: the day the text has reached ("the next day" counts from it).

    Returns:
        The day and its precision (1 day, 2 week, 3 month), or None when the sentence names none.
    """
    found = dates_mod.find_dates(sent_text, published, reference)
    if not found:
        return None
    if len(found) == 1 or not len(sdoc):
        return dates_mod.resolve(sent_text, published, c.date_anchor, reference)
    trig = sdoc[c.trigger_i]
    own = trig if trig.pos_ in {"VERB", "AUX"} else trig.head
    chain = {own.i}
    t = own
    while t.head.i != t.i:  # spaCy makes a new Token per access: compare indices
        t = t.head
        chain.add(t.i)
    offset = sdoc[0].idx

    def rank(f: tuple[int, int, date, int]) -> tuple[int, int]:
        tok = next((x for x in sdoc if x.idx - offset >= f[0]), sdoc[-1])
        v = tok
        while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i:
            v = v.head
        # "dropped a bomb releasing gas ... late on Sunday": a participle
        # that modifies the event's own words belongs to the event's clause.
        while non_finite_modifier(v) and v.head.i != v.i:
            v = v.head
            while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i:
                v = v.head
        if v.i in chain and (v.i == own.i or v.lemma_.lower() not in reporting):
            r = 0  # the event's own clause (or one it is embedded in, not a statement)
        elif v.i in chain:
            r = 1  # the statement's date
        else:
            r = 2  # another clause: another event
        dist = min(abs(f[0] - c.date_anchor), abs(f[1] - c.date_anchor))
        return r, dist

    _s, _e, day, precision = min(found, key=rank)
    return day, precision


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date of an event: the day, its precision and whether its own sentence names it."""

    day: date
    precision: int  # 1 day, 2 week, 3 month
    named: bool  # False when carried from the sentences before or the publication's week

    def history(self, published: date) -> bool:
        """Dated so long before publication that it is background, not news.

        A late report names its day ("On 14 February 2024, ..."); background names a year.
        """
        if not self.named:
            return False
        age = (published - self.day).days
        return age > LATE_REPORT_DAYS or (age > HISTORY_DAYS and self.precision == 3)


def date_event(
    reporting: frozenset[str],
    sent_text: str,
    published: date,
    c: Candidate,
    sdoc: Any,
    reference: date | None = None,
    continues: date | None = None,
) -> EventDate:
    """The date stage: the event's date from its clause, else the narrative's, else the week of
    publication; never after publication.

    Args:
        reporting: lemmas of reporting verbs ("said", "reported").
        sent_text: the sentence.
        published: the document's publication date.
        c: the candidate event.
        sdoc: the parsed sentence.
        reference: the day the text has reached ("the next day" counts from it).
        continues: the day the sentences just before reached, which a sentence with no day of
            its own goes on with ("Militants fired a rocket at the airbase on Saturday. It was
            intercepted ...").
    """
    res = clause_date(reporting, sent_text, published, c, sdoc, reference)
    if res is None and continues is not None:
        day, precision = continues, 1
    elif res is None:
        day, precision = published, 2
    else:
        day, precision = res
    return EventDate(min(day, published), precision, res is not None)
