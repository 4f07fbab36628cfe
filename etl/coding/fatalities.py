"""Count reported deaths in a sentence: digits, number words, "at least", vague quantities.

Conservative by design (ACLED counts the lowest credible figure): vague quantities take the low
values in ``fatality_words.tsv``; the injured never count; ranges take their lower bound; when
two sources give two tallies ("X said 8 were killed, while Y reported 2 dead") the lower one is
kept. Attackers who die in their own attack count, as ACLED counts them ("killing herself and 3
civilians" is 4). :func:`split_by_place` divides a sentence's dead among the places it names,
the way ACLED splits a total over several events, instead of copying it onto each.
The phrases that decide these readings are data: ``fatality_cues.tsv``. Both tables are
extended like the other dictionaries, by ``fatality_cues*.tsv`` and ``fatality_words*.tsv``
files under ``EVENTETL_DICTIONARY_PATH`` (read when this module is imported).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from etl.coding.dictionaries import DictionaryError, load_kind


def _load_words() -> dict[str, int]:
    # User rows come first and win: a user file may re-value "several".
    out: dict[str, int] = {}
    for r in load_kind("fatality_words"):
        try:
            value = int(r["value"])
        except ValueError:
            raise DictionaryError(
                f"{r['_source']}: word {r['word']!r} has value {r['value']!r}; "
                "the value must be a whole number"
            ) from None
        out.setdefault(r["word"].strip().lower(), value)
    return out


_WORDS = _load_words()


def _load_cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in load_kind("fatality_cues"):
        phrase = r["phrase"].strip().lower()
        if phrase not in out.setdefault(r["class"], []):
            out[r["class"]].append(phrase)
    return out


_CUES = _load_cues()
#: Words that join two clauses of different acts or sources ("while", "whereas", "but").
CONTRAST_WORDS = frozenset(_CUES.get("contrast", []))
#: Verbs whose subject is the dead, not a doer ("two people died").
VICTIM_SUBJECT_VERBS = frozenset(_CUES.get("victim_subject", []))


def _alt(cls: str) -> str:
    """A regex alternation of the class's phrases, longest first; spaces match any space."""
    phrases = sorted(_CUES.get(cls, []), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) or "(?!)"


_NUMWORD = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_QTY = (
    r"(?:(?:at\s+least|some|around|about|nearly|almost|more\s+than|over|up\s+to|as\s+many\s+as|"
    r"roughly|approximately|an\s+estimated|a\s+total\s+of|between|all)\s+)?"
    rf"(?P<q>(?!(?:19|20)\d\d\b)\d[\d,]*|(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))?)\b"
    r"(?!\s+(?:years?|months?|days?|weeks?|hours?|km|kilometres|kilometers|miles|percent|%)\b)"
    r"(?!(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)"
    r"(?:\s+of)?"
)
# A bare number or number word, for lists ("five and three people respectively").
_NUM = rf"(?:\d[\d,]*|(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))?)\b"
_NOUN = r"(?:\s+[\w-]+){0,4}?"
_KILL = _alt("kill_active")
_SELF = _alt("self")
# "sentenced three men to death" is a sentence, not a killing.
_NOT_KILLED = r"(?!(?:sentenced|condemned|sentencing)\b)"
# The patterns below that start a word say so with "\b(?=\w)" first: the scan then skips the
# other positions at once instead of trying every alternative there (same matches, faster).
# Without an auxiliary, "Two gunmen killed a teacher" is active: the count is of the doers, and
# an object after the verb says so (the passive "two soldiers killed in an ambush" has none).
_OBJECT_START = rf"(?:{_NUMWORD}|the|his|her|their|its|this|that|these|those|\d)\b"
_DEATH_PASSIVE = re.compile(
    rf"\b(?=\w)(?<!no\s)(?<!not\s){_QTY}(?:,?\s+[\w-]+){{0,6}}?\s+(?:(?P<aux>were|was|have\s+been|has\s+been|had\s+been|are|is|being)?\s*"
    r"(?:reportedly\s+|also\s+|all\s+|later\s+|(?:confirmed|found|reported)\s+)?"
    rf"(?:{_alt('death_passive')})(?(aux)|(?!\s+{_OBJECT_START}))"
    r"|(?:were|was|have\s+been|has\s+been|had\s+been|being)\s+"
    rf"(?:reportedly\s+|later\s+)?{_NOT_KILLED}[a-z]+\s+to\s+death)\b",
    re.IGNORECASE,
)
_DEATH_ACTIVE = re.compile(
    rf"\b(?=\w)(?:{_KILL})\s+(?:(?:its|his|her|their|the)\s+)?{_QTY}", re.IGNORECASE
)
_DEATH_TOLL = re.compile(
    rf"\b(?:death\s+)?toll\b[^.;]{{0,40}}?\b(?:to|at|of|reached|hit)\s+{_QTY}", re.IGNORECASE
)
_DEATH_NOUN = re.compile(rf"\b(?=\w){_QTY}\s+(?:{_alt('death_noun')})\b", re.IGNORECASE)
# "beat a man ... to death", "burned them to death": the object is the dead.
_TO_DEATH = re.compile(
    rf"\b{_NOT_KILLED}[a-z]+\s+(?:(?P<pron>him|her|them)|{_QTY}(?:\s+[\w-]+){{0,8}}?)"
    r"\s+to\s+death\b",
    re.IGNORECASE,
)
# "Mob burns suspected witch to death", "lynched the thieves to death": the noun acted on "to
# death" is the dead with no number given (a number is read by _TO_DEATH).
_MANNER = _alt("death_manner")
_TO_DEATH_OBJECT = re.compile(
    rf"\b(?=\w)(?:{_MANNER})\s+(?:(?:the|his|her|their|its|this|that|these|those|a|an)\s+)?"
    r"(?P<np>(?:[\w-]+\s+){0,3}?)(?!(?:him|her|them|it|me|us|you)\b)(?P<noun>[a-z][\w-]*)"
    r"\s+to\s+death\b",
    re.IGNORECASE,
)
# "Man hacked to death in Kisumu", "Five women burned to death": the headline's noun (and the
# number before it, if any) is the dead; not "Youths beat to death a thief" (an object follows).
_TO_DEATH_SUBJECT = re.compile(
    rf"\b(?=\w)(?:{_QTY}(?P<mid>(?:\s+[\w-]+){{0,3}}?)\s+)?(?P<noun>[a-z][\w-]*)\s+"
    r"(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being|been)\s+)?"
    rf"(?:reportedly\s+)?(?:{_MANNER})\s+to\s+death\b"
    rf"(?!\s+(?:the|his|her|their|a|an|\d|{_NUMWORD})\b)",
    re.IGNORECASE,
)
# "A mob beat to death a man accused of blasphemy", "hacked to death two farmers": the verb
# and "to death" before the dead and their number.
_TO_DEATH_FRONTED = re.compile(rf"\b(?=\w)(?:{_MANNER})\s+to\s+death\s+{_QTY}", re.IGNORECASE)
_PLURAL_IRREGULAR = frozenset(_CUES.get("plural_irregular", []))
# "The driver and a passenger were killed", "The commander and his deputy were killed": one
# dead for each coordinated singular noun phrase before the passive (a plural one gives none).
_NP1 = r"(?:the|its|his|her|their|a|an|one)\s+(?:[a-z-]+\s+)?[a-z-]+"
_DEATH_PASSIVE_LIST = re.compile(
    rf"\b(?=\w)(?P<list>{_NP1}(?:(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+){_NP1})+)\s+"
    r"(?:were|have\s+been|had\s+been)\s+(?:reportedly\s+|also\s+|all\s+)?"
    rf"(?:{_alt('death_passive')})\b",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)


def _singular_count(listed: str) -> int:
    """The people a list of singular noun phrases names; 0 when any of them is plural."""
    n = 0
    for np in _LIST_SPLIT.split(listed.strip()):
        noun = np.split()[-1].lower()
        if (
            noun in _COLLECTIVE
            or noun in _PLURAL_IRREGULAR
            or (noun.endswith("s") and not noun.endswith("ss"))
        ):
            return 0
        n += 1
    return n


_NOT_DEAD_NOUN = frozenset({"himself", "herself", "themselves", "who", "which", "that"})


def _bare_count(noun: str) -> int:
    """The dead a noun names with no number: one, or two (the least a plural says)."""
    low = noun.lower()
    if low in _PLURAL_IRREGULAR or (low.endswith("s") and not low.endswith(("ss", "us", "is"))):
        return 2
    return 1


# "Two soldiers, a policeman and three civilians were killed" (not "5, 2 of them children").
_AND_QTY = re.compile(rf"(?:\band|,)\s+{_QTY}(?!\s+(?:of\s+)?(?:them|whom)\b)", re.IGNORECASE)
_OF_THEM = re.compile(r"\s*(?:of\s+)?(?:them|whom)\b", re.IGNORECASE)
# "killing two soldiers and three fighters": more dead coordinated after an active count
# (not "two people in Sumy and one in Okhtyrka", counts of different places).
_PLAIN = r"(?:\s+(?!(?:in|at|near|on|and|were|was|are|is)\b)[\w-]+){0,4}?"
_ACTIVE_MORE = re.compile(
    rf"{_PLAIN}\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+)?|\s+(?:and|as\s+well\s+as|plus)\s+)"
    rf"{_QTY}(?P<rest>{_PLAIN})(?=\s*(?:[,.;]|$|\s+(?:and|as\s+well\s+as|plus|in|at|near|on)\s))",
    re.IGNORECASE,
)
_HURT = re.compile(r"\b(?:wound|injur|hurt|abduct|kidnap|arrest|detain)", re.IGNORECASE)
# The attacker named among the dead: "killing 4 civilians as well as himself".
_SELF_AFTER = re.compile(
    rf"\b(?=\w)(?:{_KILL})\s+{_QTY}{_NOUN}\s*,?\s*(?:and|as\s+well\s+as|along\s+with|plus)\s+"
    rf"(?:{_SELF})\b",
    re.IGNORECASE,
)
_SELF_BEFORE = re.compile(
    rf"\b(?=\w)(?:{_KILL})\s+(?:{_SELF})\s*,?\s*(?:and|as\s+well\s+as|along\s+with|plus)\s+{_QTY}",
    re.IGNORECASE,
)
_SELF_DEATH = re.compile(rf"\b(?:{_alt('self_death')})\b", re.IGNORECASE)
_ATTACKERS = re.compile(
    rf"\b(?=\w)(?:\b(?P<q>{_NUM})(?:\s+[\w-]+)?\s+)?\b(?P<noun>{_alt('suicide_attacker')})\b",
    re.IGNORECASE,
)
_INCLUDED = re.compile(rf"\b(?:{_alt('included')})\s+(?:{_SELF})\b", re.IGNORECASE)
_CONTRAST = re.compile(rf"\s*(?:;|,?\s+\b(?:{_alt('contrast')})\b)\s*", re.IGNORECASE)
_SOURCE = re.compile(rf"\b(?=\w)(?:{_alt('source')})\b|\bdeath\s+toll\b", re.IGNORECASE)
_PLACE_GAP = re.compile(
    r"^(?:\s+[\w-]+){0,3}?\s+(?:in|at|near|around|outside|inside)\s+"
    r"(?:the\s+(?:town|city|village|district|province)\s+of\s+)?$",
    re.IGNORECASE,
)
_LIST_BEFORE_PLACE = re.compile(
    rf"(?:,|\band)\s+{_QTY}(?:\s+[\w-]+)?\s+(?:(?:were|was)\s+killed\s+|died\s+)?"
    r"(?:in|at|near)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_SHARE_BEFORE_PLACE = re.compile(
    rf"\b{_QTY}\s+(?:{_alt('each_of_them')})\s+(?:(?:were|was)\s+killed\s+|died\s+)?"
    r"(?:in|at|near)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_IN_TOTAL = re.compile(rf"\b(?:{_alt('in_total')})\b", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_NUM_RX = re.compile(_NUM, re.IGNORECASE)
_LAST_COUNTED = re.compile(rf"\b(?P<q>{_NUM})\s+[\w-]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DeathReport:
    """One reported count of dead: where it is in the text and how many."""

    start: int
    end: int
    dead: int


def parse_quantity(raw: str) -> int | None:
    """'1,200' -> 1200, 'twenty-five' -> 25, 'two dozen' -> 24, 'dozens' -> 12."""
    raw = raw.strip().lower()
    if raw[:1].isdigit():
        try:
            return int(raw.replace(",", ""))
        except ValueError:
            return None
    parts = re.split(r"[\s-]+", raw)
    if len(parts) > 1 and parts[0] in {"a", "an"}:
        parts = parts[1:]  # "a few" -> few, "a dozen" -> dozen
    vals = [_WORDS.get(p) for p in parts]
    if any(v is None for v in vals):
        return None
    total = 0
    for v in vals:
        assert v is not None
        if v in (12, 100, 1000) and total:
            total *= v
        else:
            total += v
    return total


def _attackers(text: str) -> int:
    """How many attackers the text says died in their own attack ("blew himself up",
    "killing four fighters and the attacker"); 0 when it does not say so, as a bare "a suicide
    bomber killed 54 people" is counted 54 (the lowest figure the text supports)."""
    if _INCLUDED.search(text):
        return 0  # "killing 5, including the bomber": already in the total
    said = _SELF_DEATH.search(text) or _SELF_AFTER.search(text) or _SELF_BEFORE.search(text)
    if said is None:
        return 0
    m = _ATTACKERS.search(text)
    if m is not None and m.group("q"):
        q = parse_quantity(m.group("q"))
        if q:
            return q  # "Two suicide bombers blew themselves up"
    return 2 if "themselves" in said.group(0).lower() else 1


def _pronoun_count(pron: str, before: str) -> int | None:
    """'him'/'her' is one person; 'them' is the last number of people named before it."""
    if pron.lower() in {"him", "her"}:
        return 1
    for m in reversed(list(_LAST_COUNTED.finditer(before))):
        q = parse_quantity(m.group("q"))
        if q and q > 1:
            return q
    return None


_QTY_START = re.compile(rf"\b(?=\w){_QTY}", re.IGNORECASE)


# A word every match of the pattern contains (case aside): a text without it is not scanned.
_REQUIRED_WORD = {
    _TO_DEATH: "death",
    _TO_DEATH_OBJECT: "death",
    _TO_DEATH_SUBJECT: "death",
    _TO_DEATH_FRONTED: "death",
    _DEATH_TOLL: "toll",
}


# A passive read without its auxiliary ("One soldier killed in clashes") that goes on with an
# object is an active verb: "A roadside bomb killed nobody", "A drone strike killed its two
# occupants" count no "a"/"one" dead (the object's own count is read by the active pattern).
_AUX = re.compile(r"\b(?:were|was|been|are|is|being)\b", re.IGNORECASE)
_OBJECT_NEXT = re.compile(
    rf"\s+(?:the|its|his|her|their|nobody|none|no\s+one|him|them|{_QTY})\b", re.IGNORECASE
)


def _active_after_all(m: re.Match[str], text: str) -> bool:
    return _AUX.search(m.group(0)) is None and _OBJECT_NEXT.match(text, m.end()) is not None


# "killing the driver", "shot dead its commander": one dead, when the object's noun is singular.
# The noun is the last word before a preposition, a conjunction or the clause's end.
_DEATH_DEFINITE = re.compile(
    rf"\b(?=\w)(?:{_alt('kill_definite')})\s+(?:the|its|his|her|their)\s+"
    r"(?P<np>[a-z-]+(?:\s+(?!(?:in|on|at|near|and|of|with|who|which|that|when|after|during|as|"
    r"while|from|to|by|outside|inside|for|before|but|or)\b)[a-z-]+){0,2})"
    r"(?![\w'’-])",
    re.IGNORECASE,
)
_COLLECTIVE = frozenset(_CUES.get("collective_noun", []))


def _one_definite(m: re.Match[str]) -> int:
    noun = m.group("np").split()[-1].lower()
    if noun in _COLLECTIVE or (noun.endswith("s") and not noun.endswith("ss")):
        return 0
    return 1


def _matches(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``rx``; the passive one is tried at every number, as its reading from one
    number may swallow the next ("a youth leader said twelve people were killed")."""
    if rx is not _DEATH_PASSIVE:
        need = _REQUIRED_WORD.get(rx)
        if need is not None and need not in text.lower():
            return  # the pattern's fixed word is not in the text: no scan needed
        yield from rx.finditer(text)
        return
    for start in _QTY_START.finditer(text):
        m = rx.match(text, start.start())
        if m is not None and not _active_after_all(m, text):
            yield m


def death_reports(text: str) -> list[DeathReport]:
    """Every explicit report of dead in ``text``, in text order (overlaps keep the larger)."""
    found: list[DeathReport] = []
    for rx in (
        _DEATH_TOLL,
        _DEATH_PASSIVE,
        _DEATH_ACTIVE,
        _DEATH_NOUN,
        _TO_DEATH,
        _TO_DEATH_OBJECT,
        _TO_DEATH_SUBJECT,
        _TO_DEATH_FRONTED,
        _SELF_BEFORE,
        _DEATH_DEFINITE,
        _DEATH_PASSIVE_LIST,
    ):
        for m in _matches(rx, text):
            if rx is _DEATH_DEFINITE:
                q = _one_definite(m)
            elif rx is _DEATH_PASSIVE_LIST:
                q = _singular_count(m.group("list"))
            elif rx is _TO_DEATH and m.group("pron"):
                q = _pronoun_count(m.group("pron"), text[: m.start()])
            elif rx is _TO_DEATH_OBJECT:
                words = m.group("np").lower().split()
                if m.group("noun").lower() in _NOT_DEAD_NOUN or any(w in _WORDS for w in words):
                    continue  # "one of the thieves": _TO_DEATH counts it
                q = _bare_count(m.group("noun"))
            elif rx is _TO_DEATH_SUBJECT and not m.group("q"):
                if m.group("noun").lower() in _NOT_DEAD_NOUN | {"and", "or"}:
                    continue
                q = _bare_count(m.group("noun"))
            else:
                q = parse_quantity(m.group("q"))
            if not q:
                continue
            if rx is _DEATH_ACTIVE or rx is _DEATH_DEFINITE:
                # "killing a soldier, two policemen and a civilian": each coordinated count.
                at = m.end()
                while (more := _ACTIVE_MORE.match(text, at)) is not None:
                    if _HURT.search(more.group(0)) or _SOURCE.search(more.group(0)):
                        break  # "killing 4, wounding 2" / "killing 4, a local official said"
                    if _OF_THEM.match(text, more.end("q")):
                        break  # "killed nine people, seven of them in Taiz": part of the nine
                    q += parse_quantity(more.group("q")) or 0
                    at = more.end("q")
            if rx is _DEATH_PASSIVE:
                # "Four children and a man were killed": add counts coordinated before.
                for extra in _AND_QTY.finditer(m.group(0)):
                    if _OF_THEM.match(m.group(0), extra.end()):
                        continue  # "5 people, 2 of them children": part of the five
                    v = parse_quantity(extra.group("q"))
                    if v:
                        q += v
            found.append(DeathReport(m.start(), m.end(), q))
    # Overlapping reports read the same words: keep the larger count.
    found.sort(key=lambda r: (r.start, -r.dead))
    out: list[DeathReport] = []
    for r in found:
        if out and r.start < out[-1].end:
            if r.dead > out[-1].dead:
                out[-1] = DeathReport(out[-1].start, max(out[-1].end, r.end), r.dead)
            continue
        out.append(r)
    return out


def _clause_best(text: str) -> int:
    return max((r.dead for r in death_reports(text)), default=0)


@lru_cache(maxsize=2048)
def tells_toll(text: str) -> bool:
    """The text gives a death toll ("the death toll rose to 18", "bringing the toll to 15"):
    a day it names is when the toll was reported, not a new event."""
    return "toll" in text.lower() and _DEATH_TOLL.search(text) is not None


@lru_cache(maxsize=2048)
def count_fatalities(text: str) -> int:
    """Deaths reported in ``text`` (0 if none).

    The largest single explicit report wins, except that two sources' tallies joined by a
    contrast ("police put the toll at four, while a youth leader said twelve") give the lower;
    attackers who die in a suicide attack are added as ACLED adds them.
    """
    clauses = [c for c in _CONTRAST.split(text) if c.strip()]
    tallies = [(c, _clause_best(c)) for c in clauses]
    reported = [(c, n) for c, n in tallies if n > 0]
    if len(reported) >= 2 and all(_SOURCE.search(c) for c, _n in reported):
        best = min(n for _c, n in reported)
    else:
        best = max((n for _c, n in tallies), default=0)
    attackers = _attackers(text)
    if attackers and (best > 0 or _SELF_DEATH.search(text)):
        best += attackers
    return best


def even_split(total: int, n: int) -> list[int]:
    """ACLED splits a total over several events: equal shares, the first ones take the rest."""
    share, rest = divmod(total, n)
    return [share + (1 if k < rest else 0) for k in range(n)]


def split_by_place(text: str, places: list[tuple[int, int]]) -> list[int]:
    """The dead of ``text`` divided among the places at char spans ``places`` (text order or
    not; the result follows the order given).

    A count told with its place goes to it ("killing two people in Sumy and one in
    Okhtyrka", "in Goma, where 5 were killed"); "five and three respectively"
    goes in order; "nine people, seven of them in Taiz" gives Taiz seven and the rest the
    remainder; a total told for all ("X and Y, killing 10 people in total") is split evenly.
    A count is never copied onto every place.
    """
    n = len(places)
    if n == 0:
        return []
    total_dead = count_fatalities(text)
    if n == 1:
        return [total_dead]
    order = sorted(range(n), key=lambda k: places[k][0])
    spans = [places[k] for k in order]
    counts: list[int | None] = [None] * n  # by text order
    reports = death_reports(text)
    # "killing five and three people respectively"
    resp = _RESPECTIVELY.search(text)
    if resp is not None:
        before = [r for r in reports if r.start < resp.start()]
        if before:
            nums = [
                parse_quantity(m.group(0))
                for m in _NUM_RX.finditer(text, before[-1].start, resp.start())
            ]
            vals = [v for v in nums if v is not None]
            if len(vals) == n:
                return [vals[order.index(k)] for k in range(n)]
    used: set[int] = set()
    shares: dict[int, int] = {}
    for k, (ps, pe) in enumerate(spans):
        # A place is often named again with its count: "hit Sumy and Okhtyrka, killing
        # two people in Sumy and one in Okhtyrka".
        name = text[ps:pe]
        starts = [ps] + [m.start() for m in re.finditer(re.escape(name), text) if m.start() > pe]
        for at in starts:
            before = text[:at]
            hit = next(
                (
                    ri
                    for ri, r in enumerate(reports)
                    if ri not in used and r.end <= at and _PLACE_GAP.match(text[r.end : at])
                ),
                None,
            )
            if hit is not None:
                counts[k] = reports[hit].dead
                used.add(hit)
                break
            m = _SHARE_BEFORE_PLACE.search(before)
            if m is not None and (q := parse_quantity(m.group("q"))):
                shares[k] = q
                break
            m = _LIST_BEFORE_PLACE.search(before)
            if m is not None and reports and reports[0].start < m.start():
                q = parse_quantity(m.group("q"))
                if q:
                    counts[k] = q
                    break
    totals: list[int] = []
    for ri, r in enumerate(reports):
        if ri in used:
            continue
        owner = None
        for k in range(n - 1):
            if spans[k][1] <= r.start < spans[k + 1][0]:
                owner = k
        if r.start >= spans[-1][1] and any(c is not None for c in counts[:-1]):
            owner = n - 1
        if owner is not None and not _IN_TOTAL.search(text[r.start :]) and counts[owner] is None:
            counts[owner] = r.dead
        elif owner is None or _IN_TOTAL.search(text[r.start :]):
            totals.append(r.dead)
    if totals:
        total = max(totals) + _attackers(text)
        rest = [k for k in range(n) if counts[k] is None and k not in shares]
        remaining = max(total - sum(shares.values()) - sum(c or 0 for c in counts), 0)
        for k, v in shares.items():
            counts[k] = v
        if rest:
            for k, v in zip(rest, even_split(remaining, len(rest)), strict=True):
                counts[k] = v
    else:
        for k, v in shares.items():
            counts[k] = v
    by_order = [c or 0 for c in counts]
    return [by_order[order.index(k)] for k in range(n)]
