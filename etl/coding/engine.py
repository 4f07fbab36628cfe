"""Sentence-level event extraction over a spaCy parse: triggers, actors, places, dates.

One :class:`SentenceCoder` call takes a parsed sentence and a document context and returns
event candidates. The work per sentence is dictionary lookups and a walk over the dependency
tree near each trigger, so that coding costs a fraction of parsing.

The stages live in their own modules: mentions (:mod:`etl.coding.mentions`), triggers
(:mod:`etl.coding.triggers`) and arguments (:mod:`etl.coding.arguments`). This module runs them
per sentence (``SentenceCoder._candidate`` reads as its list of steps), merges related violent
triggers, and re-exports the names other modules import from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from etl.coding.arguments import (
    ARMED_CLASSES,
    OBJ,
    PASS_SUBJ,
    PRONOUNS,
    SUBJ,
    Actor,
    _class_of_code,
)
from etl.coding.assembly import (
    ABDUCTION,
    abduction_apart,
    coordinated_killing,
    separate_acts,
)
from etl.coding.lexicon import Lexicon, Rule
from etl.coding.mentions import SentenceInfo, analyse
from etl.coding.places import Place
from etl.coding.tokens import clause_tokens, sentence_tokens
from etl.coding.triggers import TriggerMatcher
from etl.geo.context import contains as geo_contains
from etl.geo.context import in_other_clause, is_dateline, small_homonym_abroad
from etl.geo.context import qualifiers as geo_qualifiers

# Stage names other modules import from here (the engine is the coder's facade).
__all__ = [
    "Actor",
    "Candidate",
    "SentenceCoder",
    "SentenceInfo",
    "_class_of_code",
    "analyse",
]

# ACLED strategic developments that a text may tell without naming who acted ("a base was set up
# in X", "reinforcements were sent to Y", "shops were looted in Z"); the place is enough.
ACTORLESS_ACLED = frozenset(
    {
        "Disrupted weapons use",
        "Other",
        "Change to group/activity",
        "Headquarters or base established",
        "Non-violent transfer of territory",
    }
)
# Governing roots that absorb an embedded event (code refined by the embedded event's root).
GOVERNING_ROOTS = {"02", "03", "10", "12", "13"}
REFINE = {
    ("02", "04"): "026",
    ("02", "07"): "023",
    ("02", "08"): "025",
    ("02", "06"): "021",
    ("02", "05"): "022",
    ("03", "04"): "036",
    ("03", "06"): "031",
    ("03", "07"): "033",
    ("03", "05"): "032",
    ("03", "08"): "035",
    ("10", "04"): "108",
    ("10", "06"): "101",
    ("10", "07"): "103",
    ("10", "08"): "105",
    ("12", "04"): "125",
    ("12", "06"): "121",
    ("12", "07"): "122",
    ("12", "08"): "124",
    ("13", "18"): "138",
    ("13", "19"): "138",
    ("13", "20"): "138",
    ("13", "16"): "131",
    ("13", "17"): "137",
    ("03", "19"): "138",
    ("03", "18"): "138",
    ("03", "03"): "030",
}
NEGATED = {
    "03": "120",
    "04": "125",
    "05": "120",
    "06": "121",
    "07": "122",
    "08": "124",
    "01": None,
    "02": None,
}
VIOLENT_ROOTS = {"18", "19", "20"}
# "X claimed responsibility (or credit) for the bombing": X did it.
CLAIM_VERBS = frozenset({"claim", "take", "accept", "admit"})
CLAIMED = frozenset({"responsibility", "credit"})
# Nouns of a targeted killing whose perpetrator may be named in an earlier sentence.
TARGETED_KILLING = {"killing", "assassination", "murder", "execution", "slaying", "kidnapping"}
# Verbal roots whose target may be the subject of a "that" clause.
CLAUSE_TARGET_ROOTS = {"02", "10", "11", "12", "13"}
# The threat made when an act is announced under a condition ("will ... unless ...").
THREAT_OF = {"16": "131", "17": "132", "18": "138", "19": "138", "20": "138", "14": "130"}
COOP_ROOTS = {"04", "05", "06", "07", "08"}
TARGET_PREPS = {"on", "against", "at", "upon", "with", "into", "targeting"}
OF_SOURCE_NOUNS = {
    "withdrawal",
    "retreat",
    "deployment",
    "redeployment",
    "mobilization",
    "mobilisation",
    "protest",
    "demonstration",
    "rally",
    "strike",
    "march",
}


@dataclass(slots=True)
class Candidate:
    """An event read from one sentence, before CAMEO/ACLED fields are filled in."""

    trigger_i: int
    rule: Rule
    cameo: str | None
    source: Actor | None
    target: Actor | None
    place: Place | None
    place_tok: tuple[int, int] | None
    near: bool
    weapon: str | None
    tok_start: int
    tok_end: int
    date_anchor: int  # char offset in sentence
    extra_places: list[tuple[Place, tuple[int, int]]] = field(default_factory=list)
    # Names listed with the event's place that the gazetteer does not know ("in Gorom and
    # X"): no event of their own, but they take their share of the dead.
    unplaced: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Reading:
    """A trigger's CAMEO code (and root) once modality, negation and a governing verb are read."""

    code: str | None
    root: str | None
    negated: bool
    # The ACLED sub-event type an embedded act lends its governor ("agreed to extend the
    # ceasefire" is an Agreement), if any.
    acled: str | None = None


# The rule behind a demand read from "X said Y must ..." when Y's verb is no trigger itself.
DEMAND_RULE = Rule("V", "must", (), "100", False, None, None, "engine")


class SentenceCoder(TriggerMatcher):
    """Extract event candidates from parsed sentences using a compiled :class:`Lexicon`."""

    #: Set by the coder to the factuality stage's test (doc, trigger index) -> the act happened.
    #: Related violent triggers merge into one that happened, not into one told as background
    #: ("Three years after rebels burned the market, gunmen attacked the town on Monday").
    factual: Callable[[Any, int], bool] | None = None

    def __init__(self, lex: Lexicon) -> None:
        super().__init__(lex)
        # Word classes that decide behaviour come from lexicons.tsv (users extend them).
        self.reporting = lex.cls("reporting")  # "say", "report": the reported clause is the event
        self.transparent = lex.cls("transparent")  # "try", "launch": look through to the event
        self.intent_violence = lex.cls("intent_violence")  # "vow to attack": a threat (138)
        self.modal_hedge = lex.cls("modal_hedge")  # "could", "might": not an event
        self.demand_speech = lex.cls("demand_speech")  # "said Y must ...": a demand
        self.lethal = lex.cls("lethal_verbs")  # "abducted and killed": the killing is the act
        self.later = lex.cls("later_adverbs")  # "kidnapped and later killed": two acts
        self.onlooker = lex.cls("onlooker_verbs")  # "UN condemns airstrike": UN did not strike
        self.help_purpose = lex.cls("help_purpose")  # "ready to send police to help": an offer
        self.reciprocal = lex.cls("reciprocal_verbs")  # "A and B clashed": B is A's opponent

    # ----- per sentence -------------------------------------------------------------------
    def candidates(
        self, info: SentenceInfo, when: date, memory: list[Actor], doc_ctx: dict[str, float]
    ) -> list[Candidate]:
        """Event candidates of one parsed sentence."""
        doc = info.doc
        if doc.text.rstrip().endswith("?"):
            return []
        found: list[tuple[Any, Rule]] = []
        toks = list(doc)  # spaCy makes a new Token per access: make them once
        n = len(toks)
        st = sentence_tokens(doc)
        text, pos, dep, lower = st.text, st.pos, st.dep, st.lower
        for i, tok in enumerate(toks):
            # "US-backed", "battle-hardened": parts of hyphenated modifiers are not triggers.
            if (i + 1 < n and text[i + 1] in "-–") or (
                i > 0 and text[i - 1] in "-–" and dep[i] in {"amod", "compound"}
            ):
                continue
            if pos[i] == "VERB" and dep[i] in {"amod", "compound"}:
                continue
            rule = self.match_rule(tok, info)
            if rule is not None and not rule.stop:
                found.append((tok, rule))
        out: list[Candidate] = []
        trig_at = {t.i for t, _r in found}
        for i, tok in enumerate(toks):
            if (
                i not in trig_at
                and pos[i] in {"VERB", "AUX"}
                and any(dep[c] == "aux" and lower[c] in {"must", "should"} for c in st.children[i])
            ):
                dem = self._demand(tok, None, None, info, when, memory, doc_ctx)
                if dem is not None:
                    out.append(dem)
        if not found:
            self._remember(info, when, memory)
            return out
        trig_index = {t.i: r for t, r in found}
        for tok, rule in found:
            cand = self._candidate(tok, rule, info, when, memory, doc_ctx, trig_index)
            if cand is not None:
                out.append(cand)
        self._attribute_nominal(out, memory)
        self._remember(info, when, memory)
        kept = _drop_protest_settings(_drop_protest_purposes(out, doc), doc)
        kept = _drop_acts_of_a_riot(kept, doc)
        _credit_claimed_acts(kept, doc)
        return self._merge_violent(_drop_protests_told_again(kept, doc), doc)

    def _attribute_nominal(self, out: list[Candidate], memory: list[Actor]) -> None:
        """ "the killing of X" with no named perpetrator: the attacker named in the sentence, or
        for targeted killings the armed actor remembered from the previous sentences."""
        named = [
            c.source
            for c in out
            if c.source is not None and c.cameo and c.cameo[:2] in VIOLENT_ROOTS
        ]
        for c in out:
            if c.source is not None or c.rule.pos != "N" or not c.cameo:
                continue
            if c.cameo[:2] not in VIOLENT_ROOTS:
                continue
            src = next((a for a in named if c.target is None or a.code != c.target.code), None)
            if src is None and c.rule.lemma in TARGETED_KILLING:
                src = next(
                    (
                        a
                        for a in reversed(memory)
                        if (_class_of_code(a.code) or a.acled_class) in ARMED_CLASSES | {"country"}
                        and (c.target is None or a.country != c.target.country)
                    ),
                    None,
                )
            if src is not None:
                c.source = src

    def _remember(self, info: SentenceInfo, when: date, memory: list[Actor]) -> None:
        # Keep the subject actors of the sentence for pronoun resolution in later sentences;
        # named groups count even without a country (JNIM, ADF).
        st = sentence_tokens(info.doc)
        for i, dep in enumerate(st.dep):
            if dep in SUBJ and st.lower[i] not in PRONOUNS:
                a = self.np_actor(info.doc[i], info, when, [])
                if a is not None and (a.country or a.acled_name):
                    memory.append(a)
        del memory[:-5]

    def _governor(self, tok: Any, trig_index: dict[int, Rule]) -> tuple[Any, Rule | None] | None:
        t = tok
        for _ in range(3):
            if t.dep_ not in {"xcomp", "ccomp", "conj"} or t.head is t:
                return None
            if t.dep_ == "conj":
                t = t.head
                continue
            h = t.head
            return h, trig_index.get(h.i)
        return None

    def _candidate(
        self,
        tok: Any,
        rule: Rule,
        info: SentenceInfo,
        when: date,
        memory: list[Actor],
        doc_ctx: dict[str, float],
        trig_index: dict[int, Rule],
    ) -> Candidate | None:
        """One trigger's event: how the clause tells it, who did it to whom, where, with what
        weapon, and the tokens it spans (None when the clause tells no event)."""
        reading = self._reading(tok, rule, info, when, memory, doc_ctx, trig_index)
        if not isinstance(reading, _Reading):
            return reading  # no event, or one the clause tells whole (an accusation, a demand)
        code, root = reading.code, reading.root
        if reading.acled and not rule.acled:
            rule = replace(rule, acled=reading.acled)
        is_verb = rule.pos == "V"
        source, target, target_tok = self._actors(tok, rule, code, root, info, when, memory)
        place, place_tok, near = self._place(tok, target_tok, info, doc_ctx, source)
        if not self._told(tok, rule, root, is_verb, source, target, place):
            return None
        if code and code.startswith("192") and source is None:
            return None  # territory changes hands: ACLED needs the actor who took it
        weapon = rule.weapon or self._weapon(tok, source)
        if weapon in {"artillery", "missile"}:
            # A bombardment verb's default weapon yields to an air platform doing it.
            weapon = self._platform(tok, source) or weapon
        extra, unplaced = self._other_places(tok, root, target_tok, place, place_tok, info, doc_ctx)
        doc = info.doc
        span_toks = [tok.i]
        for a in (source, target):
            if a is not None:
                span_toks += [a.tok_start, a.tok_end - 1]
        if place_tok is not None:
            span_toks += [place_tok[0], place_tok[1] - 1]
        return Candidate(
            trigger_i=tok.i,
            rule=rule,
            cameo=code,
            source=source,
            target=target,
            place=place,
            place_tok=place_tok,
            near=near,
            weapon=weapon,
            tok_start=min(span_toks),
            tok_end=max(span_toks) + 1,
            date_anchor=tok.idx - doc[0].idx,
            extra_places=extra,
            unplaced=unplaced,
        )

    def _reading(
        self,
        tok: Any,
        rule: Rule,
        info: SentenceInfo,
        when: date,
        memory: list[Actor],
        doc_ctx: dict[str, float],
        trig_index: dict[int, Rule],
    ) -> _Reading | Candidate | None:
        """The trigger's code once conditionals, a governing verb, negation and modality are
        read: None when the clause tells no event, a whole :class:`Candidate` when it tells an
        accusation or a demand."""
        code = rule.cameo
        root = code[:2] if code else None
        is_verb = rule.pos == "V"
        st = sentence_tokens(info.doc)
        sdep, slower = st.dep, st.lower
        kids = st.children[tok.i]  # the indices of the trigger's children
        # Hypotheticals, questions and conditionals are not events.
        if any(sdep[c] == "mark" and slower[c] in {"if", "unless", "whether"} for c in kids):
            return None
        negated = any(sdep[c] == "neg" for c in kids) or (
            not is_verb and any(slower[c] in {"no", "without"} for c in kids)
        )
        modal = {slower[c] for c in kids if sdep[c] == "aux"}
        gov = self._governor(tok, trig_index) if is_verb else None
        if gov is not None:
            governed = self._governed(
                tok, rule, gov, _Reading(code, root, negated), info, when, memory, doc_ctx
            )
            if not isinstance(governed, _Reading):
                return governed
            code, root, negated = governed.code, governed.root, governed.negated
        if self._description(tok, rule, root):
            return None
        if negated:
            if NEGATED.get(root):
                code = NEGATED[root]
                root = code[:2] if code else None
            else:
                return None
        return self._modal_reading(
            tok, rule, _Reading(code, root, negated), modal, info, when, memory, doc_ctx, trig_index
        )

    def _governed(
        self,
        tok: Any,
        rule: Rule,
        gov: tuple[Any, Rule | None],
        reading: _Reading,
        info: SentenceInfo,
        when: date,
        memory: list[Actor],
        doc_ctx: dict[str, float],
    ) -> _Reading | Candidate | None:
        """The reading under a governing verb ("failed to", "ready to", "vowed to", "claimed
        that ..."): None when the governor carries the event or tells none."""
        code, root, negated = reading.code, reading.root, reading.negated
        st = sentence_tokens(info.doc)
        sdep, slower = st.dep, st.lower
        kids = st.children[tok.i]
        gtok, grule = gov
        glemma = gtok.lemma_.lower()
        groot = grule.cameo[:2] if grule and grule.cameo else None
        if groot in GOVERNING_ROOTS:
            return None  # the governing verb carries the event, refined below
        if glemma in {"unlikely", "likely", "unable"}:
            return None
        if glemma in {"ready", "willing", "prepared", "eager", "determined"} and root in COOP_ROOTS:
            code = REFINE.get(("03", root), "030")
            root = "03"
        elif glemma in {"ready", "prepared", "determined"} and root in {"16", "17", "15"}:
            if any(
                sdep[c] in {"advcl", "xcomp"} and st.lemma[c] in self.help_purpose for c in kids
            ):
                code, root = "0334", "03"  # "to help restore order": offering forces
            else:
                code, root = "130", "13"
        if (
            gtok.pos_ == "VERB"
            and glemma not in self.transparent
            and glemma not in self.reporting
            and (any(sdep[c] == "aux" and slower[c] == "to" for c in kids))
        ):
            return None  # "allowed Putin to claim": an infinitive under a non-event verb
        if any(sdep[c] == "neg" for c in st.children[gtok.i]) or glemma in {"fail"}:
            negated = True  # "failed to reach agreement": it did not happen
        if glemma in self.intent_violence and root in VIOLENT_ROOTS:
            code, root = "138", "13"
        elif glemma in {"want", "hope", "plan", "intend", "seek", "aim", "wish"} and (
            root in COOP_ROOTS
        ):
            code = REFINE.get(("03", root), "030")  # "wants to help": intent
            root = "03"
        elif (
            glemma in {"claim", "allege", "charge", "accuse"}
            and root in VIOLENT_ROOTS
            # "claimed responsibility for a missile attack": its own act, told as a fact.
            and not any(
                sdep[c] in {"dobj", "obj"} and st.lemma[c] in CLAIMED for c in st.children[gtok.i]
            )
        ):
            # "X claimed that Y attacked Z": an accusation by X, or a claim of its own act.
            rep = self._subject_tok(gtok)
            own = rep is not None and (
                self._subject_tok(tok) is not None and self._subject_tok(tok).lower_ in PRONOUNS  # type: ignore[union-attr]
            )
            if rep is not None:
                src = self.np_actor(rep, info, when, memory)
                if own:
                    code, root = "015", "01"
                else:
                    code, root = "112", "11"
                    sub = self._subject_tok(tok)
                    tgt = self.np_actor(sub, info, when, memory) if sub is not None else None
                    if src is not None:
                        return self._simple(tok, rule, code, src, tgt, info, doc_ctx)
        return _Reading(code, root, negated)

    def _description(self, tok: Any, rule: Rule, root: str | None) -> bool:
        """The trigger describes or aims rather than tells an act ("officials accused of ...",
        "efforts to regain control", "unlikely to ...")."""
        is_verb = rule.pos == "V"
        st = sentence_tokens(tok.doc)
        sdep, slower = st.dep, st.lower
        kids = st.children[tok.i]
        if tok.head.pos_ == "ADJ" and tok.head.lemma_.lower() in {"unlikely", "likely"}:
            return True
        if (
            is_verb
            and tok.dep_ == "acl"
            and tok.tag_ == "VBN"
            and root not in VIOLENT_ROOTS
            and not any(sdep[c] in {"agent", "conj"} | OBJ for c in kids)
            and self.noun_root_subject(tok) is None  # "supporters ... protested in Lusaka"
        ):
            return True  # "officials accused of ...", "a member jailed last year": a description
        if (
            is_verb
            and tok.dep_ in {"acl", "relcl"}
            and tok.head.pos_ == "NOUN"
            and any(sdep[c] == "aux" and slower[c] == "to" for c in kids)
        ):
            return True  # "efforts to regain control": an aim, not an event
        # "helped reclaim": the embedded verb tells the event.
        return is_verb and rule.cameo == "070" and any(sdep[c] in {"xcomp", "ccomp"} for c in kids)

    def _modal_reading(
        self,
        tok: Any,
        rule: Rule,
        reading: _Reading,
        modal: set[str],
        info: SentenceInfo,
        when: date,
        memory: list[Actor],
        doc_ctx: dict[str, float],
        trig_index: dict[int, Rule],
    ) -> _Reading | Candidate | None:
        """Future, conditional, hedged and "must" readings (threats, intents, demands), then a
        governing verb refined by the event embedded under it."""
        code, root, negated = reading.code, reading.root, reading.negated
        is_verb = rule.pos == "V"
        st = sentence_tokens(info.doc)
        sdep, slower = st.dep, st.lower
        kids = st.children[tok.i]
        future = modal & {"will", "'ll", "shall", "wo"}
        if (
            "would" in modal
            and not any(sdep[c] in PASS_SUBJ or sdep[c] == "auxpass" for c in kids)
            and tok.dep_ == "ccomp"
            and tok.head.lemma_.lower() in self.reporting | {"announce", "warn", "declare", "vow"}
        ):
            future = future | {"would"}  # "said they would boycott": announced, not hoped
        conditional = any(
            sdep[c] == "advcl"
            and any(sdep[m] == "mark" and slower[m] in {"unless", "if"} for m in st.children[c])
            for c in kids
        )
        if is_verb and future and conditional and root and root not in {"02", "10", "13"}:
            # "will withdraw its troops unless ...": an act made conditional is a threat.
            code = THREAT_OF.get(root, "130")
            root = "13"
        hedged = (modal & self.modal_hedge) - future
        if hedged and (root in VIOLENT_ROOTS or root in {"14", "15", "17", "16"}):
            return None
        if is_verb and root in VIOLENT_ROOTS and future:
            code, root = "138", "13"
        if is_verb and root in COOP_ROOTS and modal & {"will", "would", "'ll", "shall"}:
            code = REFINE.get(("03", root), "030")  # "will provide aid": intent (033)
            root = "03"
        if is_verb and not negated and root in {"14", "16", "17"} and future:
            code = {"16": "131", "17": "132"}.get(root or "", "130")  # "would boycott": threat
            root = "13"
        if is_verb and modal & {"must", "should"} and self._reported_by(tok) is not None:
            # "Russia said Sudan must return the helicopter": a demand by the speaker.
            return self._demand(tok, rule, root, info, when, memory, doc_ctx)
        if is_verb and root in COOP_ROOTS | {"03"} and modal & {"must", "should"}:
            code, root = "100", "10"  # "Libya must hand over ...": a demand
        # Refine a governing verb by the event embedded under it (threaten to attack -> 138).
        if code and root in GOVERNING_ROOTS:
            for c in kids:
                if sdep[c] in {"xcomp", "ccomp"}:
                    sub = trig_index.get(c)
                    if sub is not None and sub.cameo:
                        # CAMEO 03x: "offer, promise, agree to ... yield" is intent (035), not
                        # the yielding itself, which has not happened yet.
                        refined = REFINE.get((root, sub.cameo[:2]))
                        if refined:
                            code = refined
                        if (
                            sub.acled == "Agreement"
                            and not negated
                            and not modal
                            and st.lemma[tok.i] in self.lex.cls("agreement_governors")
                        ):
                            # "agreed to extend / sign / observe a truce": the parties agree.
                            return _Reading(code, root, negated, sub.acled)
                        break
        return _Reading(code, root, negated)

    def _actors(
        self,
        tok: Any,
        rule: Rule,
        code: str | None,
        root: str | None,
        info: SentenceInfo,
        when: date,
        memory: list[Actor],
    ) -> tuple[Actor | None, Actor | None, Any]:
        """Who did it and to whom: (source, target, the target's head token)."""
        is_verb = rule.pos == "V"
        if is_verb:
            source, target, target_tok = self._verb_actors(tok, root, info, when, memory)
        else:
            source, target, target_tok = self._noun_actors(tok, info, when, memory)
        if (code and (code[:2] == "15" or code.startswith("087"))) or (
            code is None and rule.acled == "Change to group/activity" and rule.lemma != "fire"
        ):
            if source is None and is_verb and target_tok is not None:
                source = target  # "2,000 mercenaries were transferred": the movers
            target = None
        if source is not None and target is not None and source.tok_start == target.tok_start:
            target = None
        return source, target, target_tok

    def _verb_actors(
        self, tok: Any, root: str | None, info: SentenceInfo, when: date, memory: list[Actor]
    ) -> tuple[Actor | None, Actor | None, Any]:
        """A verb's doer (subject or passive agent) and target (object, prepositional object,
        the victims of a participial clause, the subject of an embedded clause)."""
        source: Actor | None = None
        target: Actor | None = None
        target_tok: Any = None
        children = list(tok.children)
        stok = None
        for c in children:
            if c.dep_ == "agent":
                for cc in c.children:
                    if cc.dep_ == "pobj":
                        stok = cc
        passive = any(c.dep_ in PASS_SUBJ for c in children)
        # "two farmers killed by gunmen", "3 soldiers killed in an ambush": the noun a past
        # participle modifies is the one acted upon, never the doer.
        reduced_passive = (
            tok.dep_ == "acl" and tok.tag_ == "VBN" and self.noun_root_subject(tok) is None
        )
        if stok is None and not passive and not reduced_passive:
            stok = self._subject_tok(tok)
        if stok is None and passive and tok.dep_ == "xcomp":
            stok = self._subject_tok(tok)
        if stok is not None:
            source = self.np_actor(stok, info, when, memory)
            if (
                source is not None
                and source.is_place_only
                and stok.ent_type_ == "NORP"
                and stok.tag_ in {"NNPS", "NNS"}
                and stok.dep_ in SUBJ
            ):
                # "Palestinians demonstrated in Ramallah": people of a nationality, not its state.
                source = _civilians_of(source)
        otok = self._obj(tok)
        if otok is None and reduced_passive:
            otok = tok.head
        if otok is not None and not (passive and otok is stok):
            target_tok = otok
        if target_tok is not None and target_tok.lemma_.lower() in self.weapon_words:
            target_tok = None  # "launched drones at a depot": the drones are the weapon
        if target_tok is None:
            target_tok = self._prep_obj(
                tok,
                TARGET_PREPS | {"to", "from", "of"}
                if root in {"04", "02", "10", "11", "05"}
                else TARGET_PREPS,
            )
        if target_tok is not None:
            target = self.np_actor(target_tok, info, when, memory)
            if target is None and (root in VIOLENT_ROOTS or root == "14") and target_tok is otok:
                # "opened fire on protesters", "fired live rounds at a crowd", "threw stones at
                # Israeli forces": the object is the act or the weapon, the prepositional
                # object whom it was aimed at.
                aimed = self._prep_obj(tok, TARGET_PREPS)
                if aimed is not None:
                    target = self.np_actor(aimed, info, when, memory)
                    if target is not None:
                        target_tok = aimed
        if (
            target is None
            and not passive
            and tok.dep_ in {"pcomp", "advcl"}
            and any(c.dep_ == "auxpass" for c in children)
        ):
            # "a civilian died after being shot by gunmen": the governing clause's subject is
            # the one the passive act was done to.
            h = tok.head
            if h.pos_ == "ADP":
                h = h.head
            if h.pos_ in {"VERB", "AUX"}:
                subj = next((c for c in h.children if c.dep_ in SUBJ | PASS_SUBJ), None)
                if subj is not None and subj is not stok:
                    victim = self.np_actor(subj, info, when, memory)
                    if victim is not None:
                        target, target_tok = victim, subj
        if source is None and passive and stok is None:
            # "a ceasefire was signed between A and B", "a prisoner swap was carried out
            # between A and B": no agent, the two parties are the sides.
            btw = self._prep_obj(tok, {"between", "among"})
            if btw is not None:
                source = self.np_actor(btw, info, when, memory)
                other = next((c for c in btw.children if c.dep_ == "conj"), None)
                if source is not None and other is not None and target is None:
                    side = self.np_actor(other, info, when, memory)
                    if side is not None:
                        target, target_tok = side, other
        if (
            target is not None
            and target_tok is not None
            and root in VIOLENT_ROOTS
            and target.is_place_only
            and target_tok.ent_type_ == "NORP"
            and target_tok.tag_ in {"NNPS", "NNS"}
            and tok.lemma_.lower() not in self.reciprocal
        ):
            # "shot and killed two Palestinians", "executed two Ukrainians": people of a
            # nationality, not its state, are the ones the act was done to.
            target = _civilians_of(target)
        if target is None and stok is not None and tok.lemma_.lower() in self.reciprocal:
            # "SAF and RSF clashed", "the army and ADF rebels fought": each side is the other's
            # opponent, so the second conjunct of the subject is the target.
            other = next((c for c in stok.children if c.dep_ == "conj"), None)
            if other is not None:
                side = self.np_actor(other, info, when, memory)
                if side is not None:
                    target, target_tok = side, other
        if root in VIOLENT_ROOTS and (target is None or target.is_place_only):
            # "raided the camp, killing four Palestinians": the victims are the target.
            # "..., burning houses and killing 6 civilians": a killing conjoined to another
            # participial clause counts too.
            clauses = [c for c in children if c.dep_ == "advcl"]
            clauses += [cc for c in clauses for cc in c.children if cc.dep_ == "conj"]
            for c in clauses:
                if c.lemma_.lower() in {"kill", "wound", "injure"}:
                    v = next((cc for cc in c.children if cc.dep_ in OBJ), None)
                    va = self.np_actor(v, info, when, memory) if v is not None else None
                    if va is not None and va.is_place_only and v.ent_type_ == "NORP":
                        va = _civilians_of(va)
                    if va is not None and not va.is_place_only:
                        target, target_tok = va, v
                    break
        if target is None and root in CLAUSE_TARGET_ROOTS:
            # "demanded that Mugabe abandon ...": the target is the embedded clause's subject.
            for c in children:
                if c.dep_ == "ccomp":
                    sub = next((cc for cc in c.children if cc.dep_ in SUBJ | PASS_SUBJ), None)
                    if sub is not None and sub.lower_ not in {"it", "there", "this", "that"}:
                        target = self.np_actor(sub, info, when, memory)
                        if target is not None:
                            target_tok = sub
                    break
        return source, target, target_tok

    def _noun_actors(
        self, tok: Any, info: SentenceInfo, when: date, memory: list[Actor]
    ) -> tuple[Actor | None, Actor | None, Any]:
        """A noun trigger's doer and target: its possessor, "by"/"between"/"of" phrases, or the
        actors of the verb it hangs on."""
        source: Actor | None = None
        target: Actor | None = None
        target_tok: Any = None
        children = list(tok.children)
        for c in children:
            if c.dep_ == "poss" or (
                c.dep_ in {"amod", "compound", "nmod"} and c.i in info.actor_at
            ):
                source = source or self.np_actor(c, info, when, memory)
            elif c.dep_ == "prep" and c.lower_ == "by":
                for cc in c.children:
                    if cc.dep_ == "pobj":
                        source = self.np_actor(cc, info, when, memory)
            elif c.dep_ == "amod" and c.lower_ in self.led_words and source is None:
                # "Saudi-led airstrikes", "an HTS-led offensive": the leader acted.
                source = self.led_act_source(tok, info, when)
        btw = self._prep_obj(tok, {"between", "among"})
        if btw is None and tok.dep_ in SUBJ | PASS_SUBJ and tok.head.pos_ == "VERB":
            # "clashes took place / broke out between A and B": the sides hang on the verb.
            btw = self._prep_obj(tok.head, {"between", "among"})
        if btw is not None and source is None:
            # "clashes between Fano militia and the army": the two sides.
            source = self.np_actor(btw, info, when, memory)
            other = next((c for c in btw.children if c.dep_ == "conj"), None)
            if other is not None:
                target_tok = other
                target = self.np_actor(other, info, when, memory)
        tt = self._prep_obj(tok, TARGET_PREPS | {"of", "targeting"})
        if tt is not None:
            ofp = tt.head.lower_ == "of"
            if ofp and tok.lemma_.lower() in OF_SOURCE_NOUNS:
                source = source or self.np_actor(tt, info, when, memory)
            elif target is None:
                target_tok = tt
                target = self.np_actor(tt, info, when, memory)
        if source is None and tok.dep_ == "pobj" and tok.head.lower_ == "for":
            # "X claimed responsibility for the bombing": X carried it out.
            r = tok.head.head
            if r.lemma_.lower() in CLAIMED and r.head.lemma_.lower() in CLAIM_VERBS:
                ct = self._subject_tok(r.head)
                if ct is not None:
                    source = self.np_actor(ct, info, when, memory)
        if source is None and tok.dep_ == "appos":
            source = self.np_actor(tok.head, info, when, memory)  # "forces' hasty retreat"
        if source is None:
            # "carried out dozens of strikes": the quantity stands in the trigger's place.
            tok = _quantity_of(tok, self.lex.cls("quantity_heads"))
            h = tok.head
            # "The UN condemned the airstrike": whoever condemns, mourns or investigates an
            # act did not do it; its doer stays unnamed unless the phrase names one.
            if (
                tok.dep_ in OBJ | {"nsubjpass", "attr", "appos"}
                and h.pos_ in {"VERB", "AUX"}
                and h.lemma_.lower() not in self.onlooker
            ):
                stok = self._subject_tok(h)
                if stok is not None:
                    source = self.np_actor(stok, info, when, memory)
                for c in h.children:
                    if c.dep_ == "agent":
                        for cc in c.children:
                            if cc.dep_ == "pobj":
                                source = self.np_actor(cc, info, when, memory)
                if target is None:
                    tt = self._prep_obj(h, TARGET_PREPS)
                    if tt is not None:
                        target_tok = tt
                        target = self.np_actor(tt, info, when, memory)
        return source, target, target_tok

    def _told(
        self,
        tok: Any,
        rule: Rule,
        root: str | None,
        is_verb: bool,
        source: Actor | None,
        target: Actor | None,
        place: Place | None,
    ) -> bool:
        """The clause tells an event: it names an actor, or the act needs none."""
        # An event needs an actor; weapon nouns ("airstrikes on Aleppo") may have only a place.
        # A violent noun that is the subject of its clause ("clashes erupted near X", "an IED
        # went off in Y", "heavy fighting was reported in Z") tells an event with unnamed sides.
        # Protest nouns likewise ("a sit-in in Peshawar ended peacefully", "protests erupted").
        clause_subject = (
            not is_verb
            and (root in VIOLENT_ROOTS or root == "14")
            and tok.dep_ in SUBJ | PASS_SUBJ
            and tok.head.pos_ in {"VERB", "AUX"}
        )
        crowd_protest = root == "14" and (clause_subject or self._unnamed_doer(tok, root, is_verb))
        return not (
            source is None
            and target is None
            and not crowd_protest  # the place may come from the document
            and not (
                place is not None
                and (
                    clause_subject
                    or self._unnamed_doer(tok, root, is_verb)
                    # Reinforcements sent somewhere, a curfew imposed: the act needs no actor.
                    or rule.acled in ACTORLESS_ACLED
                    # "houses were torched in X": an act on property only people do.
                    or (
                        rule.acled == "Looting/property destruction"
                        and is_verb
                        and tok.lemma_.lower() in self.lex.cls("acled_deliberate_verbs")
                    )
                    or (rule.weapon and (root in VIOLENT_ROOTS or rule.acled))
                )
            )
        )

    def _other_places(
        self,
        tok: Any,
        root: str | None,
        target_tok: Any,
        place: Place | None,
        place_tok: tuple[int, int] | None,
        info: SentenceInfo,
        doc_ctx: dict[str, float],
    ) -> tuple[list[tuple[Place, tuple[int, int]]], list[tuple[int, int]]]:
        """Other locations of a violent or protest event (ACLED codes one event per location)
        and the names listed with them that the gazetteer does not know."""
        doc = info.doc
        extra: list[tuple[Place, tuple[int, int]]] = []
        unplaced: list[tuple[int, int]] = []
        if place is not None and place_tok is not None and (root in VIOLENT_ROOTS or root == "14"):
            # "airstrikes on Aleppo and Idlib", "protests in Accra and Kumasi": ACLED codes
            # one event per location.
            scope = list(target_tok.subtree if target_tok is not None else tok.subtree)
            if tok.dep_ in OBJ and tok.head.pos_ in {"VERB", "AUX"}:
                scope += [t for t in tok.head.subtree if t.i > tok.i]
            seen_s = {place_tok[0]}
            # Units named beside the place ("Nikopol (Dnipropetrovsk)") are no second location.
            seen_s.update(geo_qualifiers(doc, place_tok[1], info.place_at)[1])
            # Places coordinated with the event's place ("hit Sumy and Okhtyrka", "in
            # Kale and Tamu townships") are its other locations, whatever their role.
            coordinated = {
                x.i
                for k in range(*place_tok)
                for x in doc[k].conjuncts
                if x.i not in range(*place_tok)
            }
            # "Kobou (Oudalan, Sahel)": the units listed in one bracket with the place qualify
            # one location; they are no other places and take no share of its dead.
            bracket = _bracket_around(doc, place_tok[0])
            if bracket is not None:
                coordinated = {i for i in coordinated if not bracket[0] < i < bracket[1]}
            scope += [doc[i] for i in sorted(coordinated)]
            for i in sorted(coordinated):
                x = doc[i]
                if x.pos_ == "PROPN" and i not in info.place_at and i not in info.actor_at:
                    s0 = i
                    while s0 > 0 and doc[s0 - 1].dep_ == "compound" and doc[s0 - 1].head.i == i:
                        s0 -= 1
                    unplaced.append((s0, i + 1))
            # The rest of the event's own clause: "clashes were reported in Goma ..., and
            # near Sake", "shelled Kupiansk, killing 2, and Izium, ...". Clauses
            # with a subject of their own tell other things and are left out.
            in_clause = clause_tokens(tok)
            scope_own = {t.i for t in scope}
            scope += [doc[i] for i in sorted(in_clause)]
            for t in scope:
                hit = info.place_at.get(t.i)
                if hit is None or hit[0] in seen_s:
                    continue
                if is_dateline(doc, hit[0]):
                    # "OUAGADOUGOU (AFP) — the army retook Djibo": where the story was filed
                    # is no second location of an event placed in its sentence.
                    continue
                # Conjoined: "and Izium", "as well as Odesa city (Odesa)", "and near Y".
                conjoined = t.dep_ == "conj" or (
                    t.dep_ in {"compound", "appos", "pobj"} and t.head.dep_ == "conj"
                )
                # "Vovchansk (Kharkiv)" with the town unknown to the gazetteer: the unit in
                # brackets after a name is its qualifier, no place of its own.
                bracketed = (
                    hit[0] >= 2 and doc[hit[0] - 1].text == "(" and doc[hit[0] - 2].pos_ == "PROPN"
                )
                conjoined = conjoined and not bracketed
                if t.i in in_clause and t.i not in scope_own:
                    if not conjoined:
                        continue  # "villages around Kutum, north of El Fasher": a locator
                elif not (self._locative(t) or t.i in coordinated):
                    continue
                elif t.i not in coordinated and in_other_clause(t, tok):
                    continue  # "marched in Accra while rioters burned cars in Kumasi"
                seen_s.add(hit[0])
                if doc[hit[0]].ent_type_ == "PERSON" and not (t.i in coordinated or conjoined):
                    continue  # a person's name, unless listed with the event's places
                p2 = self.lex.gazetteer.choose(hit[2], doc_ctx) if self.lex.gazetteer else None
                if p2 is not None and small_homonym_abroad(p2, hit[2], doc_ctx):
                    # "in Baga and Monguno" (Nigeria): Bagà, Spain is no location, but the
                    # name still takes its share of the dead, as a name the gazetteer lacks.
                    unplaced.append((hit[0], hit[1]))
                    continue
                if (
                    p2 is not None
                    and p2.kind != "COUNTRY"
                    and p2 != place
                    # "in Jabalia in northern Gaza": the unit holding the place qualifies it.
                    and not geo_contains(p2, place)
                    and all(p2 != known for known, _span in extra)  # named again with its dead
                ):
                    extra.append((p2, (hit[0], hit[1])))
                    # "near Sake (Masisi, North Kivu)": its units are no third place.
                    seen_s.update(geo_qualifiers(doc, hit[1], info.place_at)[1])
            # "in Mucojo (Macomia, Cabo Delgado)" with the town unknown: the event is placed by
            # the unit in its brackets, so the town takes no share of the dead apart from it.
            bracket = _bracket_around(doc, place_tok[0])
            if bracket is not None:
                unplaced = [u for u in unplaced if u[1] != bracket[0]]
        return extra, unplaced

    def _unnamed_doer(self, tok: Any, root: str | None, is_verb: bool) -> bool:
        """The clause tells an event without naming an actor: a weapon subject ("a missile
        struck ...", "mortar rounds landed ..."), or a crowd that protests ("thousands
        marched ...", "thousands attended a rally", "traders shut shops in protest")."""
        verb = tok
        if not is_verb:
            if root != "14":
                return False
            # A protest noun as the object of the crowd's verb, directly or through a preposition.
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            if verb.pos_ not in {"VERB", "AUX"}:
                return False
        subj = self._subject_tok(verb)
        if subj is None:
            return False
        lemma = subj.lemma_.lower()
        if root in VIOLENT_ROOTS:
            if (
                is_verb
                and lemma == "fire"
                and any(
                    c.dep_ == "compound" and c.lemma_.lower() in self.weapon_words
                    for c in subj.children
                )
            ):
                return True  # "artillery fire hit a village", "mortar fire struck ..."
            # Munitions, not vehicles: "a plane crashed into a house" tells no attack.
            return is_verb and lemma in self.weapon_words and lemma not in self.lex.cls("vehicle")
        crowd = self.lex.cls("protest_subj")
        return root == "14" and (lemma in crowd or subj.lower_ in crowd)

    def _reported_by(self, tok: Any) -> Any | None:
        """The speaking verb when ``tok`` heads a clause reported by it ("X said Y must ...")."""
        if tok.dep_ != "ccomp" or tok.head is tok:
            return None
        h = tok.head
        return h if h.lemma_.lower() in self.demand_speech else None

    def _demand(
        self,
        tok: Any,
        rule: Rule | None,
        root: str | None,
        info: SentenceInfo,
        when: date,
        memory: list[Actor],
        doc_ctx: dict[str, float],
    ) -> Candidate | None:
        """A demand (10x) by the speaker of "X said Y must/should ..." on Y."""
        speaker = self._reported_by(tok)
        if speaker is None:
            return None
        stok = self._subject_tok(speaker)
        source = self.np_actor(stok, info, when, memory) if stok is not None else None
        if source is None:
            return None
        sub = next((c for c in tok.children if c.dep_ in SUBJ | PASS_SUBJ), None)
        target = self.np_actor(sub, info, when, memory) if sub is not None else None
        code = REFINE.get(("10", root or ""), "100")
        r = rule or DEMAND_RULE
        return self._simple(speaker, r, code, source, target, info, doc_ctx)

    def _simple(
        self,
        tok: Any,
        rule: Rule,
        code: str,
        source: Actor,
        target: Actor | None,
        info: SentenceInfo,
        doc_ctx: dict[str, float],
    ) -> Candidate:
        """A verbal event whose actors were resolved by the caller (accusations)."""
        toks = [tok.i, source.tok_start, source.tok_end - 1]
        if target is not None:
            toks += [target.tok_start, target.tok_end - 1]
        place, place_tok, near = self._place(tok, None, info, doc_ctx, source)
        return Candidate(
            tok.i,
            rule,
            code,
            source,
            target,
            place,
            place_tok,
            near,
            None,
            min(toks),
            max(toks) + 1,
            tok.idx - info.doc[0].idx,
        )

    @staticmethod
    def _related(i: int, j: int, doc: Any) -> bool:
        a, b = doc[i], doc[j]
        if a.head.i == b.head.i:
            return True
        for x, y in ((a, b), (b, a)):
            h = x
            for _ in range(3):
                if h.head is h:
                    break
                h = h.head
                if h.i == y.i:
                    return True
        return False

    def _merge_violent(self, cands: list[Candidate], doc: Any) -> list[Candidate]:
        """Within one sentence, related violent triggers tell one event."""
        violent = [c for c in cands if c.cameo and c.cameo[:2] in VIOLENT_ROOTS]
        if len(violent) < 2:
            return cands
        rank = [
            "195",
            "194",
            "1831",
            "1832",
            "1833",
            "183",
            "186",
            "181",
            "192",
            "193",
            "196",
            "191",
            "190",
            "180",
            "182",
            "202",
            "1823",
        ]

        def prio(c: Candidate) -> int:
            return rank.index(c.cameo) if c.cameo in rank else len(rank)

        real = [c for c in violent if self.factual is None or self.factual(doc, c.trigger_i)]
        keep = min(real or violent, key=prio)
        if keep.rule.acled == ABDUCTION:
            # "abducted and killed eight villagers": ACLED codes one Attack.
            trig = [c.trigger_i for c in real]
            k = coordinated_killing(doc, keep.trigger_i, trig, self.lethal, self.later)
            keep = next((c for c in real if c.trigger_i == k), keep)
        if keep.rule.pos == "N" and keep.rule.lemma in self.lex.cls("blast_nouns"):
            # "Explosions rocked Odesa as drones struck ...": the act with a named weapon
            # tells what exploded.
            armed = [
                c
                for c in real
                if c is not keep
                and c.weapon not in {None, keep.weapon}
                and self._related(c.trigger_i, keep.trigger_i, doc)
            ]
            if armed:
                keep = min(armed, key=prio)
        # Triggers merged so far: "a car bomb exploded, killing five and wounding 12" reaches
        # "wounding" through "killing", not through the bomb.
        merged = [keep.trigger_i]
        for c in violent:
            if c is keep:
                continue
            if c.cameo and c.cameo.startswith("192") != keep.cameo.startswith("192"):  # type: ignore[union-attr]
                continue
            if not any(self._related(c.trigger_i, m, doc) for m in merged):
                continue
            if separate_acts(doc[c.trigger_i], doc[keep.trigger_i]):
                continue  # "aircraft struck Nabatieh, ..., while artillery shelled Khiam"
            if abduction_apart(doc, (c, keep), self.lethal, self.later):
                continue  # "kidnapped and later killed": an Abduction and an Attack
            keep.source = keep.source or c.source
            keep.target = keep.target or c.target
            if keep.place is None and c.place is not None:
                keep.place, keep.place_tok, keep.near = c.place, c.place_tok, c.near
            keep.weapon = keep.weapon or c.weapon
            # "strikes hit Sumy and Okhtyrka, killing two in Sumy and one in Okhtyrka":
            # the other locations found by either trigger are the event's.
            # The merged trigger's own place is one of them too ("missiles hit X and Y, killing
            # five in X": "hit" found Y, "killing" found X).
            others = list(c.extra_places)
            if (
                c.place is not None
                and c.place_tok is not None
                and not is_dateline(doc, c.place_tok[0])
            ):
                # (The dateline a trigger fell back on is where the story was filed, no
                # second location: "OUAGADOUGOU (AFP) — the army retook Djibo after ...".)
                others.insert(0, (c.place, c.place_tok))
            for p2, span in others:
                if keep.place is not None and geo_contains(p2, keep.place):
                    continue  # "struck a house in Jabalia in northern Gaza, killing 8"
                if keep.place is not None and geo_contains(keep.place, p2):
                    # The other trigger named the town inside the region this one found.
                    keep.place, keep.place_tok = p2, span
                    keep.near = c.near if p2 is c.place else False
                    continue
                if p2 != keep.place and all(p2 != known for known, _s in keep.extra_places):
                    keep.extra_places.append((p2, span))
            keep.unplaced += [u for u in c.unplaced if u not in keep.unplaced]
            # A name left unplaced by one trigger that the other placed is no extra location.
            placed = {doc[s:e].text.lower() for _p, (s, e) in keep.extra_places}
            keep.unplaced = [
                u for u in keep.unplaced if doc[u[0] : u[1]].text.lower() not in placed
            ]
            keep.tok_start = min(keep.tok_start, c.tok_start)
            keep.tok_end = max(keep.tok_end, c.tok_end)
            merged.append(c.trigger_i)
            c.cameo = "DROP"
        return [c for c in cands if c.cameo != "DROP"]


def _quantity_of(tok: Any, quantity_heads: frozenset[str]) -> Any:
    """The quantity a noun is counted by ("dozens" of "dozens of strikes"), or the noun."""
    of = tok.head
    if tok.dep_ == "pobj" and of.lower_ == "of" and of.dep_ == "prep":
        q = of.head
        if q.lemma_.lower() in quantity_heads or q.lower_ in quantity_heads:
            return q
    return tok


def _bracket_around(doc: Any, i: int) -> tuple[int, int] | None:
    """Indices of the "(" and ")" around token ``i``, or None when it is not in brackets."""
    open_i = next((k for k in range(i - 1, max(-1, i - 12), -1) if doc[k].text in "()"), None)
    if open_i is None or doc[open_i].text != "(":
        return None
    close_i = next((k for k in range(i + 1, min(len(doc), i + 12)) if doc[k].text in "()"), None)
    if close_i is None or doc[close_i].text != ")":
        return None
    return open_i, close_i


def _drop_protest_purposes(cands: list[Candidate], doc: Any) -> list[Candidate]:
    """ "Residents held a demonstration in Nairobi to protest against demolitions": the
    infinitive says what the demonstration was for; it is the same protest, not a second one."""
    protests = [c for c in cands if c.cameo and c.cameo[:2] == "14"]
    if len(protests) < 2:
        return cands
    at = {c.trigger_i for c in protests}
    drop: set[int] = set()
    for c in protests:
        t = doc[c.trigger_i]
        if t.dep_ not in {"advcl", "xcomp"} or not any(
            ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children
        ):
            continue
        head = t.head
        # The demonstration told by its verb or by the noun the verb holds ("held a protest"),
        # or by a verb joined to it ("burned tyres and blocked roads to protest").
        told = {head.i} | {ch.i for ch in head.children if ch.dep_ in {"dobj", "obj"}}
        told |= {x.i for x in head.conjuncts}
        if told & (at - {c.trigger_i}):
            drop.add(id(c))
    return [c for c in cands if id(c) not in drop]


def _drop_protest_settings(cands: list[Candidate], doc: Any) -> list[Candidate]:
    """ "Protesters threw stones at police during a protest", "police fired tear gas at
    students at a rally": the protest noun is the setting of the act that tells what became
    of the gathering (a riot, force against it), not a second, peaceful protest."""
    settings = [
        c
        for c in cands
        if c.cameo
        and c.cameo.startswith("141")
        and c.rule.pos == "N"
        and doc[c.trigger_i].dep_ == "pobj"
        and doc[c.trigger_i].head.lower_ in {"during", "amid", "at"}
    ]
    if not settings:
        return cands
    outcomes = {
        c.trigger_i
        for c in cands
        if c.cameo
        and not c.cameo.startswith("191")  # a blockade is no force against the gathering
        and (
            c.cameo[:2] in VIOLENT_ROOTS | {"17"} or (c.cameo[:2] == "14" and c.cameo[:3] != "141")
        )
    }
    drop: set[int] = set()
    for c in settings:
        act = doc[c.trigger_i].head.head  # the word the setting's preposition belongs to
        if ({act.i} | {x.i for x in act.conjuncts}) & outcomes:
            drop.add(id(c))
    return [c for c in cands if id(c) not in drop]


def _drop_acts_of_a_riot(cands: list[Candidate], doc: Any) -> list[Candidate]:
    """ "Supporters burned tyres and blocked roads": acts joined under one subject are one
    gathering's; when one of them is a riot (CAMEO 145), the others are not peaceful protests
    of their own."""
    riots = {c.trigger_i for c in cands if c.cameo and c.cameo.startswith("145")}
    if not riots:
        return cands

    def own_subject(t: Any) -> bool:
        return any(ch.dep_ in {"nsubj", "nsubjpass"} for ch in t.children)

    drop: set[int] = set()
    for c in cands:
        if not c.cameo or c.cameo[:2] != "14" or c.cameo.startswith("145"):
            continue
        t = doc[c.trigger_i]
        # Conjuncts after it that have no subject of their own share its subject; so does
        # the head it is joined to when it has none itself.
        joined = {x.i for x in t.conjuncts if x.i > t.i and not own_subject(x)}
        if t.dep_ == "conj" and not own_subject(t):
            joined |= {x.i for x in t.conjuncts if x.i < t.i}
        if joined & riots:
            drop.add(id(c))
    return [c for c in cands if id(c) not in drop]


def _drop_protests_told_again(cands: list[Candidate], doc: Any) -> list[Candidate]:
    """ "Doctors marched in Nairobi, but police dispersed them": the clause joined to the
    march that acts on the marchers by a pronoun tells what became of the same gathering; the
    march is not a second, peaceful protest."""
    marches = [c for c in cands if c.cameo and c.cameo.startswith("141") and c.rule.pos == "V"]
    if not marches:
        return cands
    drop: set[int] = set()
    for c in cands:
        if not c.cameo or c.cameo.startswith("141") or c.cameo.startswith("191"):
            continue
        if not (c.cameo[:2] in VIOLENT_ROOTS | {"17"} or c.cameo[:2] == "14"):
            continue
        t = doc[c.trigger_i]
        if t.dep_ not in {"conj", "advcl"}:
            continue
        if not any(ch.dep_ in {"dobj", "obj"} and ch.lower_ == "them" for ch in t.children):
            continue
        drop.update(id(m) for m in marches if m.trigger_i == t.head.i)
    return [c for c in cands if id(c) not in drop]


def _credit_claimed_acts(cands: list[Candidate], doc: Any) -> None:
    """ "A bomb exploded near a mosque, killing three; Islamic State claimed responsibility":
    the claimant of a bare claim of responsibility did the sentence's violent acts that name
    no doer (a claim is a fact for ACLED)."""
    claimant = next(
        (
            c.source
            for c in cands
            if c.cameo == "015"
            and c.source is not None
            and doc[c.trigger_i].lemma_.lower() in CLAIM_VERBS
            and any(
                ch.dep_ in {"dobj", "obj"}
                and ch.lemma_.lower() in CLAIMED
                and not any(g.dep_ == "prep" for g in ch.children)
                for ch in doc[c.trigger_i].children
            )
        ),
        None,
    )
    if claimant is None:
        return
    for c in cands:
        if not c.cameo or c.cameo[:2] not in VIOLENT_ROOTS:
            continue
        # An unnamed doer ("gunmen", "a suicide bomber") is the claimant; named or state
        # forces stay.
        if c.source is None or (
            not c.source.acled_name and c.source.acled_class not in {"state", "external"}
        ):
            c.source = claimant


def _civilians_of(a: Actor) -> Actor:
    """The people of a nationality a demonym names ("four Palestinians"), as civilians."""
    return Actor(
        name=a.name,
        code=(a.country or "") + "CVL",
        country=a.country,
        role="CVL",
        acled_class="civilians",
        tok_start=a.tok_start,
        tok_end=a.tok_end,
    )
