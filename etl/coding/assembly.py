"""Document-level assembly: one event told over several sentences, or several in one.

Stages of the coder before this one read a sentence at a time. Here the events of a document
are put together the way an analyst reads the text:

- an event whose sentence names no place takes the document's (:func:`fill_places_from_document`);
- a follow-up sentence with no doer, place or day of its own adds its dead to the event it
  continues (:func:`fold_follow_up`);
- a sentence that only reports the dead ("1 fatality.", "the army reported 2 dead.") adds them to
  the lethal event told just before, instead of being lost;
- a sentence that names several places gets one event per place, with the dead split the way
  ACLED splits them (:func:`etl.coding.fatalities.split_by_place`), never copied onto each;
- relative dates ("two days later", "the next day", "the previous day") count from the day the
  narrative has reached, and a sentence with no day of its own continues the day of the
  sentence before, not the publication day (:func:`narrative_day`);
- two acts of two doers in one sentence stay two events, each with its own dead
  (:func:`separate_acts`, :func:`clause_fatalities`);
- a fight through which a town changes hands is the takeover
  (:func:`absorb_clashes_into_takeovers`);
- a later sentence that retells the lead's event with a closer place ("Fighters stormed a
  village in Borno on Tuesday, killing 12. The attackers opened fire on residents in Kwatara
  near Konduga.") is the same event, placed at the closer place (:func:`merge_elaborations`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from etl.coding import dates as dates_mod
from etl.coding.acled import UNNAMED_ARMED, interaction, unnamed
from etl.coding.fatalities import (
    CONTRAST_WORDS,
    VICTIM_SUBJECT_VERBS,
    count_fatalities,
    even_split,
    split_by_place,
    tells_toll,
)

# clause_tokens lives with the other kept-attribute walks; importers of this stage keep it.
from etl.coding.tokens import clause_tokens as clause_tokens
from etl.coding.tokens import sentence_tokens
from etl.geo.resolve import geo_precision
from etl.records import CodedEvent, Document, Mention

if TYPE_CHECKING:  # the engine imports this module: types only
    from etl.coding.engine import Candidate
    from etl.geo.gazetteer import Place

#: ACLED event types whose events carry fatalities.
LETHAL_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
#: Sub-event types of other event types that can carry fatalities (ACLED: lethal force on
#: demonstrators is "Excessive force against protesters").
LETHAL_SUB_EVENT_TYPES = frozenset({"Excessive force against protesters"})

#: How many sentences back a follow-up sentence may reach for the event it continues.
FOLLOW_UP_REACH = 2
#: How many sentences back a sentence with no day of its own takes its day from.
CONTINUES_REACH = 1


def carries_fatalities(event_type: str | None, sub_event_type: str | None) -> bool:
    """Whether ACLED records fatalities for an event of this type."""
    return event_type in LETHAL_EVENT_TYPES or sub_event_type in LETHAL_SUB_EVENT_TYPES


def fold_follow_up(
    d: Document,
    idx: int,
    text: str,
    span: tuple[int, int],
    sdoc: Any,
    c: Candidate,
    events: list[CodedEvent],
    own_place: bool,
    later: frozenset[str] = frozenset(),
    back_dets: frozenset[str] = frozenset({"the", "this", "that", "these"}),
    told_events: frozenset[str] = frozenset(),
) -> bool:
    """Fold a follow-up sentence's violent candidate ``c`` into the event it continues.

    "On 14 May, clashes took place between SAF and RSF in El Fasher. At least 9 combatants
    were killed." is one event: the second sentence names no perpetrator, place or day of
    its own, so its dead are added to the event of the sentence before (or the one before
    that) instead of making a second, undated event. Returns True when folded. The caller
    passes violent candidates only.
    """
    trig = sdoc[c.trigger_i]
    # "The attack was claimed by ...", "claimed both attacks": a definite description of an
    # event told before (``back_dets``: lexicons.tsv ``anaphoric_determiners``).
    definite = c.rule.pos == "N" and any(
        ch.dep_ in {"det", "predet"} and ch.lower_ in back_dets for ch in trig.children
    )
    # "Two people were killed in the unrest in Kisumu": the dead of an event named by a
    # definite noun (``told_events``: lexicons.tsv ``told_event_nouns``) are that event's, even
    # where the sentence names a closer place.
    told_in = any(
        p.dep_ == "prep"
        and p.lower_ in {"in", "during"}
        and any(
            o.dep_ == "pobj"
            and o.lemma_.lower() in told_events
            and any(dt.dep_ == "det" and dt.lower_ in back_dets for dt in o.children)
            for o in p.children
        )
        # "One man was killed and 20 were injured in the violence": a conjunct's phrase too.
        for t in (trig, *trig.conjuncts)
        for p in t.children
    )
    definite = definite or told_in
    # "9 combatants were reported killed": the passive subject is the victim, no new doer.
    clause = trig.head if trig.dep_ == "xcomp" else trig
    passive = any(ch.dep_ == "auxpass" for ch in clause.children) and not any(
        ch.dep_ == "agent" for ch in trig.children
    )
    # "Two people died and 11 were injured": the subject of "die" is the dead, no doer.
    passive = passive or clause.lemma_.lower() in VICTIM_SUBJECT_VERBS
    # "Gunmen raided Bokkos. The attackers killed 17 residents": a pronoun or a definite
    # description for the doer of the event before is no new doer.
    anaphoric = c.source is not None and _anaphoric(sdoc, c.source.tok_start, c.source.tok_end)
    if not definite and (own_place or not (c.source is None or passive or anaphoric)):
        return False
    sent_text = text[span[0] : span[1]]
    own_day = dates_mod.resolve(sent_text, d.published, c.date_anchor)
    if own_day is not None and not definite:
        return False
    k = _last_lethal_event(events, idx)
    if k is None:
        return False
    prev = events[k]
    if anaphoric and c.source is not None and not (definite or passive):
        if not (c.source.code and (prev.actor1_code or "").endswith(c.source.code)):
            return False  # the pronoun stands for someone else than the event's doer
        if prev.acled_sub_event_type in TAKEOVERS or any(
            ch.lower_ in later for ch in trig.children if ch.dep_ == "advmod"
        ):
            # "JNIM entered Solenzo. The militants then killed 9 civilians": a next act.
            return False
    if own_day is not None:
        # "Gunmen killed five people in Tillia. The attack on Sunday was claimed by
        # ...": the attack's day is the day of the event told before, or its first.
        undated = prev.time_precision == 2 and prev.event_date == d.published
        if not undated and own_day[0] != prev.event_date:
            return False
        events[k] = replace(prev, event_date=own_day[0], time_precision=own_day[1])
    if told_in and own_place and c.place is not None:
        _place_closer(events, k, c.place, c.near)
    _add_dead(events, k, sent_text, Mention(d.id, idx, span[0], span[1], sent_text))
    return True


def _place_closer(events: list[CodedEvent], k: int, place: Place, near: bool) -> None:
    """Event ``k``, placed only at a province or a country, takes the closer ``place`` a
    follow-up names in the same country ("Protesters clashed with police in Kenya. Two were
    killed in the unrest in Kisumu.")."""
    ev = events[k]
    precision = geo_precision(place, near)
    if ev.geo_precision != 3 or precision == 3 or place.iso3 != ev.iso3:
        return
    events[k] = replace(
        ev,
        location=place.name,
        admin1=place.admin1 or None,
        admin2=place.admin2 or None,
        latitude=place.lat,
        longitude=place.lon,
        geo_precision=precision,
    )


def _anaphoric(sdoc: Any, start: int, end: int) -> bool:
    """The phrase at [start, end) is a pronoun or a definite description without a name ("they",
    "the attackers", "these militants"), which refers back to an actor named before."""
    st = sentence_tokens(sdoc)
    words = range(start, min(end, len(st.lower)))
    if not words:
        return False
    if st.pos[start] == "PRON" and end - start == 1:
        return True
    # The span is the noun phrase without its determiner: read the head's "the"/"these".
    head = next((i for i in words if not start <= st.head[i] < end), end - 1)
    definite = any(
        st.dep[c] == "det" and st.lower[c] in {"the", "these", "those"} for c in st.children[head]
    )
    return definite and not any(st.pos[i] == "PROPN" or st.ent_type[i] for i in words)


def _last_lethal_event(events: list[CodedEvent], idx: int) -> int | None:
    """Index in ``events`` of the nearest lethal event told before sentence ``idx``, at most
    FOLLOW_UP_REACH sentences back: the event a follow-up sentence's dead belong to."""
    for k in range(len(events) - 1, -1, -1):
        prev = events[k]
        if prev.sentence_index < idx - FOLLOW_UP_REACH:
            return None
        if prev.sentence_index != idx and carries_fatalities(
            prev.acled_event_type, prev.acled_sub_event_type
        ):
            return k
    return None


def fill_places_from_document(
    cands: list[Candidate],
    document_place: Callable[[], Place | None],
    unfilled: frozenset[int] = frozenset(),
) -> None:
    """An event whose sentence names no place takes the document's: the last one named before
    it, else the first one after, else the first place the document names after "in/near ..."
    ("Clashes broke out in Bakhmut. Three soldiers were killed."). Candidates whose ``id`` is
    in ``unfilled`` keep no place (see :func:`country_undergoes_clause`).
    """
    if all(c.place is not None or id(c) in unfilled for c in cands):
        return
    first = next((c for c in cands if c.place is not None), None)
    place, near = (first.place, first.near) if first is not None else (document_place(), False)
    if place is None:
        return
    for c in cands:
        if c.place is None:
            if id(c) not in unfilled:
                c.place, c.near = place, near
        else:
            place, near = c.place, c.near


def country_undergoes_clause(
    doc: Any,
    place_at: dict[int, tuple[int, int, list[Any]]],
    violent: set[int],
    triggers: set[int],
    verbs: frozenset[str],
) -> bool:
    """The sentence names a country as the subject of a clause that tells no act of violence
    and no act on a place: "Iran had been weakened by Israeli airstrikes, while its proxy
    Hezbollah is diminished after ... the killing of its leader".

    The sentence is about that country as an actor: its events that name no place of their
    own take none from the sentences around it (the killing is not in the Syria of the
    sentence before), and the country is no place of theirs either. A country that does what
    its sentence tells ("France accused Rwanda", "Jordan and Britain agreed") is no such
    subject. ``violent`` are the sentence's violent trigger indices, ``triggers`` all its
    trigger indices; ``verbs`` the lemmas that say nothing happened there (reporting verbs:
    "Mali said ...") or that act on a place ("Ukraine was attacked": lexicons.tsv
    ``place_object_verbs``).
    """
    for _s, e, payloads in {v[0]: v for v in place_at.values()}.values():
        if not any(p.kind == "COUNTRY" for p in payloads):
            continue
        t = doc[e - 1]
        verb = t.head
        if t.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if verb.i in violent or verb.lemma_.lower() in verbs:
            continue
        if t.dep_ == "nsubj" and verb.i in triggers:
            continue  # the country is the doer of an event
        return True
    return False


def fold_reported_dead(
    events: list[CodedEvent],
    doc_id: str,
    idx: int,
    span: tuple[int, int],
    sent_text: str,
    published: date,
) -> bool:
    """Add the dead of a sentence that tells no event of its own to the event before it.

    "On 19 January 2024, gunmen abducted 3 herders near Sokoto. 1 fatality." is one event with
    one death. The sentence must name no day of its own (a new day is a new event; the day a
    death toll was given is none: "the toll had risen to 18 on Sunday") and the event must be
    a lethal one told at most FOLLOW_UP_REACH sentences before. Returns True
    when the dead were added.
    """
    dead = count_fatalities(sent_text)
    # "The death toll had risen to 18 on Sunday": the day the toll was given, not a new event.
    if dead <= 0 or (dates_mod.find_dates(sent_text, published) and not tells_toll(sent_text)):
        return False
    k = _last_lethal_event(events, idx)
    if k is None:
        return False
    _add_dead(events, k, sent_text, Mention(doc_id, idx, span[0], span[1], sent_text))
    return True


def _add_dead(events: list[CodedEvent], k: int, sent_text: str, mention: Mention) -> None:
    """Add the dead of a follow-up sentence to event ``k``, and its mention.

    When event ``k`` is one of the events a sentence told at several places ("Strikes hit A
    and B. 6 fatalities."), the dead are split among them as ACLED splits a total: by the
    places the follow-up names, else evenly; never copied onto each.
    """
    ev = events[k]
    group = [
        j
        for j, e in enumerate(events)
        if e.sentence_index == ev.sentence_index
        and e.cameo_code == ev.cameo_code
        and e.acled_sub_event_type == ev.acled_sub_event_type
        and e.acled_actor1 == ev.acled_actor1
        and e.event_date == ev.event_date
    ]
    dead = count_fatalities(sent_text)
    shares = [dead]
    if len(group) > 1:
        names = [events[j].location or "" for j in group]
        if all(n and n in sent_text for n in names):
            spans = [(sent_text.index(n), sent_text.index(n) + len(n)) for n in names]
            shares = split_by_place(sent_text, spans)
        else:
            shares = even_split(dead, len(group))
    else:
        group = [k]
    for j, share in zip(group, shares, strict=True):
        e = events[j]
        events[j] = replace(e, fatalities=max(e.fatalities, share), mentions=(*e.mentions, mention))


def place_fatalities(sent_text: str, sdoc: Any, place_toks: list[tuple[int, int]]) -> list[int]:
    """The dead of each place (token spans of ``sdoc``) of a sentence that names several."""
    offset = sdoc[0].idx if len(sdoc) else 0
    spans = []
    for s, e in place_toks:
        last = sdoc[e - 1]
        spans.append((sdoc[s].idx - offset, last.idx + len(last.text) - offset))
    return split_by_place(sent_text, spans)


def sentence_day(sentence: str, published: date) -> date | None:
    """The earliest exact day a sentence names (None when it names none)."""
    days = [d for _s, _e, d, p in dates_mod.find_dates(sentence, published) if p == 1]
    return min(days) if days else None


def narrative_day(
    events: list[CodedEvent],
    idx: int,
    earlier_days: list[date | None],
    reach: int | None = None,
) -> date | None:
    """The day the text has reached before sentence ``idx``.

    It is the date of the last event told in an earlier sentence with an exact day ("... on
    Thursday. Two days later they ..."), else the exact day named in the nearest earlier
    sentence that names one ("Rebels entered the town of Kindu on Sunday. They fought
    government troops ..."). ``earlier_days`` holds :func:`sentence_day` of the sentences
    before ``idx``, in order. With ``reach``, only that many sentences back count (a sentence
    with no day of its own continues a story told just before, not one told paragraphs ago).
    """
    first = idx - reach if reach is not None else None
    for ev in reversed(events):
        if first is not None and ev.sentence_index < first:
            break
        if ev.sentence_index < idx and ev.time_precision == 1:
            return ev.event_date
    tail = earlier_days if reach is None else earlier_days[max(0, len(earlier_days) - reach) :]
    return next((d for d in reversed(tail) if d is not None), None)


def non_finite_modifier(verb: Any) -> bool:
    """A participle or infinitive with no subject of its own that modifies a word of another
    clause ("a bomb releasing gas"): its words belong to that clause."""
    return (
        verb.dep_ in {"acl", "xcomp"}
        and verb.tag_ in {"VBG", "VBN", "VB"}
        and not any(ch.dep_ in {"nsubj", "nsubjpass"} for ch in verb.children)
    )


def _clause_verb(tok: Any) -> Any:
    """The verb of the clause a trigger belongs to (the trigger itself when it is a verb)."""
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _own_subject(verb: Any) -> bool:
    """A clause with a subject of its own that is a noun (a pronoun may be the same doer)."""
    subjects = [ch for ch in verb.children if ch.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and subjects[0].pos_ != "PRON"


def _acts_on_object(verb: Any) -> bool:
    """A clause whose own doer (a noun) acts on an object: "artillery shelled Khiam"."""
    subjects = [ch for ch in verb.children if ch.dep_ == "nsubj"]
    return (
        bool(subjects)
        and subjects[0].pos_ in {"NOUN", "PROPN"}
        and any(ch.dep_ == "dobj" for ch in verb.children)
    )


def separate_acts(a: Any, b: Any) -> bool:
    """Two triggers of one sentence tell two acts when each is told in a clause of its own
    with its own doer acting on an object ("Israeli aircraft struck Nabatieh, while artillery
    shelled Khiam"); "gunmen attacked the post and five soldiers were killed" stays one."""
    va, vb = _clause_verb(a), _clause_verb(b)
    if va.i == vb.i or not (_acts_on_object(va) and _acts_on_object(vb)):
        return False
    # "Five years after jihadists killed dozens, gunmen attacked ...": a clause of time is
    # the event's background, left to the factuality stage; "while", "whereas" join two acts.
    for v in (va, vb):
        marks = [ch.lower_ for ch in v.children if ch.dep_ == "mark"]
        if v.dep_ == "advcl" and not any(m in CONTRAST_WORDS for m in marks):
            return False
    return True


ABDUCTION = "Abduction/forced disappearance"


def _coordinated(a: Any, b: Any) -> bool:
    """Two verbs joined as conjuncts ("abducted and killed"), one doer for both."""
    first, second = (a, b) if a.i < b.i else (b, a)
    return second.dep_ == "conj" and second.head.i == first.i and second.pos_ == "VERB"


def _apart(abduct: Any, kill: Any, later: frozenset[str]) -> bool:
    """ "kidnapped and later killed" (a killing in captivity), or "killed two villagers and
    abducted 15 others" (each verb its own victims): two acts."""
    if any(c.dep_ == "advmod" and c.lemma_.lower() in later for c in kill.children):
        return True
    return all(any(c.dep_ == "dobj" for c in v.children) for v in (abduct, kill))


def coordinated_killing(
    doc: Any, abduction_i: int, triggers: list[int], lethal: frozenset[str], later: frozenset[str]
) -> int | None:
    """The killing told as one act with an abduction, or None.

    "Bandits abducted and killed eight villagers": one doer, coordinated verbs, the same
    victims. ACLED's codebook records an abduction during which people are killed as an
    Attack (Violence against civilians), not an abduction, so the killing carries the event.
    A killing reported later, in captivity, is an additional Attack, and so is a killing of
    other victims (see :func:`abduction_apart`). ``triggers`` are the sentence's violent
    trigger indices, ``lethal`` the lemmas of verbs of killing (lexicons.tsv ``lethal_verbs``)
    and ``later`` the adverbs of a later act (``later_adverbs``).
    """
    a = doc[abduction_i]
    for k in triggers:
        t = doc[k]
        if k != abduction_i and t.lemma_.lower() in lethal and _coordinated(a, t):
            return None if _apart(a, t, later) else k
    return None


def killing_apart(
    doc: Any, abduction_i: int, triggers: list[int], lethal: frozenset[str], later: frozenset[str]
) -> bool:
    """The abduction at ``abduction_i`` has a coordinated killing told as an act of its own
    (:func:`abduction_apart`), whose dead are that Attack's, not the abduction's."""
    a = doc[abduction_i]
    return any(
        k != abduction_i
        and doc[k].lemma_.lower() in lethal
        and _coordinated(a, doc[k])
        and _apart(a, doc[k], later)
        for k in triggers
    )


def abduction_apart(
    doc: Any, cands: tuple[Candidate, Candidate], lethal: frozenset[str], later: frozenset[str]
) -> bool:
    """An abduction and a killing of one sentence that ACLED codes as two events.

    "Gunmen kidnapped and later killed three farmers": an Abduction, then an additional Attack
    (the codebook's violence "reported in later periods during captivity"). "Bandits killed
    two villagers and abducted 15 others": an Attack and an Abduction of other victims.
    """
    for ab, kl in (cands, cands[::-1]):
        if ab.rule.acled != ABDUCTION:
            continue
        a, k = doc[ab.trigger_i], doc[kl.trigger_i]
        if k.lemma_.lower() in lethal and _coordinated(a, k) and _apart(a, k, later):
            return True
    return False


def clause_fatalities(
    sdoc: Any, trigger_i: int, reporting: frozenset[str], acts: list[int]
) -> int | None:
    """The dead of the event at ``trigger_i`` when its sentence also tells another act.

    "Aircraft struck Nabatieh, killing 3, while artillery shelled Khiam, killing 1":
    a subordinate clause ("while", "after", "whereas" ...) of another doer acting on an object
    (a subject that is a noun, not a pronoun that may be the same doer; not a reporting verb)
    holds that act's dead, not this event's; so does "Five years after jihadists killed
    dozens ...". Likewise the clause of another violent trigger of the sentence (``acts``)
    with its own subject: "A drone strike killed two militants in Miranshah, and a roadside
    bomb wounded three soldiers in Bannu" gives the bomb none of the strike's dead. Returns
    None when the sentence has no such clause (the whole sentence counts).
    """
    own = _clause_verb(sdoc[trigger_i])
    chain = {trigger_i}
    t = sdoc[trigger_i]
    while t.head.i != t.i:
        t = t.head
        chain.add(t.i)
    own_clause: set[int] | None = None  # read only when another act's clause needs it
    foreign: set[int] = set()
    st = sentence_tokens(sdoc)  # kept attributes: a Token is made only for a candidate clause
    for vi, (vpos, vdep) in enumerate(zip(st.pos, st.dep, strict=True)):
        if vi in chain or vi in foreign or vpos not in {"VERB", "AUX"}:
            continue
        if st.lemma[vi] in reporting:
            continue
        if vdep != "advcl" or not any(st.dep[c] == "mark" for c in st.children[vi]):
            continue  # only "while/after/whereas ..." clauses: "and clashes killed 3" is one act
        v = sdoc[vi]
        subjects = [ch for ch in v.children if ch.dep_ == "nsubj"]
        if not subjects or subjects[0].pos_ == "PRON":
            continue
        if not any(ch.dep_ == "dobj" for ch in v.children):
            continue  # "seven soldiers died": the dead of the sentence's event
        sub = {x.i for x in v.subtree}
        if trigger_i not in sub:
            foreign |= sub
    for j in acts:
        other = _clause_verb(sdoc[j])
        if other.i == own.i or not _own_subject(other) or not _own_subject(own):
            continue
        if other.lemma_.lower() in reporting:
            continue
        # The other act's clause, less ours when ours is told inside it.
        if own_clause is None:
            own_clause = {x.i for x in own.subtree}
        foreign |= {x.i for x in other.subtree} - own_clause
    if not foreign:
        return None
    return count_fatalities("".join(x.text_with_ws for x in sdoc if x.i not in foreign))


def cameo_only(ev: CodedEvent) -> CodedEvent:
    """The event with its ACLED fields emptied: another event holds its ACLED reading, and its
    row stays as the CAMEO event (CAMEO codes the fighting and the taking of a town apart)."""
    return replace(
        ev,
        acled_event_type=None,
        acled_sub_event_type=None,
        disorder_type=None,
        acled_actor1=None,
        acled_actor2=None,
        inter1=None,
        inter2=None,
        interaction=None,
        civilian_targeting=None,
    )


#: ACLED's Battles sub-event types for territory that changes hands through fighting.
TAKEOVERS = frozenset({"Non-state actor overtakes territory", "Government regains territory"})


def absorb_clashes_into_takeovers(events: list[CodedEvent]) -> list[CodedEvent]:
    """A fight through which a town changes hands is the takeover, not a second event.

    ACLED codes "Rebels seized the town of X on Saturday after hours of fighting with the army.
    Five soldiers were killed." as one "Non-state actor overtakes territory" event with the
    fight's dead. An armed clash told within FOLLOW_UP_REACH sentences of a takeover, on its
    day and at its place (or none), joins it: its dead and mentions move to the takeover. The
    clash's row stays as a CAMEO event (CAMEO codes the fighting and the taking of the town
    apart) with its ACLED fields emptied.
    """
    takeovers = [k for k, e in enumerate(events) if e.acled_sub_event_type in TAKEOVERS]
    if not takeovers:
        return events
    out = list(events)
    for k, ev in enumerate(events):
        if ev.acled_sub_event_type != "Armed clash":
            continue
        for t in takeovers:
            tk = out[t]
            if (
                abs(tk.sentence_index - ev.sentence_index) <= FOLLOW_UP_REACH
                and tk.event_date == ev.event_date
                and (ev.location is None or tk.location is None or ev.location == tk.location)
            ):
                out[t] = replace(
                    tk,
                    fatalities=max(tk.fatalities, ev.fatalities),
                    mentions=_joined_mentions(tk, ev),
                )
                out[k] = replace(cameo_only(ev), fatalities=0)
                break
    return out


#: ACLED's sub-event types for demonstrations: one gathering, one event per place and day.
DEMONSTRATIONS = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    }
)


def one_event_per_sentence_act(events: list[CodedEvent]) -> list[CodedEvent]:
    """The readings of one sentence that ACLED codes as one event, made one: repeated
    demonstration readings, force on rioters within their riot, and one death toll."""
    return _one_toll_one_event(_riots_absorb_force(absorb_sentence_repeats(events)))


def absorb_sentence_repeats(events: list[CodedEvent]) -> list[CodedEvent]:
    """Two readings of one sentence that ACLED codes the same demonstration event are one.

    "Police fired live bullets at demonstrators in Lira, killing 2" gives the firing (CAMEO
    175) and the killing (CAMEO 19x); both read as Excessive force against protesters, which
    ACLED codes once, with its 2 dead. The first keeps the ACLED reading (with the other's
    actor 2 when it has none) and the dead; the other stays as a CAMEO event with its ACLED
    fields emptied and no dead of its own, as a fight absorbed into a takeover does. Events
    at other places or on other days stay apart.
    """
    out = list(events)
    for k, ev in enumerate(events):
        if ev.acled_sub_event_type not in DEMONSTRATIONS:
            continue
        for j in range(k):
            first = out[j]
            if (
                first.acled_sub_event_type == ev.acled_sub_event_type
                and _same_sentence_place_day(first, ev)
                and (ev.acled_actor1 is None or first.acled_actor1 in {None, ev.acled_actor1})
            ):
                out[j] = replace(
                    first,
                    fatalities=max(first.fatalities, ev.fatalities),
                    acled_actor1=first.acled_actor1 or ev.acled_actor1,
                    acled_actor2=first.acled_actor2 or ev.acled_actor2,
                    mentions=_joined_mentions(first, ev),
                )
                out[k] = replace(cameo_only(ev), fatalities=0)
                break
    return out


#: Violent ACLED readings of an act, the most informative first: a remote weapon says how the
#: dead died, a fight says both sides fought, an attack only that someone was hurt.
_TOLL_OWNERS = (
    "Explosions/Remote violence",
    "Battles",
    "Riots",
    "Violence against civilians",
)
#: Territory that changes hands keeps its own event (its fight is absorbed elsewhere).
_NOT_TOLL_READINGS = TAKEOVERS | {"Non-violent transfer of territory"}


def _one_toll_one_event(events: list[CodedEvent]) -> list[CodedEvent]:
    """Readings of one sentence that carry the same dead at one place on one day are one event.

    "U.S. Africa Command carried out an airstrike ... near Kismayo, killing three militants"
    reads as an Air/drone strike (the strike) and an Armed clash (the killing), each with the 3
    dead. ACLED codes one event: the most informative reading keeps the toll (a remote weapon
    before a fight before a riot before an attack; the reading naming actor 2 first), the
    others stay as CAMEO events with their ACLED fields emptied and no dead.
    """
    out = list(events)
    groups: dict[tuple[Any, ...], list[int]] = {}
    for k, ev in enumerate(events):
        if (
            ev.fatalities <= 0
            or ev.acled_event_type not in _TOLL_OWNERS
            or ev.acled_sub_event_type in _NOT_TOLL_READINGS
        ):
            continue
        key = (ev.doc_id, ev.sentence_index, ev.location, ev.event_date, ev.fatalities)
        groups.setdefault(key, []).append(k)
    for ks in groups.values():
        if len(ks) < 2:
            continue
        keep = min(
            ks,
            key=lambda k: (
                _TOLL_OWNERS.index(out[k].acled_event_type or ""),
                out[k].acled_actor2 is None,
                k,
            ),
        )
        for k in ks:
            if k != keep:
                kept = out[keep]
                out[keep] = replace(
                    kept,
                    acled_actor2=kept.acled_actor2 or out[k].acled_actor2,
                    mentions=_joined_mentions(kept, out[k]),
                )
                out[k] = replace(cameo_only(out[k]), fatalities=0)
    return out


#: Force used on a gathering, which a riot by the same gathering holds.
_FORCE_ON_GATHERINGS = frozenset(
    {"Protest with intervention", "Excessive force against protesters"}
)


def _joined_mentions(kept: CodedEvent, other: CodedEvent) -> tuple[Mention, ...]:
    """The mentions of ``kept`` and then those of ``other`` it lacks."""
    return kept.mentions + tuple(m for m in other.mentions if m not in kept.mentions)


def _same_sentence_place_day(a: CodedEvent, b: CodedEvent) -> bool:
    return (
        a.doc_id == b.doc_id
        and a.sentence_index == b.sentence_index
        and a.event_date == b.event_date
        and (a.location is None or b.location is None or a.location == b.location)
    )


def _riots_absorb_force(events: list[CodedEvent]) -> list[CodedEvent]:
    """ "Supporters burned tyres in Conakry, and security forces shot dead two of them": the
    demonstrators were violent, so ACLED codes one Violent demonstration, with the forces as
    actor 2 and the 2 dead once; the force's reading stays as a CAMEO event."""
    out = list(events)
    for k, ev in enumerate(events):
        if ev.acled_sub_event_type not in _FORCE_ON_GATHERINGS:
            continue
        riot = next(
            (
                j
                for j, r in enumerate(out)
                if r.acled_sub_event_type == "Violent demonstration"
                and _same_sentence_place_day(r, ev)
            ),
            None,
        )
        if riot is None:
            continue
        r = out[riot]
        force = (
            ev.acled_actor1
            if ev.acled_actor1 and not ev.acled_actor1.startswith("Protesters")
            else ev.acled_actor2
        )
        out[riot] = replace(
            r,
            fatalities=max(r.fatalities, ev.fatalities),
            acled_actor2=r.acled_actor2 or force,
            mentions=_joined_mentions(r, ev),
        )
        out[k] = replace(cameo_only(ev), fatalities=0)
    return out


def unplaced_about_a_country(
    per_sentence: list[tuple[Any, ...]],
    acts: dict[int, list[int]],
    verbs: frozenset[str],
    place_nouns: frozenset[str],
) -> frozenset[int]:
    """Ids of the candidates left without a place in sentences about a country as an actor
    ("Iran had been weakened by ..."): they take no place from the sentences around them.

    Args:
        per_sentence: (index, sentence info, start, end, candidates) per sentence.
        acts: violent trigger indices per sentence index.
        verbs: reporting and place-object verbs (a country that says or is attacked stays).
        place_nouns: nouns of places ("the city" refers back to a place named before).
    """
    out: set[int] = set()
    for idx, info, _s, _e, cands in per_sentence:
        # "... since its troops shelled the city": "the city" is the place named before.
        unplaced = [
            c
            for c in cands
            if c.place is None
            and not any(
                t.lemma_.lower() in place_nouns
                and any(d.dep_ == "det" and d.lower_ in {"the", "that"} for d in t.children)
                for t in info.doc[c.trigger_i].subtree
            )
        ]
        triggers = {c.trigger_i for c in cands} | set(acts.get(idx, []))
        if unplaced and country_undergoes_clause(
            info.doc, info.place_at, set(acts.get(idx, [])), triggers, verbs
        ):
            out.update(id(c) for c in unplaced)
    return frozenset(out)


TRANSFER = "Non-violent transfer of territory"


def absorb_withdrawals_into_transfers(events: list[CodedEvent]) -> list[CodedEvent]:
    """One hand-over, not two: "Fano entered the town after federal troops withdrew".

    The taking without a fight and the withdrawal it follows, told in one sentence at one place
    and day, are one ACLED "Non-violent transfer of territory": the taker is actor 1 and the
    withdrawing side actor 2. The withdrawal's row stays as its CAMEO event (0874) with its
    ACLED fields emptied, as :func:`absorb_clashes_into_takeovers` does for a clash.
    """
    takers = [
        k
        for k, e in enumerate(events)
        if e.acled_sub_event_type == TRANSFER and e.cameo_code is None
    ]
    if not takers:
        return events
    out = list(events)
    for k, ev in enumerate(events):
        if ev.acled_sub_event_type != TRANSFER or ev.cameo_code is None or k in takers:
            continue
        for t in takers:
            tk = out[t]
            if (
                tk.doc_id == ev.doc_id
                and tk.sentence_index == ev.sentence_index
                and tk.event_date == ev.event_date
                and tk.location == ev.location
                and tk.acled_actor1 != ev.acled_actor1
            ):
                inter2 = ev.inter1 if tk.acled_actor2 is None else tk.inter2
                out[t] = replace(
                    tk,
                    acled_actor2=tk.acled_actor2 or ev.acled_actor1,
                    inter2=inter2,
                    interaction=interaction(tk.inter1, inter2),
                    mentions=_joined_mentions(tk, ev),
                )
                out[k] = cameo_only(ev)
                break
    return out


def elaborates(sdoc: Any, c: Candidate, back_dets: frozenset[str]) -> bool:
    """The candidate's doer points back or is not named: "The attackers opened fire", "the
    undercover forces shot the men", "residents were shot", "the strike hit a school"."""
    trig = sdoc[c.trigger_i]
    if c.rule.pos == "N" and any(
        ch.dep_ in {"det", "predet"} and ch.lower_ in back_dets for ch in trig.children
    ):
        return True
    if c.source is None:
        return True
    clause = trig.head if trig.dep_ == "xcomp" else trig
    if any(ch.dep_ == "auxpass" for ch in clause.children) and not any(
        ch.dep_ == "agent" for ch in trig.children
    ):
        return True
    return _anaphoric(sdoc, c.source.tok_start, c.source.tok_end)


def _nested_places(a: CodedEvent, b: CodedEvent) -> bool:
    """``b``'s place is ``a``'s or lies within it (same first-level division, ``a`` coarser)."""
    if a.iso3 is None or a.iso3 != b.iso3:
        return False
    if a.location is not None and a.location == b.location:
        return True
    if a.geo_precision is None or b.geo_precision is None:
        return False
    if a.geo_precision <= b.geo_precision:
        return False
    return a.admin1 is None or a.admin1 == b.admin1


def placed_as(ev: CodedEvent, where: CodedEvent, country: bool = False) -> CodedEvent:
    """``ev`` at ``where``'s place (its country too when ``country``)."""
    extra = {"country": where.country, "iso3": where.iso3} if country else {}
    return replace(
        ev,
        location=where.location,
        admin1=where.admin1,
        admin2=where.admin2,
        latitude=where.latitude,
        longitude=where.longitude,
        geo_precision=where.geo_precision,
        **extra,
    )


def merge_elaborations(
    events: list[CodedEvent],
    elaborating: set[int],
    separate: Callable[[str], bool],
) -> list[CodedEvent]:
    """Merge a later sentence's retelling of an event into the event told first.

    "Fighters stormed a village in Borno on Tuesday, killing 12 farmers. The attackers opened
    fire on residents in Kwatara near Konduga." and "Jets struck a village in Sagaing on
    Saturday, killing 14. Fighter jets bombed the village of Let Yet Kone during a funeral."
    tell one event each. A later event (at most ``FOLLOW_UP_REACH`` sentences on) is the same
    as an earlier one when both are of the same ACLED sub-event type and day, its place is the
    earlier one's or lies within it, and its doer is the same, unnamed, or points back
    (``elaborating``: indices in ``events``) and is not the earlier event's other side. The
    merged event takes the closer place and the larger count of dead (a retelling repeats the
    toll, it does not add to it); an event whose sentence counts dead of its own, other than
    the first one's sentence, is another event. A sentence that says the act is another one
    (``separate``: "In a separate attack", "another strike", "also") is never merged.
    """
    out: list[CodedEvent] = []
    origin: list[int] = []  # the sentence each kept event was first told in
    last: list[int] = []  # the sentence each kept event was last told in
    refined: set[int] = set()  # kept events that already took a closer place
    for n, ev in enumerate(events):
        merged = False
        if carries_fatalities(ev.acled_event_type, ev.acled_sub_event_type) and not separate(
            ev.sentence
        ):
            for k in range(len(out) - 1, -1, -1):
                prev = out[k]
                gap = ev.sentence_index - origin[k]
                if gap <= 0 or ev.sentence_index - last[k] > FOLLOW_UP_REACH:
                    continue
                # "Russian strikes kill 7 in Odesa region" over "Russian missiles struck port
                # infrastructure in the Odesa region, killing seven": the headline tells the
                # lead's event in fewer words; the lead's reading is the better one.
                headline = (
                    origin[k] == 0
                    and not prev.sentence.rstrip().endswith((".", "!", "?", '"', "”"))
                    and prev.acled_event_type == ev.acled_event_type
                    and prev.fatalities in {0, ev.fatalities}
                )
                if (
                    prev.acled_sub_event_type != ev.acled_sub_event_type and not headline
                ) or prev.event_date != ev.event_date:
                    continue
                # The same doer, an unnamed one, or one that points back and is not the other
                # side of the event before ("Soldiers attacked rebels. The rebels killed 4
                # soldiers in a counterattack." is a second act).
                # "Paramilitary fighters stormed a village ... The RSF attacked the village":
                # a group named later is who the unnamed fighters were.
                names_them = (
                    unnamed(prev.acled_actor1, UNNAMED_ARMED)
                    and ev.acled_actor1 is not None
                    and not unnamed(ev.acled_actor1, UNNAMED_ARMED)
                    and ev.inter1 in {2, 3, 4}
                    and prev.inter1 in {2, 3, 4}
                    and ev.actor1_code != prev.actor2_code
                )
                if not (
                    ev.actor1_code is None
                    or ev.actor1_code == prev.actor1_code
                    or (n in elaborating and ev.actor1_code != prev.actor2_code)
                    or names_them
                ):
                    continue
                if 0 < count_fatalities(prev.sentence) != count_fatalities(ev.sentence) > 0:
                    # "Drones struck the Kharkiv region, killing two. Drones hit a bus in
                    # Kupiansk, killing four.": a count of its own makes another event.
                    continue
                closer = _nested_places(prev, ev) and k not in refined
                if not closer and not _nested_places(ev, prev):
                    continue
                keep = prev
                if closer and prev.location != ev.location:
                    keep = placed_as(prev, ev)
                    refined.add(k)
                if headline and prev.acled_sub_event_type != ev.acled_sub_event_type:
                    # The lead's reading, at the more precise of the two places.
                    keep = placed_as(ev, ev if closer or prev.location is None else keep)
                if names_them:
                    keep = replace(
                        keep,
                        actor1_code=ev.actor1_code,
                        actor1_name=ev.actor1_name,
                        actor1_country=ev.actor1_country,
                        actor1_role=ev.actor1_role,
                        acled_actor1=ev.acled_actor1,
                    )
                out[k] = replace(
                    keep,
                    fatalities=max(prev.fatalities, ev.fatalities),
                    mentions=prev.mentions + ev.mentions,
                )
                last[k] = ev.sentence_index
                merged = True
                break
        if not merged:
            out.append(ev)
            origin.append(ev.sentence_index)
            last.append(ev.sentence_index)
    return out
