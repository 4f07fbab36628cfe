"""The Celery app a worker serves for the project's job:

    EVENTETL_CELERY_BROKER_URL=amqp://... celery -A dagster_project.celery_app worker \\
        -Q "${EVENTETL_CELERY_QUEUE:-dagster}" --concurrency 2

A worker runs steps of runs that ``EVENTETL_EXECUTOR=celery`` sends to the broker. Each worker
process loads the coder once and keeps it for every later step. It needs the same
``EVENTETL_*`` environment as the webserver and the daemon (database URL, inbox, executor).
"""

from __future__ import annotations

import os

from dagster_celery.executor import CeleryExecutor
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_task

from dagster_project.executors import BROKER_VARIABLE, RESULT_BACKEND, celery_app_config

if not os.environ.get(BROKER_VARIABLE):
    raise RuntimeError(f"a Celery worker needs {BROKER_VARIABLE}, the broker's URL")

app = make_app(
    CeleryExecutor.for_cli(
        broker=os.environ[BROKER_VARIABLE],
        backend=RESULT_BACKEND,
        config_source=celery_app_config(),
    ).app_args()
)
execute_plan = create_task(app)
