"""Resources: the database, the inbox, the coder and the validation threshold."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr
from sqlalchemy import Engine

from etl.pipeline import (
    CoderHandle,
    CoderUnavailable,
    PartitionInput,
    coder_identity,
    load_coder,
)


class DatabaseResource(dg.ConfigurableResource):
    """The PostgreSQL database events are loaded into.

    Attributes:
        url: SQLAlchemy URL; empty: the configured database (``EVENTETL_DATABASE_URL``, or the
            embedded server). Pass it as ``dg.EnvVar`` so the password stays out of the UI.
    """

    url: str = ""
    _engine: Engine | None = PrivateAttr(default=None)

    def engine(self) -> Engine:
        """A pooled engine (created once per resource instance).

        The first use checks the schema as the CLI does: an empty database is migrated (and the
        run's log says so); one behind or ahead of this version fails the step with one line
        naming the command to run, instead of a missing-table error from the first query.
        """
        if self._engine is None:
            from etl.load.database import database_url, make_engine
            from etl.load.migrate import SchemaNotReady, ensure_schema

            url = self.url
            if isinstance(url, dg.EnvVar):  # used outside a run (the CLI runner): resolve here
                url = url.get_value() or ""
            url = url or database_url()
            try:
                migrated = ensure_schema(url)
            except SchemaNotReady as exc:
                raise dg.Failure(description=str(exc)) from None
            if migrated:
                dg.get_dagster_logger().info(migrated)
            self._engine = make_engine(url)
        return self._engine


class InboxResource(dg.ConfigurableResource):
    """The folder the pipeline reads articles from.

    Attributes:
        path: the inbox folder.
    """

    path: str = "samples/articles"

    @property
    def folder(self) -> Path:
        return Path(self.path)

    def take_prepared(self, day: date) -> PartitionInput | None:
        """The day's input if the process that launched this run already read it (see
        :func:`partition_input_offered`); taken once, so a later run reads the inbox again."""
        return _PREPARED.pop((str(self.folder.resolve()), day), None)


# The CLI runner reads each partition's inbox and stored state to decide whether it must run;
# when it runs it in-process, the articles asset takes that read instead of repeating it
# (a 5,000-article day: ~0.5 s). Runs in other processes find nothing here and read.
_PREPARED: dict[tuple[str, date], PartitionInput] = {}


@contextmanager
def partition_input_offered(inbox: Path, partition_input: PartitionInput) -> Iterator[None]:
    """Offer the partition input just read from ``inbox`` to the in-process run made inside
    the block; whatever the run did not take is withdrawn at the end."""
    key = (str(inbox.resolve()), partition_input.partition)
    _PREPARED[key] = partition_input
    try:
        yield
    finally:
        _PREPARED.pop(key, None)


class CoderResource(dg.ConfigurableResource):
    """The event coder (``etl.coding``), loaded on first use.

    Attributes:
        batch_size: documents per spaCy batch.
    """

    batch_size: int = 64

    def handle(self) -> CoderHandle:
        """The coder with its version.

        Raises:
            CoderUnavailable: ``etl.coding`` is not installed yet.
        """
        return load_coder()

    def identity(self) -> tuple[str, dict[str, str]] | None:
        """Version and dictionary checksums, or ``None`` when there is no coder."""
        try:
            return coder_identity()
        except CoderUnavailable:
            return None


class ValidationResource(dg.ConfigurableResource):
    """How strict the validated_events checks are.

    The assets never start the GX helper process (``etl.validation.background``): under the
    multiprocess executor each step is its own process, so a helper started in the coding step
    outlived it (and blocked its exit) while the validating step ran elsewhere. Only the
    in-process runner (``eventetl run``) starts one, around its whole run, and stops it.

    Attributes:
        quarantine_threshold: share of rejected rows above which the load is blocked.
    """

    quarantine_threshold: float = 0.05


class StepOutputIOManager(dg.IOManager):
    """Keeps each asset's output per partition in PostgreSQL (``etl.load.step_outputs``).

    Outputs are stored as typed data (JSON with type tags, frames as Arrow IPC), never as
    pickles: a stored row cannot make a step run code, and a type the format does not know
    fails the step, naming the asset and the partition.

    Every step can then run in its own process or on another machine, and one asset can be
    materialized alone: its inputs are the upstream assets' latest stored outputs. A run over
    a range of partitions hands a ``{partition: value}`` dict in and out.
    """

    def __init__(self, database: DatabaseResource) -> None:
        self._database = database

    def handle_output(self, context: dg.OutputContext, obj: object) -> None:
        from etl.load.step_outputs import save_output

        asset = context.asset_key.to_user_string()
        try:
            run_id: str | None = context.run_id
        except dg.DagsterInvariantViolationError:  # built outside a run (direct invocation)
            run_id = None
        keys = context.asset_partition_keys if context.has_asset_partitions else [""]
        values = obj if len(keys) > 1 and isinstance(obj, dict) else {keys[0]: obj}
        if len(keys) > 1 and not isinstance(obj, dict):
            values = dict.fromkeys(keys, obj)  # one value for the whole range (e.g. None)
        size = 0
        for key in keys:
            size += save_output(self._database.engine(), asset, key, values.get(key), run_id=run_id)
        context.add_output_metadata({"stored_bytes": size, "stored_in": "pipeline_output"})

    def load_input(self, context: dg.InputContext) -> object:
        from etl.load.step_outputs import MissingStepOutput, StepOutputError, load_output

        asset = context.asset_key.to_user_string()
        keys = context.asset_partition_keys if context.has_asset_partitions else [""]
        try:
            values = {key: load_output(self._database.engine(), asset, key) for key in keys}
        except (MissingStepOutput, StepOutputError) as exc:
            raise dg.Failure(description=str(exc)) from exc
        return values[keys[0]] if len(keys) == 1 else values


@dg.io_manager(
    required_resource_keys={"database"},
    description="Asset outputs per partition in PostgreSQL (table pipeline_output).",
)
def step_output_io_manager(init_context: dg.InitResourceContext) -> StepOutputIOManager:
    """The project's IO manager, on the run's ``database`` resource."""
    return StepOutputIOManager(init_context.resources.database)
