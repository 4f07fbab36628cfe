"""Incremental cost of ``eventetl run``: a no-op re-run, and one article added to a big partition.

Usage: ``uv run python bench/incremental.py [--articles 5000]``

Both are measured end to end, as a user sees them: ``uv run eventetl run --inbox DIR`` in a
subprocess (interpreter start, imports, inbox scan, Dagster, database), against a scratch
database and a scratch ``EVENTETL_HOME``.

1. The bundled samples (9 partitions) are loaded, then the same command is timed again twice:
   nothing changed, so nothing should be coded or written.
2. ``--articles`` news-style articles (template sentences, 4 to 8 each) on one day are loaded
   (timed: the full run), then one more article is added in a new file and the run is timed
   again; the ratio is the incremental cost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import git_commit, machine_description, scratch_database
from coder_speed import make_sentences

ROOT = Path(__file__).resolve().parents[1]
DAY = "2024-06-03"


def eventetl_run(inbox: Path, env: dict[str, str]) -> tuple[float, str]:
    """Seconds of wall clock for ``eventetl run --inbox``, and its output's last lines."""
    started = time.perf_counter()
    done = subprocess.run(
        ["uv", "run", "--quiet", "eventetl", "run", "--inbox", str(inbox)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"eventetl run failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


def write_articles(path: Path, n: int, *, seed: int, prefix: str) -> None:
    rng = random.Random(seed)
    sentences = make_sentences(n * 8, seed=seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            body = " ".join(rng.sample(sentences, rng.randint(4, 8)))
            record = {
                "id": f"{prefix}-{i}",
                "published": DAY,
                "title": f"Report {prefix} {i}",
                "source": "bench wire",
                "text": f"{body} (Report {prefix} number {i}.)",
            }
            handle.write(json.dumps(record) + "\n")


def summary_line(output: str, start: str) -> str:
    return next((line for line in output.splitlines() if line.startswith(start)), "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    print(f"command: uv run python bench/incremental.py --articles {args.articles}")
    print(f"machine: {machine_description()}; commit {git_commit()}")
    with scratch_database() as url, tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "EVENTETL_DATABASE_URL": url,
            "EVENTETL_HOME": str(Path(folder) / "home"),
        }
        samples = Path(folder) / "samples"
        shutil.copytree(ROOT / "samples" / "articles", samples)
        seconds, output = eventetl_run(samples, env)
        print(f"samples, first run: {seconds:.1f} s ({summary_line(output, 'total:')})")
        for attempt in (1, 2):
            seconds, output = eventetl_run(samples, env)
            print(
                f"samples, no-op re-run {attempt}: {seconds:.2f} s end to end "
                f"(runner's own '{summary_line(output, 'time:')}') (target <= 2 s)"
            )

        inbox = Path(folder) / "big"
        inbox.mkdir()
        write_articles(inbox / "day.jsonl", args.articles, seed=1, prefix="bench")
        full, output = eventetl_run(inbox, env)
        print(
            f"{args.articles} articles, full run: {full:.1f} s ({summary_line(output, 'total:')})"
        )
        write_articles(inbox / "late.jsonl", 1, seed=2, prefix="late")
        extra, output = eventetl_run(inbox, env)
        print(f"+1 article: {extra:.1f} s ({summary_line(output, 'total:')})")
        print(f"incremental cost: {extra / full:.1%} of the full run (target <= 5%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
