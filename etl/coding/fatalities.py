"""Count reported deaths in a sentence: digits, number words, "at least", vague quantities.

Conservative by design (ACLED counts the lowest credible figure): vague quantities take the low
values in ``fatality_words.tsv``; the injured never count; ranges take their lower bound.
"""

from __future__ import annotations

import re

from etl.coding.dictionaries import data_dir, read_tsv

_WORDS: dict[str, int] = {
    r["word"]: int(r["value"]) for _n, r in read_tsv(data_dir() / "fatality_words.tsv")
}
_NUMWORD = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_QTY = (
    r"(?:(?:at\s+least|some|around|about|nearly|almost|more\s+than|over|up\s+to|as\s+many\s+as|"
    r"roughly|approximately|an\s+estimated|a\s+total\s+of|between)\s+)?"
    rf"(?P<q>\d[\d,]*|(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))?)\b"
    r"(?!\s+(?:years?|months?|days?|weeks?|hours?|km|kilometres|kilometers|miles|percent|%)\b)"
    r"(?:\s+of)?"
)
_NOUN = r"(?:\s+[\w-]+){0,4}?"
_DEATH_PASSIVE = re.compile(
    rf"\b{_QTY}{_NOUN}\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being)?\s*"
    r"(?:reportedly\s+|also\s+|all\s+)?(?:killed|dead|died|slain|executed|massacred|murdered|"
    r"shot\s+dead|beheaded|perished|lost\s+their\s+lives)\b",
    re.IGNORECASE,
)
_DEATH_ACTIVE = re.compile(
    rf"\b(?:killing|killed|kills|kill|leaving|left|claimed\s+the\s+lives\s+of|"
    rf"shot\s+dead|executed|massacred|murdered)\s+{_QTY}",
    re.IGNORECASE,
)
_DEATH_TOLL = re.compile(
    rf"\bdeath\s+toll\b[^.;]{{0,40}}?\b(?:to|at|of|reached|hit)\s+{_QTY}", re.IGNORECASE
)
_DEATH_NOUN = re.compile(rf"\b{_QTY}\s+(?:deaths|fatalities|dead|bodies)\b", re.IGNORECASE)
_AND_QTY = re.compile(rf"\band\s+{_QTY}", re.IGNORECASE)


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


def count_fatalities(text: str) -> int:
    """Deaths reported in ``text`` (0 if none); the largest single explicit report wins."""
    best = 0
    for rx in (_DEATH_TOLL, _DEATH_PASSIVE, _DEATH_ACTIVE, _DEATH_NOUN):
        for m in rx.finditer(text):
            q = parse_quantity(m.group("q"))
            if q is None:
                continue
            if rx is _DEATH_PASSIVE:
                # "Four children and a man were killed": add counts coordinated before.
                for extra in _AND_QTY.finditer(m.group(0)):
                    v = parse_quantity(extra.group("q"))
                    if v:
                        q += v
            best = max(best, q)
    return best
