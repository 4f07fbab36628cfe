"""The public coder: documents in, CAMEO+ACLED coded events out."""

from __future__ import annotations

import atexit
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from etl.coding import dates as dates_mod
from etl.coding import version as coder_release
from etl.coding.acled import AcledCues, acled_coding, interaction
from etl.coding.acled_cues import acled_cues, bare_weapon
from etl.coding.assembly import (
    ABDUCTION,
    CONTINUES_REACH,
    absorb_clashes_into_takeovers,
    carries_fatalities,
    clause_fatalities,
    country_undergoes_clause,
    fill_places_from_document,
    fold_follow_up,
    fold_reported_dead,
    killing_apart,
    narrative_day,
    non_finite_modifier,
    place_fatalities,
    sentence_day,
)
from etl.coding.dictionaries import (
    Dictionaries,
    checksum_digest,
    data_dir,
    dictionary_checksums,
    read_tsv,
)
from etl.coding.engine import (
    Actor,
    Candidate,
    SentenceCoder,
    _class_of_code,
    analyse,
    inter_for,
)
from etl.coding.factuality import VIOLENT_ROOTS, Factuality
from etl.coding.fatalities import count_fatalities
from etl.coding.headlines import reparse_compound_verbs, reparse_headline
from etl.coding.language import other_language
from etl.coding.lexicon import Lexicon, build_lexicon
from etl.coding.lexicon_cache import load_lexicon, long_lived
from etl.coding.reference import cameo_event_codes, country_names, quad_class_for_root
from etl.geo.context import (
    homonyms_abroad,
    near_cue,
    sole_country_named,
    votes_for_its_country,
)
from etl.geo.gazetteer import Place
from etl.geo.resolve import geo_precision, resolve_in_sentence
from etl.geo.spelling import add_spelling_variant_places
from etl.nlp.pipeline import clean_text, get_nlp, split_sentences
from etl.records import CodedEvent, Document, Mention

#: Violence dated more than LATE_REPORT_DAYS before publication (more than HISTORY_DAYS when only
#: its month or year is known) is history told as background, not news.
LATE_REPORT_DAYS = 365
HISTORY_DAYS = 183

#: Sentences parsed and held at once; also the span of text that gives a sentence its context.
CONTEXT_WINDOW_SENTENCES = 400

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


def _load_periods() -> dict[str, list[tuple[date, date | None, str]]]:
    out: dict[str, list[tuple[date, date | None, str]]] = {}
    for _n, r in read_tsv(data_dir() / "acled_periods.tsv"):
        end = date.fromisoformat(r["end"]) if r["end"] else None
        out.setdefault(r["iso3"], []).append((date.fromisoformat(r["start"]), end, r["suffix"]))
    return out


# ACLED regime-period suffixes by country and date (acled_periods.tsv); unknown -> no suffix.
_ACLED_PERIODS = _load_periods()


def acled_period(iso3: str | None, when: date | None) -> str | None:
    """The ACLED regime-period suffix of a country's state actors on ``when`` (or None)."""
    periods = _ACLED_PERIODS.get(iso3 or "")
    if not periods:
        return None
    if when is None:
        return next((p[2] for p in periods if p[1] is None), None)
    for start, end, suffix in periods:
        if start <= when and (end is None or when < end):
            return suffix
    return None


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
                reparse_headline(self.nlp, reparse_compound_verbs(self.nlp, sd))
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
            yield d, dedup(absorb_clashes_into_takeovers(events))

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
        ctx = self._doc_context(infos, when)
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
        for idx, (info, (s, e)) in enumerate(zip(infos, spans, strict=True), start=first_index):
            cands = sc.candidates(info, when, memory, ctx)
            if any(_violent_candidate(c) for c in cands):
                told_violence.add(idx)
                acts[idx] = [c.trigger_i for c in cands if _violent_candidate(c)]
                # Factuality stage: violent readings that did not happen, or that are sport,
                # business or film words, are dropped here. (Applied to all ACLED candidates it
                # cost PETR2 and PLOVER: business words are common in political news.)
                sense = fact.sentence_sense(info.doc)
                cands = [
                    c
                    for c in cands
                    if not _violent_candidate(c)
                    or (sense is None and violent_reason(info.doc, c.trigger_i) is None)
                ]
            per_sentence.append((idx, info, s, e, cands))
        # Which events name a place in their own sentence, before the document's fills the rest:
        # a follow-up sentence without one may continue the event before it.
        own_place = {id(c) for *_x, cands in per_sentence for c in cands if c.place is not None}
        fill_places_from_document(
            [c for *_x, cands in per_sentence for c in cands],
            lambda: self._document_place(infos, ctx),
            self._about_a_country(per_sentence, acts),
        )
        # A non-violent event of a document that names only a country ("South Korea's president
        # declared martial law"): the country's capital, precision 3, as ACLED codes it.
        country = sole_country_named(infos)
        for *_x, cands in per_sentence:
            for c in cands:
                if country is not None and c.place is None and not _violent_candidate(c):
                    c.place, c.near = country, False
        days_named: list[date | None] = []  # the day each sentence names, for the narrative
        for idx, info, s, e, cands in per_sentence:
            for c in cands:
                if _violent_candidate(c) and fold_follow_up(
                    d, idx, text, (s, e), info.doc, c, events, id(c) in own_place
                ):
                    continue
                day = narrative_day(events, idx, days_named)
                near = narrative_day(events, idx, days_named, CONTINUES_REACH)
                ev = self._event(d, idx, text, s, e, info, c, ctx, day, acts.get(idx, []), near)
                if ev is not None:
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
            days_named.append(sentence_day(text[s:e], d.published))
        return events

    def _about_a_country(
        self, per_sentence: list[tuple[Any, ...]], acts: dict[int, list[int]]
    ) -> frozenset[int]:
        """Events left without a place in sentences about a country as an actor ("Iran had been
        weakened by ..."): they take no place from the sentences around them."""
        assert self._lex is not None
        verbs = self._lex.cls("reporting") | self._lex.cls("place_object_verbs")
        place_nouns = self._lex.cls("place")
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

    def _document_place(self, infos: list[Any], ctx: dict[str, float]) -> Place | None:
        """The first place the document names after "in/near/at ..." (a town before a unit),
        else the first town that is the object of a verb."""
        assert self._sc is not None and self._lex is not None and self._lex.gazetteer is not None
        found: Place | None = None
        entered: Place | None = None  # "Rebels entered Kindu on Sunday. They fought ..."
        for info in infos:
            for s in sorted({hit[0] for hit in info.place_at.values()}):
                hit = info.place_at[s]
                last = info.doc[hit[1] - 1]
                locative = self._sc._locative(info.doc[s]) or self._sc._locative(last)
                # A town that is the object of a verb ("entered", "stormed") is the document's
                # place when no town follows "in/near/at".
                acted_on = last.dep_ == "dobj" and last.head.pos_ == "VERB"
                if not locative and not (acted_on and entered is None):
                    continue
                gaz = self._lex.gazetteer
                res, _q = resolve_in_sentence(gaz, info.doc, hit, info.place_at, ctx)
                if res is None:
                    continue
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
        return entered or found

    def _event_date(
        self,
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
        """
        found = dates_mod.find_dates(sent_text, published, reference)
        if not found:
            return None
        if len(found) == 1 or not len(sdoc):
            return dates_mod.resolve(sent_text, published, c.date_anchor, reference)
        lex = self._lex
        assert lex is not None
        reporting = lex.cls("reporting")
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

    def _acled_cues(
        self,
        sdoc: Any,
        c: Candidate,
        src: Actor | None,
        iso3: str | None,
        class1: str | None,
        dead: int,
    ) -> AcledCues:
        """The facts of the sentence that ACLED's decision rules need (see acled_cues)."""
        assert self._lex is not None
        span = (c.target.tok_start, c.target.tok_end) if c.target is not None else None
        foreign = (
            class1 == "state"
            and src is not None
            and bool(src.country)
            and bool(iso3)
            and src.country != iso3
        )
        return acled_cues(self._lex, sdoc, c.trigger_i, span, dead, foreign)

    def _doc_context(self, infos: list[Any], when: date) -> dict[str, float]:
        """Country weights of the document (0..1) from its actors and unambiguous places."""
        counts: dict[str, float] = {}
        units: dict[str, float] = {}
        names = country_names()
        assert self._sc is not None
        for info in infos:
            seen: set[int] = set()
            for _i, (s, _e, payloads) in info.actor_at.items():
                if s in seen:
                    continue
                seen.add(s)
                if homonyms_abroad(info.place_at.get(s)):
                    continue  # "Tripoli" (LBY in the actor dictionary): the context decides it
                p = self._sc.entry_for(payloads, when)
                code = getattr(p, "country", None) or getattr(p, "code", "")[:3]
                if code in names:
                    counts[code] = counts.get(code, 0) + 1
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
        if not counts:
            return units
        top = max(counts.values())
        return {**units, **{k: v / top for k, v in counts.items()}}

    def _event(
        self,
        d: Document,
        idx: int,
        text: str,
        s: int,
        e: int,
        info: Any,
        c: Candidate,
        ctx: dict[str, float],
        reference: date | None = None,
        acts: list[int] | None = None,
        continues: date | None = None,
    ) -> list[CodedEvent] | None:
        sdoc = info.doc
        sent_text = text[s:e]
        base = s - sdoc[0].idx if len(sdoc) else s
        # Dates ("the next day" counts from ``reference``, the day the text has reached).
        res = self._event_date(sent_text, d.published, c, sdoc, reference)
        if res is None and continues is not None:
            # A sentence with no day of its own goes on with the day the sentences just before
            # reached: "Militants fired a rocket at the airbase on Saturday. It was
            # intercepted ..."
            ev_date, precision = continues, 1
        elif res is None:
            ev_date, precision = d.published, 2
        else:
            ev_date, precision = res
        if ev_date > d.published:
            ev_date = d.published
        age = (d.published - ev_date).days
        # A late report names its day ("On 14 February 2024, ..."); background names a year.
        old = res is not None and (
            age > LATE_REPORT_DAYS or (age > HISTORY_DAYS and precision == 3)
        )
        if old and _violent_candidate(c):
            # Violence dated long before publication is background, an anniversary or history.
            return None
        # Place and country.
        place = c.place
        iso3 = place.iso3 if place else None
        # Actors: fill unknown countries of domestic actors from the event country.
        if c.source is not None and bare_weapon(self._lex, sdoc, c.source):
            # "struck by drones": the weapon names no owner, so the attacker is unnamed;
            # "by Russian drones" names one and keeps it.
            c.source = None
        for a in (c.source, c.target):
            if (
                a is not None
                and not a.country
                and iso3
                and a.role
                in {
                    "MIL",
                    "GOV",
                    "REB",
                    "OPP",
                    "CVL",
                    "COP",
                    "UAF",
                    "LAB",
                    "EDU",
                    "MED",
                    "HLH",
                    "REF",
                    "AGR",
                    "SEP",
                    "CRM",
                    "BUS",
                }
            ):
                a.country = iso3
                a.code = iso3 + (a.code or "")
        src, tgt = c.source, c.target
        cameo = c.cameo
        class1 = _acled_class(src)
        class2 = _acled_class(tgt)
        # Protesters/rioters clashing with forces make a riot; forces on protesters, repression.
        if cameo and cameo[:2] == "19":
            if class1 in {"protesters", "rioters"}:
                cameo, class1 = "145", "rioters"
            elif class2 in {"protesters", "rioters"} and class1 == "state":
                cameo = "175"
        if cameo and cameo[:3] == "171" and class1 in {"protesters", "rioters"}:
            cameo, class1 = "145", "rioters"  # protesters destroying property: a riot
        if cameo and c.weapon and cameo == "190":
            cameo = {
                "aircraft": "195",
                "drone": "195",
                "artillery": "194",
                "missile": "194",
                "small": "193",
            }.get(c.weapon, cameo)
        rule_acled = c.rule.acled
        verbal = {"03", "10", "12", "13"}
        if cameo and c.rule.cameo and (cameo[:2] in verbal) and c.rule.cameo[:2] not in verbal:
            rule_acled = None  # "will withdraw ... unless": a threat, not the act itself
        scoped = clause_fatalities(sdoc, c.trigger_i, self._lex.cls("reporting"), acts or [])
        dead = scoped if scoped is not None else count_fatalities(sent_text)
        if rule_acled == ABDUCTION and killing_apart(
            sdoc,
            c.trigger_i,
            acts or [],
            self._lex.cls("lethal_verbs"),
            self._lex.cls("later_adverbs"),
        ):
            dead = 0  # "kidnapped and later killed three": the dead are the Attack's
        cues = self._acled_cues(sdoc, c, src, iso3, class1, dead)
        acled = acled_coding(cameo, rule_acled, c.weapon, class1, class2, cues)
        if cameo is None and acled is None:
            return None
        if (
            acled is not None
            and acled.sub_event_type == "Non-violent transfer of territory"
            and cameo is not None
            and cameo[:2] in VIOLENT_ROOTS
        ):
            # Taken "without a fight": CAMEO has no fight to code, so the event is ACLED's only.
            cameo = None
        if acled is not None and acled.sub_event_type == "Protest with intervention":
            # ACLED: the demonstrators are actor1 and the intervening force actor2.
            crowd = tgt if class2 in {"protesters", "rioters"} else None
            src, tgt = crowd or Actor(name="", acled_class="protesters", country=iso3), src
        table = cameo_event_codes()
        goldstein = table[cameo][1] if cameo and cameo in table else None
        root = cameo[:2] if cameo else None
        fatalities = 0
        lethal = (
            acled is not None and carries_fatalities(acled.event_type, acled.sub_event_type)
        ) or (root in {"18", "19", "20"})
        if lethal:
            fatalities = dead
        a1_name = a1_assoc = a2_name = None
        inter1 = inter2 = None
        if acled is not None:
            if src is None:
                if acled.event_type in {"Protests"}:
                    src = Actor(name="", acled_class="protesters", country=iso3)
                elif acled.event_type in {"Riots"}:
                    src = Actor(name="", acled_class="rioters", country=iso3)
                elif acled.event_type in {
                    "Battles",
                    "Explosions/Remote violence",
                    "Violence against civilians",
                }:
                    src = Actor(
                        name="",
                        acled_class="militia",
                        country=iso3,
                        acled_name=f"Unidentified Armed Group ({_cname(iso3)})"
                        if iso3
                        else "Unidentified Armed Group",
                    )
            violent = acled.event_type not in {"Strategic developments", "Protests"}
            a_tgt = None if (tgt is not None and tgt.is_place_only) else tgt
            a1_actor = src
            if (
                acled.event_type in {"Protests", "Riots"}
                and src is not None
                and _acled_class(src) in {None, "civilians", "country", "none"}
                and not src.acled_name
            ):
                # Students, workers or "residents" who demonstrate are Protesters (Rioters).
                label = "protesters" if acled.event_type == "Protests" else "rioters"
                a1_actor = replace(src, acled_class=label, country=src.country or iso3)
            elif (
                acled.event_type in _POLITICAL_VIOLENCE - {"Riots"}
                and src is not None
                and _acled_class(src) == "civilians"
                and not src.acled_name
            ):
                # "Unknown men shot dead a trader": attackers nobody names are an unidentified
                # armed group for ACLED, not civilians.
                a1_actor = replace(
                    src,
                    acled_class="militia",
                    acled_name=f"Unidentified Armed Group ({_cname(iso3)})"
                    if iso3
                    else "Unidentified Armed Group",
                )
            a1_name = acled_actor_name(a1_actor, iso3, violent, ev_date)
            a2_name = acled_actor_name(a_tgt, iso3, violent, ev_date)
            inter1 = inter_for(a1_actor, iso3) if a1_actor else None
            inter2 = inter_for(a_tgt, iso3) if a_tgt else None
            if acled.event_type == "Protests" and inter1 is None:
                inter1 = 6
            if acled.event_type in {"Battles"} and inter2 is None and tgt is not None:
                inter2 = None
            _ = a1_assoc
        ev_start = sdoc[c.tok_start].idx + base
        last = sdoc[c.tok_end - 1]
        ev_end = last.idx + len(last.text) + base
        precision_geo = geo_precision(place, c.near) if place is not None else None
        notes = _notes(ev_date, acled, sent_text)
        mention = Mention(d.id, idx, s, e, sent_text)
        ev = CodedEvent(
            doc_id=d.id,
            sentence_index=idx,
            sentence=sent_text,
            char_start=ev_start,
            char_end=ev_end,
            coder_version=self.version,
            event_date=ev_date,
            time_precision=precision,
            cameo_code=cameo,
            cameo_base=cameo[:3] if cameo else None,
            cameo_root=root,
            quad_class=quad_class_for_root(root) if root else None,
            goldstein=goldstein,
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
            acled_actor1=a1_name,
            acled_actor2=a2_name,
            inter1=inter1,
            inter2=inter2 if inter1 else None,
            interaction=interaction(inter1, inter2) if acled else None,
            civilian_targeting=acled.civilian_targeting if acled else None,
            fatalities=fatalities,
            location=place.name if place else None,
            admin1=(place.admin1 or None) if place else None,
            admin2=(place.admin2 or None) if place else None,
            country=_cname(iso3) if iso3 else None,
            iso3=iso3,
            latitude=place.lat if place else None,
            longitude=place.lon if place else None,
            geo_precision=precision_geo,
            notes=notes,
            mentions=(mention,),
        )
        out = [ev]
        if (c.extra_places or c.unplaced) and c.place_tok is not None and lethal:
            # One event per place, the dead split among them as ACLED splits them (names the
            # gazetteer does not know take their share too, though they get no event).
            toks = [c.place_tok, *(span for _p, span in c.extra_places), *c.unplaced]
            shares = place_fatalities(sent_text, sdoc, toks)
            out[0] = replace(ev, fatalities=shares[0])
        else:
            shares = [fatalities] + [0] * len(c.extra_places)
        for k, (p2, (ps, pe)) in enumerate(c.extra_places, start=1):
            last2 = sdoc[pe - 1]
            out.append(
                replace(
                    ev,
                    fatalities=shares[k],
                    char_start=min(ev_start, sdoc[ps].idx + base),
                    char_end=max(last2.idx + len(last2.text) + base, sdoc[c.trigger_i].idx + base),
                    location=p2.name,
                    admin1=p2.admin1 or None,
                    admin2=p2.admin2 or None,
                    country=_cname(p2.iso3),
                    iso3=p2.iso3,
                    latitude=p2.lat,
                    longitude=p2.lon,
                    # Its own phrase decides: "Kanbalu and Shwebo townships" are both precision 2.
                    geo_precision=geo_precision(p2, near_cue(sdoc, ps, pe)),
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


_POLITICAL_VIOLENCE = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)


def _violent_candidate(c: Candidate) -> bool:
    """A candidate read as political violence (CAMEO 18-20 or a violent ACLED sub-event)."""
    return bool(c.cameo and c.cameo[:2] in VIOLENT_ROOTS) or c.rule.acled in _VIOLENT_ACLED


def _words_of(sdoc: Any) -> frozenset[str]:
    return frozenset(t.lower_ for t in sdoc) | frozenset(t.lemma_.lower() for t in sdoc)


def _acled_class(a: Actor | None) -> str | None:
    if a is None:
        return None
    if a.is_place_only and a.acled_class is None and a.name[:1].islower():
        return None  # "raid Zamfara village": a site attacked is no state actor
    cls = a.acled_class
    if cls in {None, "none", "country"}:
        if a.country and a.code and len(a.code) == 3:
            return "state"
        return _class_of_code(a.code) if a.code and len(a.code) > 3 else cls
    return cls


# Where ACLED's country names differ from GeoNames' (as recalled from ACLED's country list).
_ACLED_COUNTRY = {
    "PSE": "Palestine",
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CZE": "Czech Republic",
    "SWZ": "eSwatini",
    "TLS": "East Timor",
}


def _cname(iso3: str | None) -> str:
    if not iso3:
        return ""
    return _ACLED_COUNTRY.get(iso3) or country_names().get(iso3, iso3)


def acled_actor_name(
    a: Actor | None, event_iso3: str | None, violent: bool = False, when: date | None = None
) -> str | None:
    """ACLED-style actor name: "Military Forces of Russia (2000-)", "Protesters (Georgia)"..."""
    if a is None:
        return None
    if a.acled_name:
        iso = a.country or event_iso3
        period = acled_period(iso, when)
        if period and a.acled_name in {
            f"Military Forces of {_cname(iso)}",
            f"Police Forces of {_cname(iso)}",
        }:
            # A named state force ("Sudanese Armed Forces") takes the dated period suffix too.
            return f"{a.acled_name} ({period})"
        return a.acled_name
    country = a.country if a.country in country_names() else None
    cname = _cname(country or event_iso3) if (country or event_iso3) else ""
    cls = _acled_class(a)
    period = acled_period(country, when)
    suffix = f" ({period})" if period else ""
    if cls == "state" and country:
        if a.role == "COP":
            return f"Police Forces of {cname}{suffix}"
        if a.role in {"GOV", "LEG", "JUD"} and not violent:
            return f"Government of {cname}{suffix}"
        branch = f" {a.branch}" if a.branch and a.branch != "Police" else ""
        return f"Military Forces of {cname}{suffix}{branch}"
    if cls == "rebel":
        return f"Rebel Groups ({cname})" if cname else "Rebel Groups"
    if cls == "militia":
        return f"Unidentified Armed Group ({cname})" if cname else "Unidentified Armed Group"
    if cls == "identity":
        return f"Communal Militia ({cname})" if cname else "Communal Militia"
    if cls in {"protesters", "rioters", "civilians"}:
        label = {"protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians"}[cls]
        return f"{label} ({cname})" if cname else label
    if a.code and a.code.startswith("IGO"):
        return a.name or "International Organization"
    return a.name or None


def _notes(ev_date: date, acled: Any, sentence: str) -> str:
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
                better = replace(
                    kept,
                    location=ev.location,
                    admin1=ev.admin1,
                    admin2=ev.admin2,
                    country=ev.country,
                    iso3=ev.iso3,
                    latitude=ev.latitude,
                    longitude=ev.longitude,
                    geo_precision=ev.geo_precision,
                )
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
