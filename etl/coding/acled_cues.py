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

from collections.abc import Iterable
from typing import Any

from etl.coding.acled import AcledCues
from etl.coding.lexicon import Lexicon
from etl.coding.tokens import SentenceTokens, clause_tokens, sentence_tokens, subtree

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
    toks = list(toks)
    if not toks:
        return set()
    return _compound_words(sentence_tokens(toks[0].doc), [t.i for t in toks])


def _compound_words(st: SentenceTokens, idxs: Iterable[int]) -> set[str]:
    """:func:`compound_words` of the tokens at ``idxs`` of a sentence's attributes."""
    lower, lemma, text, dep, pos = st.lower, st.lemma, st.text, st.dep, st.pos
    idxs = [i for i in idxs if not st.is_punct[i] or text[i] == "-"]
    out: set[str] = set()
    n = len(idxs)
    for k, i in enumerate(idxs):
        lo, le = lower[i], lemma[i]
        out.add(lo)
        out.add(le)
        if k + 1 < n:
            j = idxs[k + 1]
            if text[j] == "-" and k + 2 < n:
                j = idxs[k + 2]
            for a in {lo, le}:
                for b in {lower[j], lemma[j]}:
                    out.add(f"{a}-{b}")
    # "without a fight", "with no resistance": negator and the noun it governs; "after its
    # departure", "following the withdrawal": a preposition and its object; "blocked roads":
    # a verb and its object.
    for i in idxs:
        lo = lower[i]
        if lo in _ABSENCE:
            for noun in (*st.children[i], st.head[i]):
                if pos[noun] in {"NOUN", "PROPN"}:
                    out.add(f"{lo}-{lemma[noun]}")
                # "without firing a shot", "without a shot being fired": the verb's object (or
                # passive subject) is what did not happen.
                if dep[noun] == "pcomp" and pos[noun] == "VERB":
                    for obj in st.children[noun]:
                        if dep[obj] in {"dobj", "obj", "nsubjpass"}:
                            out.add(f"{lo}-{lemma[obj]}")
        # "Not a single shot was fired", "did not fire a shot": the noun negated, or the
        # negated verb's object, did not happen ("no-shot").
        if lo == "not" and dep[i] == "neg":
            head = st.head[i]
            if pos[head] in {"NOUN", "PROPN"}:
                out.add(f"no-{lemma[head]}")
            elif pos[head] in {"VERB", "AUX"}:
                for obj in st.children[head]:
                    if dep[obj] in {"dobj", "obj", "nsubjpass"}:
                        out.add(f"no-{lemma[obj]}")
        if dep[i] in {"dobj", "obj"}:
            # "blocked the highway", "burned tyres": the verb and its object.
            out.add(f"{lemma[st.head[i]]}-{lemma[i]}")
        if dep[i] == "prep":
            for noun in st.children[i]:
                if dep[noun] == "pobj":
                    out.add(f"{lo}-{lemma[noun]}")
    return out


def _aimed_at(st: SentenceTokens, trigger: int, attack_nouns: frozenset[str]) -> list[int]:
    """Head tokens of the slots that name whom or what the act at ``trigger`` was aimed at."""
    pos, dep, lower, lemma, kids = st.pos, st.dep, st.lower, st.lemma, st.children
    heads: list[int] = []
    frames = [trigger]
    head = st.head[trigger]
    if pos[trigger] not in {"VERB", "AUX"} and pos[head] in {"VERB", "AUX"}:
        frames.append(head)  # "an attack on the village": the noun's own preps first
    if dep[trigger] in {"advcl", "conj"} and pos[head] == "VERB":
        frames.append(head)  # "raid a village, kill 15": the first verb's object
    for frame in list(frames):
        # "killed 30 in an attack on a camp", "kill 12 in village attack": the attack noun
        # the act happened in says what it was aimed at.
        for c in kids[frame]:
            if dep[c] == "prep" and lower[c] in {"in", "during"}:
                for noun in kids[c]:
                    if dep[noun] == "pobj" and lemma[noun] in attack_nouns:
                        frames.append(noun)
                        heads.extend(m for m in kids[noun] if dep[m] == "compound")
    for frame in frames:
        for c in kids[frame]:
            # (The trigger itself counts when it is the object of the frame's verb: "an
            # attack on the village" as the object of "launched".)
            if dep[c] in _OBJECT_DEPS:
                heads.append(c)
            elif dep[c] == "prep" and lower[c] in _TARGET_PREPS:
                heads.extend(cc for cc in kids[c] if dep[cc] == "pobj")
            elif dep[c] == "prt" or (
                dep[c] in {"advcl", "conj"} and lemma[c] in _VICTIM_CLAUSE_VERBS
            ):
                # "blew up the bus"; "..., killing three farmers"
                heads.extend(cc for cc in kids[c] if dep[cc] in _OBJECT_DEPS)
    # "the village of X", "residents of X": the governing noun carries the sense.
    out: list[int] = []
    for h in heads:
        out.append(h)
        out.extend(c for c in kids[h] if dep[c] in {"conj", "appos"})
    return out


def _unnamed(st: SentenceTokens, tok: int) -> bool:
    """ "killed 12", "kill 15": a bare number names no armed side, so the dead are people."""
    return st.pos[tok] == "NUM" and not any(
        st.dep[c] == "prep" and st.lower[c] == "of" for c in st.children[tok]
    )  # "12 of the soldiers" names who they were


def _doers(st: SentenceTokens, trigger: int) -> list[int]:
    """Head tokens of the slot that names who acted at ``trigger`` (subject or by-agent)."""
    dep, kids = st.dep, st.children
    out: list[int] = []
    t = trigger
    for _ in range(3):  # "rioters looted shops and burned cars": the subject of the first verb
        out += [c for c in kids[t] if dep[c] in {"nsubj", "csubj"}]
        for c in kids[t]:
            if dep[c] == "agent":
                out += [cc for cc in kids[c] if dep[cc] == "pobj"]
        if out or dep[t] not in {"conj", "xcomp", "advcl"} or st.head[t] == t:
            break
        t = st.head[t]
    return out


def _armed_with(st: SentenceTokens, tok: int) -> bool:
    """ "activists armed with sticks and firearms", "armed youths": the doers carry arms."""
    return any(st.lower[c] == "armed" and st.dep[c] in {"amod", "acl"} for c in st.children[tok])


def _names_class(st: SentenceTokens, tok: int, words: frozenset[str]) -> bool:
    """``tok`` or one of its noun modifiers ("mayoral candidate", "IDP camp") is in ``words``."""
    lower, lemma, dep, kids = st.lower, st.lemma, st.dep, st.children
    if lower[tok] in words or lemma[tok] in words:
        return True
    mods = [c for c in kids[tok] if dep[c] in {"compound", "amod"}]
    # "a camp for displaced people", "a convoy of refugees"
    for c in kids[tok]:
        if dep[c] == "prep" and lower[c] in {"for", "of"}:
            for cc in kids[c]:
                if dep[cc] == "pobj":
                    mods += [cc, *(m for m in kids[cc] if dep[m] in {"compound", "amod"})]
    return any(lower[m] in words or lemma[m] in words for m in mods)


def _intended(lex: Lexicon, st: SentenceTokens, trigger: int) -> bool:
    """ "Workers are planning to go on strike", "militias could seek to recruit": the act is
    the object of an intent verb (``fact_intent``), not something that happened."""
    t = trigger
    for _ in range(2):
        if st.dep[t] not in {"xcomp", "ccomp"} or st.head[t] == t:
            return False
        t = st.head[t]
        if st.lemma[t] in lex.cls("fact_intent"):
            return True
    return False


def _vacated(
    st: SentenceTokens,
    trigger: int,
    aimed: list[int],
    vacated: frozenset[str],
    vacate_verbs: frozenset[str],
    force_verbs: frozenset[str] = frozenset(),
) -> bool:
    """The place taken had been left by its holders, so it changed hands without a fight.

    "took control of an abandoned military camp", "moved into the positions vacated by
    government forces", "entered the town after federal troops withdrew": the place is
    described as left, or the taking follows ("after", "following", "once") a withdrawal.
    """
    dep, lemma, kids = st.dep, st.lemma, st.children
    places = list(aimed)
    for t in aimed:
        # "took control of an abandoned camp": the place is the object of "of".
        for c in kids[t]:
            if dep[c] == "prep" and st.lower[c] == "of":
                places.extend(n for n in kids[c] if dep[n] == "pobj")
    for place in places:
        for c in kids[place]:
            if dep[c] == "amod" and (lemma[c] in vacated or st.lower[c] in vacated):
                return True
            if dep[c] in {"acl", "relcl"} and lemma[c] in vacate_verbs:
                return True
    if lemma[trigger] in force_verbs:
        # "Rebels captured Aleppo after government forces withdrew": a capture told by a verb
        # of force stays the outcome of an offensive; only a place described as left is not.
        return False
    verb = trigger
    for _ in range(2):
        for c in kids[verb]:
            if dep[c] == "advcl" and lemma[c] in vacate_verbs:
                marks = {st.lower[m] for m in kids[c] if dep[m] == "mark"}
                if marks & {"after", "once", "when", "as"}:
                    return True
            # "after the withdrawal of federal troops", "following the army's pull-out"
            if (
                dep[c] == "prep"
                and st.lower[c] in {"after", "following"}
                and any(dep[n] == "pobj" and lemma[n] in vacate_verbs for n in kids[c])
            ):
                return True
        if dep[verb] not in {"conj", "xcomp"} or st.head[verb] == verb:
            break
        verb = st.head[verb]
    return False


def _doer(st: SentenceTokens, tok: int) -> bool:
    """The noun (or one it is coordinated with) is the subject of its clause."""
    t = tok
    while st.dep[t] == "conj" and st.head[t] != t:
        t = st.head[t]
    return st.dep[t] in {"nsubj", "nsubjpass", "csubj"}


def _non_political(lex: Lexicon, st: SentenceTokens, leisure: bool = False) -> bool:
    """Sport, business, film, games or a natural hazard, and no armed noun in the sentence.

    The factuality stage drops violent readings of such sentences; this cue lets the codebook
    drop the non-violent ones its own rows make ("the airline opened a new base", "residents
    fled floodwaters"). With ``leisure`` only sport, film and games count: protests about
    prices or imports are political, fans marching to a stadium are not.
    """
    leisure_classes = ("context_sport", "context_entertainment", "context_game")
    other = _union(lex, leisure_classes if leisure else (*leisure_classes, "context_business"))
    hazard = frozenset() if leisure else lex.cls("context_hazard")
    armed = _union(lex, ("armed", "armed_context", "sense_blockers"))
    lower, lemma = st.lower, st.lemma

    other_sense = lex.cls("context_other_sense")

    def has(i: int, words: frozenset[str]) -> bool:
        if not (lower[i] in words or lemma[i] in words):
            return False
        # "the press club": a compound that gives the head another sense.
        return not any(
            st.dep[c] == "compound" and f"{lower[c]}-{lower[i]}" in other_sense
            for c in st.children[i]
        )

    # Common nouns only: "merging into a single brigade" (an adjective) or "the Awami League"
    # (a party's name) set no context.
    nouns = [i for i, p in enumerate(st.pos) if p == "NOUN"]
    # A hazard sets the scene when it is the doer ("the cyclone destroyed homes"), not when it
    # is what people did ("gunmen set fire to the party office").
    if not any(has(i, other) or (has(i, hazard) and _doer(st, i)) for i in nouns):
        return False
    return not any(has(i, armed) or lower[i] == "armed" for i in range(len(lower)))


# Unions of word classes by lexicon and class names; the lexicon is kept with its unions, so
# that the id of one no longer alive is never taken for another's.
_UNIONS: dict[tuple[int, tuple[str, ...]], tuple[Lexicon, frozenset[str]]] = {}


def _union(lex: Lexicon, names: tuple[str, ...]) -> frozenset[str]:
    """The words of all the classes ``names`` of ``lex`` (made once per lexicon)."""
    key = (id(lex), names)
    hit = _UNIONS.get(key)
    if hit is None or hit[0] is not lex:
        if len(_UNIONS) > 64:
            _UNIONS.clear()  # a process that builds lexicons over and over (tests)
        hit = _UNIONS[key] = (lex, frozenset().union(*(lex.cls(n) for n in names)))
    return hit[1]


def _observed(lex: Lexicon, st: SentenceTokens) -> set[int]:
    """Tokens of what an onlooker verb's subject watched, reported or condemned ("journalists
    covering a demonstration", "lawyers who condemned the rally"): things named, not under way
    where the event happened."""
    onlooker = lex.cls("onlooker_verbs")
    out: set[int] = set()
    for v, pos in enumerate(st.pos):
        if pos != "VERB" or st.lemma[v] not in onlooker:
            continue
        for c in st.children[v]:
            if st.dep[c] in _OBJECT_DEPS:
                out.update(subtree(st, c))
            elif st.dep[c] == "prep" and st.lower[c] in {"on", "about"}:
                out.update(subtree(st, c))  # "reporting on the protest"
    return out


def _sentence_facts(lex: Lexicon, sdoc: Any) -> tuple[frozenset[str], bool, bool, bool]:
    """The cue words of the sentence, whether it is non-political (and leisure) and whether a
    demonstration is under way.

    They depend on the sentence alone, and every event of the sentence needs them: read once
    and kept on the parsed sentence (which the coder never changes after parsing).
    """
    key = ("eventetl.acled_sentence_facts", id(lex))
    cached = sdoc.user_data.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    modifier = lex.cls("fact_modifier")
    st = sentence_tokens(sdoc)
    n = len(st.lower)
    # Dates are not cues ("On 5 March" is no march) and nor are unreal things ("a planned
    # rally" is no demonstration under way).
    # Heads with an unreal modifier among their children, found in one pass over the sentence.
    unreal = {st.head[i] for i in range(n) if st.dep[i] == "amod" and st.lower[i] in modifier}
    cue_toks = [i for i in range(n) if st.ent_type[i] not in {"DATE", "TIME"} and i not in unreal]
    words = frozenset(_compound_words(st, cue_toks))
    observed = _observed(lex, st)
    protest_words = lex.cls("acled_protest")
    protest = bool(words & protest_words) and (
        not observed
        or bool(_compound_words(st, [i for i in cue_toks if i not in observed]) & protest_words)
    )
    facts = (
        words,
        _non_political(lex, st),
        _non_political(lex, st, leisure=True),
        protest,
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
    words, non_political, leisure, protest = _sentence_facts(lex, sdoc)
    st = sentence_tokens(sdoc)
    target_words: set[str] = set()
    if target_span is not None:
        target_words = _compound_words(st, range(target_span[0], target_span[1]))
    trigger = trigger_i
    aimed = _aimed_at(st, trigger, lex.cls("acled_attack_noun"))
    victim_words = lex.cls("acled_victim")
    site_words = lex.cls("acled_civilian_site")
    military = lex.cls("acled_military_target")
    civilian_site = any(_names_class(st, t, site_words) for t in aimed)
    live_fire = "live" in words and bool(words & lex.cls("acled_lethal"))
    open_fire = "open" in words and "fire" in words
    doers = _doers(st, trigger)
    return AcledCues(
        chemical=bool(words & lex.cls("acled_chemical")),
        sexual=bool(words & lex.cls("acled_sexual")),
        protest=protest,
        lethal=dead > 0 or live_fire or open_fire or bool(words & lex.cls("acled_deadly")),
        # "a camp for displaced people" is a civilian site although camps can be military.
        military_target=not civilian_site
        and (bool(target_words & military) or any(_names_class(st, t, military) for t in aimed)),
        has_target=target_span is not None,
        foreign=foreign,
        crowd_weapon=bool(words & lex.cls("acled_crowd_weapon")),
        # "Gunmen kill 12": dead named only by a number, nobody else aimed at, are people.
        unarmed_victim=any(_names_class(st, t, victim_words) for t in aimed)
        or (
            any(_unnamed(st, t) for t in aimed)
            and all(_unnamed(st, t) or _names_class(st, t, site_words) for t in aimed)
        ),
        civilian_site=civilian_site,
        # "Students stabbed a teacher" is a crowd; "a student stabbed a teacher" is one person.
        crowd_doer=any(
            _names_class(st, t, lex.cls("acled_crowd"))
            and (st.tag[t] in {"NNS", "NNPS"} or st.lower[t] in lex.cls("acled_crowd_collective"))
            for t in doers
        ),
        armed_doer=any(_armed_with(st, t) for t in doers),
        non_political=non_political,
        leisure=leisure,
        intended=_intended(lex, st, trigger),
        crowd_aimed=any(_names_class(st, t, lex.cls("acled_crowd")) for t in aimed),
        victim_head=any(st.lower[t] in victim_words or st.lemma[t] in victim_words for t in aimed),
        unopposed=bool(words & lex.cls("acled_unopposed"))
        or _vacated(
            st,
            trigger,
            aimed,
            lex.cls("acled_vacated"),
            lex.cls("acled_vacate_verbs"),
            lex.cls("acled_force_takeover_verbs"),
        ),
        mob=bool(words & lex.cls("acled_mob")),
        reciprocal=st.lemma[trigger] in lex.cls("acled_reciprocal"),
        lone_civilian=_lone_civilian(lex, st, doers),
        retaken=_retaken(lex, st, trigger),
        nonstate_holder=_nonstate_holder(lex, st, trigger),
        accused_victim=_accused(st, aimed, lex.cls("acled_accused")),
        riot_act=_riot_act(st, sdoc, trigger, words, lex.cls("acled_riot_acts")),
        captive=bool(words & lex.cls("acled_captive_cues"))
        or st.lemma[trigger] in lex.cls("acled_captive_acts"),
        irritant=bool(words & lex.cls("acled_irritant_gas")),
    )


def _riot_act(
    st: SentenceTokens, sdoc: Any, trigger: int, words: set[str], riot_acts: frozenset[str]
) -> bool:
    """The crowd's own violence is told in the act's clause ("protested, looting shops"), not
    in a clause with a doer of its own ("marched in Accra, while rioters looted shops")."""
    if not words & riot_acts:
        return False
    # An act with no subject of its own ("to protest", "looting") is told by the clause it
    # hangs on: "set up burning barricades to protest fuel prices".
    v = trigger
    for _ in range(4):
        has_subject = any(st.dep[c] in {"nsubj", "nsubjpass"} for c in st.children[v])
        if has_subject or st.dep[v] not in {"xcomp", "advcl", "conj"} or st.head[v] == v:
            break
        v = st.head[v]
    clause = clause_tokens(sdoc[v])
    low = st.lower
    return any(
        low[i] in riot_acts
        or st.lemma[i] in riot_acts
        or (i + 1 < len(low) and f"{low[i]}-{low[i + 1]}" in riot_acts)
        for i in clause
    )


def _accused(st: SentenceTokens, aimed: list[int], words: frozenset[str]) -> bool:
    """An aimed-at person is one accused or suspected of a wrong ("a man accused of
    witchcraft", "two suspected thieves", "a man alleged to have stolen a goat")."""
    for t in aimed:
        for c in st.children[t]:
            if st.dep[c] in {"amod", "acl", "relcl", "compound"} and (
                st.lower[c] in words or st.lemma[c] in words
            ):
                return True
    return False


def _nonstate_holder(lex: Lexicon, st: SentenceTokens, trigger: int) -> bool:
    """The place is taken "from" a non-state armed side ("from Boko Haram fighters")."""
    for c in st.children[trigger]:
        if st.dep[c] != "prep" or st.lower[c] != "from":
            continue
        for noun in st.children[c]:
            agent = lex.agents.get(st.lower[noun]) or lex.agents.get(st.lemma[noun])
            if st.dep[noun] == "pobj" and agent is not None:
                return agent.acled_class in {"rebel", "militia", "identity"}
    return False


def _retaken(lex: Lexicon, st: SentenceTokens, trigger: int) -> bool:
    """The act takes a place back ("retook", "recaptured", "drove the insurgents out of")."""
    words = lex.cls("acled_retake")
    lemma = st.lemma[trigger]
    if lemma in words:
        return True
    return any(
        f"{lemma}-{st.lower[c]}" in words
        for c in st.children[trigger]
        if st.dep[c] in {"prt", "prep", "advmod"}
    )


def _lone_civilian(lex: Lexicon, st: SentenceTokens, doers: list[int]) -> bool:
    """One civilian named by who they are ("a teenager", "a student", "his neighbour") did it,
    with no arms-bearing or armed-group word in the sentence ("a teenager shot dead three
    classmates"); not an anonymous "man" or "gunman", whom ACLED codes as an armed group."""
    if len(doers) != 1:
        return False
    d = doers[0]
    if st.tag[d] != "NN" or _armed_with(st, d):
        return False
    if any(st.dep[c] == "conj" for c in st.children[d]):
        return False  # "a student and two men": more than one doer
    if not (
        st.lemma[d] in lex.cls("acled_lone_civilian")
        or st.lower[d] in lex.cls("acled_lone_civilian")
    ):
        return False
    armed = _union(lex, ("armed", "armed_context", "sense_blockers"))
    return not any(
        st.lower[i] in armed or st.lemma[i] in armed or st.lower[i] == "armed"
        for i in range(len(st.lower))
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
