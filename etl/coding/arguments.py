"""The arguments stage: who did it, to whom, with what weapon and where, around one trigger.

:class:`ArgumentFinder` walks the dependency tree near a trigger: the subject (through passives,
xcomp, conjuncts and participial clauses), the object and prepositional objects, the noun phrase
resolved to an :class:`Actor`, the weapon class and the event's place.
:class:`~etl.coding.engine.SentenceCoder` builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from etl.coding.headlines import names_a_site, place_object
from etl.coding.lexicon import ActorEntry, Agent, Group, Lexicon
from etl.coding.mentions import LOC_PREPS, SentenceInfo
from etl.coding.places import Place
from etl.coding.reference import country_names
from etl.coding.tokens import SentenceTokens, sentence_tokens, subtree
from etl.geo.context import (
    in_other_clause,
    is_place_word,
    locative_cue,
    near_cue,
    nearest_places_first,
    owns_next_place,
    small_homonym_abroad,
)
from etl.geo.resolve import resolve_in_sentence

SUBJ = {"nsubj", "csubj"}
OBJ = {"dobj", "obj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
# Verbs whose object is the instrument of an embedded act ("used tear gas to disperse ...").
INSTRUMENT_VERBS = frozenset({"use", "employ"})
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "itself"}
BACKED = {
    "backed",
    "led",
    "allied",
    "aligned",
    "sponsored",
    "linked",
    "funded",
    "supported",
    "controlled",
    "held",
    "based",
    "run",
}
CLASS_OF_INTER = {1: "state", 2: "rebel", 3: "militia", 4: "identity", 8: "external"}
NON_STATE_ARMED = frozenset({"rebel", "militia", "identity"})
ARMED_CLASSES = {"state", "rebel", "militia", "identity", "external"}


@dataclass(slots=True)
class Actor:
    """A resolved actor mention."""

    name: str
    code: str | None = None
    country: str | None = None
    role: str | None = None
    acled_class: str | None = None
    acled_name: str | None = None
    inter: int | None = None
    branch: str | None = None
    tok_start: int = 0
    tok_end: int = 0
    is_place_only: bool = False


# Dependents that end a noun phrase (its relative clauses, conjuncts, most PPs).
_NP_STOP_DEPS = frozenset({"relcl", "acl", "conj", "cc", "punct", "advcl", "prep", "det"})


def _np_indices(st: SentenceTokens, head: int) -> list[int]:
    """Token indices of the noun phrase at ``head`` without relative clauses, conjuncts or most
    PPs ("of" right after the head stays: "members of Hamas"), in sentence order."""
    dep, lower, kids = st.dep, st.lower, st.children
    out = [head]
    stack = [head]
    while stack:
        t = stack.pop()
        for c in kids[t]:
            if dep[c] in _NP_STOP_DEPS and not (
                dep[c] == "prep" and lower[c] == "of" and t == head
            ):
                continue
            out.append(c)
            stack.append(c)
    out.sort()
    return out


def _measured_head(st: SentenceTokens, h: int, heads: frozenset[str]) -> int:
    """The token a quantity or collective head (``heads``, class ``quantity_heads``) measures,
    or ``h`` itself."""
    dep, lower, kids = st.dep, st.lower, st.children
    # "Tens of thousands of students", "members of Hamas", "a group of gunmen": the actor is
    # the object of "of" after a quantity or collective head.
    for _ in range(3):
        if st.lemma[h] not in heads and st.pos[h] != "NUM":
            break
        nxt = None
        for c in kids[h]:
            if dep[c] == "prep" and lower[c] == "of":
                nxt = next((cc for cc in kids[c] if dep[cc] == "pobj"), None)
        if nxt is None:
            break
        h = nxt
    return h


class ArgumentFinder:
    """Finds a trigger's arguments (actors, weapon, place) with a compiled :class:`Lexicon`."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.c_weapon = {
            w: lex.cls(f"weapon_{w}")
            for w in (
                "suicide",  # "a suicide bomber" before the aircraft class's "bomber"
                "aircraft",
                "drone",
                "artillery",
                "missile",
                "ied",
                "grenade",
                "chemical",
                "small",
            )
        }
        self.countries = country_names()
        self.weapon_words = frozenset().union(lex.cls("weapon"), *self.c_weapon.values())
        self.led_words = lex.cls("actor_mod_led")
        self.backed_words = lex.cls("actor_mod_backed")
        self.patron_words = self.led_words | self.backed_words
        # Collective heads that take their actor type from a modifier ("militant group").
        self.collective = lex.cls("collective_nouns")

    def entry_for(self, payloads: list[ActorEntry | Group], when: date) -> ActorEntry | Group:
        """The payload valid on ``when``: groups first, then dated entries, then undated."""
        best: ActorEntry | Group | None = None
        best_key: tuple[int, int] = (9, 10**9)
        for p in payloads:
            if isinstance(p, Group):
                return p
            if (p.start and when < p.start) or (p.end and when > p.end):
                continue
            key = (0 if (p.start or p.end) else 1, p.rank)
            if key < best_key:
                best, best_key = p, key
        if best is None:
            # Out of office on this date: keep the country only (an ex-leader is not GOV).
            p0 = min((p for p in payloads if isinstance(p, ActorEntry)), key=lambda p: p.rank)
            return ActorEntry(p0.code[:3], None, None, p0.rank)
        return best

    def agent_of(self, tok: Any) -> Agent | None:
        """Agent noun at ``tok`` (also two-word compounds such as "security forces")."""
        agents = self.lex.agents
        st = sentence_tokens(tok.doc)
        i = tok.i
        lower, lemma = st.lower, st.lemma
        if i > 0:
            prev = i - 1
            if st.dep[prev] in {"compound", "amod"}:
                for k in (f"{lower[prev]} {lower[i]}", f"{lemma[prev]} {lemma[i]}"):
                    a = agents.get(k)
                    if a:
                        return a
        hit = agents.get(lower[i]) or agents.get(lemma[i])
        if hit is None and st.pos[i] == "PROPN" and lower[i].endswith("s"):
            # "Rebels attacked ...": a capitalised plural the tagger read as a name is not
            # lemmatised; its singular is the agent noun.
            w = lower[i]
            hit = agents.get(w[:-1]) or (agents.get(w[:-3] + "y") if w.endswith("ies") else None)
        if hit is None and lemma[i] in self.collective:
            # "opposition groups", "militant group", "rebel movement": the modifier's agent.
            for c in st.children[i]:
                if st.dep[c] in {"compound", "amod"} and c < i:
                    m = agents.get(lower[c]) or agents.get(lemma[c])
                    if m is not None:
                        return m
        return hit

    def np_actor(
        self, head: Any, info: SentenceInfo, when: date, memory: list[Actor]
    ) -> Actor | None:
        """Resolve the noun phrase headed by ``head`` to an actor (or None)."""
        doc = info.doc
        st = sentence_tokens(doc)
        h = _measured_head(st, head.i, self.lex.cls("quantity_heads"))
        if h != head.i:
            head = doc[h]
        toks = _np_indices(st, h)
        group, entry, place, pron, patron = self._np_mentions(toks, info, when, memory)
        agent = self.agent_of(head)
        if patron is not None and group is None and entry is None and pron is None:
            led = self._patron_actor(head, toks, agent, patron)
            if led is not None:
                return led
            if (
                patron[1] in self.backed_words
                and isinstance(patron[0], ActorEntry)
                and agent is not None
                and self._generic_state(head, agent)
            ):
                # "Turkish-backed forces": a foreign state's proxy, a non-state armed group
                # (ACLED's political militia), of the country where it fights. Soldiers backed
                # by a named group ("Wagner-backed soldiers") stay the state's.
                agent = Agent(role="UAF", acled_class="militia", branch=None)
        if group is None and agent is not None and agent.acled_class in ARMED_CLASSES:
            group = self._armed_group(head, agent, info, when)
        if agent is None:
            for c in head.children:
                if c.dep_ == "appos":
                    agent = self.agent_of(c)
                    if agent:
                        break
        if group is None and entry is None and agent is None and pron is None:
            # Unknown named actor: an entity the parser found; no code, but an actor all the same.
            if head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} and head.pos_ in {
                "PROPN",
                "NOUN",
            }:
                # A town the gazetteer knows is a place, also when the parser's entity label is
                # wrong ("Rebels seized Kidal", Kidal read as an ORG): never a named actor.
                if (
                    place is not None
                    and place.iso3 in self.countries
                    and (
                        head.ent_type_ == "GPE"
                        or (head.ent_type_ != "PERSON" and head.i in info.place_at)
                        # "Militias attacked Beni": the object of an act on places, whatever
                        # the tagger's entity label.
                        or (head.i in info.place_at and head.dep_ in OBJ | {"pobj"})
                    )
                ):
                    return Actor(
                        name=head.text,
                        country=place.iso3,
                        code=place.iso3,
                        tok_start=head.i,
                        tok_end=head.i + 1,
                        is_place_only=True,
                    )
                name = doc[toks[0] : toks[-1] + 1].text if toks else head.text
                return Actor(name=name, tok_start=toks[0], tok_end=toks[-1] + 1)
            return None
        name = doc[toks[0] : toks[-1] + 1].text if toks else head.text
        a = Actor(
            name=name,
            tok_start=toks[0] if toks else head.i,
            tok_end=(toks[-1] + 1) if toks else head.i + 1,
        )
        if group is None and entry is None and pron is None and agent is not None:
            # "JNIM fighters entered Djibo. The militants then killed 12 civilians": a
            # definite description of an armed group named before is that group.
            named = self._definite_antecedent(head, agent.acled_class, memory)
            if named is not None:
                return replace(named, name=name, tok_start=a.tok_start, tok_end=a.tok_end)
        if group is not None:
            g = group[0]
            a.code, a.acled_name, a.inter = g.cameo, g.acled_name, g.inter
            a.country = g.country or (g.cameo[:3] if g.cameo[:3] in self.countries else None)
            a.role = g.cameo[3:6] or None
            a.acled_class = CLASS_OF_INTER.get(g.inter, "rebel")
            return a
        base: Actor | None = None
        if entry is not None:
            code = entry[0].code
            country = code[:3] if code[:3] in self.countries or code[:3] == "IGO" else None
            base = Actor(name=name, code=code, country=country, role=code[3:6] or None)
        elif pron is not None:
            base = Actor(
                name=pron.name if head.lower_ in PRONOUNS else name,
                code=pron.code,
                country=pron.country,
                role=pron.role,
                acled_class=pron.acled_class,
                acled_name=pron.acled_name,
                inter=pron.inter,
                branch=pron.branch,
            )
            if agent is None and head.lower_ in PRONOUNS:
                base.tok_start, base.tok_end = a.tok_start, a.tok_end
                base.name = pron.name
                # A country's code alone ("they" = Kenya) names a place; a role code alone
                # ("they" = the students, EDU) names people.
                base.is_place_only = (base.code or "") in self.countries
                return base
        elif place is not None and place.iso3 in self.countries:
            base = Actor(name=name, code=None, country=place.iso3)
        if agent is not None:
            country = base.country if base else None
            if (
                base is not None
                and base.code
                and (base.code.startswith("IGO") or (len(base.code) > 3 and agent.role == "GOV"))
            ):
                # A named person/organisation keeps its own roles ("its leader, Nasrallah").
                a.code = base.code
                a.role = base.code[3:6] or agent.role
                a.country = country
                a.acled_class = _class_of_code(base.code) or agent.acled_class
                return a
            else:
                a.code = (country or "") + agent.role
            a.country, a.role = country, agent.role
            a.acled_class, a.branch = agent.acled_class, agent.branch
            if base is not None and base.acled_name:
                # "its leader" of Hezbollah is Hezbollah
                base.tok_start, base.tok_end, base.name = a.tok_start, a.tok_end, a.name
                return base
            return a
        if base is None:
            return None
        base.tok_start, base.tok_end = a.tok_start, a.tok_end
        base.acled_class = base.acled_class or _class_of_code(base.code)
        base.is_place_only = entry is not None and len(entry[0].code) == 3
        return base

    def _patron_actor(
        self,
        head: Any,
        toks: list[int],
        agent: Agent | None,
        patron: tuple[ActorEntry | Group, str],
        act: bool = False,
    ) -> Actor | None:
        """The actor of armed forces "X-led" (or X-allied ...) named by their leader X alone:
        X's group ("HTS-led forces" are HTS) or X's state forces ("the US-led coalition").
        With ``act`` the head is the act itself ("an HTS-led offensive"), done by X."""
        leader, relation = patron
        if relation not in self.led_words:
            return None
        st = sentence_tokens(head.doc)
        armed = agent is not None and agent.acled_class in ARMED_CLASSES
        if not (
            act
            or armed
            or any(st.lemma[t] in self.collective for t in toks)  # "Saudi-led coalition"
            or st.lemma[head.i] in self.weapon_words  # "Saudi-led airstrikes"
        ):
            return None
        name = head.doc[toks[0] : toks[-1] + 1].text
        a = Actor(name=name, tok_start=toks[0], tok_end=toks[-1] + 1)
        if isinstance(leader, Group):
            a.code, a.acled_name, a.inter = leader.cameo, leader.acled_name, leader.inter
            a.country = leader.country or (
                leader.cameo[:3] if leader.cameo[:3] in self.countries else None
            )
            a.role = leader.cameo[3:6] or None
            a.acled_class = CLASS_OF_INTER.get(leader.inter, "rebel")
            return a
        country = leader.code[:3] if leader.code[:3] in self.countries else None
        cls = _class_of_code(leader.code)
        if country is None or cls not in {"state", "country", "rebel"}:
            return None
        if cls == "rebel":
            a.code, a.role, a.acled_class = leader.code, leader.code[3:6], "rebel"
        else:
            # A state (or its leader) at the head of forces: that state's forces, foreign
            # (inter 8) wherever they fight outside it.
            a.code, a.role, a.acled_class = f"{country}MIL", "MIL", "state"
            if agent is not None and agent.acled_class == "state":
                # "Kenyan-led police" are Kenya's police
                a.code, a.role, a.branch = country + agent.role, agent.role, agent.branch
        a.country = country
        return a

    def led_act_source(self, tok: Any, info: SentenceInfo, when: date) -> Actor | None:
        """The doer of an act noun led by a named actor ("Saudi-led airstrikes", "an HTS-led
        offensive"), or None."""
        toks = _np_indices(sentence_tokens(tok.doc), tok.i)
        group, entry, _place, _pron, patron = self._np_mentions(toks, info, when, [])
        if patron is None or group is not None or entry is not None:
            return None
        return self._patron_actor(tok, toks, self.agent_of(tok), patron, act=True)

    def _generic_state(self, head: Any, agent: Agent) -> bool:
        """``agent`` is the state class of a generic force noun alone ("forces", "troops"),
        not of a state's own name for them ("government forces", "the army")."""
        st = sentence_tokens(head.doc)
        lemma = st.lemma[head.i]
        return (
            agent.acled_class == "state"
            and lemma in self.lex.cls("actor_generic_force")
            and self.lex.agents.get(lemma) is agent
        )

    def _np_mentions(
        self, toks: list[int], info: SentenceInfo, when: date, memory: list[Actor]
    ) -> tuple[
        tuple[Group, int, int] | None,
        tuple[ActorEntry, int, int] | None,
        Place | None,
        Actor | None,
        tuple[ActorEntry | Group, str] | None,
    ]:
        """The named group, dictionary entry, place and pronoun antecedent found in a noun
        phrase's tokens (the first of each; the longest entry code), and the patron of an
        "X-led" / "X-backed" modifier with its relation word."""
        doc = info.doc
        st = sentence_tokens(doc)
        lower = st.lower
        group: tuple[Group, int, int] | None = None
        entry: tuple[ActorEntry, int, int] | None = None
        place: Place | None = None
        pron: Actor | None = None
        patron: tuple[ActorEntry | Group, str] | None = None
        seen: set[int] = set()
        for ti in toks:
            hit = info.actor_at.get(ti)
            if hit and hit[0] not in seen:
                s, e, payloads = hit
                seen.add(s)
                hyphen_word = (
                    doc[e + 1].lower_ if e + 1 < len(doc) and doc[e].text in "-–" else None
                )
                if hyphen_word in self.patron_words:
                    # "HTS-led forces", "Rwanda-backed rebels": X is the leader or the patron
                    # of the forces, not their name or nationality.
                    if patron is None:
                        patron = (self.entry_for(payloads, when), hyphen_word)
                    continue
                if (e < len(doc) and doc[e].lower_ in BACKED) or hyphen_word in BACKED:
                    continue  # "Iran-held Abu Musa", "Iran backed militants" are not Iranian
                p = self.entry_for(payloads, when)
                if isinstance(p, Group):
                    if group is None:
                        group = (p, s, e)
                elif entry is None or (len(p.code) > len(entry[0].code) and s < entry[1]):
                    entry = (p, s, e)
            elif lower[ti] in PRONOUNS and st.pos[ti] == "PRON" and pron is None:
                pron = self._antecedent(doc[ti], info, when) or (memory[-1] if memory else None)
            pl = info.place_at.get(ti)
            if pl and place is None and not hit:
                place = self.lex.gazetteer.choose(pl[2]) if self.lex.gazetteer else None
        return group, entry, place, pron, patron

    def _armed_group(
        self, head: Any, agent: Agent, info: SentenceInfo, when: date
    ) -> tuple[Group, int, int] | None:
        """The named group of an armed agent noun that names none itself."""
        group: tuple[Group, int, int] | None = None
        # "mercenaries from the Wagner group", "fighters of Hamas": the named group; a
        # mercenary with no group attached takes the foreign group named in the sentence.
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in {"from", "of", "with"}:
                for t in c.subtree:
                    hit = info.actor_at.get(t.i)
                    if hit:
                        p = self.entry_for(hit[2], when)
                        if isinstance(p, Group):
                            group = (p, hit[0], hit[1])
                            break
        if group is None and agent.acled_class == "external":
            for s0, e0, payloads in {v[0]: v for v in info.actor_at.values()}.values():
                p = self.entry_for(payloads, when)
                if isinstance(p, Group) and p.inter == 8:
                    group = (p, s0, e0)
                    break
        return group

    def _antecedent(self, pron: Any, info: SentenceInfo, when: date) -> Actor | None:
        """The nearest dictionary actor before a pronoun in the same sentence; for a possessive
        in reported speech, the speaker ("Hamas said an Israeli strike killed one of its
        commanders": its = Hamas's)."""
        i = pron.i - 1
        speaker = self._speaker(pron) if pron.dep_ == "poss" else None
        if speaker is not None and speaker.i in info.actor_at:
            i = info.actor_at[speaker.i][1] - 1
        if pron.dep_ in SUBJ and pron.head.dep_ == "ccomp":
            # "Two armed factions announced that they were merging": the speaker.
            said_by = self._speaker(pron)
            if said_by is not None and said_by.lower_ not in PRONOUNS:
                a = self.np_actor(said_by, info, when, [])
                if a is not None:
                    return a
        if pron.lower_ in {"they", "them", "their"}:
            # "Doctors marched in Nairobi, but police dispersed them": the subject of the
            # clause this one is joined to.
            joined = self._joined_subject(pron)
            if joined is not None:
                a = self.np_actor(joined, info, when, [])
                if a is not None:
                    return a
        while i >= 0:
            hit = info.actor_at.get(i)
            if hit is not None and i in info.place_at and self._locative(info.doc[hit[0]]):
                i = hit[0] - 1  # "in Nairobi": a place named, not who "them" is
                continue
            if hit is not None:
                s, e, payloads = hit
                doc = info.doc
                if not (e < len(doc) and doc[e].text in "-–"):
                    p = self.entry_for(payloads, when)
                    if isinstance(p, Group):
                        return Actor(
                            name=doc[s:e].text,
                            code=p.cameo,
                            country=p.country,
                            role=p.cameo[3:6] or None,
                            acled_name=p.acled_name,
                            inter=p.inter,
                            acled_class=CLASS_OF_INTER.get(p.inter),
                        )
                    code = p.code
                    return Actor(
                        name=doc[s:e].text,
                        code=code,
                        country=code[:3] if code[:3] in self.countries else None,
                        role=code[3:6] or None,
                    )
                i = s - 1
                continue
            i -= 1
        return None

    @staticmethod
    def _joined_subject(pron: Any) -> Any | None:
        """The subject, before the pronoun, of the clause the pronoun's clause is joined to
        ("X marched ..., but police dispersed them"), if it is no pronoun itself."""
        v = pron.head
        for _ in range(3):
            if v.pos_ in {"VERB", "AUX"} or v.head is v:
                break
            v = v.head
        # Only a clause with a doer of its own: in "fired tear gas to disperse them" or
        # "surrounded the rebels and killed them" the doer of both is not who "them" is.
        if v.dep_ != "conj" or v.head is v or not any(c.dep_ in SUBJ for c in v.children):
            return None
        subj = next((c for c in v.head.children if c.dep_ in SUBJ), None)
        if subj is None or subj.i >= pron.i or subj.lower_ in PRONOUNS:
            return None
        return subj

    def _speaker(self, tok: Any) -> Any | None:
        """The subject of the reporting verb whose clause holds ``tok`` ("X said ..."), if the
        subject comes before the clause."""
        t = tok
        for _ in range(8):
            if t.head is t:
                return None
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.lex.cls("reporting"):
                subj = next((c for c in t.head.children if c.dep_ in SUBJ), None)
                return subj if subj is not None and subj.i < t.i else None
            t = t.head
        return None

    @staticmethod
    def _definite_antecedent(
        head: Any, agent_class: str | None, memory: list[Actor]
    ) -> Actor | None:
        """The named non-state armed group that "the militants", "the rebels", "the attackers"
        refers back to: the last one remembered, when the phrase is definite and names no
        group or people of its own ("the Fulani militants" is not JNIM)."""
        if agent_class not in NON_STATE_ARMED:
            return None
        if not any(
            ch.dep_ == "det" and ch.lower_ in {"the", "these", "those"} for ch in head.children
        ):
            return None
        if any(
            ch.pos_ == "PROPN" or ch.ent_type_ in {"NORP", "ORG", "GPE"}
            for ch in head.children
            if ch.dep_ in {"compound", "amod", "nmod", "poss"}
        ):
            return None
        for prior in reversed(memory):
            cls = prior.acled_class or CLASS_OF_INTER.get(prior.inter or 0)
            if prior.acled_name and cls in NON_STATE_ARMED:
                return prior
        return None

    def noun_root_subject(self, tok: Any) -> Any | None:
        """The subject of a main verb the parser hung on a noun as a participle.

        "Supporters of the opposition protested in Lusaka", "The US-led coalition bombed IS
        positions": with no verb for a root, the parser may read the verb as a reduced relative
        ("protested" describing "opposition") and the sentence's first noun as its root. The
        verb is the main one, and the root noun its subject, when it cannot be a passive: it
        has a direct object, or it is an act done, never suffered (``acl_main_verbs``: protest,
        march, clash). A headline passive ("Two farmers killed by gunmen", "Three soldiers
        killed in Borno") keeps its reading.
        """
        if tok.dep_ != "acl" or tok.tag_ not in {"VBN", "VBD"}:
            return None
        kids = list(tok.children)
        if any(c.dep_ in SUBJ | PASS_SUBJ | {"agent", "aux", "auxpass"} for c in kids):
            return None
        has_obj = any(c.dep_ in OBJ for c in kids)
        if not has_obj and tok.lemma_.lower() not in self.lex.cls("acl_main_verbs"):
            return None
        # Up from the noun the verb hangs on, through "of" phrases, to the sentence's root.
        n = tok.head
        for _ in range(4):
            if n.dep_ == "ROOT":
                break
            if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.lower_ == "of":
                n = n.head.head
                continue
            return None
        if n.dep_ != "ROOT" or n.pos_ not in {"NOUN", "PROPN"}:
            return None
        return n

    def _subject_tok(self, tok: Any) -> Any | None:
        """The subject of a verb, inherited through xcomp / conj / participial clauses."""
        root_subject = self.noun_root_subject(tok)
        if root_subject is not None:
            return root_subject
        seen = 0
        t = tok
        while seen < 5:
            seen += 1
            for c in t.children:
                if c.dep_ in SUBJ:
                    return c
            # "fired in the air to disperse the crowd": a purpose clause shares the subject.
            purpose = t.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in t.children
            )
            if t.dep_ == "xcomp" or (t.dep_ == "advcl" and t.tag_ == "VBG") or purpose:
                # "persuaded X to leave": X leaves; "used batons to disperse": not the batons.
                instrument = t.head.lemma_.lower() in INSTRUMENT_VERBS
                for c in t.head.children:
                    if c.dep_ in PASS_SUBJ or (
                        t.dep_ == "xcomp" and c.dep_ in OBJ and not instrument
                    ):
                        return c
                t = t.head
                continue
            if t.dep_ == "conj" and t.head.pos_ in {"VERB", "AUX"}:
                t = t.head
                continue
            if t.dep_ in {"relcl", "acl"} and t.head.pos_ in {"NOUN", "PROPN"}:
                for c in t.children:
                    if c.dep_ in SUBJ | PASS_SUBJ:
                        return None if c.lower_ not in {"who", "which", "that"} else t.head
                return t.head
            return None
        return None

    def _obj(self, tok: Any) -> Any | None:
        passive = False
        for c in tok.children:
            if c.dep_ in OBJ:
                return c
            if c.dep_ in PASS_SUBJ:
                passive = True
                cand = c
        if passive:
            return cand
        for c in tok.children:
            # "shot down 28 of 30 drones", parsed as a number modifying the verb.
            if (
                c.dep_ == "npadvmod"
                and c.pos_ == "NUM"
                and c.i > tok.i
                and any(cc.dep_ == "prep" and cc.lower_ == "of" for cc in c.children)
            ):
                return c
        for c in tok.children:
            if c.dep_ == "prt":
                for cc in c.children:
                    if cc.dep_ in OBJ:
                        return cc
        return self._shared_obj(tok)

    @staticmethod
    def _shared_obj(tok: Any) -> Any | None:
        """The object two joined verbs share ("seized and murdered a priest", "abducted and
        beat two farmers"): the next conjunct's, when only "and"/"or" stands between them and
        the conjunct has no subject of its own."""
        if tok.pos_ != "VERB" or any(
            c.dep_ in {"prep", "agent", "ccomp", "xcomp"} for c in tok.children
        ):
            return None
        conj = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        if conj is None or any(c.dep_ in SUBJ | PASS_SUBJ for c in conj.children):
            return None
        between = tok.doc[tok.i + 1 : conj.i]
        if not between or not all(t.dep_ in {"cc", "advmod"} for t in between):
            return None
        return next((c for c in conj.children if c.dep_ in OBJ), None)

    def _prep_obj(self, tok: Any, preps: set[str]) -> Any | None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for cc in c.children:
                    # "On 7 July, police fired at protesters": a date is no one acted upon.
                    if cc.dep_ == "pobj" and cc.ent_type_ not in {"DATE", "TIME"}:
                        return cc
        return None

    def _platform(self, tok: Any, source: Actor | None) -> str | None:
        """ "aircraft" or "drone" when the doer's head noun is an air platform ("SAF aircraft
        bombarded ...", "warplanes shelled ..."), whatever stand-off verb it did it with."""
        if source is None or source.tok_end <= source.tok_start:
            return None
        st = sentence_tokens(tok.doc)
        span = range(source.tok_start, source.tok_end)
        root = next((t for t in span if st.head[t] not in span or st.head[t] == t), None)
        if root is None:
            return None
        for w in ("aircraft", "drone"):
            cls = self.c_weapon.get(w, frozenset())
            if st.lemma[root] in cls or st.lower[root] in cls:
                return w
        return None

    def _weapon(self, tok: Any, source: Actor | None) -> str | None:
        # The weapon class from words near the trigger (its subtree and the clause head).
        st = sentence_tokens(tok.doc)
        lemma, head = st.lemma, st.head[tok.i]
        # "carried out dozens of strikes": the clause around the quantity.
        if st.dep[tok.i] == "pobj" and st.lower[head] == "of":
            q = st.head[head]
            quantity = self.lex.cls("quantity_heads")
            if lemma[q] in quantity or st.lower[q] in quantity:
                head = st.head[q]
        sub = subtree(st, tok.i)
        # "Somali forces backed by US airstrikes killed 15 fighters": the backer's weapon is
        # not the act's.
        backing = [
            set(subtree(st, t))
            for t in sub
            if st.dep[t] == "acl" and st.lower[t] in self.backed_words and t != tok.i
        ]
        # "stormed a gold mine": a place of mining, not a landmine.
        sites = self.lex.cls("mine_site_modifiers")

        def mine_site(t: int) -> bool:
            return lemma[t] == "mine" and any(
                st.dep[c] in {"compound", "amod"} and lemma[c] in sites for c in st.children[t]
            )

        near = [t for t in sub if not any(t in b for b in backing)]
        near += [head, *st.children[head]]
        words = {lemma[t] for t in near if not mine_site(t)}
        for w, cls in self.c_weapon.items():
            if words & cls:
                return w
        if source is not None and source.branch == "Air Force":
            return "aircraft"
        return None

    def _place(
        self,
        tok: Any,
        target_tok: Any,
        info: SentenceInfo,
        doc_ctx: dict[str, float],
        source: Actor | None,
    ) -> tuple[Place | None, tuple[int, int] | None, bool]:
        """The event location: the target if it is a place, else a locative phrase."""
        gaz = self.lex.gazetteer
        assert gaz is not None
        if not info.place_at:
            return None, None, False
        skip = set(range(source.tok_start, source.tok_end)) if source else set()
        doc = info.doc
        # Token indices, read from the sentence's kept attributes: a Token is made only for a
        # place (most tokens of these subtrees are none).
        st = sentence_tokens(doc)
        # Heads of the subtrees searched in turn; None is the whole sentence, nearest first.
        groups: list[int | None] = []
        if target_tok is not None:
            groups.append(target_tok.i)
        groups.append(tok.i)
        if st.dep[tok.i] in OBJ | {"nsubjpass", "pobj"}:
            groups.append(st.head[tok.i])
        groups.append(None)
        seen: set[int] = set()
        origin: tuple[Place, tuple[int, int], bool] | None = None
        country: tuple[Place, tuple[int, int], bool] | None = None
        for gi, group in enumerate(groups):
            last_group = gi == len(groups) - 1
            best: tuple[Place, tuple[int, int], bool] | None = None
            # The whole sentence last: the place named nearest the trigger first.
            tokens = (
                [t.i for t in nearest_places_first(doc, tok.i, info.place_at)]
                if group is None
                else subtree(st, group)
            )
            for ti in tokens:
                hit = info.place_at.get(ti)
                if hit is None or hit[0] in seen:
                    continue
                if ti in skip:
                    # "Residents of Goma threw stones": where the doers live, used only when
                    # the sentence names no other place.
                    home = self._home_of_doers(info, hit, doc_ctx) if origin is None else None
                    if home is not None:
                        seen.add(hit[0])
                        origin = (home, (hit[0], hit[1]), False)
                    continue
                t = doc[ti]
                if not last_group and in_other_clause(t, tok):
                    continue  # "..., while a sit-in in Peshawar ended": another event's place
                seen.add(hit[0])
                first, end = doc[hit[0]], hit[1]
                # The act's own target named by a place ("retakes Kidal", "struck Kharkiv power
                # plant"): the place is where it happened.
                cued = (
                    self._locative(t)
                    or locative_cue(doc, hit[0])
                    or names_a_site(doc, hit[0], hit[1], self.lex.cls)  # "Sumy power station"
                    or place_object(doc, hit[0], hit[1], self.lex.cls)  # "hit Kharkiv and Sumy"
                )
                target_only = (
                    not cued and gi == 0 and target_tok is not None and _names_target(t, target_tok)
                )
                locative = cued or target_only
                # A match ending in a unit word ("Sud-Kivu province") is a place, whatever
                # the tagger made of the name.
                person = first.ent_type_ == "PERSON" and not is_place_word(doc[end - 1])
                if (person and not locative) or (end < len(doc) and doc[end].text in "-–"):
                    continue  # "Sergei Kisel" is not Kizel; "Iran-backed" is not Iran
                if owns_next_place(doc, end, info.place_at):
                    continue  # "in Ukraine's Kharkiv region": the region, inside Ukraine
                # A country/demonym used as an actor ("Russian forces") is not a location.
                if (
                    hit[0] in info.actor_at
                    and not locative
                    and (
                        first.pos_ == "ADJ"
                        or first.dep_ in SUBJ | PASS_SUBJ | {"amod", "poss"}
                        or (first.dep_ == "pobj" and first.head.dep_ == "agent")  # "by Algeria"
                    )
                ):
                    continue
                if hit[0] not in info.geo:
                    info.geo[hit[0]] = resolve_in_sentence(gaz, doc, hit, info.place_at, doc_ctx)
                res, quals = info.geo[hit[0]]
                seen.update(quals)  # "Ye-U (Sagaing)": Sagaing only qualifies Ye-U
                if res is None:
                    continue
                place = res.place
                if (
                    target_only
                    and place.kind == "COUNTRY"
                    and t.dep_ in PASS_SUBJ
                    and any(c.dep_ == "agent" for c in t.head.children)
                ):
                    # "Iran had been weakened by Israeli airstrikes": the country undergoes what
                    # another did, it is not where anything happened ("Kharkiv was hit" is cued).
                    continue
                qualified = bool(res.candidates) and res.candidates[0].inside
                if (
                    target_only
                    and doc_ctx
                    and doc_ctx.get(place.iso3, 0) <= 0.2
                    and place.population <= 200_000
                ):
                    # Only the act's object names it: "Peru's president dissolved Congress" is
                    # no event in Congress, Arizona.
                    continue
                if last_group and not (locative or qualified):
                    continue
                if not qualified and small_homonym_abroad(place, hit[2], doc_ctx):
                    continue  # "near Baga" in a story on Nigeria: not Bagà, Spain
                if not (
                    locative
                    or qualified
                    or place.supplement
                    or place.kind == "COUNTRY"
                    or doc_ctx.get(place.iso3, 0) > 0.2
                    or place.population > 200_000
                ):
                    continue  # an obscure homonym outside the document's countries
                near = near_cue(doc, hit[0], hit[1]) or res.precision == 2
                cand = (place, (hit[0], hit[1]), near)
                if hit[0] > 0 and doc[hit[0] - 1].lower_ == "from":
                    # "seven men from Punjab", "rockets fired from Lebanon": an origin, used
                    # only when the sentence names no other place.
                    origin = origin or cand
                    continue
                if place.kind != "COUNTRY":
                    return cand
                if best is None:
                    best = cand
            if best is not None and country is None:
                # A country is the place only when no town or unit is named further on.
                country = best
        return country or origin or (None, None, False)

    def _home_of_doers(
        self, info: SentenceInfo, hit: tuple[int, int, list[Place]], doc_ctx: dict[str, float]
    ) -> Place | None:
        """The place where the doers are ("residents of X", "gunmen in X"): a town or unit
        the gazetteer knows, not a homonym abroad, or None."""
        doc, s = info.doc, hit[0]
        if not locative_cue(doc, s):
            return None
        gaz = self.lex.gazetteer
        assert gaz is not None
        if s not in info.geo:
            info.geo[s] = resolve_in_sentence(gaz, doc, hit, info.place_at, doc_ctx)
        res, _quals = info.geo[s]
        if res is None or res.place.kind == "COUNTRY":
            return None
        if small_homonym_abroad(res.place, hit[2], doc_ctx):
            return None
        return res.place

    def _locative(self, t: Any) -> bool:
        h = t
        for _ in range(3):
            if h.dep_ == "pobj" and h.head.lower_ in LOC_PREPS:
                return True
            if h.dep_ in {"compound", "poss", "appos", "conj"}:
                h = h.head
                continue
            break
        return False


def _names_target(t: Any, target_tok: Any) -> bool:
    """``t`` is the target's head or a compound modifier of it ("Kidal", "Kharkiv power plant")."""
    while t.dep_ == "compound" and t.head.i != t.i:
        t = t.head
    return t.i == target_tok.i


def _class_of_code(code: str | None) -> str | None:
    if not code:
        return None
    roles = {code[i : i + 3] for i in range(3, len(code), 3)}
    if roles & {"MIL", "COP", "GOV", "SPY", "JUD", "LEG"}:
        return "state"
    if roles & {"REB", "SEP", "INS"}:
        return "rebel"
    if roles & {"UAF"}:
        return "militia"
    if roles & {"OPP"}:
        return "protesters"
    if roles & {"CVL", "EDU", "MED", "LAB", "HLH", "REF", "AGR", "BUS"}:
        return "civilians"
    if code.startswith("IGO") or roles & {"PKO"}:
        return "external"
    if len(code) == 3:
        return "country"
    return None
