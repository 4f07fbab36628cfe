"""The public coder: documents in, CAMEO+ACLED coded events out."""

from __future__ import annotations

import atexit
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from etl.coding import version as coder_release
from etl.coding.acled import AcledCoding
from etl.coding.acled_codebook import code_acled, country_name
from etl.coding.assembly import (
    CONTINUES_REACH,
    absorb_clashes_into_takeovers,
    absorb_withdrawals_into_transfers,
    carries_fatalities,
    elaborates,
    fill_places_from_document,
    fold_follow_up,
    fold_reported_dead,
    merge_elaborations,
    narrative_day,
    one_event_per_sentence_act,
    placed_as,
    sentence_day,
    unplaced_about_a_country,
)
from etl.coding.cameo_codebook import CameoCoding, code_cameo
from etl.coding.dictionaries import (
    Dictionaries,
    checksum_digest,
    dictionary_checksums,
)
from etl.coding.doc_context import document_countries, document_place
from etl.coding.engine import (
    Actor,
    Candidate,
    SentenceCoder,
    analyse,
)
from etl.coding.factuality import HAZARD_REASON, VIOLENT_ROOTS, Factuality
from etl.coding.fatalities import count_fatalities
from etl.coding.frame import EventFrame, build_frame, date_event, fill_countries
from etl.coding.headlines import reparse_compound_verbs, reparse_headline
from etl.coding.language import other_language
from etl.coding.lexicon import Lexicon, build_lexicon
from etl.coding.lexicon_cache import load_lexicon, long_lived
from etl.geo.context import (
    sole_country_named,
)
from etl.geo.spelling import add_spelling_variant_places
from etl.nlp.pipeline import clean_text, get_nlp, split_sentences
from etl.records import CodedEvent, Document, Mention

#: Sentences parsed and held at once; also the span of text that gives a sentence its context.
CONTEXT_WINDOW_SENTENCES = 400
#: CAMEO "make statement, not specified": coded only when the sentence codes nothing else.
STATEMENT = "010"

# A few hundred English function words cover most of any English text; other languages score
# near zero. Cheap, dependency-free and good enough to refuse non-English input.
_EN_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "it",
        "from",
        "his",
        "be",
        "are",
        "were",
        "an",
        "has",
        "have",
        "said",
        "not",
        "this",
        "which",
        "but",
        "after",
        "its",
        "their",
        "they",
        "had",
        "been",
        "who",
        "will",
        "he",
        "would",
        "or",
        "more",
        "than",
        "also",
        "over",
        "two",
        "into",
        "new",
        "against",
        "about",
        "one",
        "up",
        "last",
        "we",
        "would",
        "can",
        "when",
        "while",
        "since",
        "out",
        "government",
        "people",
        "officials",
        "forces",
        "year",
        "week",
        "according",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Frequent function words of other languages the news we read comes in. Words that are also
# English ("a", "in", "die", "de" in names) are left out so that English text never counts here.
_FOREIGN_WORDS = frozenset(
    [
        *("le", "la", "les", "des", "une", "du", "est", "et", "sur", "pour", "dans", "cette"),
        *("avec", "qui", "sont", "aux", "ces"),
        *("el", "los", "las", "del", "por", "con", "para", "una", "que", "es", "como", "pero"),
        *("der", "das", "und", "ist", "nicht", "mit", "von", "den", "auf", "dem", "sich", "eine"),
        *("zu", "il", "della", "che", "per", "sono", "gli", "nel", "alla", "degli"),
        *("os", "da", "em", "um", "uma", "não", "com"),
    ]
)


@dataclass(frozen=True, slots=True)
class CodingResult:
    """Events of one document, or the reason it was skipped (``skip_reason``)."""

    events: list[CodedEvent]
    skip_reason: str | None = None


def skip_reason(text: str, language: str | None = None) -> str | None:
    """Why a text produces no events without parsing it: empty, or not English; else None."""
    if not text or not text.strip():
        return "empty: the text is empty or whitespace only"
    if language and not language.lower().startswith("en"):
        return f"language: document language is {language!r}; the coder reads English only"
    words = _WORD.findall(text[:5000].lower())
    if not words:
        return "empty: no words"
    share = sum(w in _EN_WORDS for w in words) / len(words)
    foreign = sum(w in _FOREIGN_WORDS for w in words)
    if share >= 0.08 and not (foreign >= 2 and foreign > share * len(words)):
        return None  # plainly English: no need to load the language model
    # Headlines carry few function words: let the language model decide, and skip only when
    # it is confident the text is another language.
    lang = other_language(text[:2000])
    if lang is not None:
        return (
            f"language: the text looks like {lang!r}, not English "
            f"({share:.0%} English function words)"
        )
    return None


# Coders holding a lexicon, whose lexicons are dropped at exit (see _drop_lexicons).
_HOLDERS: weakref.WeakSet[Coder] = weakref.WeakSet()
_DROP_AT_EXIT = False


def _hold(coder: Coder) -> None:
    global _DROP_AT_EXIT
    if not _DROP_AT_EXIT:
        atexit.register(_drop_lexicons)
        _DROP_AT_EXIT = True
    _HOLDERS.add(coder)


def _drop_lexicons() -> None:
    """At exit, free the lexicons (by reference count) before the interpreter's last garbage
    collections would walk their objects (~700,000 for a compiled lexicon: 0.3 s of the exit).
    A coder used after this (by a later exit handler) loads its lexicon again."""
    for coder in list(_HOLDERS):
        coder._lex = None
        coder._sc = None


class Coder:
    """Codes documents into :class:`~etl.records.CodedEvent` rows (CAMEO and ACLED).

    Args:
        nlp: a spaCy pipeline to use; the default model is loaded lazily on first use.
        dictionaries: pre-loaded :class:`Dictionaries`; by default the packaged ones plus any
            ``EVENTETL_DICTIONARY_PATH`` overrides, loaded lazily.

    After each document, ``last_skip_reason`` is None or says why no coding was attempted
    ("empty: ..." or "language: ..."). :meth:`code_document_result` returns both together.
    """

    def __init__(self, nlp: Any = None, dictionaries: Dictionaries | None = None) -> None:
        self._nlp = nlp
        self._dicts = dictionaries
        self._lex: Lexicon | None = None
        self._sc: SentenceCoder | None = None
        self._fact: Factuality | None = None
        self.last_skip_reason: str | None = None
        self.version = coder_version(user=True)

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline (loaded on first use)."""
        self._nlp = get_nlp(self._nlp)
        return self._nlp

    @property
    def lexicon(self) -> Lexicon:
        """Compiled dictionaries (built on first use)."""
        if self._lex is None:
            with long_lived():
                if self._dicts is None:
                    self._lex = load_lexicon()  # compiled once, then read from the disk cache
                else:
                    self._lex = build_lexicon(self._dicts)
            self._sc = SentenceCoder(self._lex)
            self._fact = Factuality(self._lex)
            _hold(self)
        return self._lex

    def code_document(self, doc: Document) -> list[CodedEvent]:
        """Code one document; see ``last_skip_reason`` when the result is empty."""
        return next(iter(self.code_documents([doc])))[1]

    def code_document_result(self, doc: Document) -> CodingResult:
        """Code one document and say why it was skipped, if it was."""
        events = self.code_document(doc)
        return CodingResult(events, self.last_skip_reason)

    def code_documents(
        self, docs: Iterable[Document], batch_size: int = 64
    ) -> Iterator[tuple[Document, list[CodedEvent]]]:
        """Code documents in batches; sentences of a batch are parsed together with nlp.pipe.

        Yields (document, events) in input order; ``last_skip_reason`` refers to the document
        just yielded.
        """
        batch: list[Document] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    # ----------------------------------------------------------------------------------------
    def _code_batch(self, docs: list[Document]) -> Iterator[tuple[Document, list[CodedEvent]]]:
        _ = self.lexicon
        plans: list[tuple[Document, str, list[tuple[int, int]], str | None]] = []
        texts: list[str] = []
        for d in docs:
            reason = skip_reason(d.text or "", d.language)
            if reason:
                plans.append((d, "", [], reason))
                continue
            text = clean_text(d.text)
            spans = [(s.start, s.end) for s in split_sentences(text)]
            plans.append((d, text, spans, None))
            texts.extend(text[s:e] for s, e in spans)
        # Headlines the parser reads without a verb, and verbs written as two words
        # ("tear-gassed"), are parsed again (etl/coding/headlines.py).
        parsed = (
            (
                reparse_headline(self.nlp, reparse_compound_verbs(self.nlp, sd), self._lex.agents)
                for sd in self.nlp.pipe(texts, batch_size=256)
            )
            if texts
            else iter(())
        )
        for d, text, spans, reason in plans:
            if reason:
                self.last_skip_reason = reason
                yield d, []
                continue
            self.last_skip_reason = None
            events: list[CodedEvent] = []
            memory: list[Actor] = []
            # Parsed sentences are held one window at a time, so a huge document is coded in
            # bounded memory; articles (well under a window) see their whole text as context.
            for first in range(0, len(spans), CONTEXT_WINDOW_SENTENCES):
                window = spans[first : first + CONTEXT_WINDOW_SENTENCES]
                sdocs = [next(parsed) for _ in window]
                events.extend(self._code_parsed(d, text, window, sdocs, first, memory))
            events = absorb_withdrawals_into_transfers(absorb_clashes_into_takeovers(events))
            yield d, one_event_per_sentence_act(dedup(events))

    def _code_parsed(
        self,
        d: Document,
        text: str,
        spans: list[tuple[int, int]],
        sdocs: list[Any],
        first_index: int,
        memory: list[Actor],
    ) -> list[CodedEvent]:
        """Code a window of parsed sentences; ``memory`` carries actors across windows."""
        sc = self._sc
        assert sc is not None and self._lex is not None
        when = d.published
        infos = [analyse(self._lex, sd) for sd in sdocs]
        ctx = document_countries(sc, infos, when)
        # Unknown names after "in/near/the town of", spelled otherwise in a country named here.
        add_spelling_variant_places(self._lex.gazetteer, infos, ctx)
        events: list[CodedEvent] = []
        fact = self._fact
        assert fact is not None
        # Related violent triggers of a sentence merge into one the factuality stage accepts.
        # The factuality stage's verdict on a trigger, asked by the merge and again below: read
        # once (the window's parsed sentences stay alive, so their ids are unique keys).
        verdicts: dict[tuple[int, int], str | None] = {}

        def violent_reason(doc: Any, i: int) -> str | None:
            key = (id(doc), i)
            if key not in verdicts:
                verdicts[key] = fact.violent_reason(doc, i, when)
            return verdicts[key]

        sc.factual = lambda doc, i: violent_reason(doc, i) is None
        per_sentence = []
        told_violence: set[int] = set()  # sentences read as violence before factuality
        acts: dict[int, list[int]] = {}  # violent triggers of each sentence, before factuality
        hazards = self._lex.cls("context_hazard") | self._lex.cls("context_accident")
        hazard_before = False  # the sentence before told a hazard and no violence
        for idx, (info, (s, e)) in enumerate(zip(infos, spans, strict=True), start=first_index):
            cands = sc.candidates(info, when, memory, ctx)
            if hazard_before:
                # "A landslide hit Bududa. At least 15 people were killed.": the toll is the
                # hazard's, not a new attack.
                cands = [
                    c
                    for c in cands
                    if not _violent_candidate(c) or not fact.hazard_toll(info.doc, c.trigger_i)
                ]
            hazard_only = False  # every violent reading was a hazard's harm
            if any(_violent_candidate(c) for c in cands):
                told_violence.add(idx)
                acts[idx] = [c.trigger_i for c in cands if _violent_candidate(c)]
                # Factuality stage: violent readings that did not happen, or that are sport,
                # business or film words, are dropped here. (Applied to all ACLED candidates it
                # cost PETR2 and PLOVER: business words are common in political news.)
                sense = fact.sentence_sense(info.doc)
                # "An explosion at a depot was caused by a fire. Six people were killed.": a
                # sentence whose every violent reading is a hazard's tells the hazard too.
                hazard_only = sense is None and all(
                    (violent_reason(info.doc, c.trigger_i) or "").startswith(HAZARD_REASON)
                    for c in cands
                    if _violent_candidate(c)
                )
                cands = [
                    c
                    for c in cands
                    if not _violent_candidate(c)
                    or (sense is None and violent_reason(info.doc, c.trigger_i) is None)
                ]
            # A non-violent ACLED reading is held to the act's mood only: a denied, negated,
            # planned or asked arrest or looting is no event either.
            cands = [
                c
                for c in cands
                if _violent_candidate(c)
                or not _acled_act(c)
                or fact.unreal_reason(info.doc, c.trigger_i) is None
            ]
            per_sentence.append((idx, info, s, e, drop_covered_statements(cands)))
            hazard_before = (idx not in told_violence or hazard_only) and bool(
                _words_of(info.doc) & hazards
            )
        # Which events name a place in their own sentence, before the document's fills the rest:
        # a follow-up sentence without one may continue the event before it.
        own_place = {id(c) for *_x, cands in per_sentence for c in cands if c.place is not None}
        fill_places_from_document(
            [c for *_x, cands in per_sentence for c in cands],
            lambda: document_place(sc, infos, ctx),
            unplaced_about_a_country(
                per_sentence,
                acts,
                self._lex.cls("reporting") | self._lex.cls("place_object_verbs"),
                self._lex.cls("place"),
            ),
        )
        # A non-violent event of a document that names only a country ("South Korea's president
        # declared martial law"): the country's capital, precision 3, as ACLED codes it.
        country = sole_country_named(infos)
        for *_x, cands in per_sentence:
            for c in cands:
                if country is not None and c.place is None and not _violent_candidate(c):
                    c.place, c.near = country, False
        later = self._lex.cls("later_adverbs")  # "The militants then killed ...": a next act
        back_dets = self._lex.cls("anaphoric_determiners")  # "the attack", "both attacks"
        elaborating: set[int] = set()  # events whose doer points back or is not named
        told_events = self._lex.cls("told_event_nouns")  # "killed in the unrest"
        days_named: list[date | None] = []  # the day each sentence names, for the narrative
        for idx, info, s, e, cands in per_sentence:
            for c in cands:
                if _violent_candidate(c) and fold_follow_up(
                    d,
                    idx,
                    text,
                    (s, e),
                    info.doc,
                    c,
                    events,
                    id(c) in own_place,
                    later,
                    back_dets,
                    told_events,
                ):
                    continue
                day = narrative_day(events, idx, days_named)
                near = narrative_day(events, idx, days_named, CONTINUES_REACH)
                ev = self._event(d, idx, text, s, e, info, c, day, acts.get(idx, []), near)
                if ev is not None:
                    if _violent_candidate(c) and elaborates(info.doc, c, back_dets):
                        elaborating.update(range(len(events), len(events) + len(ev)))
                    events.extend(ev)
            if (
                idx not in told_violence
                and count_fatalities(text[s:e]) > 0
                and fact.sentence_sense(info.doc) is None
                and not _words_of(info.doc) & self._lex.cls("context_hazard")
            ):
                # "1 fatality.": a sentence of dead only belongs to the event told before
                # (not "3 people died in a road accident", nor a match or a robbery).
                fold_reported_dead(events, d.id, idx, (s, e), text[s:e], d.published)
            day_named = sentence_day(text[s:e], d.published)
            if day_named is None:
                # A sentence whose dead joined an event told before continues that event's
                # day ("Clashes erupted on Sunday. One man was killed in the violence. Police
                # arrested 12 people." are all of Sunday).
                day_named = next(
                    (
                        x.event_date
                        for x in reversed(events)
                        if x.sentence_index < idx
                        and x.time_precision == 1
                        and any(m.sentence_index == idx for m in x.mentions)
                    ),
                    None,
                )
            days_named.append(day_named)
        separate_words = self._lex.cls("separate_act_words")
        return merge_elaborations(
            events,
            elaborating,
            lambda sentence: bool(
                separate_words & {w.lower().strip(".,;:'\"") for w in sentence.split()}
            ),
        )

    def _event(
        self,
        d: Document,
        idx: int,
        text: str,
        s: int,
        e: int,
        info: Any,
        c: Candidate,
        reference: date | None = None,
        acts: list[int] | None = None,
        continues: date | None = None,
    ) -> list[CodedEvent] | None:
        """Date the candidate, build its frame, code it in both codebooks and assemble."""
        assert self._lex is not None
        sdoc = info.doc
        sent_text = text[s:e]
        reporting = self._lex.cls("reporting")
        when = date_event(reporting, sent_text, d.published, c, sdoc, reference, continues)
        if when.history(d.published) and _violent_candidate(c):
            # Violence dated long before publication is background, an anniversary or history.
            return None
        fill_countries(self._lex, sdoc, c)
        frame = build_frame(self._lex, d.id, idx, (s, e), sent_text, sdoc, c, when, acts or [])
        cameo = code_cameo(frame)
        acled = code_acled(frame)
        if cameo is None and acled is None:
            return None
        return self._assemble(frame, cameo, acled)

    def _assemble(
        self, frame: EventFrame, cameo: CameoCoding | None, acled: AcledCoding | None
    ) -> list[CodedEvent]:
        """The coded event of a frame (one per place it names), from both codebooks' codings."""
        lethal = (
            acled is not None and carries_fatalities(acled.event_type, acled.sub_event_type)
        ) or (cameo is not None and cameo.root in {"18", "19", "20"})
        fatalities = frame.dead if lethal else 0
        # ACLED's actor order (and the side it fills in) is the event's when ACLED codes it.
        src, tgt = frame.source, frame.target
        if acled is not None:
            src, tgt = acled.actor1, acled.actor2
        place = frame.place
        iso3 = frame.iso3
        s, e = frame.sentence_span
        ev = CodedEvent(
            doc_id=frame.doc_id,
            sentence_index=frame.sentence_index,
            sentence=frame.sentence,
            char_start=frame.evidence[0],
            char_end=frame.evidence[1],
            coder_version=self.version,
            event_date=frame.day,
            time_precision=frame.time_precision,
            cameo_code=cameo.code if cameo else None,
            cameo_base=cameo.base if cameo else None,
            cameo_root=cameo.root if cameo else None,
            quad_class=cameo.quad_class if cameo else None,
            goldstein=cameo.goldstein if cameo else None,
            actor1_code=src.code if src else None,
            actor1_name=(src.name or None) if src else None,
            actor1_country=src.country if src else None,
            actor1_role=src.role if src else None,
            actor2_code=tgt.code if tgt else None,
            actor2_name=(tgt.name or None) if tgt else None,
            actor2_country=tgt.country if tgt else None,
            actor2_role=tgt.role if tgt else None,
            acled_event_type=acled.event_type if acled else None,
            acled_sub_event_type=acled.sub_event_type if acled else None,
            disorder_type=acled.disorder_type if acled else None,
            acled_actor1=acled.actor1_name if acled else None,
            acled_actor2=acled.actor2_name if acled else None,
            inter1=acled.inter1 if acled else None,
            inter2=acled.inter2 if acled else None,
            interaction=acled.interaction if acled else None,
            civilian_targeting=acled.civilian_targeting if acled else None,
            fatalities=fatalities,
            location=place.name if place else None,
            admin1=(place.admin1 or None) if place else None,
            admin2=(place.admin2 or None) if place else None,
            country=country_name(iso3) if iso3 else None,
            iso3=iso3,
            latitude=place.lat if place else None,
            longitude=place.lon if place else None,
            geo_precision=frame.place_precision,
            notes=_notes(frame.day, frame.sentence),
            mentions=(Mention(frame.doc_id, frame.sentence_index, s, e, frame.sentence),),
        )
        out = [ev]
        if frame.dead_by_place is not None and lethal:
            # One event per place, the dead split among them as ACLED splits them.
            shares = list(frame.dead_by_place)
            out[0] = replace(ev, fatalities=shares[0])
        else:
            shares = [fatalities] + [0] * len(frame.extra_places)
        for k, p2 in enumerate(frame.extra_places, start=1):
            out.append(
                replace(
                    ev,
                    fatalities=shares[k],
                    char_start=min(frame.evidence[0], p2.char_start),
                    char_end=max(p2.char_end, frame.trigger.char_start),
                    location=p2.place.name,
                    admin1=p2.place.admin1 or None,
                    admin2=p2.place.admin2 or None,
                    country=country_name(p2.place.iso3),
                    iso3=p2.place.iso3,
                    latitude=p2.place.lat,
                    longitude=p2.place.lon,
                    geo_precision=p2.precision,
                )
            )
        return out


_VIOLENT_ACLED = frozenset(
    {
        "Armed clash",
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
        "Mob violence",
        "Violent demonstration",
        "Government regains territory",
        "Non-state actor overtakes territory",
    }
)


# CAMEO roots whose acts ACLED records whatever verb told them: protests (14) and coercion
# (17: arrests, looting, tear gas).
_ACLED_ACT_ROOTS = frozenset({"14", "17"})


def drop_covered_statements(cands: list[Candidate]) -> list[Candidate]:
    """Drop plain statements (CAMEO 010) of a sentence that codes another CAMEO event.

    "Egypt announced that the crossing would reopen" is a statement; in "the army announced
    that it had killed 20 militants" the announced act is the event and the announcing verb
    adds nothing.

    Args:
        cands: The candidates of one sentence.

    Returns:
        The candidates without the plain statements when another one has a CAMEO code.
    """
    if not any(c.cameo and c.cameo != STATEMENT for c in cands):
        return cands
    return [c for c in cands if c.cameo != STATEMENT]


def _violent_candidate(c: Candidate) -> bool:
    """A candidate read as political violence (CAMEO 18-20 or a violent ACLED sub-event)."""
    return bool(c.cameo and c.cameo[:2] in VIOLENT_ROOTS) or c.rule.acled in _VIOLENT_ACLED


def _acled_act(c: Candidate) -> bool:
    """A non-violent act ACLED records, read as the act itself.

    Not when the engine has already made it an intent or an offer ("ready to send troops to
    help restore security" is 0334): that reading has the governing word in it.
    """
    if c.cameo and c.cameo[:2] in _ACLED_ACT_ROOTS:
        return True
    return bool(c.rule.acled) and (c.cameo is None or c.cameo == c.rule.cameo)


def _words_of(sdoc: Any) -> frozenset[str]:
    return frozenset(t.lower_ for t in sdoc) | frozenset(t.lemma_.lower() for t in sdoc)


def _notes(ev_date: date, sentence: str) -> str:
    day = f"{ev_date.day} {ev_date.strftime('%B %Y')}"
    summary = " ".join(sentence.split())
    if len(summary) > 300:
        summary = summary[:297] + "..."
    return f"On {day}: {summary}"


def _dedup_key(e: CodedEvent) -> tuple[Any, ...]:
    family = e.acled_sub_event_type or e.cameo_base
    return (family, e.cameo_root, e.actor1_code, e.actor2_code)


def dedup(events: list[CodedEvent]) -> list[CodedEvent]:
    """Merge events of one document that tell the same event, keeping every mention.

    Two events are the same when they share the event family (ACLED sub-event type or CAMEO
    base code), both actor codes, compatible locations (equal, or one unknown) and dates within
    each other's precision window.
    """
    out: list[CodedEvent] = []
    for ev in events:
        merged = False
        for k, kept in enumerate(out):
            if _dedup_key(kept) != _dedup_key(ev):
                continue
            if kept.location and ev.location and kept.location != ev.location:
                continue
            if kept.actor1_code is None and kept.actor2_code is None and kept.location is None:
                continue
            window = timedelta(
                days={1: 0, 2: 7, 3: 31}.get(max(kept.time_precision, ev.time_precision), 0)
            )
            if abs(kept.event_date - ev.event_date) > window:
                continue
            better = kept
            if kept.location is None and ev.location is not None:
                better = placed_as(kept, ev, country=True)
            if ev.time_precision < better.time_precision:
                better = replace(better, event_date=ev.event_date, time_precision=ev.time_precision)
            out[k] = replace(
                better,
                fatalities=max(kept.fatalities, ev.fatalities),
                mentions=kept.mentions + ev.mentions,
            )
            merged = True
            break
        if not merged:
            out.append(ev)
    return out


def coder_version(user: bool = False) -> str:
    """``eventetl-coder <version>+<short checksum of the dictionaries>``."""
    sums = dictionary_checksums()
    if not user:
        sums = {k: v for k, v in sums.items() if not k.startswith("user:")}
    return f"eventetl-coder {coder_release.VERSION}+{checksum_digest(sums)}"


_DEFAULT: Coder | None = None


def code_text(text: str, published: date, doc_id: str | None = None) -> list[CodedEvent]:
    """Code a text with a shared default :class:`Coder` (convenience for scripts and tests)."""
    global _DEFAULT
    from etl.records import content_hash

    if _DEFAULT is None:
        _DEFAULT = Coder()
    doc = Document(id=doc_id or content_hash(text), text=text, published=published)
    return _DEFAULT.code_document(doc)
