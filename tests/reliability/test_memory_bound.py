"""Peak memory for one huge article, measured in a fresh subprocess (peak RSS before and after):
the inbox reader rejects a 20 MB .txt or .jsonl article (over the 200,000-character limit)
clearly and within 10x its size. The coder's bound on big texts is tested in
tests/unit/coding/test_big_document_memory.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MB = 2**20
SENTENCE = (
    "Russian jets struck a market in Aleppo on Saturday, killing five people. "
    "Protesters gathered in Kyiv to demand the release of prisoners of war.\n"
)

READER = """
import resource, sys
from pathlib import Path
from etl.ingest.inbox import read_file
def rss():
    # VmHWM, which clear_refs resets; ru_maxrss also carries the forked parent's peak.
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024
def start():
    # the peak so far (imports) would hide the growth: reset it, start from the current RSS
    Path("/proc/self/clear_refs").write_text("5")
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize()
before = start()
result = read_file(Path(sys.argv[1]))
print(before, rss(), len(result.documents), "|".join(str(e) for e in result.errors))
"""


def body(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def peak_growth(script: str, path: Path) -> tuple[int, int, str]:
    """(peak RSS growth in bytes, documents read, errors) of ``script`` run on ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=True,
    )
    before, after, documents, errors = done.stdout.strip().splitlines()[-1].split(" ", 3)
    return int(after) - int(before), int(documents), errors


@pytest.mark.parametrize("suffix", ["txt", "jsonl"])
def test_a_20_mb_article_is_rejected_clearly_within_10x_its_size(
    suffix: str, tmp_path: Path
) -> None:
    path = tmp_path / f"2024-06-01_huge.{suffix}"
    if suffix == "txt":
        path.write_text("A huge article\nDate: 2024-06-01\n\n" + body(20 * MB), encoding="utf-8")
    else:
        record = {"id": "huge", "published": "2024-06-01", "text": body(20 * MB)}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    size = path.stat().st_size
    growth, documents, errors = peak_growth(READER, path)
    assert documents == 0
    assert "more than the limit of 200,000" in errors, errors
    assert growth <= 10 * size, f"peak RSS grew {growth / MB:.0f} MB for a {size / MB:.0f} MB file"
