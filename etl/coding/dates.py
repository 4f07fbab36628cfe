"""Resolve relative date expressions against the publication date.

Returns (date, time_precision) with ACLED's precision codes: 1 exact day, 2 within a week or a
few days, 3 within a month (also used for a bare year, dated mid-year). A resolved date is never
after the publication date. dateparser handles neither "over the weekend" nor "earlier this
week", so this is a small rule set of our own, compiled once.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MON = {m: i + 1 for i, m in enumerate(MONTHS)}
_MON.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MON["sept"] = 9

_M = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_PATTERNS: list[tuple[str, str]] = [
    # "5-6 June", "between 5 and 7 June 2024", "the night of 5 to 6 June": the first day.
    (
        "dayrange",
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|into)\s*\d{{1,2}}(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?({_M})(?:,?\s+(\d{{4}}))?\b",
    ),
    ("dmy", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_M})(?:,?\s+(\d{{4}}))?\b"),
    ("mdy", rf"\b({_M})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"),
    ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    (
        "weekend",
        r"\b(?:over|at|during|since)\s+the\s+(?:past\s+)?weekend\b"
        r"|\b(?:this|last)\s+(?:past\s+)?weekend\b",
    ),
    # Holidays with a fixed day.
    ("holiday", r"\b(?:on\s+)?(christmas\s+(?:day|eve)|new\s+year'?s?\s+(?:day|eve))\b"),
    # Days counted from another day of the text (the narrative's), not from publication.
    (
        "dayafter",
        r"\b(?:the\s+(?:next|following)\s+(?:day|morning|evening|night)|the\s+day\s+after"
        r"|a\s+day\s+(?:later|after))\b",
    ),
    (
        "daybefore",
        r"\b(?:the\s+(?:previous|preceding)\s+(?:day|night|evening)"
        r"|the\s+day\s+before(?!\s+yesterday)|a\s+day\s+earlier)\b",
    ),
    ("dayslater", r"\b(\d+|two|three|four|five|six)\s+days\s+(later|after|earlier|before)\b"),
    (
        "sameday",
        r"\b(?:(?:later\s+that|on\s+the\s+same|the\s+same|that\s+same|earlier\s+that)\s+day"
        r"|(?:hours|minutes)\s+later)\b",
    ),
    ("thisweek", r"\b(?:earlier|late[r]?|early)\s+this\s+week\b|\bthis\s+week\b"),
    ("latelastweek", r"\blate\s+last\s+week\b"),
    ("earlylastweek", r"\bearly\s+last\s+week\b"),
    ("lastweek", r"\blast\s+week\b|\bthe\s+previous\s+week\b"),
    ("pastweek", r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?:week|seven\s+days)\b"),
    ("thismonth", r"\b(?:earlier|early)\s+this\s+month\b|\bthis\s+month\b"),
    ("lastmonth", r"\blast\s+month\b|\bthe\s+previous\s+month\b"),
    ("lastyear", r"\blast\s+year\b"),
    ("daybeforeyesterday", r"\b(?:the\s+)?day\s+before\s+yesterday\b"),
    ("yesterday", r"\byesterday\b|\blast\s+night\b"),
    ("overnight", r"\bovernight\b"),
    ("today", r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b"),
    ("daysago", r"\b(\d+|two|three|four|five|six|a\s+few)\s+days\s+ago\b"),
    ("weeksago", r"\b(a|one|\d+|two|three|four)\s+weeks?\s+ago\b"),
    ("dayofmonth", r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?" + _M + ")"),
    ("weekday", rf"\b(?:last\s+)?({_WD})\b"),
    (
        "monthyear",
        rf"\b(?:(?:in|since|last|during|until|by|early|late|mid|in\s+(?:early|late|mid))[\s-]+)?"
        rf"({_M})(?:\s+(?:of\s+)?(\d{{4}}))?\b",
    ),
    ("season", r"\b(?:in\s+)?the\s+(spring|summer|autumn|fall|winter)\s+of\s+(\d{4})\b"),
    ("year", r"\b(?:in|during|since|of)\s+((?:19|20)\d{2})\b"),
]
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# Every expression starts a word: testing that first, once, spares trying all of them at each
# character (the sentence scan was a tenth of the coder's own time).
_RX = re.compile(
    r"\b(?=\w)(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS) + ")", re.IGNORECASE
)
_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}


def _clamp(d: date, pub: date) -> date:
    return d if d <= pub else pub


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _with_year(m: int, d: int, year: str | None, pub: date) -> date | None:
    if year:
        return _safe(int(year), m, d)
    guess = _safe(pub.year, m, d)
    if guess is not None and guess > pub:
        guess = _safe(pub.year - 1, m, d)
    return guess


#: Expressions counted from another day of the text ("the next day").
ANCHORED = frozenset({"dayafter", "daybefore", "dayslater", "sameday"})


def find_dates(
    text: str, pub: date, reference: date | None = None
) -> list[tuple[int, int, date, int]]:
    """All date expressions in ``text`` as (char start, char end, date, time_precision).

    "The next day", "two days later", "the previous day" count from the last day named before
    them in ``text``, else from ``reference`` (the day the narrative has reached in earlier
    sentences), else from the publication date.
    """
    return list(_find_dates(text, pub, reference))


@lru_cache(maxsize=2048)
def _expressions(text: str) -> tuple[re.Match[str], ...]:
    """The date expressions of ``text``: scanned once per sentence, although the dates they
    stand for depend on the publication and narrative dates of each call."""
    return tuple(_RX.finditer(text))


@lru_cache(maxsize=2048)
def _find_dates(
    text: str, pub: date, reference: date | None
) -> tuple[tuple[int, int, date, int], ...]:
    """:func:`find_dates`, remembered: a sentence's dates are read for each of its events."""
    out: list[tuple[int, int, date, int]] = []
    nights: list[int] = []  # indices in ``out`` of "overnight"
    for m in _expressions(text):
        kind = m.lastgroup
        res: tuple[date, int] | None = None
        if kind in ANCHORED:
            base = out[-1][2] if out else (reference or pub)
            shift = 0
            if kind == "dayafter":
                shift = 1
            elif kind == "daybefore":
                shift = -1
            elif kind == "dayslater":
                num, way = _sub(m, kind, 2)
                n = int(num) if num.isdigit() else _SMALL.get(num.lower(), 2)
                shift = n if way.lower() in {"later", "after"} else -n
            res = (base + timedelta(days=shift), 1)
        elif kind == "dayrange":
            day, mon, year = _sub(m, kind, 3)
            d = _with_year(_MON[mon.lower().rstrip(".")[:3]], int(day), year, pub)
            res = (d, 2) if d else None
        elif kind == "dmy":
            day, mon, year = _sub(m, kind, 3)
            d = _with_year(_MON[mon.lower().rstrip(".")[:3]], int(day), year, pub)
            res = (d, 1) if d else None
        elif kind == "mdy":
            mon, day, year = _sub(m, kind, 3)
            if mon.lower().rstrip(".") == "may" and not year and int(day) > 31:
                res = None
            else:
                d = _with_year(_MON[mon.lower().rstrip(".")[:3]], int(day), year, pub)
                res = (d, 1) if d else None
        elif kind == "iso":
            y, mo, dd = _sub(m, kind, 3)
            d = _safe(int(y), int(mo), int(dd))
            res = (d, 1) if d else None
        elif kind == "weekend":
            # The most recent Saturday (that weekend's first day), ACLED precision 2.
            back = (pub.weekday() - 5) % 7
            res = (pub - timedelta(days=back), 2)
        elif kind == "thisweek":
            monday = pub - timedelta(days=pub.weekday())
            res = (monday + (pub - monday) / 2, 2)
        elif kind == "latelastweek":
            res = (pub - timedelta(days=pub.weekday() + 3), 2)
        elif kind == "earlylastweek":
            res = (pub - timedelta(days=pub.weekday() + 6), 2)
        elif kind == "holiday":
            (name,) = _sub(m, kind, 1)
            low = name.lower()
            month, day = (12, 25) if low.endswith("day") and "christmas" in low else (12, 24)
            if "year" in low:
                month, day = (1, 1) if low.endswith("day") else (12, 31)
            d = _with_year(month, day, None, pub)
            res = (d, 1) if d else None
        elif kind == "pastweek":
            res = (pub - timedelta(days=3), 2)
        elif kind == "lastweek":
            # The middle (Thursday) of the Monday-to-Sunday week before the publication's.
            res = (pub - timedelta(days=pub.weekday() + 4), 2)
        elif kind == "thismonth":
            first = pub.replace(day=1)
            res = (first + (pub - first) / 2, 3)
        elif kind == "lastmonth":
            prev = pub.replace(day=1) - timedelta(days=1)
            res = (prev.replace(day=15), 3)
        elif kind == "lastyear":
            res = (date(pub.year - 1, 7, 1), 3)
        elif kind == "daybeforeyesterday":
            res = (pub - timedelta(days=2), 1)
        elif kind == "weeksago":
            (num,) = _sub(m, kind, 1)
            n = int(num) if num.isdigit() else {"a": 1, "one": 1}.get(num.lower(), 0)
            n = n or _SMALL.get(num.lower(), 1)
            res = (pub - timedelta(days=7 * n), 2)
        elif kind == "dayofmonth":
            (day,) = _sub(m, kind, 1)
            d = _safe(pub.year, pub.month, int(day))
            if d is not None and d > pub:  # "on the 28th" read early in the next month
                prev = pub.replace(day=1) - timedelta(days=1)
                d = _safe(prev.year, prev.month, int(day))
            res = (d, 1) if d else None
        elif kind == "yesterday" or kind == "overnight":
            res = (pub - timedelta(days=1), 1)
        elif kind == "today":
            res = (pub, 1)
        elif kind == "daysago":
            (num,) = _sub(m, kind, 1)
            n = int(num) if num.isdigit() else _SMALL.get(num.lower(), 3)
            res = (pub - timedelta(days=n), 2 if "few" in num.lower() else 1)
        elif kind == "weekday":
            (wd,) = _sub(m, kind, 1)
            back = (pub.weekday() - WEEKDAYS.index(wd.lower())) % 7
            res = (pub - timedelta(days=back), 1)
        elif kind == "monthyear":
            mon, year = _sub(m, kind, 2)
            key = mon.lower().rstrip(".")
            # "may" and "march" are also ordinary words: require a year, or a capital letter
            # and a word that introduces a time ("in March", "since May", "mid-March").
            lead = m.group(0)[: m.group(0).lower().rfind(key)].strip()
            if not year and (not mon[0].isupper() or (key in {"may", "march"} and not lead)):
                res = None
            else:
                mnum = _MON.get(key[:3])
                if mnum and not year and mnum == pub.month:
                    d = pub.replace(day=min(15, pub.day))  # this month, not last year's
                    res = (d, 3)
                elif mnum:
                    d = _with_year(mnum, 15, year, pub)
                    res = (d, 3) if d else None
        elif kind == "season":
            season, year = _sub(m, kind, 2)
            res = (date(int(year), _SEASON_MONTH[season.lower()], 15), 3)
        elif kind == "year":
            (year,) = _sub(m, kind, 1)
            res = (date(int(year), 7, 1), 3)
        if res is not None and res[0] is not None:
            d, p = res
            if isinstance(d, date):
                out.append((m.start(), m.end(), _clamp(d, pub), p))
                if kind == "overnight":
                    nights.append(len(out) - 1)
    # "entered the town on Tuesday after the militia withdrew overnight": a night told beside
    # a named day is that day's, not the night before publication.
    days = [f for k, f in enumerate(out) if f[3] == 1 and k not in nights]
    for k in nights:
        s, e, _d, p = out[k]
        if days:
            near = min(days, key=lambda f: min(abs(f[0] - e), abs(f[1] - s)))
            out[k] = (s, e, near[2], p)
    return tuple(out)


def _sub(m: re.Match[str], kind: str, n: int) -> list[str]:
    """The ``n`` capture groups that follow the named group ``kind`` (None -> "")."""
    start = _GROUP_INDEX[kind]
    return [m.group(start + k) or "" for k in range(1, n + 1)]


_GROUP_INDEX = {name: _RX.groupindex[name] for name, _ in _PATTERNS}


def resolve(
    text: str, pub: date, anchor: int | None = None, reference: date | None = None
) -> tuple[date, int] | None:
    """The date expression nearest to char ``anchor`` (or the first one), resolved.

    Args:
        text: sentence text.
        pub: publication date.
        anchor: char offset of the event trigger within ``text``.
        reference: the day the narrative has reached before ``text`` (for "the next day").

    Returns:
        (event date, time precision), or None when the text has no date expression.
    """
    found = find_dates(text, pub, reference)
    if not found:
        return None
    if anchor is None:
        _s, _e, d, p = found[0]
        return d, p
    _s, _e, d, p = min(found, key=lambda f: min(abs(f[0] - anchor), abs(f[1] - anchor)))
    return d, p
