"""Factuality and word-sense stage: is a violent trigger an event that happened?

The trigger stage finds words such as "attack", "struck" or "fired"; this stage decides whether
the sentence reports that act as a fact. It drops violent readings that are denied, only alleged
by an accuser or condemned in general, planned, threatened, simulated, conditional or negated, and
violent words used in another sense (sports, business, entertainment, games, ordinary crime) or
whose doer is a natural hazard or an accident, and violence recalled on an anniversary. Claims
of responsibility are facts and pass.

Every word class comes from ``lexicons.tsv`` (``fact_*`` and ``context_*`` classes), so users
extend them with ``EVENTETL_DICTIONARY_PATH`` like any other dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from etl.coding.lexicon import Lexicon

VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Dependency relations through which a governing word scopes over the trigger: a complement,
# an object or the noun a clause describes. Adverbial clauses ("vowed revenge after troops
# killed five") and conjuncts are separate assertions and stop the walk.
SCOPE_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "relcl", "attr", "appos"}
)
MAX_STEPS = 8
# Aggregates: a condemnation of "a wave of attacks" names no single event.
AGGREGATE_HEADS = frozenset({"wave", "series", "spate", "string", "campaign", "surge", "cycle"})
NEGATIVE_DETS = frozenset({"no", "neither"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "nothing", "noone"})


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
    other_sense: frozenset[str]
    armed: frozenset[str]
    mob: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lex: Lexicon) -> WordClasses:
        """Read the ``fact_*``/``context_*`` classes (empty when a class is missing)."""
        return cls(
            denial=lex.cls("fact_denial"),
            accusation=lex.cls("fact_accusation"),
            condemnation=lex.cls("fact_condemnation"),
            intent=lex.cls("fact_intent"),
            absence=lex.cls("fact_absence"),
            modifier=lex.cls("fact_modifier"),
            history=lex.cls("fact_history"),
            hazard=lex.cls("context_hazard"),
            other_sense=lex.cls("context_sport")
            | lex.cls("context_business")
            | lex.cls("context_entertainment")
            | lex.cls("context_game")
            | lex.cls("context_crime"),
            armed=lex.cls("armed") | lex.cls("armed_context") | lex.cls("sense_blockers"),
            mob=lex.cls("acled_mob"),
        )


def _words(tok: Any) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def _in(tok: Any, words: frozenset[str]) -> bool:
    lemma, lower = _words(tok)
    return lemma in words or lower in words


class Factuality:
    """Decide whether a violent trigger in a parsed sentence reports an act that happened."""

    def __init__(self, lex: Lexicon) -> None:
        self.w = WordClasses.from_lexicon(lex)

    def sentence_sense(self, doc: Any) -> str | None:
        """A reason when the whole sentence is about sport, business, film, a game or crime.

        Only when no armed actor word appears: "troops beat protesters at the stadium" keeps
        its violence, "Nigeria beat Cameroon 2-0 in the quarter-finals" does not.
        """
        other = next((t for t in doc if _in(t, self.w.other_sense)), None)
        if other is None:
            return None
        if any(t.pos_ in {"NOUN", "PROPN"} and _in(t, self.w.armed) for t in doc):
            return None
        if any(_in(t, self.w.mob) for t in doc):
            return None  # "villagers lynched two suspected thieves": mob violence (ACLED Riots)
        return f"word sense: {other.text!r} sets a non-political context"

    def violent_reason(self, doc: Any, trigger_i: int) -> str | None:
        """Why the violent trigger at ``trigger_i`` is not a factual event, or None if it is."""
        tok = doc[trigger_i]
        if tok.dep_ == "pobj" and tok.head.lower_ in self.w.absence:
            return f"negated: {tok.head.text} {tok.text}"
        for c in tok.children:
            if c.dep_ in {"nsubj", "nsubjpass", "dobj", "obj"} and (
                c.lower_ in NEGATIVE_PRONOUNS
                or any(d.dep_ == "det" and d.lower_ in NEGATIVE_DETS for d in c.children)
            ):
                return f"negated argument: {c.text}"
        unreal = next(
            (c for c in tok.children if c.dep_ in {"amod", "compound"} and _in(c, self.w.modifier)),
            None,
        )
        if unreal is not None:
            return f"not real: {unreal.text} {tok.text}"
        hazard = self._hazard_doer(tok)
        if hazard is not None:
            return f"no perpetrator: {hazard!r} is a hazard or accident"
        first_verb = True
        t = tok
        for _ in range(MAX_STEPS):
            if t.dep_ not in SCOPE_DEPS or t.head.i == t.i:
                break
            g = t.head
            if _in(g, self.w.denial):
                return f"denied: {g.text}"
            if _in(g, self.w.accusation):
                return f"accusation: {g.text}"
            if _in(g, self.w.condemnation) and self._aggregate(tok, g):
                return f"condemnation of unspecified acts: {g.text}"
            if _in(g, self.w.intent):
                return f"not yet happened: {g.text}"
            if _in(g, self.w.history):
                return f"history: {g.text}"
            if g.pos_ in {"VERB", "AUX"}:
                if first_verb and any(c.dep_ == "neg" for c in g.children):
                    return f"negated governor: {g.text}"
                if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in g.children):
                    return f"conditional: {g.text}"
                first_verb = False
            t = g
        return None

    def _aggregate(self, trig: Any, governor: Any) -> bool:
        """A condemned act that is plural or part of "a wave of ..." is not one event."""
        if trig.tag_ in {"NNS", "NNPS"}:
            return True
        t = trig
        # spaCy makes a new Token object per access: compare indices, never identities.
        while t.i != governor.i and t.head.i != t.i:
            t = t.head
            if t.lemma_.lower() in AGGREGATE_HEADS:
                return True
        return False

    def _hazard_doer(self, tok: Any) -> str | None:
        """The hazard word ("earthquake", "cyclone", "fire caused by a fault") doing the act."""
        v = tok
        for _ in range(3):
            subj = next((c for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                hit = next((w for w in subj.subtree if _in(w, self.w.hazard)), None)
                return hit.text if hit is not None else None
            if v.dep_ in {"advcl", "conj", "xcomp"} and v.head.i != v.i:
                v = v.head
                continue
            break
        if tok.pos_ == "NOUN":
            hit = next((c for c in tok.children if _in(c, self.w.hazard)), None)
            if hit is not None:
                return hit.text
        return None
