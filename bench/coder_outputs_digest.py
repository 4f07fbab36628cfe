"""Dump every event the coder produces on the evaluation sets, to prove a speed-up changes nothing.

Usage::

    uv run python bench/coder_outputs_digest.py --out /tmp/before.jsonl
    uv run python bench/coder_outputs_digest.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

Codes the whole dev set (all ids), the guard set, the PETR2 and PLOVER sentences, the seed
article and the speed bench's template sentences, and writes one JSON line per document (its
events in full, plus the skip reason) and prints a SHA-256 of the dump. A performance change is
only acceptable when the digest is unchanged.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from coder_speed import make_sentences  # noqa: E402
from eval_coder import _pub  # noqa: E402

from etl.coding import Coder  # noqa: E402
from etl.records import Document  # noqa: E402


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def documents(shared: Path) -> Iterator[tuple[str, Document]]:
    """(set name, document) for every text the digest covers, in a fixed order."""
    for r in _lines(shared / "eval" / "acled_style_dev.jsonl"):
        yield "dev", Document(r["id"], r["text"], date.fromisoformat(r["published"]))
    for r in _lines(ROOT / "tests" / "data" / "coder_guard.jsonl"):
        yield "guard", Document(r["id"], r["text"], date.fromisoformat(r["published"]))
    for i, r in enumerate(_lines(shared / "eval" / "PETR2_GSR_validation.jsonl")):
        yield "petr2", Document(r["id"] + f"#{i}", r["text"] or "", _pub(str(r["date"])))
    plover = json.loads((shared / "eval" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    for r in plover:
        if r.get("text"):
            yield "plover", Document(r["id"], r["text"], date(2000, 1, 1))
    seed = _lines(shared / "seed" / "aleppo_russia.jsonl")[0]
    yield "seed", Document(seed["id"], seed["text"], date.fromisoformat(seed["published"]))
    sents = make_sentences(400)
    for i in range(0, len(sents), 20):
        yield "bench", Document(f"bench-{i}", " ".join(sents[i : i + 20]), date(2024, 12, 3))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return repr(value)


def main() -> None:
    """Write the dump and print its digest."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    named = list(documents(args.shared))
    coder = Coder()
    digest = hashlib.sha256()
    n_events = 0
    with args.out.open("w", encoding="utf-8") as fh:
        docs = [d for _s, d in named]
        for (set_name, _d), (doc, events) in zip(named, coder.code_documents(docs), strict=True):
            line = json.dumps(
                {
                    "set": set_name,
                    "id": doc.id,
                    "skip": coder.last_skip_reason,
                    "events": [_plain(e) for e in events],
                },
                sort_keys=True,
                ensure_ascii=False,
            )
            n_events += len(events)
            fh.write(line + "\n")
            digest.update(line.encode() + b"\n")
    print(f"{len(named)} documents, {n_events} events, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
