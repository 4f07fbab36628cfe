"""A huge document is coded window by window: memory stays flat as the text grows 8-fold."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

MB = 2**20

PROBE = """
import io, resource, sys
from datetime import date
from pathlib import Path
from etl.coding import Coder
from etl.coding_io import code_plain_text
SENTENCE = ("Russian warplanes struck rebel positions near Idlib on Sunday, killing at least "
            "12 people, monitors said. ")
coder = Coder()
code_plain_text("Rebels shelled Aleppo.", date(2024, 1, 2), io.StringIO(), io.StringIO(), coder)
size = int(sys.argv[1])
text = (SENTENCE * (size // len(SENTENCE) + 1))[:size]
# Reset the peak so that imports and the model load do not hide the growth.
Path("/proc/self/clear_refs").write_text("5")
before = int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize()
events = code_plain_text(text, date(2024, 1, 2), io.StringIO(), io.StringIO(), coder)
# VmHWM, which clear_refs resets; ru_maxrss also carries the forked parent's peak.
peak = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]) * 1024
print(peak - before, events)
"""


def peak_growth(size: int) -> tuple[int, int]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(size)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    growth, events = result.stdout.split()
    return int(growth), int(events)


def test_coding_memory_does_not_grow_with_document_size() -> None:
    small_growth, small_events = peak_growth(MB // 8)
    big_growth, big_events = peak_growth(MB)
    assert small_events >= 1 and big_events >= 1
    # Holding every parsed sentence would grow by hundreds of MB per MB of text (it did: +458 MB
    # for 2 MB); window by window the 8x larger text costs at most a little more.
    assert big_growth <= 1.5 * small_growth + 32 * MB, (
        f"{big_growth / MB:.0f} MB for 1 MB of text vs {small_growth / MB:.0f} MB for 128 KB"
    )
