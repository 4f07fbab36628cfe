"""Hypothesis profiles for the test suite, chosen with ``HYPOTHESIS_PROFILE`` (default ``ci``).

``ci`` is what ``make test`` runs: derandomized (the examples are derived from each test's
source, so one commit gives the same result on every run and every machine), no deadline (a
loaded 2-core machine must not turn slowness into failures), no example database (a failure
found on one run cannot leak into the next). ``fuzz`` (``make fuzz``) searches at random with ten
times the examples; every failure it finds becomes an explicit ``@example`` in the test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: How many times the ``ci`` budget the ``fuzz`` profile runs.
FUZZ_FACTOR = 10
CI_EXAMPLES = 100
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

# too_slow is a timing check: on a shared machine it would fail a commit at random.
_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "print_blob": True,
}
settings.register_profile("ci", derandomize=True, max_examples=CI_EXAMPLES, **_COMMON)
settings.register_profile(
    "fuzz", derandomize=False, max_examples=CI_EXAMPLES * FUZZ_FACTOR, **_COMMON
)
if PROFILE not in ("ci", "fuzz"):
    raise ValueError(f"HYPOTHESIS_PROFILE must be ci or fuzz, not {PROFILE!r}")
settings.load_profile(PROFILE)


def examples(ci_count: int) -> int:
    """A test's example budget: ``ci_count`` under ``ci``, ten times that under ``fuzz``."""
    return ci_count * (FUZZ_FACTOR if PROFILE == "fuzz" else 1)
