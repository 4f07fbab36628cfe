"""Score the coder on engineer F's headline/short-news set (``bench/headline_set.tsv``).

Usage::

    uv run python bench/eval_headlines.py [--misses]

Written before the headline fixes of issue 13 point 1, as a check of headline grammar (present
tense for past events, dropped articles, "X kills N", noun-compound events, place names as
compound modifiers, weapon-fire constructions). Positives count when an event of the gold ACLED
type (sub-event likewise) is found; place counts when such an event's location contains the gold
name. Negatives count when any event has a violent CAMEO root (18, 19, 20).
"""

from __future__ import annotations

import argparse
import unicodedata
from datetime import date
from pathlib import Path

from etl.coding import Coder
from etl.records import Document

VIOLENT = {"18", "19", "20"}


def _fold(s: str | None) -> str:
    """Lower case without accents ("Tillabéri" ~ "Tillaberi")."""
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()


def main() -> None:
    """Score the headline set."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    rows = []
    for line in (Path(__file__).parent / "headline_set.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    docs = [
        Document(id=f"h{i}", text=r[0], published=date(2025, 3, 10)) for i, r in enumerate(rows)
    ]
    n = typ = sub = plc = plc_n = neg = neg_bad = 0
    misses: list[str] = []
    for r, (_d, events) in zip(rows, Coder().code_documents(docs), strict=True):
        text, etype, stype, loc = r
        got = ", ".join(f"{e.cameo_code}/{e.acled_sub_event_type}@{e.location}" for e in events)
        if etype == "-":
            neg += 1
            if any(e.cameo_root in VIOLENT for e in events):
                neg_bad += 1
                misses.append(f"NEG  {text!r} -> {got}")
            continue
        n += 1
        same = [e for e in events if e.acled_event_type == etype]
        typ += bool(same)
        sub += any(e.acled_sub_event_type == stype for e in events)
        if loc != "-":
            plc_n += 1
            ok = any(_fold(loc) in _fold(e.location) for e in same or events)
            plc += ok
        else:
            ok = True
        if not same or not ok or not any(e.acled_sub_event_type == stype for e in events):
            misses.append(f"MISS {text!r} want {stype}@{loc} -> {got or 'nothing'}")
    print(f"positives {n}: type {typ / n:.3f} sub {sub / n:.3f} place {plc / plc_n:.3f}")
    print(f"negatives {neg}: violent {neg_bad} ({neg_bad / neg:.1%})")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
