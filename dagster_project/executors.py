"""Which executor runs the job's steps: Dagster's multiprocess executor on one machine (the
default), or Celery workers on any number of machines (``EVENTETL_EXECUTOR=celery``).

The choice is read when the definitions load, in the processes that build runs (the webserver,
the daemon, a run) and in every Celery worker; all of them need the same environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg

EXECUTOR_VARIABLE = "EVENTETL_EXECUTOR"
BROKER_VARIABLE = "EVENTETL_CELERY_BROKER_URL"
QUEUE_VARIABLE = "EVENTETL_CELERY_QUEUE"
#: dagster-celery's own default queue, so a plain ``dagster-celery worker start`` serves it too.
DEFAULT_QUEUE = "dagster"
#: Celery's result backend: replies travel back over the broker, so nothing else is needed.
RESULT_BACKEND = "rpc://"
EXECUTORS = ("multiprocess", "celery")


def executor_kind(environ: Mapping[str, str] | None = None) -> str:
    """``multiprocess`` or ``celery``, from ``EVENTETL_EXECUTOR``.

    Raises:
        ValueError: another value, or ``celery`` without ``EVENTETL_CELERY_BROKER_URL``.
    """
    env = os.environ if environ is None else environ
    kind = (env.get(EXECUTOR_VARIABLE) or "multiprocess").strip().lower()
    if kind not in EXECUTORS:
        raise ValueError(f"{EXECUTOR_VARIABLE} must be one of {', '.join(EXECUTORS)}, got {kind!r}")
    if kind == "celery" and not env.get(BROKER_VARIABLE):
        raise ValueError(
            f"{EXECUTOR_VARIABLE}=celery needs {BROKER_VARIABLE}, the broker's URL "
            "(for example amqp://USER:PASSWORD@HOST:5672/VHOST)"
        )
    return kind


def celery_queue(environ: Mapping[str, str] | None = None) -> str:
    """The queue the job's steps go to and workers listen on (``EVENTETL_CELERY_QUEUE``)."""
    env = os.environ if environ is None else environ
    return env.get(QUEUE_VARIABLE) or DEFAULT_QUEUE


def celery_app_config(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Settings of the Celery app that both sides use: the executor and the workers."""
    return {
        # One step at a time per worker process: a step is seconds to minutes of coding, so
        # prefetching more would only keep steps waiting behind a busy process.
        "worker_prefetch_multiplier": 1,
        "task_default_queue": celery_queue(environ),
    }


#: Step processes fork from a server that has already imported the project (Dagster, polars,
#: SQLAlchemy, the definitions) instead of starting a fresh interpreter each: a one-day run
#: took 25-31 s instead of 44-61 s on a loaded 2-core machine.
PRELOADED_MODULES = ["dagster_project.definitions"]


def _preloaded(config: dict[str, Any]) -> dict[str, Any]:
    return {
        "max_concurrent": config.get("max_concurrent", 0),
        "start_method": {"forkserver": {"preload_modules": PRELOADED_MODULES}},
    }


#: Dagster's multiprocess executor, its step processes forked from a preloaded server; a run
#: still sets ``execution: {config: {max_concurrent: N}}``.
preloaded_multiprocess_executor = dg.multiprocess_executor.configured(
    _preloaded,
    config_schema={
        "max_concurrent": dg.Field(
            int,
            is_required=False,
            default_value=0,
            description="Steps run at once (0: one per CPU).",
        )
    },
    name="multiprocess",
)


def job_executor(environ: Mapping[str, str] | None = None) -> dg.ExecutorDefinition:
    """The executor the job (and any asset run) uses.

    Celery's broker URL stays an environment reference (``{"env": ...}``), so a password in it
    is never written into run configs or shown in the UI.
    """
    if executor_kind(environ) == "multiprocess":
        return preloaded_multiprocess_executor
    from dagster_celery import celery_executor

    return celery_executor.configured(
        {
            "broker": {"env": BROKER_VARIABLE},
            "backend": RESULT_BACKEND,
            "config_source": celery_app_config(environ),
        },
        name="celery",
    )
