"""Compiled dictionaries: verb/noun trigger rules, word classes, actors, agents, groups, places.

Everything here is built once per :class:`~etl.coding.Coder` from the TSV dictionaries and then
only read, so that per-sentence work is dictionary lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from etl.coding.dictionaries import Dictionaries, DictionaryError, data_dir, read_tsv
from etl.coding.phrases import PhraseIndex, phrase_key
from etl.coding.places import Gazetteer, reduce_by_init
from etl.coding.reference import cameo_event_codes

CONDITION_KEYS = {
    "obj",
    "objc",
    "prep",
    "pobj",
    "prt",
    "noobj",
    "pass",
    "subjc",
    "mod",
    "head",
    "anc",
    "agentc",
    "objprep",
}
WEAPONS = {
    "aircraft",
    "drone",
    "artillery",
    "missile",
    "ied",
    "suicide",
    "grenade",
    "chemical",
    "small",
    "",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger pattern row of verbs.tsv."""

    pos: str
    lemma: str
    conds: tuple[tuple[str, frozenset[str]], ...]
    cameo: str | None  # None: ACLED only
    stop: bool  # "X": word sense that is not an event
    acled: str | None
    weapon: str | None
    source: str

    __reduce__ = reduce_by_init


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """A dictionary actor: CAMEO code with its validity dates."""

    code: str
    start: date | None
    end: date | None
    rank: int  # lower wins: user/supplement rows before PETRARCH rows

    __reduce__ = reduce_by_init


@dataclass(frozen=True, slots=True)
class Group:
    """A named armed group or movement with its ACLED name and inter code."""

    cameo: str
    acled_name: str
    inter: int
    country: str | None

    __reduce__ = reduce_by_init


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent noun: CAMEO role, ACLED actor class and state-force branch."""

    role: str
    acled_class: str
    branch: str | None

    __reduce__ = reduce_by_init


@dataclass
class Lexicon:
    """All compiled dictionaries used by the coder."""

    verb_rules: dict[str, list[Rule]] = field(default_factory=dict)
    noun_rules: dict[str, list[Rule]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    actors: PhraseIndex[ActorEntry | Group] = field(default_factory=PhraseIndex)
    agents: dict[str, Agent] = field(default_factory=dict)
    agent_max: int = 1
    gazetteer: Gazetteer | None = None

    def cls(self, name: str) -> frozenset[str]:
        """Words of a class from lexicons.tsv (empty if unknown)."""
        return self.classes.get(name, frozenset())


def _date(raw: str, where: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise DictionaryError(f"{where}: bad date {raw!r}; use YYYY-MM-DD or leave empty") from exc


def _conds(raw: str, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    out = []
    for part in filter(None, (p.strip() for p in raw.split(","))):
        key, _, val = part.partition("=")
        if key not in CONDITION_KEYS:
            raise DictionaryError(
                f"{where}: unknown condition {key!r} in {raw!r}; known: {sorted(CONDITION_KEYS)}"
            )
        out.append((key, frozenset(v.strip().lower() for v in val.split("|") if v.strip())))
    return tuple(out)


#: Verb rows converted from PETRARCH: broad, so their bare and coded rows rank after ours.
GENERIC_VERB_FILE = "verbs_petrarch.tsv"


def _rule_rank(rule: Rule) -> int:
    """Order in which the rows of one lemma are tried: specific before general.

    Conditioned rows of the curated and user files come first, in file order; then the
    word-sense stops of any file that name their object ("kill himself", "seize heroin"),
    which a bare curated row must not hide (PETRARCH's "kill prep=in" stop is too broad: it
    would also stop "killed 18 villagers in a raid"); then the curated bare rows; then the
    remaining PETRARCH rows. The sort is stable, so file order (user rows first) holds within
    each group. PETRARCH's conditioned event rows stay behind our bare rows: tried first they
    replace our ACLED-aware codes with narrower PETRARCH ones (PETR2 root recall fell from 0.72
    to 0.65 when tried).
    """
    generic = rule.source.endswith(GENERIC_VERB_FILE)
    if rule.conds and not generic:
        group = 0
    elif rule.conds and rule.stop and all(k == "obj" for k, _v in rule.conds):
        group = 1
    elif not generic:
        group = 2
    else:
        group = 3
    return group


def _subsumed_last(rules: list[Rule]) -> list[Rule]:
    """Move each row before any earlier row of its group whose conditions it strictly extends.

    "shoot prt=down,obj=drone" is more specific than "shoot prt=down" and must be tried first,
    wherever the two rows stand in the file; rows that do not extend each other keep their order.
    """
    out: list[Rule] = []
    for rule in rules:
        conds = set(rule.conds)
        at = len(out)
        for i, earlier in enumerate(out):
            if (
                _rule_rank(earlier) == _rule_rank(rule)
                and earlier.conds
                and set(earlier.conds) < conds
            ):
                at = i
                break
        out.insert(at, rule)
    return out


def build_lexicon(d: Dictionaries) -> Lexicon:
    """Compile loaded dictionary rows into lookup structures (validating every row)."""
    lex = Lexicon()
    codes = cameo_event_codes()
    for row in d.rows["lexicons"]:
        words = frozenset(w.lower() for w in row["words"].split())
        lex.classes[row["class"]] = lex.classes.get(row["class"], frozenset()) | words
    for row in d.rows["verbs"]:
        where = f"{row['_source']} ({row['pos']} {row['lemma']})"
        cameo = row["cameo"]
        stop = cameo == "X"
        if cameo in {"X", "-", ""}:
            code = None
        elif cameo in codes:
            code = cameo
        else:
            raise DictionaryError(f"{where}: CAMEO code {cameo!r} is not in the CAMEO table")
        if not stop and code is None and not row["acled"]:
            raise DictionaryError(f"{where}: a rule needs a CAMEO code or an ACLED sub-event type")
        if row["weapon"] not in WEAPONS:
            raise DictionaryError(f"{where}: unknown weapon {row['weapon']!r}; use {WEAPONS}")
        rule = Rule(
            pos=row["pos"].upper(),
            lemma=row["lemma"].lower(),
            conds=_conds(row["cond"], where),
            cameo=code,
            stop=stop,
            acled=row["acled"] or None,
            weapon=row["weapon"] or None,
            source=row["_source"],
        )
        table = lex.verb_rules if rule.pos == "V" else lex.noun_rules
        table.setdefault(rule.lemma, []).append(rule)
    for table in (lex.verb_rules, lex.noun_rules):
        for lemma, rules in table.items():
            rules.sort(key=_rule_rank)
            if any(_rule_rank(r) == 2 and r.cameo is None and r.acled for r in rules):
                # A PETRARCH stop says "no CAMEO event"; it must not hide our ACLED-only row
                # ("defuse a bomb" is no CAMEO event but is ACLED's Disrupted weapons use).
                rules.sort(key=lambda r: 2.5 if _rule_rank(r) == 1 else _rule_rank(r))
            table[lemma] = _subsumed_last(rules)
    for row in d.rows["agents"]:
        key = " ".join(phrase_key(row["noun"]))
        if key not in lex.agents:  # user rows come first and win
            lex.agents[key] = Agent(row["role"], row["acled_class"], row["branch"] or None)
            lex.agent_max = max(lex.agent_max, len(key.split()))
    for row in d.rows["groups"]:
        group = Group(row["cameo"], row["acled_name"], int(row["inter"]), row["country"] or None)
        for name in row["names"].split("|"):
            lex.actors.add(phrase_key(name), group)
    for rank, row in enumerate(d.rows["actors"]):
        where = f"{row['_source']} ({row['phrase']})"
        entry = ActorEntry(row["code"], _date(row["start"], where), _date(row["end"], where), rank)
        lex.actors.add(phrase_key(row["phrase"]), entry)
    lex.actors.finalize()
    aliases: dict[str, list[str]] = {}
    for _n, row in read_tsv(data_dir() / "country_aliases.tsv"):
        aliases.setdefault(row["iso3"], []).extend(row["alias"].split("|"))
    lex.gazetteer = Gazetteer(d.rows["places"], aliases)
    return lex
