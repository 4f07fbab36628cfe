"""Score the coder on the hand-written guard set, per failure class, and (re)record its floor.

Usage::

    uv run python bench/eval_guard.py                 # scores per class and overall
    uv run python bench/eval_guard.py --failures      # also the ids that miss each metric
    uv run python bench/eval_guard.py --write-floor   # record floors from the current coder

The set is ``tests/data/coder_guard.jsonl`` (format in ``tests/data/README.md``); the floor file
is ``tests/data/coder_guard_floor.json``, which ``tests/unit/coding/test_accuracy_guard.py``
checks. Re-record the floor after a change that really improves the coder, never to make a
drop pass. The scoring functions here are the ones the test uses, so the two cannot disagree.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUARD_SET = ROOT / "tests" / "data" / "coder_guard.jsonl"
FLOOR_FILE = ROOT / "tests" / "data" / "coder_guard_floor.json"
DEFAULT_MARGIN = 0.02

# ACLED event types that are violence: a negative text must produce none of them.
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)

# Higher is better for these; they get a floor.
RECALL_METRICS = (
    "event_type",
    "sub_event_type",
    "country",
    "location",
    "date",
    "fatalities",
    "cameo_root",
    "english_kept",
    "other_language_skipped",
)
# Lower is better for these (share of negative texts with violence); they get a ceiling.
ERROR_METRICS = ("negatives_violent_root", "negatives_violent_type")


@dataclass
class Tally:
    """Hits out of a total, and the record ids that missed."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, record_id: str) -> None:
        """Count one case; remember the record id when it failed."""
        self.total += 1
        if ok:
            self.hits += 1
        elif record_id not in self.misses:
            self.misses.append(record_id)

    @property
    def score(self) -> float | None:
        """The share of hits, or None when nothing was counted."""
        return self.hits / self.total if self.total else None


@dataclass
class GuardScores:
    """Tallies per metric, overall and per failure class."""

    overall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_class: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    records_by_class: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, cls: str, metric: str, ok: bool, record_id: str) -> None:
        """Count one case of ``metric`` for a record of class ``cls``."""
        self.overall[metric].add(ok, record_id)
        self.by_class[cls][metric].add(ok, record_id)

    def summary(self) -> dict[str, float]:
        """Overall score per metric, rounded to 3 places (metrics with no cases are left out)."""
        return {m: round(t.score, 3) for m, t in self.overall.items() if t.score is not None}


def load_guard_set(path: Path = GUARD_SET) -> list[dict[str, Any]]:
    """Read the guard set; a malformed line raises ValueError naming the file and line."""
    records: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not JSON: {exc}") from exc
        for key in ("id", "class", "published", "text", "gold"):
            if key not in rec:
                raise ValueError(f"{path}:{n}: record has no {key!r} field")
        records.append(rec)
    return records


def _norm(name: str | None) -> str:
    """Casefolded, accent-free, punctuation-free words of a place name."""
    if not name:
        return ""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


def same_place(coded: str | None, gold: str) -> bool:
    """True when the coded place names the gold place (either name may be the longer one)."""
    a, b = _norm(coded), _norm(gold)
    if not a or not b:
        return False
    return a == b or f" {b} " in f" {a} " or f" {a} " in f" {b} "


def _best_match(events: list[Any], gold: dict[str, Any]) -> Any | None:
    """The coded event that stands for a gold event: same sub-event type, else same event type,
    else any event; among those, one at the gold place first."""
    pools = (
        [e for e in events if e.acled_sub_event_type == gold["sub_event_type"]],
        [e for e in events if e.acled_event_type == gold["event_type"]],
        list(events),
    )
    for pool in pools:
        if pool:
            at_place = [e for e in pool if same_place(e.location, gold.get("location") or "")]
            return (at_place or pool)[0]
    return None


def score_record(
    scores: GuardScores, rec: dict[str, Any], events: list[Any], skip_reason: str | None
) -> None:
    """Add one record's outcome to ``scores``.

    Positives: for each gold event, the event type (and sub-event type, CAMEO root) counts when
    a coded event of that type is anywhere in the text; country, place, date and fatalities are
    read from the coded event that best stands for it (none coded = a miss).
    Negatives (``no_violence``): a violent CAMEO root or a violent ACLED type is an error,
    except, for history texts, events dated before ``history_before``.
    """
    rid, cls, gold = rec["id"], rec["class"], rec["gold"]
    scores.records_by_class[cls] += 1
    if gold.get("skip"):
        scores.add(cls, "other_language_skipped", (skip_reason or "").startswith("language:"), rid)
        return
    scores.add(cls, "english_kept", skip_reason is None, rid)
    for ev in gold.get("events", []):
        scores.add(
            cls, "event_type", any(e.acled_event_type == ev["event_type"] for e in events), rid
        )
        scores.add(
            cls,
            "sub_event_type",
            any(e.acled_sub_event_type == ev["sub_event_type"] for e in events),
            rid,
        )
        if ev.get("cameo_root"):
            scores.add(
                cls, "cameo_root", any(e.cameo_root == ev["cameo_root"] for e in events), rid
            )
        best = _best_match(events, ev)
        scores.add(cls, "country", best is not None and best.iso3 == ev["iso3"], rid)
        if ev.get("location"):
            scores.add(
                cls, "location", best is not None and same_place(best.location, ev["location"]), rid
            )
        scores.add(
            cls, "date", best is not None and best.event_date == date.fromisoformat(ev["date"]), rid
        )
        if ev.get("fatalities") is not None:
            scores.add(
                cls, "fatalities", best is not None and best.fatalities == ev["fatalities"], rid
            )
    if gold.get("no_violence"):
        forbid = set(gold.get("forbid_roots") or ())
        since = gold.get("history_before")
        counted = [e for e in events if since is None or e.event_date >= date.fromisoformat(since)]
        scores.add(
            cls, "negatives_violent_root", not any(e.cameo_root in forbid for e in counted), rid
        )
        scores.add(
            cls,
            "negatives_violent_type",
            not any(e.acled_event_type in VIOLENT_TYPES for e in counted),
            rid,
        )
        if gold.get("cameo_root"):
            scores.add(
                cls, "cameo_root", any(e.cameo_root == gold["cameo_root"] for e in events), rid
            )


def error_share(tally: Tally) -> float | None:
    """For the negatives metrics the tally counts clean texts; the error share is the rest."""
    return None if tally.score is None else 1.0 - tally.score


def run_guard(coder: Any, records: Iterable[dict[str, Any]]) -> GuardScores:
    """Code every record with ``coder`` (an ``etl.coding.Coder``) and score it."""
    from etl.records import Document

    recs = list(records)
    docs = [
        Document(id=r["id"], text=r["text"], published=date.fromisoformat(r["published"]))
        for r in recs
    ]
    scores = GuardScores()
    for rec, (_doc, events) in zip(recs, coder.code_documents(docs), strict=True):
        # last_skip_reason refers to the document just yielded
        score_record(scores, rec, events, coder.last_skip_reason)
    return scores


def metric_value(scores: GuardScores, metric: str) -> float | None:
    """A metric's overall value: a hit rate, or for the negatives metrics an error share."""
    tally = scores.overall.get(metric)
    if tally is None:
        return None
    return error_share(tally) if metric in ERROR_METRICS else tally.score


def check_floor(scores: GuardScores, floor: dict[str, Any]) -> list[str]:
    """Each broken floor or ceiling as a sentence with the failing ids; empty when all hold."""
    problems: list[str] = []
    for metric, minimum in floor.get("floors", {}).items():
        value = metric_value(scores, metric)
        if value is None or value < minimum:
            tally = scores.overall.get(metric, Tally())
            problems.append(
                f"{metric} = {value if value is None else round(value, 3)} < floor {minimum}; "
                f"missed: {', '.join(tally.misses)}"
            )
    for metric, maximum in floor.get("ceilings", {}).items():
        value = metric_value(scores, metric)
        if value is None or value > maximum:
            tally = scores.overall.get(metric, Tally())
            problems.append(
                f"{metric} = {value if value is None else round(value, 3)} > ceiling {maximum}; "
                f"violent: {', '.join(tally.misses)}"
            )
    return problems


def floor_from(
    scores: GuardScores, margin: float = DEFAULT_MARGIN, note: str = ""
) -> dict[str, Any]:
    """Floors (score minus margin, rounded down) and ceilings (error share plus margin, rounded
    up) from measured scores."""
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    for metric in RECALL_METRICS:
        value = metric_value(scores, metric)
        if value is not None:
            floors[metric] = max(0.0, math.floor((value - margin) * 1000) / 1000)
    for metric in ERROR_METRICS:
        value = metric_value(scores, metric)
        if value is not None:
            ceilings[metric] = min(1.0, math.ceil((value + margin) * 1000) / 1000)
    measured = {
        m: round(v, 3)
        for m in (*RECALL_METRICS, *ERROR_METRICS)
        if (v := metric_value(scores, m)) is not None
    }
    return {
        "note": note,
        "margin": margin,
        "measured": measured,
        "floors": floors,
        "ceilings": ceilings,
    }


def load_floor(path: Path = FLOOR_FILE) -> dict[str, Any]:
    """The recorded floors and ceilings."""
    return json.loads(path.read_text(encoding="utf-8"))


def format_scores(scores: GuardScores, failures: bool = False) -> str:
    """A table: one row per failure class and one overall, one column per metric."""
    metrics = [m for m in (*RECALL_METRICS, *ERROR_METRICS) if m in scores.overall]
    short = {
        "event_type": "type",
        "sub_event_type": "sub",
        "country": "iso3",
        "location": "place",
        "date": "date",
        "fatalities": "dead",
        "cameo_root": "root",
        "english_kept": "kept",
        "other_language_skipped": "skip",
        "negatives_violent_root": "neg18-20",
        "negatives_violent_type": "negACLED",
    }

    def cell(tally: Tally | None, metric: str) -> str:
        if tally is None or not tally.total:
            return "-"
        value = error_share(tally) if metric in ERROR_METRICS else tally.score
        return f"{value:.2f}/{tally.total}"

    header = f"{'class':<22}{'n':>4} " + " ".join(f"{short[m]:>9}" for m in metrics)
    lines = [header]
    for cls in sorted(scores.by_class):
        row = scores.by_class[cls]
        lines.append(
            f"{cls:<22}{scores.records_by_class[cls]:>4} "
            + " ".join(f"{cell(row.get(m), m):>9}" for m in metrics)
        )
    total = sum(scores.records_by_class.values())
    lines.append(
        f"{'OVERALL':<22}{total:>4} "
        + " ".join(f"{cell(scores.overall.get(m), m):>9}" for m in metrics)
    )
    lines.append(
        "(cells: score/cases; neg18-20 and negACLED are the SHARE of negative texts with a violent"
        " CAMEO root / violent ACLED type: lower is better)"
    )
    if failures:
        for m in metrics:
            misses = scores.overall[m].misses
            if misses:
                lines.append(f"{m} missed ({len(misses)}): {', '.join(misses)}")
    return "\n".join(lines)


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """Print the guard scores; with --write-floor, record the floor file from them."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=GUARD_SET, help="guard set (JSON lines)")
    ap.add_argument("--floor", type=Path, default=FLOOR_FILE, help="floor file")
    ap.add_argument("--write-floor", action="store_true", help="record floors from this run")
    ap.add_argument("--margin", type=float, default=DEFAULT_MARGIN)
    ap.add_argument("--failures", action="store_true", help="list the ids missing each metric")
    args = ap.parse_args(argv)

    from etl.coding import Coder

    records = load_guard_set(args.set)
    started = time.perf_counter()
    coder = Coder()
    scores = run_guard(coder, records)
    seconds = time.perf_counter() - started
    print(format_scores(scores, failures=args.failures))
    print(f"{len(records)} records coded and scored in {seconds:.1f} s (model load included)")
    if args.floor.exists():
        problems = check_floor(scores, load_floor(args.floor))
        print("floor: all hold" if not problems else "floor broken:\n  " + "\n  ".join(problems))
    if args.write_floor:
        floor = floor_from(
            scores,
            args.margin,
            note=f"measured at commit {_git_commit()} with coder {coder.version}; "
            "re-record with bench/eval_guard.py --write-floor",
        )
        args.floor.write_text(json.dumps(floor, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
