"""Choosing the job's executor from the environment: multiprocess by default, dagster-celery
with ``EVENTETL_EXECUTOR=celery`` (broker from the environment, never written into config), and
a clear error for anything else or for Celery without a broker."""

from __future__ import annotations

import pytest

from dagster_project.defs.pipeline import JOB_NAME, build_definitions
from dagster_project.executors import (
    BROKER_VARIABLE,
    EXECUTOR_VARIABLE,
    QUEUE_VARIABLE,
    celery_app_config,
    job_executor,
)
from etl.settings import load_settings

BROKER = "amqp://guest:guest@127.0.0.1:5672//"


def test_default_is_the_multiprocess_executor_forking_from_a_preloaded_server() -> None:
    assert job_executor({EXECUTOR_VARIABLE: " Multiprocess "}).name == "multiprocess"
    schema = job_executor({}).config_schema
    default = schema.resolve_config({"config": {}}).value["config"]
    assert default["start_method"] == {
        "forkserver": {"preload_modules": ["dagster_project.definitions"]}
    }
    assert default["max_concurrent"] == 0
    # A run still chooses how many steps run at once.
    chosen = schema.resolve_config({"config": {"max_concurrent": 2}}).value["config"]
    assert chosen["max_concurrent"] == 2


def test_celery_executor_reads_the_broker_when_a_run_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(BROKER_VARIABLE, BROKER)
    executor = job_executor({EXECUTOR_VARIABLE: "celery", BROKER_VARIABLE: BROKER})
    assert executor.name == "celery"
    # The broker stays a reference to the variable (so a password in it is never stored in
    # config): a worker host's own value is what its runs use.
    monkeypatch.setenv(BROKER_VARIABLE, "amqp://other-host:5672/eventetl")
    config = executor.config_schema.resolve_config({}).value["config"]
    assert config["broker"] == "amqp://other-host:5672/eventetl"
    assert config["backend"] == "rpc://"


def test_celery_queue_comes_from_the_environment() -> None:
    assert celery_app_config({})["task_default_queue"] == "dagster"
    assert celery_app_config({QUEUE_VARIABLE: "eventetl-a"})["task_default_queue"] == "eventetl-a"


def test_celery_without_a_broker_names_the_variable() -> None:
    with pytest.raises(ValueError, match=BROKER_VARIABLE):
        job_executor({EXECUTOR_VARIABLE: "celery"})


def test_an_unknown_executor_is_refused() -> None:
    with pytest.raises(ValueError, match="multiprocess, celery"):
        job_executor({EXECUTOR_VARIABLE: "k8s"})


def test_the_job_uses_the_chosen_executor(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings({"EVENTETL_PARTITION_START": "2024-11-27"})
    assert build_definitions(settings).resolve_job_def(JOB_NAME).executor_def.name == (
        "multiprocess"
    )
    monkeypatch.setenv(EXECUTOR_VARIABLE, "celery")
    monkeypatch.setenv(BROKER_VARIABLE, BROKER)
    assert build_definitions(settings).resolve_job_def(JOB_NAME).executor_def.name == "celery"
