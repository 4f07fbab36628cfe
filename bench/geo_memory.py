"""Resident memory of the gazetteer index in a long run: load it, then touch every bucket.

Usage::

    uv run python bench/geo_memory.py [--rounds 2]

A coder that runs for hours looks up, sooner or later, most first tokens of the gazetteer's
phrase index (one bucket per first token: every name that begins with it). The index is read
from the lexicon cache in packed form and decodes a bucket when it is first looked up; this
bench measures what that costs when every bucket is touched, in a fresh process:

- RSS (current, from /proc) after loading the lexicon from the cache;
- RSS and time after looking up every first token once, ``--rounds`` times (the later rounds
  show the cost of decoding again what a bounded cache let go);
- the share of the index's buckets that stay decoded.

The lexicon cache is written first when it is missing (that run is not measured).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = """
import gc, json, resource, sys, time

def rss_mb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

out = {"rss_start_mb": rss_mb()}
t0 = time.monotonic()
from etl.coding.lexicon_cache import load_lexicon
lex = load_lexicon()
index = lex.gazetteer.index
out["load_s"] = time.monotonic() - t0
out["rss_loaded_mb"] = rss_mb()
if hasattr(index, "first_tokens"):
    tokens = sorted(index.first_tokens())
    candidates, decoded = index.candidates, index.decoded_buckets
else:  # the index before the bounded one (for before/after figures)
    tokens = sorted(set(index._first.packed) | set(dict.keys(index._first)))
    candidates = index._first.__getitem__
    decoded = lambda: sum(1 for v in dict.values(index._first) if v)
out["buckets"] = len(tokens)
rounds = []
for _ in range(ROUNDS):
    t = time.monotonic()
    places = 0
    for tok in tokens:
        for _key, payloads in candidates(tok) or ():
            places += len(payloads)
    gc.collect()
    rounds.append({"s": time.monotonic() - t, "rss_mb": rss_mb(), "payloads": places})
out["rounds"] = rounds
out["decoded_buckets"] = decoded()
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def main() -> None:
    """Run the child process and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    print("command: uv run python bench/geo_memory.py " + " ".join(sys.argv[1:]))
    # Write the lexicon cache first when it is missing (not measured).
    subprocess.run(
        [sys.executable, "-c", "from etl.coding.lexicon_cache import load_lexicon; load_lexicon()"],
        check=True,
    )
    child = CHILD.replace("ROUNDS", str(args.rounds))
    res = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"child failed:\n{res.stderr}")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"interpreter start RSS:            {out['rss_start_mb']:7.0f} MB")
    print(
        f"lexicon loaded from cache:        {out['rss_loaded_mb']:7.0f} MB  ({out['load_s']:.2f} s)"
    )
    for i, r in enumerate(out["rounds"], 1):
        print(
            f"every bucket touched, round {i}:   {r['rss_mb']:7.0f} MB  ({r['s']:.2f} s, "
            f"{out['buckets']} buckets, {r['payloads']} payloads)"
        )
    print(f"buckets decoded at the end:       {out['decoded_buckets']}/{out['buckets']}")
    print(f"peak RSS:                         {out['peak_rss_mb']:7.0f} MB")


if __name__ == "__main__":
    main()
