"""The triggers stage: the lexicon's verb and noun rules matched at a token.

:meth:`TriggerMatcher.match_rule` returns the first rule of a lemma whose conditions (object
words, prepositions, particles, subject or object class, modifiers, head) hold at the token; runs
of plain "obj=" rules are folded into one word lookup. Conditions on the subject or object read
the arguments stage (:class:`~etl.coding.arguments.ArgumentFinder`) that it builds on.
"""

from __future__ import annotations

from typing import Any

from etl.coding.arguments import (
    ARMED_CLASSES,
    OBJ,
    PASS_SUBJ,
    SUBJ,
    ArgumentFinder,
)
from etl.coding.lexicon import ActorEntry, Group, Lexicon, Rule
from etl.coding.mentions import SentenceInfo
from etl.coding.tokens import sentence_tokens


class TriggerMatcher(ArgumentFinder):
    """Matches trigger rules of a compiled :class:`Lexicon` at a token of a parsed sentence."""

    def __init__(self, lex: Lexicon) -> None:
        super().__init__(lex)
        self._compiled: dict[int, list[Any]] = {}
        # Heads looked through to the noun they measure or count ("tons of aid").
        self.measures = lex.cls("measure_nouns") | lex.cls("quantity_heads")

    def match_rule(self, tok: Any, info: SentenceInfo) -> Rule | None:
        """The first trigger rule whose conditions hold at ``tok`` (or None)."""
        st = sentence_tokens(info.doc)
        i = tok.i
        pos, tag, dep = st.pos[i], st.tag[i], st.dep[i]
        if pos == "VERB" and tag == "VBG" and dep in SUBJ | PASS_SUBJ | OBJ | {"pobj"}:
            # A gerund in a noun's place ("fighting erupted", "stopped the shelling") is read
            # with the noun rows.
            pos = "NOUN"
        if pos == "VERB" or (pos == "AUX" and dep not in {"aux", "auxpass"}):
            rules = self.lex.verb_rules.get(st.lemma[i])
            if not rules and tag in {"VBD", "VBN"} and st.lower[i].endswith("ed"):
                # The statistical lemmatiser slips on some past forms ("raped" -> "rap"):
                # try the regular base forms ("rape", "rap") before giving up.
                form = st.lower[i]
                rules = self.lex.verb_rules.get(form[:-1]) or self.lex.verb_rules.get(form[:-2])
        elif pos in {"NOUN", "PROPN"}:
            rules = self.lex.noun_rules.get(st.lemma[i]) or self.lex.noun_rules.get(st.lower[i])
        else:
            return None
        if not rules:
            return None
        memo: dict[str, Any] = {}
        for step in self._steps(rules):
            if isinstance(step, dict):
                # A run of single "obj=" rules: the earliest rule naming one of the object words.
                words = self._obj_words(tok, memo)
                if words:
                    # A word-sense stop reads the object itself: "struck oil" is a find, "struck
                    # an oil refinery" a strike.
                    hits = [
                        step[w]
                        for w in words
                        if w in step and (not step[w][1].stop or w in memo["objh"])
                    ]
                    if hits:
                        return min(hits, key=lambda ir: ir[0])[1]
                continue
            if all(self._cond(tok, key, vals, info, memo) for key, vals in step.conds):
                return step
        return None

    def _steps(self, rules: list[Rule]) -> list[Any]:
        """Rules of a lemma with runs of single "obj=" rules folded into word lookups (cached)."""
        key = id(rules)
        steps = self._compiled.get(key)
        if steps is not None:
            return steps
        steps = []
        run: dict[str, tuple[int, Rule]] | None = None
        for i, rule in enumerate(rules):
            if len(rule.conds) == 1 and rule.conds[0][0] == "obj":
                if run is None:
                    run = {}
                    steps.append(run)
                for w in rule.conds[0][1]:
                    run.setdefault(w, (i, rule))
            else:
                run = None
                steps.append(rule)
        self._compiled[key] = steps
        return steps

    def _obj_words(self, tok: Any, memo: dict[str, Any]) -> frozenset[str] | None:
        """Words that name the object of ``tok`` (computed once per token for all rules)."""
        if "obj" not in memo:
            o = self._obj(tok)
            if o is None:
                memo["obj"] = memo["objw"] = None
            else:
                o = self._through_measure(o)
                words = {o.lower_, o.lemma_.lower()}
                # "took ten passengers hostage", "set houses ablaze": a second object or an
                # object predicate carries the sense too.
                for c in tok.children:
                    if c is not o and c.dep_ in OBJ | {"oprd"}:
                        words.update((c.lower_, c.lemma_.lower()))
                own = frozenset(words)
                # "aid deliveries", "state of emergency": the modifier carries the sense.
                for c in o.children:
                    if c.dep_ == "compound" or (c.dep_ == "prep" and c.lower_ == "of"):
                        words.add(c.lower_)
                        words.update(g.lower_ for g in c.children)
                    elif c.dep_ == "prep" and c.lower_ == "on":
                        # "set a police post on fire": the idiom's phrase hung on the object.
                        words.update(f"on-{g.lower_}" for g in c.children if g.dep_ == "pobj")
                # Word-sense stops read the object's own words, with its modifiers only when
                # it is a measure or a container ("heroin shipments").
                memo["objh"] = frozenset(words) if o.lemma_.lower() in self.measures else own
                memo["obj"], memo["objw"] = o, frozenset(words)
        return memo["objw"]

    def _in_class(self, t: Any, cls: str, info: SentenceInfo) -> bool:
        words = self.lex.cls(cls)
        if t.lower_ in words or t.lemma_.lower() in words:
            return True
        if cls == "person":
            if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
                return True
            return any(c.dep_ == "appos" and self._in_class(c, cls, info) for c in t.children)
        if cls == "place":
            return (
                t.i in info.place_at
                or _country_named(t.i, info)
                or any(c.dep_ == "compound" and c.i in info.place_at for c in t.children)
            )
        if cls == "armed":
            hit = info.actor_at.get(t.i)
            if hit and any(isinstance(p, Group) for p in hit[2]):
                return True
            a = self.agent_of(t)
            return a is not None and a.acled_class in ARMED_CLASSES
        if cls == "people":
            if t.ent_type_ == "NORP" and t.tag_ in {"NNPS", "NNS"}:
                return True  # "two Ukrainians", "four Palestinians": people of a nationality
            a = self.agent_of(t)
            return a is not None and a.acled_class in {"civilians", "protesters"}
        if cls == "state_force":
            # "police captured a suspect", "FARDC seized ...": an agent noun of the state's
            # forces (agents.tsv) or a named group of inter code 1 (groups.tsv).
            hit = info.actor_at.get(t.i)
            if hit and any(isinstance(p, Group) and p.inter == 1 for p in hit[2]):
                return True
            a = self.agent_of(t)
            return a is not None and a.acled_class == "state"
        return False

    def _cond(
        self,
        tok: Any,
        key: str,
        vals: frozenset[str],
        info: SentenceInfo,
        memo: dict[str, Any] | None = None,
    ) -> bool:
        memo = {} if memo is None else memo
        if key == "obj":
            words = self._obj_words(tok, memo)
            return words is not None and not vals.isdisjoint(words)
        if key == "objc":
            self._obj_words(tok, memo)
            o = memo["obj"]
            if o is None:
                return False
            return any(self._in_class(o, v, info) for v in vals)
        if key == "prep":
            if "prep" not in memo:
                memo["prep"] = frozenset(
                    c.lower_ for c in tok.children if c.dep_ in {"prep", "agent", "prt"}
                )
            return not vals.isdisjoint(memo["prep"])
        if key == "pobj":
            # "agreed to a truce": a word of the object of one of the verb's prepositions;
            # "struck by drones": of its passive agent too.
            return any(
                not vals.isdisjoint(_noun_words(cc))
                for c in tok.children
                if c.dep_ in {"prep", "agent"}
                for cc in c.children
                if cc.dep_ == "pobj"
            )
        if key == "prt":
            # The tagger reads some particles as adverbs ("shot down 28 of 30 drones").
            return any(
                (c.dep_ == "prt" or (c.dep_ == "advmod" and c.i > tok.i)) and c.lower_ in vals
                for c in tok.children
            )
        if key == "noobj":
            return self._obj(tok) is None
        if key == "pass":
            return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in tok.children)
        if key == "subjc":
            s = self._subject_tok(tok)
            if s is None:
                return False
            # "hundreds of troops arrived": the measured noun, or the quantity ("thousands").
            heads = {s, self._through_measure(s)}
            return any(self._in_class(h, v, info) for h in heads for v in vals)
        if key == "mod":
            for c in tok.children:
                if c.dep_ in {"compound", "amod", "nmod", "poss", "npadvmod", "advmod"}:
                    if c.lower_ in vals or c.lemma_.lower() in vals:
                        return True
                    if "@actor" in vals and (c.i in info.actor_at):
                        return True
            # "air-strike" split by the tokenizer as air - strike
            if tok.i >= 2 and tok.doc[tok.i - 1].text == "-":
                return tok.doc[tok.i - 2].lower_ in vals
            return False
        if key == "head":
            h = tok.head
            return h is not tok and h.lemma_.lower() in vals
        if key == "objprep":
            # "used cluster munitions against X": a preposition hung on the direct object.
            self._obj_words(tok, memo)
            o = memo["obj"]
            return o is not None and any(c.dep_ == "prep" and c.lower_ in vals for c in o.children)
        if key == "agentc":
            # "a farmer was wounded by gunmen": the passive agent's noun is of the class.
            return any(
                cc.dep_ == "pobj" and any(self._in_class(cc, v, info) for v in vals)
                for c in tok.children
                if c.dep_ == "agent"
                for cc in c.children
            )
        if key == "anc":
            # "found with gunshot wounds", "bodies with bullet wounds": a word up to four
            # heads above the trigger.
            h = tok
            for _ in range(4):
                if h.head is h:
                    return False
                h = h.head
                if h.lemma_.lower() in vals:
                    return True
            return False
        return False

    def _through_measure(self, o: Any) -> Any:
        """ "25,000 tons of food aid", "a shipment of arms": the measured noun is the object."""
        for _ in range(2):
            if o.lemma_.lower() not in self.measures:
                return o
            nxt = None
            for c in o.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    nxt = next((cc for cc in c.children if cc.dep_ == "pobj"), None)
            if nxt is None:
                return o
            o = nxt
        return o


def _noun_words(tok: Any) -> frozenset[str]:
    """A noun's form and lemma with those of its compound and adjective modifiers."""
    toks = [tok, *(c for c in tok.children if c.dep_ in {"compound", "amod"})]
    return frozenset(t.lower_ for t in toks) | frozenset(t.lemma_.lower() for t in toks)


def _country_named(i: int, info: SentenceInfo) -> bool:
    """The token names a place the actor dictionary reads as its country ("Goma" -> COD)."""
    hit = info.actor_at.get(i)
    return hit is not None and all(isinstance(p, ActorEntry) and len(p.code) == 3 for p in hit[2])
