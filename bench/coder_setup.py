"""Set-up cost of the event coder in a new process: start to a ready coder that coded a sentence.

Usage::

    uv run python bench/coder_setup.py [--runs 3] [--src DIR]

Each run starts a new Python process (this interpreter, ``-P``) that builds the coder the way the
pipeline does (``etl.pipeline.load_coder()``), then compiles or loads its lexicon, loads the
spaCy model and codes one sentence. Times are taken from just before the process is started
(``time.monotonic`` is system-wide), so interpreter start-up and imports are included.

Two cases, each ``--runs`` times (best and median are printed):

- ``cache hit``: the compiled lexicon is in the cache (one unmeasured run writes it first);
- ``cache miss``: an empty ``EVENTETL_HOME`` per run, so the dictionaries are compiled and the
  cache file is written, as after a dictionary change.

``--src DIR`` puts ``DIR`` first on ``PYTHONPATH`` to time another copy of the code, e.g. the
commit before the cache: ``git archive <commit> etl | tar -x -C /tmp/before``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = (
    "Russian warplanes struck the town of Sarmada in Idlib province on Thursday, "
    "killing four civilians, local rescue workers said."
)

CHILD = f"""
import json, resource, sys, time
marks = {{"start": time.monotonic()}}
from datetime import date
from etl.pipeline.coder import load_coder
from etl.records import Document
marks["imports"] = time.monotonic()
handle = load_coder()
marks["load_coder"] = time.monotonic()
handle.coder.lexicon
marks["lexicon"] = time.monotonic()
marks["rss_lexicon_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
handle.coder.nlp
marks["spacy"] = time.monotonic()
events = handle.coder.code_document(
    Document(id="s", text={SENTENCE!r}, published=date(2024, 11, 28))
)
marks["coded"] = time.monotonic()
marks["rss_coded_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
marks["events"] = len(events)
marks["cache_key"] = handle.cache_key
print(json.dumps(marks))
"""

PHASES = [
    ("python start", "spawn", "start"),
    ("imports (etl.pipeline.coder)", "start", "imports"),
    ("load_coder() (identity, checksums)", "imports", "load_coder"),
    ("lexicon (compile or cache)", "load_coder", "lexicon"),
    ("spaCy import + load", "lexicon", "spacy"),
    ("first sentence coded", "spacy", "coded"),
    ("coder set-up (load_coder to coded)", "imports", "coded"),
    ("total: spawn to coded", "spawn", "coded"),
]


def run_once(env: dict[str, str]) -> dict[str, float]:
    """One cold process; returns its time marks (seconds, monotonic) plus ``spawn``."""
    spawn = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-P", "-c", CHILD], env=env, capture_output=True, text=True, check=False
    )
    end = time.monotonic()
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr}")
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    marks["spawn"], marks["exit"] = spawn, end
    return marks


def report(title: str, runs: list[dict[str, float]]) -> None:
    """Print best and median per phase, and each run's total."""
    print(f"\n== {title}: {len(runs)} runs ==")
    print(f"  {'phase':<38} {'best':>7} {'median':>7}")
    for label, a, b in [*PHASES, ("process exit (spawn to exit)", "spawn", "exit")]:
        vals = [r[b] - r[a] for r in runs]
        print(f"  {label:<38} {min(vals):>6.2f}s {statistics.median(vals):>6.2f}s")
    for label, key in (("after the lexicon", "rss_lexicon_mb"), ("after coding", "rss_coded_mb")):
        vals = [r[key] for r in runs]
        print(f"  {'peak RSS ' + label:<38} {min(vals):>5.0f}MB {statistics.median(vals):>5.0f}MB")
    totals = ", ".join(f"{r['coded'] - r['spawn']:.2f}" for r in runs)
    print(f"  totals per run: {totals} s; events coded: {runs[0]['events']:.0f}")
    keys = {r["cache_key"] for r in runs}
    print(f"  cache key: {', '.join(sorted(str(k) for k in keys))}")


def main() -> None:
    """Time cache hits and misses and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--src", type=Path, default=None, help="code to time instead of ./etl")
    args = ap.parse_args()
    print("command: uv run python bench/coder_setup.py " + " ".join(sys.argv[1:]))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"commit: {commit or '?'}; code: {args.src or 'this checkout'}")
    base_env = dict(os.environ)
    base_env.pop("EVENTETL_DICTIONARY_PATH", None)
    if args.src is not None:
        base_env["PYTHONPATH"] = os.pathsep.join(
            [str(args.src.resolve()), *filter(None, [base_env.get("PYTHONPATH")])]
        )
    with tempfile.TemporaryDirectory(prefix="coder-setup-") as tmp:
        hit_env = {**base_env, "EVENTETL_HOME": str(Path(tmp) / "hit")}
        run_once(hit_env)  # writes the cache
        hits = [run_once(hit_env) for _ in range(args.runs)]
        misses = []
        for i in range(args.runs):
            miss_env = {**base_env, "EVENTETL_HOME": str(Path(tmp) / f"miss{i}")}
            misses.append(run_once(miss_env))
    report("cache hit (lexicon cache present)", hits)
    report("cache miss (empty EVENTETL_HOME: compile and write the cache)", misses)


if __name__ == "__main__":
    main()
