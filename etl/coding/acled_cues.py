"""Read the facts ACLED's decision rules need from a parsed sentence and its event's trigger.

The rules themselves live in :mod:`etl.coding.acled` and see only :class:`AcledCues`. Every word
that decides a cue comes from an ``acled_*`` class of ``lexicons.tsv`` so that users extend the
vocabulary without touching code. Two kinds of cue are read:

- sentence cues (a demonstration under way, a chemical agent, live fire, a crowd-control weapon,
  territory taken "without a fight");
- role cues, read only from the slots of the trigger that name whom or what the act was aimed
  at (its object, the passive subject, the object of "on/against/at", the victims of a
  "killing ..." clause): unarmed victims (villagers, farmers, a candidate) and civilian sites
  (a village, a market, a school).
"""

from __future__ import annotations

from typing import Any

from etl.coding.acled import AcledCues
from etl.coding.lexicon import Lexicon

# Dependency labels of the slots that name what an act is aimed at.
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
_TARGET_PREPS = frozenset({"on", "against", "at", "upon", "into", "targeting", "with"})
_VICTIM_CLAUSE_VERBS = frozenset({"kill", "wound", "injure", "shoot", "leave"})
# Negators that make "without a fight" / "no resistance" phrases.
_ABSENCE = frozenset({"without", "no"})


def compound_words(toks: Any) -> set[str]:
    """Words of ``toks`` with two-word phrases joined by a hyphen.

    "sit-in" (split by the tokenizer), "tear gas", "water cannon", "rubber bullets", "without a
    fight": the lexicon names such phrases as ``first-second`` (lemmas or forms).
    """
    toks = [t for t in toks if not t.is_punct or t.text == "-"]
    out: set[str] = set()
    for i, t in enumerate(toks):
        out.add(t.lower_)
        out.add(t.lemma_.lower())
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            if nxt.text == "-" and i + 2 < len(toks):
                nxt = toks[i + 2]
            for a in {t.lower_, t.lemma_.lower()}:
                for b in {nxt.lower_, nxt.lemma_.lower()}:
                    out.add(f"{a}-{b}")
    # "without a fight", "with no resistance": negator and the noun it governs; "after its
    # departure", "following the withdrawal": a preposition and its object; "blocked roads":
    # a verb and its object.
    for t in toks:
        if t.lower_ in _ABSENCE:
            for noun in (*t.children, t.head):
                if noun.pos_ in {"NOUN", "PROPN"}:
                    out.add(f"{t.lower_}-{noun.lemma_.lower()}")
                # "without firing a shot": the verb's object is what did not happen.
                if noun.dep_ == "pcomp" and noun.pos_ == "VERB":
                    for obj in (o for o in noun.children if o.dep_ in {"dobj", "obj"}):
                        out.add(f"{t.lower_}-{obj.lemma_.lower()}")
        if t.dep_ in {"dobj", "obj"}:
            # "blocked the highway", "burned tyres": the verb and its object.
            out.add(f"{t.head.lemma_.lower()}-{t.lemma_.lower()}")
        if t.dep_ == "prep":
            for noun in t.children:
                if noun.dep_ == "pobj":
                    out.add(f"{t.lower_}-{noun.lemma_.lower()}")
    return out


def _aimed_at(trigger: Any, attack_nouns: frozenset[str] = frozenset()) -> list[Any]:
    """Head tokens of the slots that name whom or what the act at ``trigger`` was aimed at."""
    heads: list[Any] = []
    frames = [trigger]
    if trigger.pos_ not in {"VERB", "AUX"} and trigger.head.pos_ in {"VERB", "AUX"}:
        frames.append(trigger.head)  # "an attack on the village": the noun's own preps first
    if trigger.dep_ in {"advcl", "conj"} and trigger.head.pos_ == "VERB":
        frames.append(trigger.head)  # "raid a village, kill 15": the first verb's object
    for frame in list(frames):
        # "killed 30 in an attack on a camp", "kill 12 in village attack": the attack noun
        # the act happened in says what it was aimed at.
        for c in frame.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "during"}:
                for noun in c.children:
                    if noun.dep_ == "pobj" and noun.lemma_.lower() in attack_nouns:
                        frames.append(noun)
                        heads.extend(m for m in noun.children if m.dep_ == "compound")
    for frame in frames:
        for c in frame.children:
            if c.dep_ in _OBJECT_DEPS and c is not trigger:
                heads.append(c)
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                heads.extend(cc for cc in c.children if cc.dep_ == "pobj")
            elif c.dep_ == "prt" or (
                c.dep_ in {"advcl", "conj"} and c.lemma_.lower() in _VICTIM_CLAUSE_VERBS
            ):
                # "blew up the bus"; "..., killing three farmers"
                heads.extend(cc for cc in c.children if cc.dep_ in _OBJECT_DEPS)
    # "the village of X", "residents of X": the governing noun carries the sense.
    out: list[Any] = []
    for h in heads:
        out.append(h)
        out.extend(c for c in h.children if c.dep_ in {"conj", "appos"})
    return out


def _unnamed(tok: Any) -> bool:
    """ "killed 12", "kill 15": a bare number names no armed side, so the dead are people."""
    return tok.pos_ == "NUM" and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in tok.children
    )  # "12 of the soldiers" names who they were


def _doers(trigger: Any) -> list[Any]:
    """Head tokens of the slot that names who acted at ``trigger`` (subject or by-agent)."""
    out: list[Any] = []
    t = trigger
    for _ in range(3):  # "rioters looted shops and burned cars": the subject of the first verb
        out += [c for c in t.children if c.dep_ in {"nsubj", "csubj"}]
        for c in t.children:
            if c.dep_ == "agent":
                out += [cc for cc in c.children if cc.dep_ == "pobj"]
        if out or t.dep_ not in {"conj", "xcomp", "advcl"} or t.head is t:
            break
        t = t.head
    return out


def _armed_with(tok: Any) -> bool:
    """ "activists armed with sticks and firearms", "armed youths": the doers carry arms."""
    return any(c.lower_ == "armed" and c.dep_ in {"amod", "acl"} for c in tok.children)


def _names_class(tok: Any, words: frozenset[str]) -> bool:
    """``tok`` or one of its noun modifiers ("mayoral candidate", "IDP camp") is in ``words``."""
    if tok.lower_ in words or tok.lemma_.lower() in words:
        return True
    mods = [c for c in tok.children if c.dep_ in {"compound", "amod"}]
    # "a camp for displaced people", "a convoy of refugees"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"for", "of"}:
            for cc in c.children:
                if cc.dep_ == "pobj":
                    mods += [cc, *(m for m in cc.children if m.dep_ in {"compound", "amod"})]
    return any(m.lower_ in words or m.lemma_.lower() in words for m in mods)


def _intended(lex: Lexicon, trigger: Any) -> bool:
    """ "Workers are planning to go on strike", "militias could seek to recruit": the act is
    the object of an intent verb (``fact_intent``), not something that happened."""
    t = trigger
    for _ in range(2):
        if t.dep_ not in {"xcomp", "ccomp"} or t.head is t:
            return False
        t = t.head
        if t.lemma_.lower() in lex.cls("fact_intent"):
            return True
    return False


def _doer(tok: Any) -> bool:
    """The noun (or one it is coordinated with) is the subject of its clause."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ in {"nsubj", "nsubjpass", "csubj"}


def _non_political(lex: Lexicon, sdoc: Any, leisure: bool = False) -> bool:
    """Sport, business, film, games or a natural hazard, and no armed noun in the sentence.

    The factuality stage drops violent readings of such sentences; this cue lets the codebook
    drop the non-violent ones its own rows make ("the airline opened a new base", "residents
    fled floodwaters"). With ``leisure`` only sport, film and games count: protests about
    prices or imports are political, fans marching to a stadium are not.
    """
    other = lex.cls("context_sport") | lex.cls("context_entertainment") | lex.cls("context_game")
    hazard = frozenset() if leisure else lex.cls("context_hazard")
    if not leisure:
        other = other | lex.cls("context_business")
    armed = lex.cls("armed") | lex.cls("armed_context") | lex.cls("sense_blockers")

    def has(t: Any, words: frozenset[str]) -> bool:
        return t.lower_ in words or t.lemma_.lower() in words

    # Common nouns only: "merging into a single brigade" (an adjective) or "the Awami League"
    # (a party's name) set no context.
    nouns = [t for t in sdoc if t.pos_ == "NOUN"]
    # A hazard sets the scene when it is the doer ("the cyclone destroyed homes"), not when it
    # is what people did ("gunmen set fire to the party office").
    if not any(has(t, other) or (has(t, hazard) and _doer(t)) for t in nouns):
        return False
    return not any(has(t, armed) or t.lower_ == "armed" for t in sdoc)


def _sentence_facts(lex: Lexicon, sdoc: Any) -> tuple[frozenset[str], bool, bool]:
    """The cue words of the sentence and whether it is non-political (and leisure).

    They depend on the sentence alone, and every event of the sentence needs them: read once
    and kept on the parsed sentence (which the coder never changes after parsing).
    """
    key = ("eventetl.acled_sentence_facts", id(lex))
    cached = sdoc.user_data.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    modifier = lex.cls("fact_modifier")
    # Dates are not cues ("On 5 March" is no march) and nor are unreal things ("a planned
    # rally" is no demonstration under way).
    toks = list(sdoc)
    # Heads with an unreal modifier among their children, found in one pass over the sentence.
    unreal = {t.head.i for t in toks if t.dep_ == "amod" and t.lower_ in modifier}
    cue_toks = [t for t in toks if t.ent_type_ not in {"DATE", "TIME"} and t.i not in unreal]
    facts = (
        frozenset(compound_words(cue_toks)),
        _non_political(lex, toks),  # the token list: spaCy makes a new Token per access
        _non_political(lex, toks, leisure=True),
    )
    sdoc.user_data[key] = facts
    return facts


def acled_cues(
    lex: Lexicon,
    sdoc: Any,
    trigger_i: int,
    target_span: tuple[int, int] | None,
    dead: int,
    foreign: bool,
) -> AcledCues:
    """The facts of the sentence and of one event's roles that ACLED's decision rules need."""
    words, non_political, leisure = _sentence_facts(lex, sdoc)
    target_words: set[str] = set()
    if target_span is not None:
        target_words = compound_words(sdoc[target_span[0] : target_span[1]])
    trigger = sdoc[trigger_i]
    aimed = _aimed_at(trigger, lex.cls("acled_attack_noun"))
    victim_words = lex.cls("acled_victim")
    site_words = lex.cls("acled_civilian_site")
    military = lex.cls("acled_military_target")
    civilian_site = any(_names_class(t, site_words) for t in aimed)
    live_fire = "live" in words and bool(words & lex.cls("acled_lethal"))
    open_fire = "open" in words and "fire" in words
    return AcledCues(
        chemical=bool(words & lex.cls("acled_chemical")),
        sexual=bool(words & lex.cls("acled_sexual")),
        protest=bool(words & lex.cls("acled_protest")),
        lethal=dead > 0 or live_fire or open_fire or bool(words & lex.cls("acled_deadly")),
        # "a camp for displaced people" is a civilian site although camps can be military.
        military_target=not civilian_site
        and (bool(target_words & military) or any(_names_class(t, military) for t in aimed)),
        has_target=target_span is not None,
        foreign=foreign,
        crowd_weapon=bool(words & lex.cls("acled_crowd_weapon")),
        # "Gunmen kill 12": dead named only by a number, nobody else aimed at, are people.
        unarmed_victim=any(_names_class(t, victim_words) for t in aimed)
        or (
            any(_unnamed(t) for t in aimed)
            and all(_unnamed(t) or _names_class(t, site_words) for t in aimed)
        ),
        civilian_site=civilian_site,
        crowd_doer=any(_names_class(t, lex.cls("acled_crowd")) for t in _doers(trigger)),
        armed_doer=any(_armed_with(t) for t in _doers(trigger)),
        non_political=non_political,
        leisure=leisure,
        intended=_intended(lex, trigger),
        crowd_aimed=any(_names_class(t, lex.cls("acled_crowd")) for t in aimed),
        victim_head=any(
            t.lower_ in victim_words or t.lemma_.lower() in victim_words for t in aimed
        ),
        unopposed=bool(words & lex.cls("acled_unopposed")),
        mob=bool(words & lex.cls("acled_mob")),
    )


_WEAPON_CLASSES = (
    "weapon_aircraft",
    "weapon_drone",
    "weapon_artillery",
    "weapon_missile",
    "weapon_ied",
    "weapon_grenade",
    "weapon_small",
)


def bare_weapon(lex: Lexicon, sdoc: Any, actor: Any) -> bool:
    """The actor is only a weapon with no owner named ("struck by drones", "hit by shelling").

    A country or group in the phrase ("Russian drones", "Houthi missiles") or an actor name
    of its own makes it an owner's weapon, which keeps the owner as the actor.
    """
    if actor.country or actor.acled_name or actor.tok_end <= actor.tok_start:
        return False
    span = sdoc[actor.tok_start : actor.tok_end]
    weapons = frozenset().union(*(lex.cls(c) for c in _WEAPON_CLASSES))
    if span.root.lemma_.lower() not in weapons and span.root.lower_ not in weapons:
        return False
    return not any(t.ent_type_ in {"NORP", "GPE", "ORG"} or t.pos_ == "PROPN" for t in span)
