"""Score the coder on the ACLED-style development set (not a timed test).

Usage::

    uv run python bench/eval_dev.py [--ids odd|even|all] [--shared ../shared] [--misses]

``acled_style_dev.jsonl`` (see its ``acled_style_dev.md``) holds ACLED-note and wire texts with
gold ACLED fields. Tune on odd ids and report even ids. The match rule is the issue's: a gold
event is found when the text yields an event of the gold ACLED type anywhere (sub-event likewise).
Fields are read from the predicted event that best matches the gold one (same sub-event type,
else same event type, else any event of the text); a text without events gets every field wrong.

- type / sub-event: share of gold ACLED events found.
- place: the matched event lies within 50 km of the gold coordinates.
- date: the matched event's date equals the gold date, or lies in the gold ``date_span``.
- fatalities: the matched event's fatalities equal the gold count.
- negatives: records with ``forbid_roots``; share whose events include a forbidden CAMEO root.
This script may read ../shared/ (the product never does).
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from etl.coding import Coder
from etl.records import CodedEvent, Document

_SPAN = re.compile(r"date_span=(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load_dev(path: Path, ids: str) -> list[dict[str, Any]]:
    """Records of the dev set whose id number is odd, even or any."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if ids == "all":
        return rows
    want = 1 if ids == "odd" else 0
    return [r for r in rows if int(r["id"].split("-")[1]) % 2 == want]


def _best(gold: dict[str, Any], events: list[CodedEvent]) -> CodedEvent | None:
    """The predicted event the fields of ``gold`` are compared with."""
    for same in (
        lambda e: e.acled_sub_event_type == gold["acled_sub_event_type"],
        lambda e: e.acled_event_type == gold["acled_event_type"],
        lambda e: True,
    ):
        pool = [e for e in events if same(e)]
        if pool:
            # Several candidates: prefer the one nearest the gold place.
            def dist(e: CodedEvent) -> float:
                if e.latitude is None or e.longitude is None:
                    return 1e9
                return _km(gold["latitude"], gold["longitude"], e.latitude, e.longitude)

            return min(pool, key=dist)
    return None


@dataclass
class DevScores:
    """Counts behind the dev-set figures."""

    gold: int = 0
    type_ok: int = 0
    sub_ok: int = 0
    place_ok: int = 0
    date_ok: int = 0
    dead_ok: int = 0
    negatives: int = 0
    negatives_violent: int = 0
    cameo_only: int = 0
    cameo_only_ok: int = 0
    per_sub: Counter[str] = field(default_factory=Counter)
    per_sub_ok: Counter[str] = field(default_factory=Counter)
    per_type: Counter[str] = field(default_factory=Counter)
    per_type_ok: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """The headline ratios."""
        g = self.gold or 1
        return {
            "type": self.type_ok / g,
            "sub_event": self.sub_ok / g,
            "place_50km": self.place_ok / g,
            "date": self.date_ok / g,
            "fatalities": self.dead_ok / g,
            "negatives_violent": self.negatives_violent / (self.negatives or 1),
        }


def score(coder: Coder, records: list[dict[str, Any]]) -> DevScores:
    """Code every record and count hits against its gold events."""
    s = DevScores()
    docs = [
        Document(id=r["id"], text=r["text"], published=date.fromisoformat(r["published"]))
        for r in records
    ]
    for r, (_d, events) in zip(records, coder.code_documents(docs), strict=True):
        got = ", ".join(
            f"{e.cameo_code}/{e.acled_sub_event_type}@{e.location}:{e.event_date}:{e.fatalities}"
            for e in events
        )
        span = _SPAN.search(r.get("notes") or "")
        if r["forbid_roots"]:
            s.negatives += 1
            bad = [e.cameo_root for e in events if e.cameo_root in r["forbid_roots"]]
            if bad:
                s.negatives_violent += 1
                s.misses.append(f"{r['id']} NEG violent {bad}: {r['text'][:110]!r} -> {got}")
        for g in r["events"]:
            if g["acled_event_type"] is None:
                s.cameo_only += 1
                roots = {e.cameo_root for e in events}
                if g["cameo_root"] in roots or (g["cameo_root"] is None and not events):
                    s.cameo_only_ok += 1
                continue
            s.gold += 1
            s.per_type[g["acled_event_type"]] += 1
            s.per_sub[g["acled_sub_event_type"]] += 1
            wrong: list[str] = []
            if any(e.acled_event_type == g["acled_event_type"] for e in events):
                s.type_ok += 1
                s.per_type_ok[g["acled_event_type"]] += 1
            else:
                wrong.append("type")
            if any(e.acled_sub_event_type == g["acled_sub_event_type"] for e in events):
                s.sub_ok += 1
                s.per_sub_ok[g["acled_sub_event_type"]] += 1
            else:
                wrong.append("sub")
            gd = date.fromisoformat(g["event_date"])
            lo = hi = gd
            if span and len(r["events"]) == 1:
                lo, hi = date.fromisoformat(span[1]), date.fromisoformat(span[2])
            if any(
                e.latitude is not None
                and e.longitude is not None
                and _km(g["latitude"], g["longitude"], e.latitude, e.longitude) <= 50
                for e in events
            ):
                s.place_ok += 1
            else:
                wrong.append("place")
            if any(e.event_date == gd or lo <= e.event_date <= hi for e in events):
                s.date_ok += 1
            else:
                wrong.append("date")
            best = _best(g, events)
            if best is not None and best.fatalities == g["fatalities"]:
                s.dead_ok += 1
            else:
                wrong.append("dead")
            if wrong:
                s.misses.append(
                    f"{r['id']} {'/'.join(wrong)} gold {g['acled_sub_event_type']}@"
                    f"{g['location']}:{g['event_date']}:{g['fatalities']}: {r['text'][:140]!r}"
                    f" -> {got}"
                )
    return s


def report(s: DevScores, ids: str, misses: bool = False) -> None:
    """Print the dev-set figures."""
    print(f"\n== acled_style_dev ({ids} ids): {s.gold} ACLED events, {s.negatives} negatives ==")
    for ok, total in ((s.per_type_ok, s.per_type), (s.per_sub_ok, s.per_sub)):
        for k in sorted(total):
            print(f"  {k:<36} {ok[k]:>3}/{total[k]:<3} {ok[k] / total[k]:.2f}")
        print("  --")
    f = s.figures()
    print(
        f"type {f['type']:.3f}  sub-event {f['sub_event']:.3f}  place<=50km {f['place_50km']:.3f}  "
        f"date {f['date']:.3f}  fatalities {f['fatalities']:.3f}"
    )
    print(
        f"negatives with a forbidden (violent) root: {s.negatives_violent}/{s.negatives} "
        f"= {f['negatives_violent']:.3f};  CAMEO-only root found {s.cameo_only_ok}/{s.cameo_only}"
    )
    if misses:
        print("\n-- misses --")
        for m in s.misses:
            print(m)


def main() -> None:
    """Score the dev set."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--ids", choices=["odd", "even", "all"], default="even")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    args = ap.parse_args()
    records = load_dev(args.shared / "eval" / "acled_style_dev.jsonl", args.ids)
    report(score(Coder(), records), args.ids, args.misses)


if __name__ == "__main__":
    main()
