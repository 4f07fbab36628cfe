"""Factuality and word-sense stage: is a violent trigger an event that happened?

The trigger stage finds words such as "attack", "struck" or "fired"; this stage decides whether
the sentence reports that act as a fact. It drops violent readings that are

- not asserted: denied (also "rumours that ...", "no truth to claims that ..."), only alleged
  ("accused of", "suspected of"), condemned in general ("all attacks", "around the world");
- not (yet) done: planned, threatened, "have yet to", stopped, a purpose ("to attack"),
  conditional ("if", "should the truce collapse"), modal ("could resume airstrikes"), in a
  present-tense "before/until" clause, a yes/no question, a habit ("routinely torture"), a tally
  over a war ("have killed thousands since the war began");
- negated: "no shots", "not one rocket", "neither side", "without", "no reports of shelling",
  "not a drone attack";
- unreal or another sense: drills and test-firing, fiction ("in the video game ..."), sport
  (team words, a match score), business, games, computers ("hackers attacked the website"),
  words ("bombarded with questions", "a blistering attack on the plan", "in a heated debate"),
  ordinary crime told by its doers' words, a killing within a family or by one neighbour;
- without a perpetrator: natural hazards, accidents ("a bus plunged into a ravine, killing 11"),
  diseases, suicides ("shot himself", but a suicide bomber's blast stays);
- history: an anniversary, "the 2008 attacks", "twenty years ago", "ten years after".

Claims of responsibility are facts and pass. The coder asks this stage both when related
violent triggers of a sentence merge (the merged event is one that happened) and before an
event is built.

Every word class comes from ``lexicons.tsv`` (``fact_*`` and ``context_*`` classes), so users
extend them with ``EVENTETL_DICTIONARY_PATH`` like any other dictionary. A class entry written
with a hyphen ("video-game", "box-office") also matches the two words apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from etl.coding.fatalities import count_fatalities
from etl.coding.lexicon import Lexicon
from etl.coding.tokens import SentenceTokens, sentence_tokens

VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Dependency relations through which a governing word scopes over the trigger: a complement,
# an object or the noun a clause describes. Adverbial clauses ("vowed revenge after troops
# killed five") are separate assertions and stop the walk; a conjunct is looked up through its
# first conjunct ("denied that troops crossed the border or fought").
# The start of the reason given for a violent word whose doer is a hazard or an accident.
HAZARD_REASON = "no perpetrator:"

SCOPE_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "obj",
        "pobj",
        "prep",
        "pcomp",
        "acl",
        "relcl",
        "attr",
        "appos",
        "oprd",
    }
)
MAX_STEPS = 8
# Aggregates: a condemnation of "a wave of attacks" names no single event.
AGGREGATE_HEADS = frozenset({"wave", "series", "spate", "string", "campaign", "surge", "cycle"})
NEGATIVE_DETS = frozenset({"no", "neither"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "nothing", "noone"})
# A match score ("3-0", "2–1"): two small numbers joined by a dash.
SCORE = re.compile(r"^\d{1,2}\s?[-–]\s?\d{1,2}$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
# A year this many calendar years before publication names history, not news.
HISTORY_YEARS = 2
# The path from an act up to "N years since/after": through relative and complement clauses
# ("after the coup that saw soldiers kill the president").
SINCE_PATH_DEPS = frozenset({"relcl", "acl", "pobj", "pcomp", "prep", "ccomp", "xcomp"})
# Prepositions that give an attack verb its target ("attacked on the town", "stormed into").
TARGET_PREPS = frozenset({"on", "against", "at", "into", "onto", "upon", "toward", "towards"})


@dataclass(frozen=True, slots=True)
class WordClasses:
    """The word classes this stage reads, taken from the compiled lexicon."""

    denial: frozenset[str]
    accusation: frozenset[str]
    condemnation: frozenset[str]
    intent: frozenset[str]
    absence: frozenset[str]
    modifier: frozenset[str]
    history: frozenset[str]
    hazard: frozenset[str]
    accident: frozenset[str]
    other_sense: frozenset[str]
    crime: frozenset[str]
    fiction: frozenset[str]
    armed: frozenset[str]
    blockers: frozenset[str]
    modal: frozenset[str]
    condition: frozenset[str]
    generic: frozenset[str]
    generic_scope: frozenset[str]
    reflexive: frozenset[str]
    exercise: frozenset[str]
    speech_object: frozenset[str]
    abstract_target: frozenset[str]
    cyber: frozenset[str]
    verbal: frozenset[str]
    kin: frozenset[str]
    reporting: frozenset[str]
    future_marks: frozenset[str]
    speech_setting: frozenset[str]
    means_preps: frozenset[str]
    pending: frozenset[str]
    habitual: frozenset[str]
    long_span: frozenset[str]
    occurrence: frozenset[str]
    accidental: frozenset[str]
    armed_org: frozenset[str]
    dismiss: frozenset[str]
    seize: frozenset[str]
    about_to: frozenset[str]
    contraband: frozenset[str]
    job_holders: frozenset[str]
    harm_words: frozenset[str]
    time_units: frozenset[str]
    mob: frozenset[str] = frozenset()
    responder: frozenset[str] = frozenset()
    lone_actor: frozenset[str] = frozenset()
    contest_verbs: frozenset[str] = frozenset()
    casualty: frozenset[str] = frozenset()
    cause_preps: frozenset[str] = frozenset()
    victims: frozenset[str] = frozenset()
    natural_foe: frozenset[str] = frozenset()
    aim_verbs: frozenset[str] = frozenset()
    likely: frozenset[str] = frozenset()
    disposal: frozenset[str] = frozenset()
    disrupt: frozenset[str] = frozenset()
    falsity: frozenset[str] = frozenset()
    open_water: frozenset[str] = frozenset()
    animal: frozenset[str] = frozenset()
    score_nouns: frozenset[str] = frozenset()
    conflict_whole: frozenset[str] = frozenset()
    purpose_nouns: frozenset[str] = frozenset()
    strive_verbs: frozenset[str] = frozenset()
    industrial_site: frozenset[str] = frozenset()
    toll_verbs: frozenset[str] = frozenset()
    conflict_process: frozenset[str] = frozenset()
    evaluative_subjects: frozenset[str] = frozenset()
    prevalence: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    explosion_nouns: frozenset[str] = frozenset()
    explosion_verbs: frozenset[str] = frozenset()
    stray: frozenset[str] = frozenset()
    festive_shot: frozenset[str] = frozenset()
    festive_occasion: frozenset[str] = frozenset()
    small_arms: frozenset[str] = frozenset()
    unverified: frozenset[str] = frozenset()
    rate_dets: frozenset[str] = frozenset()
    arms_cache: frozenset[str] = frozenset()
    inquiry: frozenset[str] = frozenset()
    past_span: frozenset[str] = frozenset()
    month_names: frozenset[str] = frozenset()
    hearsay: frozenset[str] = frozenset()
    person: frozenset[str] = frozenset()
    reciprocal: frozenset[str] = frozenset()
    fact_check: frozenset[str] = frozenset()
    civilian_role: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lex: Lexicon) -> WordClasses:
        """Read the ``fact_*``/``context_*`` classes (empty when a class is missing)."""
        fiction = lex.cls("context_entertainment") | lex.cls("context_game")
        return cls(
            denial=lex.cls("fact_denial"),
            accusation=lex.cls("fact_accusation"),
            condemnation=lex.cls("fact_condemnation"),
            intent=lex.cls("fact_intent"),
            absence=lex.cls("fact_absence"),
            modifier=lex.cls("fact_modifier"),
            history=lex.cls("fact_history"),
            hazard=lex.cls("context_hazard") | lex.cls("context_animal"),
            accident=lex.cls("context_accident"),
            other_sense=fiction | lex.cls("context_sport") | lex.cls("context_business"),
            crime=lex.cls("context_crime") | lex.cls("context_lone_actor"),
            fiction=lex.cls("context_fiction"),
            # Demonstrators who riot over prices are political whatever the business words.
            armed=lex.cls("armed")
            | lex.cls("armed_context")
            | lex.cls("sense_blockers")
            | lex.cls("acled_protest"),
            blockers=lex.cls("sense_blockers"),
            modal=lex.cls("fact_modal"),
            condition=lex.cls("fact_condition"),
            generic=lex.cls("fact_generic"),
            generic_scope=lex.cls("fact_generic_scope"),
            reflexive=lex.cls("fact_reflexive"),
            exercise=lex.cls("fact_exercise"),
            speech_object=lex.cls("context_speech_object"),
            abstract_target=lex.cls("context_abstract_target"),
            cyber=lex.cls("context_cyber"),
            verbal=lex.cls("context_verbal"),
            kin=lex.cls("context_kin"),
            reporting=lex.cls("reporting"),
            future_marks=lex.cls("fact_future_marks"),
            speech_setting=lex.cls("context_speech_setting"),
            means_preps=lex.cls("fact_means_preps"),
            pending=lex.cls("fact_pending"),
            habitual=lex.cls("fact_habitual"),
            long_span=lex.cls("fact_long_span"),
            occurrence=lex.cls("fact_occurrence"),
            accidental=lex.cls("fact_accidental"),
            armed_org=lex.cls("context_armed_org"),
            dismiss=lex.cls("context_dismiss"),
            seize=lex.cls("context_seize"),
            about_to=lex.cls("fact_about_to"),
            contraband=lex.cls("context_contraband"),
            job_holders=lex.cls("context_job_holders") | lex.cls("person") | lex.cls("workforce"),
            # Words that make a hazard's harm an attack again ("artillery fire killed three").
            harm_words=lex.cls("sense_blockers")
            | lex.cls("armed")
            | lex.cls("armed_context")
            | lex.cls("weapon")
            | lex.cls("weapon_small")
            | lex.cls("weapon_artillery")
            | lex.cls("weapon_aircraft"),
            time_units=lex.cls("fact_time_units"),
            mob=lex.cls("acled_mob"),
            responder=lex.cls("context_responder"),
            lone_actor=lex.cls("context_lone_actor"),
            contest_verbs=lex.cls("context_contest_verbs"),
            casualty=lex.cls("context_casualty"),
            cause_preps=lex.cls("context_cause_preps"),
            victims=lex.cls("acled_victim"),
            natural_foe=lex.cls("context_natural_foe"),
            conflict_whole=lex.cls("fact_conflict_whole"),
            aim_verbs=lex.cls("context_aim_verbs"),
            likely=lex.cls("fact_likely"),
            disposal=lex.cls("context_disposal"),
            disrupt=lex.cls("context_disrupt_verbs"),
            falsity=lex.cls("fact_falsity"),
            open_water=lex.cls("context_open_water"),
            animal=lex.cls("context_animal"),
            score_nouns=lex.cls("context_score_nouns"),
            purpose_nouns=lex.cls("fact_purpose_nouns"),
            strive_verbs=lex.cls("context_strive_verbs"),
            industrial_site=lex.cls("context_industrial_site"),
            toll_verbs=lex.cls("fact_toll_verbs"),
            conflict_process=lex.cls("fact_conflict_process"),
            evaluative_subjects=lex.cls("fact_evaluative_subjects"),
            prevalence=lex.cls("fact_prevalence"),
            copulas=lex.cls("fact_copulas"),
            explosion_nouns=lex.cls("context_explosion_nouns"),
            explosion_verbs=lex.cls("context_explosion_verbs"),
            stray=lex.cls("fact_stray"),
            festive_shot=lex.cls("fact_festive_shot"),
            festive_occasion=lex.cls("context_festive_occasion"),
            small_arms=lex.cls("weapon_small"),
            unverified=lex.cls("fact_unverified"),
            rate_dets=lex.cls("context_rate_dets"),
            arms_cache=lex.cls("context_arms_cache"),
            inquiry=lex.cls("fact_inquiry"),
            past_span=lex.cls("fact_past_span"),
            month_names=lex.cls("fact_month_names"),
            hearsay=lex.cls("context_hearsay_source"),
            person=lex.cls("person"),
            reciprocal=lex.cls("reciprocal_verbs"),
            fact_check=lex.cls("fact_check"),
            civilian_role=lex.cls("context_civilian_role"),
            evidence=lex.cls("fact_evidence"),
        )


def _words(tok: Any) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def _in(tok: Any, words: frozenset[str]) -> bool:
    lemma, lower = _words(tok)
    return lemma in words or lower in words


def _sentence_words(doc: Any) -> Iterator[tuple[Any, str]]:
    """(first token, word) for every token and every two- or three-token compound of the sentence.

    Compounds are joined with a hyphen whether the text wrote a space or a hyphen, so the class
    entry "box-office" matches "box office" and "box-office", and "hat-trick" matches "hat trick".
    """
    toks = [t for t in doc if not t.is_punct or t.text == "-"]
    for k, t in enumerate(toks):
        yield t, t.lemma_.lower()
        yield t, t.lower_
        if k + 1 < len(toks) and toks[k + 1].text != "-" and t.text != "-":
            yield t, f"{t.lower_}-{toks[k + 1].lower_}"
            yield t, f"{t.lower_}-{toks[k + 1].lemma_.lower()}"
        if k + 2 < len(toks) and toks[k + 1].text == "-":
            yield t, f"{t.lower_}-{toks[k + 2].lower_}"
            yield t, f"{t.lower_}-{toks[k + 2].lemma_.lower()}"


def _sentence_word_indices(st: SentenceTokens) -> Iterator[tuple[int, str]]:
    """:func:`_sentence_words` of a whole sentence, as (token index, word), from its kept
    token attributes (a Token is made only for the words a caller looks at)."""
    text, lower, lemma = st.text, st.lower, st.lemma
    idx = [i for i, p in enumerate(st.is_punct) if not p or text[i] == "-"]
    n = len(idx)
    for k, i in enumerate(idx):
        lo = lower[i]
        yield i, lemma[i]
        yield i, lo
        if k + 1 < n and text[idx[k + 1]] != "-" and text[i] != "-":
            j = idx[k + 1]
            yield i, f"{lo}-{lower[j]}"
            yield i, f"{lo}-{lemma[j]}"
        if k + 2 < n and text[idx[k + 1]] == "-":
            j = idx[k + 2]
            yield i, f"{lo}-{lower[j]}"
            yield i, f"{lo}-{lemma[j]}"


def _sentence_word_set(st: SentenceTokens) -> frozenset[str]:
    """The words of :func:`_sentence_word_indices`, read once per sentence."""
    words = st.memo.get("words")
    if words is None:
        words = st.memo["words"] = frozenset(w for _i, w in _sentence_word_indices(st))
    return words  # type: ignore[no-any-return]


def _team_name(st: SentenceTokens, i: int) -> bool:
    """The word ends a capitalised name after a place or name ("the Houston Rockets", "the
    Essendon Bombers"), in running text: its verb is written in lower case, so the sentence is
    no title-case headline ("Houthi Rockets Hit Ship")."""
    if i == 0 or st.pos[i] != "PROPN" or not st.text[i][:1].isupper():
        return False
    if st.pos[i - 1] != "PROPN" or st.dep[i - 1] != "compound" or st.head[i - 1] != i:
        return False
    head = st.head[i]
    return head != i and st.text[head][:1].islower()


def _hyphen_prefixes(words: frozenset[str]) -> frozenset[str]:
    """Each entry of ``words`` and its leading hyphen-joined parts ("gas", "gas-leak")."""
    out: set[str] = set()
    for w in words:
        parts = w.split("-")
        out.update("-".join(parts[:k]) for k in range(1, len(parts) + 1))
    return frozenset(out)


def _has_score(doc: Any, score_nouns: frozenset[str] = frozenset()) -> Any | None:
    """The first token of a match score ("beat Cameroon 2-0", "fell to a 3-1 defeat"), or None.

    ``score_nouns`` are the nouns after which a range is still a score ("defeat", "win").
    """
    if not any(ch.isdigit() for ch in doc.text):
        return None  # a score is digits; most sentences have none, so skip the token walk
    for t in doc:
        if t.like_num and SCORE.match(t.text):
            return t
        nxt = t.nbor(2) if t.i + 2 < len(doc) else None
        if (
            nxt is not None
            and t.text.isdigit()
            # Basketball scores run to three digits ("beat the Lakers 112-104").
            and len(t.text) <= 3
            and t.nbor(1).text in {"-", "–"}
            and nxt.text.isdigit()
            and len(nxt.text) <= 3
            # "3-4 people" is a range of victims, not a score; "a 3-1 defeat" is a score.
            and not (
                nxt.i + 1 < len(doc)
                and nxt.nbor(1).pos_ == "NOUN"
                and not _in(nxt.nbor(1), score_nouns)
            )
        ):
            return t
    return None


class Factuality:
    """Decide whether a violent trigger in a parsed sentence reports an act that happened."""

    def __init__(self, lex: Lexicon) -> None:
        self.w = WordClasses.from_lexicon(lex)
        self._cache: dict[str, Any] = {}
        # Every word a hazard or accident entry may begin with: "gas" of "gas-leak".
        self._hazard_starts = _hyphen_prefixes(
            self.w.hazard | self.w.accident | self.w.industrial_site
        )
        # Every finding of _argument_sense is one of these words.
        self._argument_words = self.w.verbal | self.w.abstract_target | self.w.cyber

    # ------------------------------------------------------------------------------------------
    def sentence_sense(self, doc: Any) -> str | None:
        """A reason when the whole sentence is about sport, business, film, a game or crime.

        Only when no armed actor word appears: "troops beat protesters at the stadium" keeps
        its violence, "Nigeria beat Cameroon 2-0 in the quarter-finals" does not. A story told
        inside a film or a game ("in the video game, players shoot soldiers") is fiction
        whatever its words.
        """
        fiction = self._fiction_frame(doc)
        if fiction is not None:
            return f"word sense: told inside {fiction!r}"
        st = sentence_tokens(doc)
        other = next(
            (
                doc[i]
                for i, w in _sentence_word_indices(st)
                # "Egypt's pound plunged" is money; "artillery pounded the town" is not.
                if (
                    w in self.w.other_sense
                    and st.pos[i] != "VERB"
                    # "Unknown men shot dead a trader": the victim's trade sets no scene.
                    and not (_victim(doc[i]) and _in(doc[i], self.w.victims))
                    # "in Lira", "near Dollar": a place named like a currency is a place.
                    and not _place_name(st, i)
                )
                # A crime word sets the scene when it names the doer, not the victim: villagers
                # who "lynched a suspected thief" are mob violence.
                or (w in self.w.crime and not _victim(doc[i]))
            ),
            None,
        )
        if other is None:
            other = _has_score(doc, self.w.score_nouns)
        if other is None:
            return None
        crime = other.lower_ in self.w.crime or other.lemma_.lower() in self.w.crime
        armed, mob = self.w.armed, self.w.mob
        if any(
            st.pos[i] in {"NOUN", "PROPN"}
            and (st.lemma[i] in armed or st.lower[i] in armed)
            # "the Houston Rockets": a weapon word ending a name; "the Rapid Support Forces"
            # still names an armed force.
            and not (
                (st.lemma[i] in self.w.blockers or st.lower[i] in self.w.blockers)
                and _team_name(st, i)
            )
            and not self._source(doc[i])
            and not self._crime_bystander(doc[i])
            # "Thieves ... blowing it open with explosives": a criminal's tool is no armed actor.
            and not (crime and st.dep[i] == "pobj" and st.lower[st.head[i]] == "with")
            for i in range(len(st.pos))
        ):
            return None
        if any(
            lemma in mob or lower in mob for lemma, lower in zip(st.lemma, st.lower, strict=True)
        ):
            return None  # "villagers lynched two suspected thieves": mob violence (ACLED Riots)
        return f"word sense: {other.text!r} sets a non-political context"

    def _source(self, tok: Any) -> bool:
        """The word names who reports, not who acts: "police said", "according to the army"."""
        head = tok.head
        if tok.dep_ == "nsubj" and _in(head, self.w.reporting):
            return True
        return tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"

    def _crime_bystander(self, tok: Any) -> bool:
        """An armed word that does not make a crime political.

        "A gang of thieves": the crowd word is a collective of criminals. "Before police
        subdued him": the police answer the crime, they do not commit it.
        """
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            if any(p.dep_ == "pobj" and _in(p, self.w.crime) for p in prep.children):
                return True
        # "a mentally ill gunman", "the gunman, who was treated for schizophrenia": a lone
        # attacker described as ill, not an armed group.
        if tok.tag_ in {"NN", "NNP"} and any(
            w in self.w.lone_actor for _t, w in _sentence_words(tok.subtree)
        ):
            return True
        return tok.dep_ == "nsubj" and _in(tok.head, self.w.responder)

    def _fiction_frame(self, doc: Any) -> str | None:
        """A film, game or book framing the main clause: "In the film, ...", "The game shows"."""
        for root in (t for t in doc if t.dep_ == "ROOT"):
            for c in root.children:
                frame = None
                if c.dep_ == "prep" and c.lower_ in {"in", "inside"}:
                    frame = next((p for p in c.children if p.dep_ == "pobj"), None)
                elif c.dep_ == "nsubj":
                    frame = c
                if frame is None:
                    continue
                # The frame's own noun with its compounds ("the video game"), not its modifiers:
                # "the director of the film" is a person.
                first = min([frame.i] + [m.i for m in frame.children if m.dep_ == "compound"])
                if any(w in self.w.fiction for _t, w in _sentence_words(doc[first : frame.i + 1])):
                    return frame.text
        return None

    # ------------------------------------------------------------------------------------------
    def violent_reason(self, doc: Any, trigger_i: int, published: date | None = None) -> str | None:
        """Why the violent trigger at ``trigger_i`` is not a factual event, or None if it is."""
        tok = doc[trigger_i]
        for check in (
            self._negated,
            self._unreal_modifier,
            self._self_harm,
            self._speech_sense,
            self._argument_sense,
            self._domestic,
            self._accidental,
            self._stray_shot,
            self._fact_checked,
            self._dismissal,
            self._contraband,
            self._generic,
            self._contest,
            self._natural_foe,
            self._strive,
            self._fiction_scope,
            self._disposal,
            self._fronted_condition,
            self._conflict_tally,
            self._absolute_tally,
            self._evaluation,
            self._prevalent,
            self._years_of,
            self._bare_plural_cause,
            self._background_participle,
        ):
            reason = check(tok)
            if reason is not None:
                return reason
        # Every hazard or accident the check finds is a word of the sentence (or a compound
        # it begins): most sentences have none, and the check walks the parse.
        st = sentence_tokens(tok.doc)
        starts = self._hazard_starts
        hazard = (
            self._hazard_doer(tok)
            if not (starts.isdisjoint(st.lemma) and starts.isdisjoint(st.lower))
            else None
        )
        if hazard is not None:
            return f"{HAZARD_REASON} {hazard!r} is a hazard or accident"
        drill = self._exercise(tok)
        if drill is not None:
            return f"exercise: {drill!r}"
        reason = self._governed(tok)
        if reason is not None:
            return reason
        reason = self._clause_modality(tok)
        if reason is not None:
            return reason
        if published is not None:
            return self._history(tok, published)
        return None

    def hazard_toll(self, doc: Any, trigger_i: int) -> bool:
        """The trigger only counts victims, with no doer and no harm word in its sentence.

        "Twelve people were killed", "at least 15 people died": after a sentence that told a
        flood or a landslide (and no violence) such a toll belongs to the hazard.
        """
        tok = doc[trigger_i]
        if tok.pos_ not in {"VERB", "AUX"}:
            return False
        kids = list(tok.children)
        if any(c.dep_ in {"agent", "dobj", "obj"} for c in kids):
            return False
        passive = any(c.dep_ == "nsubjpass" for c in kids)
        if not (passive or _in(tok, self.w.toll_verbs)):
            return False
        # "..., police said": who reports is no doer.
        return not any(_in(w, self.w.harm_words) and not self._source(w) for w in tok.sent)

    def unreal_reason(self, doc: Any, trigger_i: int) -> str | None:
        """Why a non-violent ACLED reading (looting, arrests, tear gas) did not happen, or None.

        Only what governs or negates the act: denied, disproved, planned, threatened or recalled
        ("police denied firing tear gas", "no arrests were made", "claims that troops looted
        shops were false"). The word sense checks stay with the violent readings (business
        words are common in the political news that tells these events), and the engine reads
        these acts' own modal verbs already.
        """
        tok = doc[trigger_i]
        # Only the act's own modifier: "mobilised reservists for a possible war" did mobilise.
        for check in (self._negated, self._own_unreal_modifier, self._governed, self._purpose):
            reason = check(tok)
            if reason is not None:
                return reason
        return None

    def _purpose(self, tok: Any) -> str | None:
        """ "would return to burn their homes": an act named as a purpose whose own clause has
        not happened. A purpose of an act told in the past ("fired tear gas to disperse the
        crowd") stays: the crowd was dispersed or the tear gas tells the event."""
        if tok.dep_ not in {"advcl", "xcomp"} or tok.tag_ != "VB":
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return None
        head = tok.head
        if any(c.dep_ == "aux" and _in(c, self.w.modal) for c in head.children):
            return f"purpose: to {tok.text}"
        return None

    def _own_unreal_modifier(self, tok: Any) -> str | None:
        """ "a planned protest", "a mock arrest": the act's own modifier says it is not real."""
        unreal = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"amod", "compound", "npadvmod"} and _in(c, self.w.modifier)
            ),
            None,
        )
        return None if unreal is None else f"not real: {unreal.text} {tok.text}"

    def _negated(self, tok: Any) -> str | None:
        """ "no shots were fired", "without a single shooting", "no reports of shelling"."""
        if any(c.dep_ in {"det", "neg"} and c.lower_ in NEGATIVE_DETS for c in tok.children):
            return f"negated: no {tok.text}"
        # "not a drone attack", "not in an ambush": the phrase is denied by contrast.
        if tok.pos_ in {"NOUN", "PROPN"}:
            start = tok.left_edge.i
            if tok.dep_ == "pobj" and tok.head.i < start:
                start = tok.head.i
            before = tok.doc[max(start - 2, 0) : start]
            words = " ".join(t.lower_ for t in before)
            if (before and before[-1].lower_ == "not") or words in {"rather than", "instead of"}:
                return f"negated: {words} {tok.text}"
        for c in tok.children:
            if c.dep_ in {"nsubj", "nsubjpass", "dobj", "obj"} and (
                c.lower_ in NEGATIVE_PRONOUNS
                or any(
                    d.dep_ in {"det", "preconj"} and d.lower_ in NEGATIVE_DETS for d in c.children
                )
                # "Not one rocket was fired", "not a single shot".
                or (c.left_edge.lower_ == "not" and c.left_edge.i < c.i)
            ):
                return f"negated argument: {c.text}"
        # Up through "of"/"without" phrases and a noun's "that" clause: "no reports of shelling",
        # "no sign of fighting", "no truth to claims that its forces had attacked a bus".
        t = tok
        for _ in range(6):
            if t.dep_ not in {"pobj", "pcomp", "prep", "acl", "ccomp"} or t.head.i == t.i:
                break
            g = t.head
            if _in(g, self.w.absence):
                return f"negated: {g.text} {tok.text}"
            if g.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in g.children
            ):
                return f"negated: no {g.text} of {tok.text}"
            t = g
        return None

    def _unreal_modifier(self, tok: Any) -> str | None:
        """ "a planned attack", "test-fired a missile", "fired at mock targets"."""
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "npadvmod"}]
        # "test-launched": the parser may hang the first half of a hyphenated verb loosely.
        mods.extend(
            c
            for c in tok.children
            if c.dep_ == "dep" and c.i + 2 == tok.i and tok.doc[c.i + 1].text == "-"
        )
        # The act's object or target may carry the mark too: "fired artillery at mock targets".
        for c in tok.children:
            if c.dep_ in {"dobj", "obj"}:
                mods.extend(m for m in c.children if m.dep_ in {"amod", "compound"})
            if c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pobj":
                        mods.extend(m for m in p.children if m.dep_ in {"amod", "compound"})
        unreal = next((m for m in mods if _in(m, self.w.modifier)), None)
        if unreal is not None:
            return f"not real: {unreal.text} {tok.text}"
        return None

    def _self_harm(self, tok: Any) -> str | None:
        """ "shot himself", "killed herself": a suicide, unless it is a suicide bombing."""
        verb = tok if tok.pos_ in {"VERB", "AUX"} else None
        if verb is None:
            return None
        refl = next(
            (c for c in verb.children if c.dep_ in {"dobj", "obj"} and _in(c, self.w.reflexive)),
            None,
        )
        if refl is None:
            return None
        # "blew himself up", "detonated himself" with explosives: a suicide attack.
        if any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
            return None
        if any(_in(t, self.w.blockers) and t.lower_ != "suicide" for t in tok.doc):
            return None
        return f"self-harm: {tok.text} {refl.text}"

    def _speech_sense(self, tok: Any) -> str | None:
        """Words, not arms: "bombarded the spokesman with questions", "attacked the minister in
        a heated debate", "lashed out in an interview"."""
        # "fought a war of words": the act or its object is a war of speech.
        for n in [tok] + [c for c in tok.children if c.dep_ in {"dobj", "obj"}]:
            if any(
                p.dep_ == "pobj" and _in(p, self.w.speech_object)
                for k in n.children
                if k.dep_ == "prep" and k.lower_ == "of"
                for p in k.children
            ):
                return f"word sense: {n.text} of words"
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in {"with", "in", "during", "at"}:
                continue
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is None:
                continue
            if c.lower_ == "with" and _in(obj, self.w.speech_object):
                return f"word sense: {tok.text} with {obj.text}"
            # "clashing with the defence minister over strategy": one office-holder against
            # another is a quarrel, when nothing in the sentence is armed.
            if (
                c.lower_ == "with"
                and _in(tok, self.w.reciprocal)
                and _in(obj, self.w.person)
                and not any(_in(w, self.w.blockers) for w in tok.sent)
            ):
                return f"word sense: {tok.text} with the {obj.text}"
            # "in a war of words": the setting's own object is speech.
            if c.lower_ != "with" and any(
                p.dep_ == "pobj" and _in(p, self.w.speech_object)
                for k in obj.children
                if k.dep_ == "prep" and k.lower_ == "of"
                for p in k.children
            ):
                return f"word sense: {tok.text} {c.text} {obj.text} of words"
            if (
                c.lower_ != "with"
                and _in(obj, self.w.speech_setting)
                and not self._armed_subject(tok)
            ):
                return f"word sense: {tok.text} {c.text} {obj.text}"
        return None

    def _argument_sense(self, tok: Any) -> str | None:
        """The act's target or doer is not a body or a thing that can be hit with arms.

        "shot down Ghana's hopes", "an attack on the tax plan", "hackers attacked the website",
        "a blistering attack on the minister" are words, sport or computers.
        """
        st = sentence_tokens(tok.doc)
        words = self._argument_words
        if words.isdisjoint(st.lemma) and words.isdisjoint(st.lower):
            return None  # no verbal, abstract or computer word: nothing below can be found
        # A support verb's object carries the act: "launched a blistering attack on the plan".
        heads = [tok] + [c for c in tok.children if c.dep_ in {"dobj", "obj"}]
        if tok.dep_ in {"dobj", "obj"} and tok.head.i != tok.i:
            heads.append(tok.head)  # "launched their assault on the summit"
        verbal = next(
            (c for h in heads for c in h.children if c.dep_ == "amod" and _in(c, self.w.verbal)),
            None,
        )
        if verbal is not None:
            return f"word sense: {verbal.text} {verbal.head.text}"
        args = []
        for h in heads:
            for c in h.children:
                if h.i == tok.i and c.dep_ in {"dobj", "obj", "nsubjpass", "nsubj"}:
                    args.append(c)
                elif c.dep_ == "prep" and c.lower_ in {"on", "against", "at", "by"}:
                    args.extend(p for p in c.children if p.dep_ == "pobj")
        if tok.dep_ in {"nsubj", "nsubjpass"} or tok.dep_ == "dobj":
            # A nominal trigger's verb: "hackers launched an attack".
            args.extend(
                c for c in tok.head.children if c.dep_ in {"nsubj", "agent"} and c.i != tok.i
            )
        # "The vaccine campaign targets two million children": a plan aims, it does not attack.
        if tok.pos_ == "VERB" and _in(tok, self.w.aim_verbs):
            subj = _subject(tok)
            if (
                subj is not None
                and _in(subj, self.w.abstract_target)
                and not any(_in(w, self.w.harm_words) for w in subj.subtree)
            ):
                return f"word sense: {subj.text} {tok.text}"
        for a in args:
            if any(_in(m, self.w.cyber) for m in _with_compounds(a)):
                return f"word sense: {a.text} (computers)"
            # "riots against policies" name a grievance, not a target.
            if (
                a.dep_ not in {"nsubj", "agent"}
                and a.head.lower_ not in {"against", "by"}
                and _in(a, self.w.abstract_target)
            ):
                return f"word sense: {tok.text} {a.text}"
        return None

    def _accidental(self, tok: Any) -> str | None:
        """ "A police officer accidentally shot a colleague": one person's accident.

        An armed force that "mistakenly bombed a wedding" still attacked civilians.
        """
        adv = next(
            (c for c in tok.children if c.dep_ == "advmod" and _in(c, self.w.accidental)), None
        )
        subj = _subject(tok)
        if adv is None and tok.pos_ == "VERB":
            # "A soldier was killed when his rifle accidentally discharged": the accident is
            # told in the clause that says how the act came about.
            for c in tok.children:
                if c.dep_ == "advcl" and any(
                    m.dep_ in {"mark", "advmod"} and m.lower_ in {"when", "as", "after"}
                    for m in c.children
                ):
                    adv = next(
                        (m for m in c.children if m.dep_ == "advmod" and _in(m, self.w.accidental)),
                        None,
                    )
                    if adv is not None:
                        subj = _subject(c)
                        break
        if adv is None or subj is None or subj.tag_ != "NN":
            return None
        if any(_in(w, self.w.armed_org) for w in subj.subtree) or any(
            _in(w, self.w.blockers) for w in tok.doc
        ):
            return None
        return f"accident: {adv.text} {tok.text}"

    def _stray_shot(self, tok: Any) -> str | None:
        """ "A stray bullet fired at a wedding killed a guest", "killed by celebratory gunfire":
        a shot no one aimed at a festive occasion, or fired to celebrate, when the sentence names
        no armed doer ("a stray bullet fired by soldiers", "a stray bullet during clashes between
        gangs" and "six civilians were killed by stray bullets" after a fight stay)."""
        st = sentence_tokens(tok.doc)
        if self.w.festive_shot.isdisjoint(st.lower) and self.w.stray.isdisjoint(st.lower):
            return None  # no stray or celebratory shot told
        festive = not _sentence_word_set(st).isdisjoint(self.w.festive_occasion)
        marks = self.w.festive_shot | (self.w.stray if festive else frozenset())
        if marks.isdisjoint(st.lower):
            return None
        # The shot as the act's subject, passive agent or object, or the act itself.
        shots = [tok] + [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        shots += [p for c in tok.children if c.dep_ == "agent" for p in c.children]
        if tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            shots += [c for c in tok.head.children if c.dep_ in {"nsubj", "agent"}]
        shot = next(
            (
                n
                for n in shots
                if _in(n, self.w.small_arms)
                and any(m.dep_ in {"amod", "compound"} and _in(m, marks) for m in n.children)
            ),
            None,
        )
        if shot is None:
            return None
        others = [w for w in tok.sent if w.i != shot.i and not _in(w, self.w.small_arms)]
        if self._harmful(others, skip_sources=True) or any(
            _in(w, self.w.armed) and not self._source(w) for w in others
        ):
            return None
        return f"accident: {shot.text} no one aimed"

    def _fact_checked(self, tok: Any) -> str | None:
        """ "A video said to show an airstrike was from Beirut, fact-checkers found": a
        fact-check tells claims that are being checked, not events."""
        st = sentence_tokens(tok.doc)
        if _sentence_word_set(st).isdisjoint(self.w.fact_check):
            return None
        hit = next((w for _i, w in _sentence_word_indices(st) if w in self.w.fact_check), None)
        return None if hit is None else f"fact-check: {hit}"

    def _contraband(self, tok: Any) -> str | None:
        """ "seized 2 tonnes of cocaine", "raided a drug den": police work, not territory."""
        if not _in(tok, self.w.seize):
            return None
        for obj in _objects(tok):
            hit = next((w for w in obj.subtree if _in(w, self.w.contraband)), None)
            if hit is not None:
                return f"seizure of contraband: {tok.text} {hit.text}"
        # "Police seized 12 guns in a raid": a search finds arms; militants who "seized
        # weapons" from a base may have fought for them.
        doer = _subject(tok)
        if doer is not None and any(_in(w, self.w.blockers) for w in doer.subtree):
            return None
        for obj in _objects(tok):
            if _in(obj, self.w.arms_cache):
                return f"seizure of arms: {tok.text} {obj.text}"
        return None

    def _contest(self, tok: Any) -> str | None:
        """ "Morocco attacked relentlessly but could not break down the defence": a team's play.

        An attack verb with no object and no target, whose subject is a name, in a sentence
        without any armed, weapon or casualty word.
        """
        if tok.pos_ != "VERB" or not _in(tok, self.w.contest_verbs):
            return None
        if any(
            c.dep_ in {"dobj", "obj", "agent", "nsubjpass"}
            or (c.dep_ == "prep" and c.lower_ in TARGET_PREPS)
            for c in tok.children
        ):
            return None
        subj = _subject(tok)
        if subj is None or subj.pos_ != "PROPN":
            return None
        if any(_in(w, self.w.harm_words) or _in(w, self.w.casualty) for w in tok.sent):
            return None
        return f"word sense: {subj.text} {tok.text} with no target or weapon is a game"

    def _foe_parts(self) -> frozenset[str]:
        """Every word of the natural-foe and animal classes, hyphenated ones split
        ("heart-attack" gives "heart" and "attack")."""
        parts = self._cache.get("foe_parts")
        if parts is None:
            words = self.w.natural_foe | self.w.animal
            parts = self._cache["foe_parts"] = frozenset(
                p for w in words for p in (w, *w.split("-"))
            )
        return parts  # type: ignore[no-any-return]

    def _natural_foe(self, tok: Any) -> str | None:
        """ "battling a dengue outbreak", "lost his battle with cancer", "fought locusts".

        The fight's object or opponent is a disease, a hazard or a pest, not an armed enemy.
        Only the opponent's head noun counts: "gunmen shot polio vaccinators" shot people.
        """
        st = sentence_tokens(tok.doc)
        parts = self._foe_parts()
        if parts.isdisjoint(st.lower) and parts.isdisjoint(st.lemma):
            return None  # no disease, hazard, pest or animal named in the sentence
        foes = _objects(tok)  # also "shot dead a leopard"
        if not foes:
            # "shot and killed a rabid dog": the object of the conjunct is shared.
            foes = [o for c in tok.children if c.dep_ == "conj" for o in _objects(c)]
        # "Locusts invaded farms": the doer may be the pest.
        foes.extend(c for c in tok.children if c.dep_ == "nsubj")
        for c in tok.children:
            # "a fight against cholera"; "a battle with cancer" only for a noun: "attacked the
            # village with fire" names a means.
            if c.dep_ == "prep" and (
                c.lower_ == "against" or (c.lower_ == "with" and tok.pos_ == "NOUN")
            ):
                foes.extend(p for p in c.children if p.dep_ == "pobj")
        foe = next(
            (
                f
                for f in foes
                if _in(f, self.w.natural_foe)
                or _in(f, self.w.animal)
                # "A heart attack killed ...": the foe is the compound ("heart-attack").
                or any(
                    "-" in w and w in self.w.natural_foe
                    for _t, w in _sentence_words(_compound_chain(f))
                )
            ),
            None,
        )
        if foe is None:
            # "battled a locust invasion": the foe may be a compound, when nothing armed is named.
            foe = next(
                (
                    m
                    for f in foes
                    for m in f.children
                    if m.dep_ == "compound" and _in(m, self.w.natural_foe)
                ),
                None,
            )
            if foe is not None and any(_in(w, self.w.harm_words) for w in tok.sent):
                return None
        # The foe's own words: "a leopard that had mauled a herder" is still a leopard.
        if foe is None or any(_in(w, self.w.harm_words) for w in _with_compounds(foe)):
            return None
        return f"word sense: {tok.text} {foe.text} is no armed enemy"

    def _strive(self, tok: Any) -> str | None:
        """ "Medics battled to save the boy", "health workers struggled to contain cholera":
        a fight for a purpose, with no armed word in the sentence, is an effort, not combat.

        "Troops fought to retake the town" and "villagers fought to repel the attackers" name
        an armed side and stay.
        """
        if tok.pos_ != "VERB" or not _in(tok, self.w.strive_verbs):
            return None
        aim = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"xcomp", "advcl"}
                and c.tag_ == "VB"
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            ),
            None,
        )
        if aim is None or any(_in(w, self.w.harm_words) for w in tok.sent):
            return None
        return f"word sense: {tok.text} to {aim.text} is an effort"

    def _years_of(self, tok: Any) -> str | None:
        """ "ended decades of fighting", "after years of war": a span of years, not one event."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "of":
            return None
        span = tok.head.head
        if span.pos_ == "NOUN" and _in(span, self.w.time_units):
            return f"span of years: {span.text} of {tok.text}"
        return None

    def _background_participle(self, tok: Any) -> str | None:
        """An undated act told in a participle on a noun of another clause: "the bodies of
        fishermen killed by pirates were returned", "people fleeing the fighting arrived in
        Chad", "homes destroyed by shelling". The act is background to what the sentence
        reports. A headline of the noun alone ("12 soldiers killed in ambush") and a dated
        participle ("soldiers killed in an ambush on Monday were buried") stay.
        """
        clause = tok
        if tok.pos_ in {"NOUN", "PROPN"}:
            t = tok
            if t.dep_ == "pobj" and t.head.dep_ in {"agent", "prep"}:
                t = t.head
            if t.dep_ not in {"dobj", "obj", "agent", "prep"}:
                return None
            clause = t.head
        if clause.dep_ != "acl" or clause.tag_ not in {"VBN", "VBG"}:
            return None
        noun = clause.head
        if noun.pos_ not in {"NOUN", "PROPN", "PRON"} or noun.dep_ == "ROOT":
            return None
        # "2 civilians killed, 11 wounded": a counted toll is the report itself.
        if any(c.dep_ == "nummod" for c in noun.children):
            return None
        if any(w.ent_type_ in {"DATE", "TIME"} for w in clause.subtree):
            return None
        kids = list(clause.children)
        if clause.tag_ == "VBN":
            # Only a passive participle told by its doer or its setting ("killed by pirates",
            # "wounded in the fighting"); "gunmen on motorbikes fired at them" may be a
            # misparsed main verb.
            if any(c.dep_ == "prep" and c.lower_ in TARGET_PREPS for c in kids):
                return None
            if not any(
                c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"in", "during"})
                for c in kids
            ):
                return None
        elif tok.i == clause.i:
            return None  # "people fleeing the fighting": only the participle's object
        return f"background: {noun.text} {clause.text}"

    def _bare_plural_cause(self, tok: Any) -> str | None:
        """ "Attacks on schools have forced 8,000 schools to close": acts in general, as the
        cause of a present state, not one event. "Clashes have killed 20" (a toll) and "clashes
        erupted" (an occurrence) stay."""
        if tok.tag_ != "NNS" or tok.dep_ != "nsubj":
            return None
        if any(c.dep_ in {"det", "nummod", "poss"} for c in tok.children):
            return None
        verb = tok.head
        present_perfect = any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in {"VBZ", "VBP"}
            for c in verb.children
        )
        if not present_perfect or _in(verb, self.w.occurrence) or _in(verb, self.w.casualty):
            return None
        return f"acts in general: {tok.text} {verb.text}"

    def _conflict_tally(self, tok: Any) -> str | None:
        """ "Sudan's war has killed tens of thousands", "Decades of war have killed hundreds of
        thousands": a whole war (not a battle) as the doer sums many events; it is background,
        not one event."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        head = subj
        if _in(subj, self.w.time_units):  # "Decades of war"
            head = next(
                (
                    p
                    for c in subj.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children
                    if p.dep_ == "pobj"
                ),
                subj,
            )
        if _in(head, self.w.conflict_whole):
            return f"tally: {subj.text} {tok.text} sums a whole conflict, not one event"
        # "The fighting has killed more than 500 people": a process told in the present perfect
        # with no day and a count no single event reaches sums many events. "The clashes have
        # killed 12 people" (a follow-up's toll) and "... this week" stay.
        if (
            _in(head, self.w.conflict_process)
            and _present_perfect(tok)
            and not any(w.ent_type_ in {"DATE", "TIME"} for w in tok.sent)
            and count_fatalities(tok.sent.text) >= TALLY_MIN
        ):
            return f"tally: {subj.text} {tok.text} sums many events"
        return None

    def _evaluation(self, tok: Any) -> str | None:
        """ "It was the deadliest attack in Russia in two decades", "This was the third bombing
        this month": a copula whose subject points back rates an event told before."""
        if tok.pos_ != "NOUN" or tok.dep_ != "attr" or tok.head.lemma_.lower() != "be":
            return None
        subj = next((c for c in tok.head.children if c.dep_ in {"nsubj", "expl"}), None)
        if subj is None or subj.lower_ not in self.w.evaluative_subjects:
            return None
        return f"evaluation: {subj.text} {tok.head.text} ... {tok.text} rates an event told before"

    def _prevalent(self, tok: Any) -> str | None:
        """ "Kidnapping for ransom has become a lucrative business", "Banditry remains a major
        problem", "Abductions are common on the highway": a kind of act with no determiner as
        the subject of a copula that says what it is or how often it happens, not one event."""
        if (
            tok.pos_ != "NOUN"
            or tok.dep_ != "nsubj"
            or tok.head.lemma_.lower() not in self.w.copulas
        ):
            return None
        if any(c.dep_ in {"det", "poss", "nummod"} for c in tok.children):
            return None
        for c in tok.head.children:
            if c.dep_ == "acomp" and _in(c, self.w.prevalence):
                return f"prevalence: {tok.text} {tok.head.text} {c.text}"
            if c.dep_ == "attr" and any(
                d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children
            ):
                return f"prevalence: {tok.text} {tok.head.text} a {c.text}"
        return None

    def _absolute_tally(self, tok: Any) -> str | None:
        """ "Violence has surged since the war began, with more than 370 people killed in
        raids": the dead of a "with" phrase on a cumulative present perfect are its tally."""
        t = _phrase_head(tok)
        for _ in range(MAX_STEPS):
            if t.head.i == t.i:
                return None
            if t.dep_ in {"pcomp", "pobj"} and t.head.lower_ == "with":
                break
            t = t.head
        else:
            return None
        v = t.head.head
        for _ in range(MAX_STEPS):
            if v.pos_ in {"VERB", "AUX"} and _present_perfect(v) and self._cumulative(v):
                return f"cumulative tally: with ... {tok.text} on {v.text}"
            if v.head.i == v.i:
                return None
            v = v.head
        return None

    def _fronted_condition(self, tok: Any) -> str | None:
        """ "Should the RSF attack El Fasher, ...": the parser may hang the act on the opening
        auxiliary itself instead of reading an inverted condition."""
        t = tok
        for _ in range(3):
            if t.head.i == t.i:
                return None
            t = t.head
            first = t.i == 0 or t.doc[t.i - 1].is_sent_start is True or t.doc[t.i - 1].is_punct
            if (
                t.pos_ == "AUX"
                and t.lower_ in {"should", "had", "were"}
                and first
                and t.i < tok.i
                and t.dep_ == "aux"
            ):
                return f"conditional: {t.text} {tok.text}"
        return None

    def _disposal(self, tok: Any) -> str | None:
        """Arms destroyed, not used: "sappers destroyed 300 unexploded shells", "blew up seized
        explosives in a controlled detonation". Anyone killed or hurt makes it an event again."""
        marks = [m for o in _objects(tok) for m in o.children if m.dep_ in {"amod", "compound"}]
        # "detonated them safely", "blew up the shells in a controlled way".
        marks += [m for m in tok.children if m.dep_ == "advmod"]
        hit = next((m.text for m in marks if _in(m, self.w.disposal)), None)
        if hit is None:
            # "troops found and destroyed a roadside bomb", "an IED planted on the road was
            # defused": the weapon is what a disrupting verb acts on, so it never went off.
            verb = _disrupting_verb(tok, self.w.disrupt)
            if verb is not None:
                if any(_in(w, self.w.casualty) for w in tok.doc):
                    return None
                return f"disrupted weapon: {tok.text} ({verb.text})"
        if hit is None:
            # "the explosion heard on Sunday was a controlled detonation of old munitions".
            # The kept token attributes: no Token is made for each word of the sentence.
            st = sentence_tokens(tok.doc)
            hit = next(
                (
                    st.text[i]
                    for i, w in _sentence_word_indices(st)
                    if w in self.w.disposal and "-" in w
                ),
                None,
            )
        reason = "disposal of arms"
        # "fired a barrage of shells into waters off its west coast": no one is hit.
        verb = tok.head if tok.dep_ in {"dobj", "obj"} else tok
        if hit is None and verb.pos_ == "VERB":
            reason = "no target: fired into"
            hit = next(
                (
                    p.text
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ == "into"
                    for p in c.children
                    if p.dep_ == "pobj" and _in(p, self.w.open_water)
                ),
                None,
            )
        if hit is None or any(_in(w, self.w.casualty) for w in tok.doc):
            return None
        return f"{reason}: {hit} ({tok.text})"

    def _fiction_scope(self, tok: Any) -> str | None:
        """The act is the story of a film, a book or a game the sentence describes.

        "The thriller, in which gunmen kidnap a senator's daughter, premiered in Lagos", "a
        novel about a sniper who assassinates a general": the trigger sits in a clause or an
        "about" phrase on a fiction noun.
        """
        t = tok
        for _ in range(MAX_STEPS):
            if t.head.i == t.i:
                return None
            g = t.head
            through = t.dep_ in {"relcl", "acl"} or (t.dep_ == "prep" and t.lower_ == "about")
            if through and g.pos_ in {"NOUN", "PROPN"}:
                first = min([g.i] + [m.i for m in g.children if m.dep_ == "compound"])
                words = _sentence_words(tok.doc[first : g.i + 1])
                if any(w in self.w.fiction for _t, w in words):
                    return f"word sense: told inside {g.text!r}"
            t = g
        return None

    def _dismissal(self, tok: Any) -> str | None:
        """ "fired its entire economic team", "sacked 200 workers": a job lost, not a shot."""
        if not _in(tok, self.w.dismiss):
            return None
        obj = next(iter(_objects(tok)), None)
        if obj is not None and _in(obj, self.w.job_holders):
            return f"dismissal: {tok.text} {obj.text}"
        return None

    def _domestic(self, tok: Any) -> str | None:
        """ "A man shot dead his brother": a killing within a family is ordinary crime."""
        doer = self._kin_agent(tok)
        if doer is not None:
            return f"ordinary crime: {tok.text} by {_span(doer).text}"
        # "A pupil attacked a teacher with a knife": one person of school or work life against
        # another, with nothing armed named.
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        victim = next(iter(_objects(tok)), None)
        if (
            subj is not None
            and victim is not None
            and subj.tag_ == "NN"
            and victim.tag_ == "NN"
            and _in(subj, self.w.civilian_role)
            and _in(victim, self.w.civilian_role)
            and not self._harmful(tok.sent, skip_sources=True)
        ):
            return f"ordinary crime: {subj.text} {tok.text} {victim.text}"
        obj = next(iter(_objects(tok)), None)
        if obj is None or not _in(obj, self.w.kin):
            return None
        poss = next((p for p in obj.children if p.dep_ == "poss" and p.pos_ == "PRON"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if poss is None or subj is None or subj.pos_ != "NOUN":
            return None
        # One person and his or her own relative: "gunmen killed his son" is someone else's son,
        # and groups who attack "their neighbours" are communal violence.
        if poss.lower_ not in {"his", "her"} or subj.tag_ != "NN":
            return None
        return f"ordinary crime: {tok.text} {_span(obj).text}"

    def _kin_agent(self, tok: Any) -> Any | None:
        """ "A woman was stabbed to death by her husband": one person killed by a relative."""
        victim = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if victim is None or agent is None or victim.tag_ != "NN":
            return None
        doer = next((p for p in agent.children if p.dep_ == "pobj"), None)
        if doer is None or doer.tag_ != "NN" or not _in(doer, self.w.kin):
            return None
        poss = next((p for p in doer.children if p.dep_ == "poss" and p.pos_ == "PRON"), None)
        return doer if poss is not None and poss.lower_ in {"his", "her"} else None

    def _generic(self, tok: Any) -> str | None:
        """ "all attacks", "any attack", "bombing in wars around the world": no one event."""
        det = next(
            (c for c in tok.children if c.dep_ in {"det", "predet"} and _in(c, self.w.generic)),
            None,
        )
        if det is not None:
            return f"generic: {det.text} {tok.text}"
        # "any soldier who shot at civilians would be punished", "anyone who attacks": the
        # doer of a relative clause is anybody, so the act is no one event.
        if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ != "relcl":
            return None
        doer = tok.head
        if _in(doer, self.w.generic):
            return f"generic: {doer.text} who {tok.text}"
        det = next(
            (c for c in doer.children if c.dep_ in {"det", "predet"} and _in(c, self.w.generic)),
            None,
        )
        if det is not None:
            return f"generic: {det.text} {doer.text} who {tok.text}"
        return None

    # ------------------------------------------------------------------------------------------
    def _governed(self, tok: Any) -> str | None:
        """A governing word that denies, alleges, condemns in general, plans or recalls the act."""
        first_verb = True
        t = _phrase_head(tok)
        for _ in range(MAX_STEPS):
            if t.dep_ == "conj" and t.head.i != t.i:
                # A conjunct shares its first conjunct's governor: "denied that its troops had
                # crossed into Congo or fought alongside M23". The first conjunct itself is no
                # governor: "denied the report and shelled the town" still shelled it.
                t = t.head
                continue
            if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.i != t.i:
                # "accused the RSF of shelling a hospital, killing 9", parsed with the
                # participle on the accusation: the killing is the accused act's outcome.
                if _in(t.head, self.w.accusation):
                    return f"accusation: {t.head.text}"
                if _in(t.head, self.w.denial):
                    return f"denied: {t.head.text}"
            if t.dep_ not in SCOPE_DEPS or t.head.i == t.i:
                break
            # "stopped the protest by firing tear gas": a means or a time is no scope.
            if t.dep_ == "prep" and _in(t, self.w.means_preps):
                break
            g = t.head
            if t.dep_ == "xcomp" and any(
                c.dep_ == "advmod" and _in(c, self.w.pending) for c in g.children
            ):
                return f"not yet happened: {g.text} yet"
            if t.dep_ == "xcomp" and _in(g, self.w.about_to):
                return f"not yet happened: {g.text} to {t.text}"
            if _in(g, self.w.denial):
                return f"denied: {g.text}"
            # "reports that its forces had shot at a convoy were false". The parser may tag a
            # claim word as a verb ("claims that it had massacred villagers were baseless").
            claim_word = _in(g, self.w.reporting) or _in(g, self.w.accusation)
            if (g.pos_ in {"NOUN", "PROPN"} or claim_word) and g.dep_ in {"nsubj", "nsubjpass"}:
                false = next(
                    (
                        c
                        for c in g.head.children
                        if c.dep_ in {"acomp", "attr"} and _in(c, self.w.falsity)
                    ),
                    None,
                )
                if false is not None:
                    return f"denied: {g.text} {g.head.text} {false.text}"
                # "Reports that militants had seized the town were denied by the army".
                if g.dep_ == "nsubjpass" and _in(g.head, self.w.denial):
                    return f"denied: {g.text} {g.head.text}"
            # "said reports that troops had killed 15 were fabricated", parsed with the claim as
            # the reporting verb's object and its predicate as a clause of its own.
            if claim_word and g.pos_ == "NOUN" and g.dep_ in {"dobj", "obj"}:
                false = self._false_predicate(g.head, g)
                if false is not None:
                    return f"denied: {g.text} {false.text}"
            # "asked for help in fighting the cartels", "funds for fighting jihadists": the act
            # is the purpose a help or a means serves, not an event.
            if (
                t.dep_ == "pcomp"
                and tok.tag_ == "VBG"
                and g.lower_ in {"in", "for"}
                and _in(g.head, self.w.purpose_nouns)
            ):
                return f"purpose: {g.head.text} {g.text} {tok.text}"
            if _in(g, self.w.accusation):
                return f"accusation: {g.text}"
            if _in(g, self.w.condemnation) and self._aggregate(tok, g):
                return f"condemnation of unspecified acts: {g.text}"
            if _in(g, self.w.condemnation) and self._bare_reference(tok, t):
                return f"condemnation names no new act: {g.text} the {tok.text}"
            if _in(g, self.w.intent):
                return f"not yet happened: {g.text}"
            if _in(g, self.w.history):
                return f"history: {g.text}"
            # "investigating the killing of 14 civilians", "an inquiry into the shooting".
            if _in(g, self.w.inquiry) and self._long_past(tok):
                return f"inquiry into a past act: {g.text}"
            # "opened an inquiry into the shooting", "held a funeral for people killed": the
            # parser hangs the phrase on the support verb, not on its object.
            if t.dep_ == "prep" and t.lower_ in {"into", "for"}:
                probe = next(
                    (
                        c
                        for c in g.children
                        if c.dep_ in {"dobj", "obj"}
                        and (
                            (_in(c, self.w.inquiry) and self._long_past(tok))
                            or _in(c, self.w.history)
                        )
                    ),
                    None,
                )
                if probe is not None:
                    return f"a past act named by {probe.text}"
            # "fake videos claiming to show strikes", "alleged reports of shelling".
            fake = next(
                (
                    c
                    for c in g.children
                    if c.dep_ == "amod"
                    and (
                        _in(c, self.w.modifier)
                        or (_in(c, self.w.unverified) and _in(g, self.w.hearsay))
                    )
                ),
                None,
            )
            if fake is not None and g.pos_ in {"NOUN", "PROPN"}:
                return f"not real: {fake.text} {g.text}"
            # "Unverified posts said gunmen had attacked": the source says it is unchecked.
            if g.pos_ in {"VERB", "AUX"} and _in(g, self.w.reporting):
                src = _subject(g)
                mark = (
                    None
                    if src is None or not any(_in(w, self.w.hearsay) for w in _compound_chain(src))
                    else next(
                        (
                            c
                            for c in src.children
                            if c.dep_ in {"amod", "compound"} and _in(c, self.w.unverified)
                        ),
                        None,
                    )
                )
                if mark is not None:
                    return f"unverified: {mark.text} {src.text} {g.text}"
                # "claimed without evidence that the army had bombed villages".
                bare = next(
                    (
                        w
                        for c in g.children
                        if c.dep_ == "prep" and _in(c, self.w.absence)
                        for w in c.subtree
                        if _in(w, self.w.evidence)
                    ),
                    None,
                )
                if bare is not None:
                    return f"unverified: {g.text} without {bare.text}"
            if g.pos_ in {"VERB", "AUX"}:
                if first_verb and any(c.dep_ == "neg" for c in g.children):
                    return f"negated governor: {g.text}"
                first_verb = False
            t = g
        return None

    def _false_predicate(self, verb: Any, claim: Any) -> Any | None:
        """The falsity word of a subjectless clause after ``claim`` under ``verb``, or None."""
        for c in verb.children:
            if c.dep_ != "ccomp" or c.i < claim.i:
                continue
            if any(k.dep_ in {"nsubj", "nsubjpass", "expl"} for k in c.children):
                continue
            if _in(c, self.w.falsity):
                return c
            return next(
                (k for k in c.children if k.dep_ in {"acomp", "attr"} and _in(k, self.w.falsity)),
                None,
            )
        return None

    def _clause_verbs(self, tok: Any) -> Iterator[Any]:
        """The verbs whose mood and modifiers the trigger shares.

        The trigger's own verb, the verbs that govern it as a complement or object ("could
        resume airstrikes"), the verb whose subject a nominal trigger is ("fighting would
        erupt"), and the first conjunct of a coordinated verb ("invaded Iraq and toppled ...").
        Reporting verbs are passed through but their own mood is not the act's.
        """
        t = _phrase_head(tok)
        for _ in range(MAX_STEPS):
            if t.pos_ in {"VERB", "AUX"}:
                yield t
            if t.head.i == t.i:
                return
            # "fighting would erupt": the verb tells whether the act occurs. "The strike could
            # inflame tensions" presupposes the strike and says nothing of it.
            if (
                t.dep_ in {"nsubj", "nsubjpass"}
                and t.pos_ in {"NOUN", "PROPN"}
                and _in(t.head, self.w.occurrence)
            ):
                t = t.head
                continue
            if t.dep_ == "conj" and t.head.pos_ in {"VERB", "AUX"}:
                t = t.head
                continue
            # "fighting in Khartoum is likely to intensify": a clause subject shares its verb's
            # mood.
            if t.dep_ == "csubj":
                t = t.head
                continue
            # A relative clause ("the helicopter that was captured") is its own assertion.
            if t.dep_ in SCOPE_DEPS - {"ccomp", "relcl"}:
                t = t.head
                continue
            return

    def _cumulative(self, verb: Any) -> bool:
        """ "Militias have killed thousands since the war began": a tally, not one event.

        Only a present perfect over a long span counts: "since the war began", "since 2023",
        "over the past two years"; "have killed 20 since Monday" still tells recent violence.
        """
        # "had been killed ... this year" in reported speech is a tally too.
        if not any(
            c.dep_ in {"aux", "auxpass"}
            and c.lemma_.lower() == "have"
            and c.tag_ in {"VBZ", "VBP", "VBD"}
            for c in verb.children
        ):
            return False
        for c in verb.children:
            # "have been killed this year": the span runs to now.
            if (
                c.dep_ == "npadvmod"
                and _in(c, self.w.time_units)
                and any(d.dep_ == "det" and d.lower_ == "this" for d in c.children)
            ):
                return True
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "since" for m in c.children
            ):
                return True
            # "Israel's offensive has since killed 43,000": "since" alone is "since it began".
            if c.dep_ == "advmod" and c.lower_ == "since" and not list(c.children):
                return True
            if c.dep_ == "prep" and c.lower_ in {"since", "over", "during", "throughout"}:
                for w in c.subtree:
                    if _in(w, self.w.long_span) or YEAR.match(w.text):
                        return True
        return False

    def _long_past(self, tok: Any) -> bool:
        """The sentence dates something a month or more back: "last month", "in February",
        "in 2019" (a month's name written as a name: "a march" is a demonstration)."""
        # A full date with its day ("On 31 May 2024,") dates the report or the act to a day.
        dated = {
            t.i
            for ent in tok.doc.ents
            if ent.label_ == "DATE" and any(t.like_num and len(t.text) <= 2 for t in ent)
            for t in ent
        }
        return any(
            w.i not in dated
            and (
                _in(w, self.w.past_span)
                or YEAR.match(w.text)
                or (w.pos_ == "PROPN" and w.text[:1].isupper() and _in(w, self.w.month_names))
            )
            for w in tok.sent
        )

    def _condition_mark(self, mark: Any) -> bool:
        """A conditional conjunction, of one word ("if") or two ("in case", class "in-case")."""
        if _in(mark, self.w.condition):
            return True
        doc = mark.doc
        if mark.i + 1 >= len(doc):
            return False
        return f"{mark.lower_}-{doc[mark.i + 1].lower_}" in self.w.condition

    def _clause_modality(self, tok: Any) -> str | None:
        """A conditional, a question or a modal or future verb: the act has not happened.

        "If talks fail, the army could resume airstrikes", "Should the truce collapse, fighting
        would erupt", "Will Russia attack?". A modal of the past ("may have killed") reports an
        uncertain act that did happen, and stays.
        """
        for v in self._clause_verbs(tok):
            kids = list(v.children)
            aux = [c for c in kids if c.dep_ in {"aux", "auxpass"}]
            perfect = any(c.lemma_.lower() == "have" for c in aux)
            modal = next((c for c in aux if _in(c, self.w.modal)), None)
            # "hardly ever attacks convoys", "routinely torture detainees": habits, not events.
            # "security forces routinely beat and detain protesters" may be tagged as a past.
            if v.tag_ in {"VBZ", "VBP", "VBD"}:
                habit = next(
                    (c for c in kids if c.dep_ == "advmod" and _in(c, self.w.habitual)), None
                )
                if habit is not None:
                    return f"habitual: {habit.text} {v.text}"
                # "Landmines kill 5,000 people a year": a rate, not one event.
                # The parser may hang the rate on the object ("kill 100,000 people a year").
                rated = kids + [g for c in kids if c.dep_ in {"dobj", "obj"} for g in c.children]
                rate = next(
                    (
                        c
                        for c in rated
                        if c.dep_ == "npadvmod"
                        and _in(c, self.w.time_units)
                        and any(d.dep_ == "det" and _in(d, self.w.rate_dets) for d in c.children)
                    ),
                    None,
                )
                if rate is not None:
                    return f"rate: {v.text} per {rate.text}"
            # "Landmines kill thousands worldwide": a general truth in the present.
            if v.tag_ in {"VBZ", "VBP"}:
                # Or on a conjunct verb ("kill and maim thousands globally").
                scoped = kids + [g for c in kids if c.dep_ == "conj" for g in c.children]
                scope = next(
                    (c for c in scoped if c.dep_ == "advmod" and _in(c, self.w.generic_scope)),
                    None,
                )
                if scope is not None:
                    return f"generic: {v.text} {scope.text}"
            if perfect and self._cumulative(v):
                return f"cumulative tally: {v.text}"
            # "Fighting is likely to intensify", "the army is poised to attack": a forecast.
            likely = next(
                (
                    c
                    for c in kids
                    if c.dep_ == "acomp"
                    and _in(c, self.w.likely)
                    and any(x.dep_ == "xcomp" for x in c.children)
                ),
                None,
            )
            if likely is not None:
                return f"not yet happened: {v.text} {likely.text}"
            if modal is not None and not perfect:
                return f"not yet happened: {modal.text} {v.text}"
            for c in kids:
                if c.dep_ != "advcl":
                    continue
                cond = next(
                    (
                        m
                        for m in c.children
                        if (m.dep_ == "mark" and self._condition_mark(m))
                        # Inverted condition: "Should the truce collapse", "Had troops fired".
                        or (m.dep_ == "aux" and _inverted_condition(c))
                    ),
                    None,
                )
                # A past-tense condition on a past act ("fired, unless witnesses were
                # mistaken, ...") hedges a report; a present one ("if talks fail") or one with a
                # modal main verb tells what has not happened.
                if cond is not None and (
                    modal is not None
                    or c.tag_ in {"VBZ", "VBP", "VB"}
                    or cond.dep_ == "aux"
                    or v.tag_ in {"VBZ", "VBP", "VB"}
                ):
                    return f"conditional: {cond.text} {c.text}"
            if any(c.dep_ == "mark" and self._condition_mark(c) for c in kids):
                return f"conditional: {v.text}"
            if v.dep_ == "advcl" and _inverted_condition(v):
                return f"conditional: {v.text}"
            # "in case the rebels shell the village", parsed as a clause on the noun "case".
            if (
                v.dep_ == "acl"
                and v.head.dep_ == "pobj"
                and f"{v.head.head.lower_}-{v.head.lower_}" in self.w.condition
            ):
                return f"conditional: {v.head.head.text} {v.head.text} {v.text}"
            # Headline future: "Army to launch offensive on Kidal".
            if (
                v.tag_ == "VB"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in kids)
            ):
                return f"not yet happened: to {v.text}"
            # "before it launches an assault": a time clause in the present tells the future.
            if v.tag_ in {"VBZ", "VBP"} and any(
                c.dep_ == "mark" and _in(c, self.w.future_marks) for c in kids
            ):
                return f"not yet happened: {v.text}"
            # A purpose: "worked with rebels to attack civilians" tells an aim, not an act.
            if (
                v.dep_ in {"advcl", "acl"}
                and v.tag_ == "VB"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
            ):
                return f"purpose: to {v.text}"
            if _asks(v):
                return f"question: {v.text}"
        return None

    # ------------------------------------------------------------------------------------------
    def _history(self, tok: Any, published: date) -> str | None:
        """A year long before publication, or "N years ago", that dates the act or its subject."""
        # Each finding is a time unit ("years ago", "ten years since") or a year: a sentence
        # with neither has none, and the walks below are skipped.
        st = sentence_tokens(tok.doc)
        units = self.w.time_units
        if (
            units.isdisjoint(st.lemma)
            and units.isdisjoint(st.lower)
            and not any(YEAR.match(t) for t in st.text)
        ):
            return None
        scope: list[Any] = [tok]
        for v in self._clause_verbs(tok):
            scope.append(v)
            scope.extend(c for c in v.children if c.dep_ in {"nsubj", "nsubjpass", "npadvmod"})
            # "The 2021 massacre at Solhan, which killed 160": the antecedent carries the year.
            subj = _subject(v)
            if subj is not None:
                scope.append(subj)
                # Up to the noun phrase the antecedent belongs to: "the 2021 massacre at Solhan".
                np = subj
                for _ in range(3):
                    if np.dep_ not in {"pobj", "prep", "appos", "compound"} or np.head.i == np.i:
                        break
                    np = np.head
                    scope.append(np)
        # "the 1995 massacre, in which soldiers killed thousands", "the 1982 siege that saw
        # troops kill": a relative clause on an act dated years back tells that act.
        antecedent = self._relative_antecedent(tok)
        if antecedent is not None:
            scope.append(antecedent)
            # "In 2019, IS claimed the bombings that killed 269": the year dates the antecedent's
            # own clause.
            scope.extend(self._clause_verbs(antecedent))
        since = self._years_since(tok)
        if since is not None:
            return f"history: {since}"
        # "Ten years on, parents still wait for daughters abducted by Boko Haram": the sentence
        # is set years after, and an act told inside it (not its main verb) is background.
        if not _main_clause(tok):
            root = tok.sent.root  # read only here: finding the sentence walks the parse
            for c in root.children:
                if c.dep_ in {"advmod", "npadvmod", "prep"} and c.lower_ in {"on", "later"}:
                    unit = next((u for u in c.subtree if _in(u, self.w.time_units)), None)
                    if unit is not None:
                        return f"history: {_span(c).text}"
        for w in _modifiers(scope):
            if YEAR.match(w.text) and int(w.text[:4]) <= published.year - HISTORY_YEARS:
                return f"history: {w.text}"
            if w.lower_ == "ago" and any(_in(u, self.w.time_units) for u in w.subtree):
                return f"history: {_span(w).text}"
            # "Ten years after Boko Haram abducted ...": the act is dated years back.
            if (
                w.dep_ == "npadvmod"
                and _in(w, self.w.time_units)
                and any(
                    c.dep_ == "mark" and c.lower_ in {"after", "since"} for c in w.head.children
                )
            ):
                return f"history: {_span(w).text} {w.head.text}"
        return None

    def _relative_antecedent(self, tok: Any) -> Any | None:
        """The noun a relative clause holding the trigger is attached to, or None."""
        t = _phrase_head(tok)
        for _ in range(4):
            if t.head.i == t.i:
                return None
            if t.dep_ == "relcl" and t.head.pos_ in {"NOUN", "PROPN"}:
                return t.head
            if t.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "dobj", "nsubj", "nsubjpass"}:
                return None
            t = t.head
        return None

    def _years_since(self, tok: Any) -> str | None:
        """ "marks 30 years since the genocide, in which ... were killed": dated years back."""
        t = _phrase_head(tok)
        for _ in range(6):
            # "marked ten years since fighters stormed the school and abducted the girls": a
            # clause with "since"; a conjunct shares its first conjunct's clause.
            # "... since fighting broke out": the act is the subject of the dated clause.
            if (t.dep_ == "conj" or t.dep_ in {"nsubj", "nsubjpass"}) and t.head.i != t.i:
                t = t.head
                continue
            clause_since = t.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in {"since", "after"} for m in t.children
            )
            if t.head.i == t.i or (t.dep_ not in SINCE_PATH_DEPS and not clause_since):
                return None
            if (t.dep_ == "prep" and t.lower_ in {"since", "after"}) or clause_since:
                h = t.head
                units = [h] + [c for c in h.children if c.dep_ in {"dobj", "npadvmod", "nsubj"}]
                # "Fifty years after the coup": the measure may hang on the preposition itself.
                units += [c for c in t.children if c.dep_ == "npadvmod"]
                hit = next((u for u in units if _in(u, self.w.time_units)), None)
                return f"{hit.text} {t.text}" if hit is not None else None
            t = t.head
        return None

    def _aggregate(self, trig: Any, governor: Any) -> bool:
        """A condemned act that is plural, "a wave of ..." or "... around the world"."""
        if trig.tag_ in {"NNS", "NNPS"}:
            return True
        # "condemned the killing of civilians": bare plural victims, no count, no one event.
        for prep in (c for c in trig.children if c.dep_ == "prep" and c.lower_ == "of"):
            for victims in (p for p in prep.children if p.dep_ == "pobj"):
                if victims.tag_ == "NNS" and not any(
                    c.dep_ in {"det", "nummod", "poss"} for c in victims.children
                ):
                    return True
        if any(_in(w, self.w.generic_scope) for w in governor.subtree):
            return True
        t = trig
        # spaCy makes a new Token object per access: compare indices, never identities.
        while t.i != governor.i and t.head.i != t.i:
            t = t.head
            if t.lemma_.lower() in AGGREGATE_HEADS:
                return True
        return False

    def _bare_reference(self, trig: Any, arg: Any) -> bool:
        """The condemned act is only named: "condemned the attack", "denounced the bombing".

        The condemner is no attacker, and a bare "the attack" points back at an act told
        elsewhere. Any detail of its own (a place, a target, a date, a relative clause, the
        doer's name) makes it a report: "condemned the attack on a church in Kasese" stays.
        """
        if arg.i != trig.i or trig.pos_ != "NOUN" or trig.dep_ not in {"dobj", "obj", "pobj"}:
            return False
        for c in trig.children:
            if c.dep_ == "det" or (c.dep_ == "poss" and c.pos_ == "PRON"):
                continue
            if c.dep_ in {"amod", "compound"} and c.pos_ not in {"PROPN", "NUM"}:
                continue
            return False
        return True

    def _exercise(self, tok: Any) -> str | None:
        """ "Troops held exercises, firing artillery", "fired missiles during a drill".

        An attack by militants or gunmen during an exercise is real ("militants attacked
        soldiers during a training exercise")."""
        v = _phrase_head(tok)
        doer = _subject(v)
        if doer is not None and any(_in(w, self.w.blockers) for w in doer.subtree):
            return None
        for _ in range(4):
            for c in v.children:
                if c.dep_ in {"dobj", "obj", "nsubj", "nsubjpass"} and _in(c, self.w.exercise):
                    return c.text
                if c.dep_ == "prep" and c.lower_ in {"during", "in", "as"}:
                    obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if obj is not None and _in(obj, self.w.exercise):
                        return obj.text
                # "launched a missile into the sea, the latest in a string of weapons tests".
                if c.dep_ in {"npadvmod", "appos"}:
                    hit = next((w for w in c.subtree if _in(w, self.w.exercise)), None)
                    if hit is not None:
                        return hit.text
            # "held drills, practising repelling an invasion": up from the object too.
            if v.dep_ in {"advcl", "conj", "xcomp", "dobj", "pcomp"} and v.head.i != v.i:
                v = v.head
                continue
            break
        return None

    def _hazard_doer(self, tok: Any) -> str | None:
        """The hazard ("earthquake", "fire caused by a fault") or accident doing the act.

        "A bus plunged into a ravine, killing 11": the killing belongs to an accident verb; "a
        ferry sank" has no object and no doer. A bomb, a weapon or a gunman in the subject makes
        it an attack again ("artillery fire killed three").
        """
        if (
            _in(tok, self.w.accident)
            and not any(c.dep_ in {"dobj", "obj", "agent"} for c in tok.children)
            and not self._bomb_subject(tok)
        ):
            return tok.text
        # "the explosion ... was caused by heat": the cause is the passive's agent.
        hit = self._passive_hazard(tok) or self._hazard_agent(tok) or self._hazard_site(tok)
        if hit is not None:
            return hit
        hit = self._hazard_death(tok)
        if hit is not None:
            return hit
        # "an explosion at a depot in N'Djamena, which killed nine, was caused by a fire": the
        # parser may hang the relative clause on the place; it tells the phrase's head.
        ante = self._relative_antecedent(tok)
        if ante is not None and ante.pos_ == "PROPN":
            n = ante
            for _ in range(4):
                if n.dep_ not in {"pobj", "prep"} or n.head.i == n.i:
                    break
                n = n.head
            if n.i != ante.i and n.pos_ == "NOUN":
                hit = self._passive_hazard(n)
                if hit is not None:
                    return hit
        cause = self._hazard_cause(tok)
        if cause is None and tok.dep_ in {"nsubj", "nsubjpass"}:
            cause = self._hazard_cause(tok.head)  # "shells ... exploded due to the heat"
        if cause is not None:
            return cause
        v = tok
        for _ in range(4):
            if _in(v, self.w.accident) and v.i != tok.i and not self._bomb_subject(v):
                return v.text
            if v.i != tok.i:
                # "A reactor exploded at a chemical plant, killing eight": the killing's verb.
                hit = self._hazard_site(v)
                if hit is not None:
                    return hit
            cause = self._hazard_cause(v)
            if cause is not None:
                return cause
            # "An ammunition depot exploded after a fire broke out": the clause's subject is the
            # hazard, even when the exploding thing holds arms. Only for an act with no object
            # or target: "police fired on protesters after a fire broke out" still fired.
            for c in v.children:
                if (
                    c.dep_ == "advcl"
                    # "Two people died when a gas cylinder exploded": "when" may be an advmod.
                    and any(
                        m.dep_ in {"mark", "advmod"} and m.lower_ in {"after", "when"}
                        for m in c.children
                    )
                    and not any(
                        x.dep_ in {"dobj", "obj", "agent"}
                        or (
                            x.dep_ == "prep"
                            and x.lower_ in TARGET_PREPS
                            # "on Sunday" is a day, not a target.
                            and any(
                                p.dep_ == "pobj" and p.ent_type_ not in {"DATE", "TIME"}
                                for p in x.children
                            )
                        )
                        for x in v.children
                    )
                ):
                    s = _subject(c)
                    if s is None:
                        continue
                    hit = next(
                        (t for t, w in _sentence_words(_span(s)) if w in self.w.hazard), None
                    )
                    if hit is not None and not self._harmful(_span(s)):
                        return hit.text
                    # "exploded after containers of chemicals caught fire": the clause's own
                    # words tell the hazard, when nothing in it or in the act's subject is armed.
                    hit = next(
                        (t for t, w in _sentence_words(c.subtree) if w in self.w.hazard), None
                    )
                    own = _subject(v)
                    if (
                        hit is not None
                        and not self._harmful(c.subtree)
                        and not (own is not None and self._harmful(own.subtree))
                    ):
                        return hit.text
            subj = _subject(v)
            if subj is not None:
                # Before the armed test: "an explosion at a military depot, blamed on the heat".
                cause = self._hazard_cause(subj)
                if cause is not None:
                    return cause
                if self._armed_subject(v):
                    return None
                # "A magnitude 6.8 earthquake killed ...": the parser may split the subject.
                subjects = [c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}]
                hit = next(
                    (
                        t.text
                        for s in (subjects if len(subjects) > 1 else [subj])
                        for t, w in _sentence_words(_span(s))
                        if w in self.w.hazard
                    ),
                    None,
                )
                if hit is None:
                    hit = self._hazard_site(subj)  # "an explosion at a chemical plant killed 50"
                if hit is None:
                    hit = self._site_compound(subj)  # "a pipeline blast killed 12"
                if hit is not None:
                    return hit
            # "caught fire after colliding with a truck, killing 7".
            if not self._armed_subject(v):
                for c in v.children:
                    if c.dep_ == "prep" and c.lower_ in {"after", "following"}:
                        hit = next(
                            (
                                p
                                for p in c.children
                                # "following a crash": the parser may make the noun an object.
                                if p.dep_ in {"pcomp", "pobj", "dobj"}
                                and (_in(p, self.w.accident) or _in(p, self.w.hazard))
                            ),
                            None,
                        )
                        if hit is not None:
                            return hit.text
                        # "exploded after hitting a fuel tanker": the hazard in the clause.
                        if not self._harmful(tok.sent, skip_sources=True):
                            hit = next(
                                (
                                    t
                                    for p in c.children
                                    # "after containers of chemicals caught fire", parsed
                                    # as an object with a clause on it.
                                    if p.dep_ in {"pcomp", "pobj"}
                                    for t, w in _sentence_words(p.subtree)
                                    if w in self.w.hazard or w in self.w.accident
                                ),
                                None,
                            )
                            if hit is not None:
                                return hit.text
            if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"}:
                # "a minibus overturned ..., killing 9" parsed as two clauses on the noun.
                noun = v.head
                # "A magnitude 6.1 earthquake killed 30", parsed as a noun with a participle.
                if noun.dep_ == "ROOT" and _in(noun, self.w.hazard):
                    return noun.text
                crash = next(
                    (
                        c
                        for c in noun.children
                        if c.dep_ in {"acl", "relcl"} and c.i != v.i and _in(c, self.w.accident)
                    ),
                    None,
                )
                # "A military truck overturned": an army's vehicle has accidents too; "a truck
                # bomb" does not.
                if crash is not None and not any(
                    _in(w, self.w.blockers) for w in noun.subtree if w.i < crash.i
                ):
                    return crash.text
                break
            if v.dep_ in {"advcl", "conj", "xcomp"} and v.head.i != v.i:
                v = v.head
                continue
            # "Heat set off blasts at a depot": the blast is the object of what the hazard did;
            # "floods hit X, sweeping away homes and killing 45" may hang the killing on "homes".
            if v.dep_ in {"dobj", "obj"} and v.pos_ == "NOUN":
                v = v.head
                continue
            break
        if tok.pos_ == "NOUN":
            site = self._site_compound(tok)  # "a refinery explosion"
            if site is not None:
                return site
            first = _compound_chain(tok)[0].i  # "a propane tank explosion"
            hit = next(
                (
                    t.text
                    for t, w in _sentence_words(tok.doc[first : tok.i + 1])
                    # The trigger's own word is no hazard ("opened fire"); "gas explosion" is.
                    if w in self.w.hazard and (t.i != tok.i or "-" in w)
                ),
                None,
            )
            if hit is not None:
                return hit
        return None

    def _hazard_death(self, tok: Any) -> str | None:
        """A death the sentence puts in a hazard: "killed in a road accident", "died in a fire";
        also for a doerless act beside it ("a man was found dead; police believe he was killed
        in a road accident"). Nothing armed may be named: "killed in a fire set by gunmen"."""
        if tok.pos_ != "VERB":
            return None
        # A doer names who acted ("gunmen killed two in a bus crash" is an attack); the dead
        # ("he died in a crash") and a passive's victims are no doers.
        if not _in(tok, self.w.toll_verbs) and any(c.dep_ == "nsubj" for c in tok.children):
            return None
        if self._harmful(tok.sent, skip_sources=True):
            return None
        for v in tok.sent:
            if not (_in(v, self.w.casualty) or _in(v, self.w.toll_verbs)) or v.pos_ != "VERB":
                continue
            for c in v.children:
                if c.dep_ != "prep" or c.lower_ not in {"in", "during"}:
                    continue
                for p in (p for p in c.children if p.dep_ == "pobj"):
                    if not (_in(p, self.w.hazard) or _in(p, self.w.accident)):
                        continue
                    # "killed in the fire" may be an arson's fire told before; "killed in a
                    # house fire" names the fire's kind.
                    if _in(p, self.w.explosion_nouns) and not any(
                        m.dep_ == "compound" for m in p.children
                    ):
                        continue
                    return p.text
        return None

    def _hazard_agent(self, tok: Any) -> str | None:
        """The hazard that is the passive verb's own agent: "three hikers were killed by an
        avalanche". A weapon or harm word in the agent keeps the attack ("killed by a bomb")."""
        if tok.pos_ not in {"VERB", "AUX"}:
            return None
        cause = _agent_object(tok)
        if cause is None:
            return None
        # The whole sentence decides: "killed by fire from Russian positions" is gunfire.
        sent = list(tok.sent)
        if _in(cause, self.w.hazard) and not (
            self._harmful(sent) or any(_in(w, self.w.armed) for w in sent)
        ):
            return cause.text
        return None

    def _hazard_site(self, tok: Any) -> str | None:
        """An explosion or fire named by the hazardous site it happened at ("an explosion at a
        fireworks factory"), in a sentence with no harm word ("a bomb at a gas station" stays).

        The site may also be the place of the verb a blast is the subject of ("a blast ripped
        through a textile factory") or of an explosion verb ("a boiler blew up at a sugar mill").
        """
        if tok.pos_ in {"NOUN", "PROPN"}:
            holders = [tok]
            if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and _in(tok, self.w.explosion_nouns):
                holders.append(tok.head)
        elif tok.pos_ == "VERB" and _in(tok, self.w.explosion_verbs):
            holders = [tok]
        else:
            return None
        for h in holders:
            # "A powerful explosion rocked a refinery": the site is the blast's verb's object.
            if h.i != tok.i:
                site = next((c for c in h.children if c.dep_ in {"dobj", "obj"}), None)
                if (
                    site is not None
                    and self._industrial(site)
                    and not self._harmful(tok.sent, skip_sources=True)
                ):
                    return site.text
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in {"at", "in", "inside", "through"}:
                    continue
                if h.i != tok.i and c.lower_ not in {"at", "through"}:
                    continue  # "a blast hit a bus in Kabul": the town is no site
                for site in (p for p in c.children if p.dep_ == "pobj"):
                    hit = next(
                        (
                            m
                            for m in site.children
                            if m.dep_ == "compound" and _in(m, self.w.hazard)
                        ),
                        None,
                    )
                    # "an explosion at a chemical plant": an industrial site is itself a hazard.
                    if hit is None and self._industrial(site):
                        hit = site
                    if hit is not None and not self._harmful(tok.sent, skip_sources=True):
                        return hit.text
        return None

    def _industrial(self, noun: Any) -> bool:
        """An industrial site, in one word ("refinery") or with its compound ("coal mine")."""
        words = sorted(_with_compounds(noun), key=lambda t: t.i)
        return any(w in self.w.industrial_site for _t, w in _sentence_words(words))

    def _site_compound(self, noun: Any) -> str | None:
        """The industrial site named before an explosion noun ("a pipeline blast", "a refinery
        fire"), in a sentence with no harm word."""
        if not _in(noun, self.w.explosion_nouns) or self._harmful(noun.sent, skip_sources=True):
            return None
        hit = next(
            (
                m
                for m in _compound_chain(noun)
                if m.i != noun.i and (_in(m, self.w.industrial_site) or _in(m, self.w.hazard))
            ),
            None,
        )
        return None if hit is None else hit.text

    def _passive_hazard(self, tok: Any) -> str | None:
        """The hazard that caused ``tok`` by a passive: "the explosion was caused by a fire"."""
        if tok.dep_ != "nsubjpass":
            return None
        cause = _agent_object(tok.head)
        if cause is None:
            return None
        words = _with_compounds(cause)
        hit = next((w.text for w in words if _in(w, self.w.hazard)), None)
        if hit is not None and not any(_in(w, self.w.harm_words) for w in words):
            return hit
        return None

    def _hazard_cause(self, tok: Any) -> str | None:
        """A hazard named as the cause in a participle on a noun ("an explosion ..., blamed on
        the hot weather", "a blast caused by a gas leak") or in a cause phrase on a verb
        ("exploded due to hot weather"). A weapon word there keeps the attack."""
        if tok.pos_ in {"VERB", "AUX"}:
            links = [c for c in tok.children if c.dep_ == "prep" and _in(c, self.w.cause_preps)]
        elif tok.pos_ in {"NOUN", "PROPN"}:
            acls = [c for c in tok.children if c.dep_ == "acl"]
            links = [c for a in acls for c in a.children if c.dep_ in {"agent", "prep"}]
        else:
            return None
        # "due to hot weather": the object may hang on the preposition's second word.
        links += [c for link in links for c in link.children if c.dep_ in {"pcomp", "prep"}]
        for cause in (p for link in links for p in link.children if p.dep_ == "pobj"):
            words = _with_compounds(cause)
            if any(_in(w, self.w.harm_words) for w in words):
                continue
            hit = next((t.text for t, w in _sentence_words(words) if w in self.w.hazard), None)
            if hit is not None:
                return hit
        return None

    def _bomb_subject(self, verb: Any) -> bool:
        """A bomb or an attacker in the subject: "a truck bomb crashed into the gate". Aircraft
        and soldiers that collide or crash are accidents."""
        subj = _subject(verb)
        return subj is not None and any(_in(w, self.w.blockers) for w in subj.subtree)

    def _armed_subject(self, verb: Any) -> bool:
        subj = _subject(verb)
        return subj is not None and self._harmful(subj.subtree)

    def _harmful(self, words: Any, skip_sources: bool = False) -> bool:
        """A weapon or armed word among ``words``, outside a hazard compound: "a gas tank" is
        no army's tank, "a tank shell" still is. With ``skip_sources`` a word that only names
        who reports ("police said") does not count."""
        words = [w for w in words if not (skip_sources and self._source(w))]
        covered: set[int] = set()
        for t, w in _sentence_words(words):
            if "-" in w and w in self.w.hazard:
                # Two tokens ("gas tank") or three with the hyphen ("gas-tank").
                hyphen = t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-"
                covered.update(range(t.i, t.i + (3 if hyphen else 2)))
        return any(_in(w, self.w.harm_words) for w in words if w.i not in covered)


# Dependencies through which a date word modifies the act or its doer ("the 2008 Mumbai
# attacks", "in 1994", "twenty years ago"), without entering another clause.
MODIFIER_DEPS = frozenset(
    {"nummod", "compound", "amod", "npadvmod", "advmod", "prep", "pobj", "nmod", "poss", "nsubj"}
)
# "after clashes that began in 2014": a time relative to another act dates that act.
#: A count of dead no single event of a present-perfect process reaches ("The fighting has
#: killed more than 500 people"): a tally of many events.
TALLY_MIN = 100

RELATIVE_PREPS = frozenset({"after", "before", "since", "until", "following"})


def _present_perfect(verb: Any) -> bool:
    """ "has killed", "have been killed": a present tense of "have" as the verb's auxiliary."""
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() == "have" and c.tag_ in {"VBZ", "VBP"}
        for c in verb.children
    )


def _modifiers(heads: list[Any]) -> Iterator[Any]:
    """Tokens that modify ``heads`` within their own clause, heads included."""
    seen: set[int] = set()
    stack = list(heads)
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        yield t
        for c in t.children:
            if c.dep_ not in MODIFIER_DEPS or c.pos_ in {"VERB", "AUX"}:
                continue
            if c.dep_ == "prep" and c.lower_ in RELATIVE_PREPS:
                continue
            stack.append(c)


def _place_name(st: SentenceTokens, i: int) -> bool:
    """A proper noun after a place preposition ("in Lira", "near Bonus"): a place's name."""
    h = st.head[i]
    return (
        st.pos[i] == "PROPN"
        and st.dep[i] == "pobj"
        and st.lower[h] in {"in", "at", "near", "outside", "from", "to", "into", "around"}
    )


def _victim(tok: Any) -> bool:
    """The word is inside the object of a verb ("lynched a suspected thief"), also in a reduced
    clause that describes the object ("attacked a man accused of theft")."""
    t = tok
    for _ in range(MAX_STEPS):
        if t.dep_ in {"dobj", "obj", "nsubjpass"}:
            return True
        if t.head.i == t.i or (t.pos_ in {"VERB", "AUX"} and t.dep_ != "acl"):
            return False
        t = t.head
    return False


def _agent_object(verb: Any) -> Any | None:
    """The object of a passive verb's "by" phrase ("killed by an avalanche"), or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _with_compounds(noun: Any) -> list[Any]:
    """The noun and the words compounded with it ("ransomware attackers")."""
    return [noun] + [c for c in noun.children if c.dep_ in {"compound", "amod"}]


def _compound_chain(noun: Any) -> list[Any]:
    """The noun and its compounds and their compounds, in text order ("propane tank explosion")."""
    out, todo = [noun], [noun]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ in {"compound", "amod"}:
                out.append(c)
                todo.append(c)
    return sorted(out, key=lambda t: t.i)


def _disrupting_verb(tok: Any, verbs: frozenset[str]) -> Any | None:
    """The verb of ``verbs`` ("defuse", "find", "destroy") whose object, passive subject or
    described noun is the weapon ``tok``; also the first verb of "found and destroyed a bomb"."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head  # "defused two mines and a grenade"
    if t.dep_ in {"dobj", "obj", "nsubjpass"}:
        heads = [t.head]
    elif t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of":
        heads = [t.head.head.head] if t.head.head.dep_ in {"dobj", "obj"} else []
    else:
        # "a landmine found near the village": the participle that describes the weapon.
        heads = [c for c in tok.children if c.dep_ == "acl"]
    for verb in heads:
        group = [verb, *(c for c in verb.children if c.dep_ == "conj")]
        if verb.dep_ == "conj":
            group.append(verb.head)
        found = next((v for v in group if v.pos_ == "VERB" and _in(v, verbs)), None)
        if found is not None:
            return found
    return None


def _objects(verb: Any) -> list[Any]:
    """The verb's objects, also one hung on "dead" in "shot dead his wife"."""
    found = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    for c in verb.children:
        if c.dep_ in {"acomp", "oprd", "prt"}:
            found.extend(o for o in c.children if o.dep_ in {"dobj", "obj"})
    return found


def _subject(verb: Any) -> Any | None:
    """The verb's subject; in "mudslides that killed 16", the noun the relative clause names."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        return verb.head
    return subj


def _inverted_condition(verb: Any) -> bool:
    """ "Should the truce collapse", "Had the army fired": an auxiliary opens the clause."""
    first = verb.left_edge
    return (
        first.dep_ == "aux"
        and first.head.i == verb.i
        and first.tag_ in {"MD", "VBD"}
        and any(c.dep_.startswith("nsubj") and c.i > first.i for c in verb.children)
    )


def _main_clause(tok: Any) -> bool:
    """The trigger belongs to the sentence's main assertion, not to a noun's description.

    "A year on, gunmen attacked the village, killing five": both acts are main; "parents wait
    for daughters abducted by Boko Haram": the abduction describes the daughters.
    """
    t = _phrase_head(tok)
    for _ in range(MAX_STEPS):
        if t.head.i == t.i:
            return True
        if t.dep_ not in {"xcomp", "ccomp", "conj", "advcl", "dobj", "nsubj", "nsubjpass"}:
            return False
        t = t.head
    return False


def _phrase_head(tok: Any) -> Any:
    """The noun a trigger modifies ("bombing hospitals" parsed as one noun phrase)."""
    t = tok
    for _ in range(3):
        if t.dep_ in {"compound", "amod", "nmod"} and t.head.i != t.i and t.head.pos_ == "NOUN":
            t = t.head
        else:
            break
    return t


def _span(tok: Any) -> Any:
    return tok.doc[tok.left_edge.i : tok.right_edge.i + 1]


def _asks(verb: Any) -> bool:
    """The clause of ``verb`` is a yes/no question: "Will Russia attack NATO?".

    Only an auxiliary before the subject and a closing "?" count: "Who fired the rocket that
    killed five?" asks about an act that happened.
    """
    right = verb.right_edge
    nxt = right.i + 1
    end = right if right.text == "?" else (verb.doc[nxt] if nxt < len(verb.doc) else None)
    if end is None or end.text != "?":
        return False
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and any(
        c.dep_ in {"aux", "auxpass"} and c.i < subj.left_edge.i for c in verb.children
    )
