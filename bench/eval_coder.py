"""Evaluate the event coder on the shared gold sets and print figures (not a timed test).

Usage::

    uv run python bench/eval_coder.py [--shared ../shared]

- PETR2_GSR_validation.jsonl: per-root precision/recall/F1 and a root confusion matrix
  (a gold event is recalled when the sentence has a coded event with the same CAMEO root).
- PLOVER_GSR_CAMEO.json: PLOVER-category accuracy (a sentence is right when one of its coded
  events maps, via CAMEO2PLOVER-2021, to the gold category). The gold file uses PLOVER 0.5b1
  names; DEMAND, DISAPPROVE, INVESTIGATE and FIGHT are folded into their 2021 successors
  (REQUEST, ACCUSE, ACCUSE, ASSAULT).
- seed/aleppo_russia.jsonl: the event table of the design article.
- acled_style_dev.jsonl: ACLED type, sub-event, place, date, fatalities and negatives per
  ``--ids`` (odd ids are for tuning, even ids are reported; see bench/eval_dev.py).
This script may read ../shared/ (the product never does).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

from eval_dev import load_dev, report, score

from etl.coding import Coder
from etl.records import Document

OLD_TO_2021 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def _pub(raw: str) -> date:
    for fmt in ("%Y%m%d", "%y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return date(2015, 6, 9)


def load_plover_map(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER 2021 category."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def plover_of(code: str, table: dict[str, str]) -> str | None:
    """Map a CAMEO code to PLOVER using the most specific entry available."""
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    return None


def eval_petr2(coder: Coder, path: Path) -> None:
    """Per-root precision, recall, F1 and confusion on the PETR2 silver set."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    tp: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    docs = [
        Document(id=r["id"] + f"#{i}", text=r["text"] or "", published=_pub(str(r["date"])))
        for i, r in enumerate(rows)
    ]
    for r, (_d, events) in zip(rows, coder.code_documents(docs), strict=True):
        gold = [e["eventcode"][:2] for e in (r["expected_events"] or [])]
        pred = sorted({e.cameo_root for e in events if e.cameo_root})
        for g in set(gold):
            gold_n[g] += 1
            if g in pred:
                tp[g] += 1
                confusion[g][g] += 1
            else:
                confusion[g][pred[0] if pred else "--"] += 1
        for p in pred:
            pred_n[p] += 1
    print("\n== PETR2_GSR_validation: per-root (sentence-level root match) ==")
    print(f"{'root':>4} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
    roots = sorted(set(gold_n) | set(pred_n))
    for root in roots:
        p = tp[root] / pred_n[root] if pred_n[root] else 0.0
        rc = tp[root] / gold_n[root] if gold_n[root] else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        print(
            f"{root:>4} {gold_n[root]:>5} {pred_n[root]:>5} {tp[root]:>4} "
            f"{p:6.2f} {rc:6.2f} {f:6.2f}"
        )
    tg, tpn, pn = sum(gold_n.values()), sum(tp.values()), sum(pred_n.values())
    print(
        f"micro: recall {tpn / tg:.3f}  precision {tpn / pn if pn else 0:.3f}  "
        f"(gold {tg}, predicted {pn}, matched {tpn})"
    )
    print("confusion (gold root -> predicted root, '--' = nothing coded):")
    for g in sorted(confusion):
        print(f"  {g}: " + ", ".join(f"{k}:{v}" for k, v in confusion[g].most_common()))


def eval_plover(coder: Coder, path: Path, table: dict[str, str]) -> None:
    """PLOVER-category accuracy on the PLOVER gold-standard records."""
    recs = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    docs = [Document(id=r["id"], text=r["text"], published=date(2000, 1, 1)) for r in recs]
    right = 0
    per: Counter[str] = Counter()
    per_ok: Counter[str] = Counter()
    for r, (_d, events) in zip(recs, coder.code_documents(docs), strict=True):
        gold = OLD_TO_2021.get(r["event"], r["event"])
        got = {plover_of(e.cameo_code, table) for e in events if e.cameo_code}
        per[gold] += 1
        if gold in got:
            right += 1
            per_ok[gold] += 1
    print("\n== PLOVER_GSR_CAMEO: category accuracy ==")
    for k in sorted(per):
        print(f"  {k:<10} {per_ok[k]:>3}/{per[k]:<3} {per_ok[k] / per[k]:.2f}")
    print(f"accuracy: {right}/{len(recs)} = {right / len(recs):.3f}")


def seed_table(coder: Coder, path: Path) -> None:
    """Print the event table of the design article."""
    d = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    doc = Document(id=d["id"], text=d["text"], published=date.fromisoformat(d["published"]))
    events = coder.code_document(doc)
    print(f"\n== seed article: {len(events)} events ==")
    for e in events:
        print(
            f"s{e.sentence_index:<3} {e.event_date} p{e.time_precision} "
            f"cameo={e.cameo_code or '-':<5} {e.actor1_code or '-'}->{e.actor2_code or '-'} | "
            f"{e.acled_sub_event_type or '-'} | {e.acled_actor1 or '-'} -> {e.acled_actor2 or '-'}"
            f" [{e.interaction}] | {e.location or '-'} ({e.geo_precision}) "
            f"dead={e.fatalities} mentions={len(e.mentions)} | "
            f"{doc.text[e.char_start : e.char_end][:70]!r}"
        )


def main() -> None:
    """Run all four evaluations."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--ids", choices=["odd", "even", "all"], default="even")
    ap.add_argument("--misses", action="store_true", help="list every dev-set miss")
    args = ap.parse_args()
    coder = Coder()
    table = load_plover_map(args.shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt")
    eval_petr2(coder, args.shared / "eval" / "PETR2_GSR_validation.jsonl")
    eval_plover(coder, args.shared / "eval" / "PLOVER_GSR_CAMEO.json", table)
    seed_table(coder, args.shared / "seed" / "aleppo_russia.jsonl")
    dev = load_dev(args.shared / "eval" / "acled_style_dev.jsonl", args.ids)
    report(score(coder, dev), args.ids, args.misses)


if __name__ == "__main__":
    main()
