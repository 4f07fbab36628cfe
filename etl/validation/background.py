"""Great Expectations in a helper process that imports it while the run does other work.

Importing GX takes 2-3 s even from compiled bytecode, and a run that adds one article to a
day has little else to do: paid in the run's own process, GX is most of the run. A pipeline
run calls :func:`start` as soon as it knows it will validate; a spawned process then imports GX
and the reference tables on the other core while this one loads the coder and codes.
:func:`call` runs a validation there, and falls back to this process when no helper was started
or the helper died.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

log = logging.getLogger(__name__)
Result = TypeVar("Result")

_executor: ProcessPoolExecutor | None = None


def import_gx() -> None:
    """Import GX (and its expectations) quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GX's import-time deprecation noise
        import great_expectations
        import great_expectations.expectations  # noqa: F401


def _warm_up() -> None:
    # What the helper process does first: everything a validation needs before its frame.
    from etl.validation import geometry, reference

    import_gx()
    geometry.country_shapes()
    reference.cameo_codes()
    reference.acled_sub_event_types()
    # The helper keeps no state: when told to stop, skip tearing GX's modules down (~0.6 s
    # the caller would wait for). Registered last, so it runs first, after multiprocessing's
    # own clean-up (terminating it instead leaked the pool's semaphores).
    atexit.register(os._exit, 0)


def _ready() -> bool:
    return True


def start() -> bool:
    """Start the helper process unless one runs; it begins importing GX at once.

    Returns:
        Whether this call started it: the caller that started the helper stops it.
    """
    global _executor
    if _executor is not None:
        return False
    # spawn, not fork: this process may already run polars' and spaCy's threads.
    executor = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up
    )
    try:
        executor.submit(_ready)  # the pool starts its process on the first task, not before
    except (OSError, RuntimeError) as exc:  # no processes allowed, or none left
        log.warning("no validation helper process (%s); validating in this process", exc)
        executor.shutdown(wait=False, cancel_futures=True)
        return False
    _executor = executor
    return True


def stop() -> None:
    """Stop the helper process, if any (validation then runs in this process)."""
    global _executor
    if _executor is not None:
        _executor.shutdown(wait=True, cancel_futures=True)
        _executor = None


def started() -> bool:
    """Whether validations go to a helper process."""
    return _executor is not None


def call(function: Callable[..., Result], *args: object) -> Result:
    """``function(*args)`` in the helper process when one was started, else here.

    ``function`` must be a module-level function and its arguments picklable. If the helper
    dies (killed, out of memory), the call is made again here and later calls stay here.
    """
    if _executor is None:
        return function(*args)
    try:
        return _executor.submit(function, *args).result()
    except BrokenProcessPool:
        log.warning("validation helper process died; validating in this process")
        stop()
        return function(*args)
