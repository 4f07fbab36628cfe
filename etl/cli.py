"""The ``eventetl`` command.

Subcommands whose implementation is not there yet exit with code 2 and say so; none of them
returns made-up output.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from etl.load.database import database_url, mask_url

app = typer.Typer(
    help="News text to an auditable political-event database (CAMEO + ACLED).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Schema migrations.", no_args_is_help=True)
import_app = typer.Typer(
    help="Import ACLED or GDELT files into the event table.", no_args_is_help=True
)
sources_app = typer.Typer(
    help="Incremental sources: news feeds, GDELT, ACLED.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(sources_app, name="sources")

EXIT_NOT_IMPLEMENTED = 2


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _require(module: str, what: str) -> None:
    """Exit 2 with a one-line message when ``module`` (the feature behind a command) is missing."""
    if not _module_exists(module):
        _err(f"eventetl: {what} is not implemented yet")
        raise typer.Exit(EXIT_NOT_IMPLEMENTED)


def _schema_ready() -> None:
    """Make sure the configured database has this version's schema before a command uses it.

    An empty database is migrated (and the user told); anything else that is not current
    ends the command with one line saying what to run, never a traceback.
    """
    from etl.load import migrate

    try:
        said = migrate.ensure_schema(database_url())
    except migrate.SchemaNotReady as exc:
        _err(f"eventetl: {exc}")
        raise typer.Exit(1) from None
    if said:
        _err(f"eventetl: {said}")


def _module_exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


# --- db -------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Migrate the database up to REVISION (default: head)."""
    from etl.load import migrate

    url = database_url()
    migrate.upgrade(url, revision)
    typer.echo(f"database {mask_url(url)} at revision {migrate.current_revision(url)}")


@db_app.command("downgrade")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (e.g. ``base`` or ``-1``)."""
    from etl.load import migrate

    url = database_url()
    migrate.downgrade(url, revision)
    typer.echo(f"database {mask_url(url)} at revision {migrate.current_revision(url)}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's current revision."""
    from etl.load import migrate

    url = database_url()
    typer.echo(f"{migrate.current_revision(url) or 'base'}  ({mask_url(url)})")


# --- code -----------------------------------------------------------------------------------


@app.command("code")
def code(
    input_path: Annotated[
        Path | None,
        typer.Option("--input", help="JSON Lines: id, published, text[, title, url, source]"),
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Code this text instead of a file.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--date", help="Publication date (YYYY-MM-DD) for --text or stdin."),
    ] = None,
    stdin: Annotated[
        bool, typer.Argument(help="'-' reads plain text from standard input.")
    ] = False,
) -> None:
    """Code documents into events, written as JSON Lines on stdout."""
    _require("etl.coding", "the event coder (eventetl code)")
    from etl.coding_io import code_jsonl, code_plain_text

    if input_path is not None:
        failures = code_jsonl(input_path, sys.stdout, sys.stderr)
        raise typer.Exit(1 if failures else 0)
    if text is None and not stdin:
        _err("eventetl code: give --input FILE.jsonl, --text '...' or '-' for standard input")
        raise typer.Exit(2)
    body = text if text is not None else sys.stdin.read()
    try:
        day = date.fromisoformat(published) if published else date.today()
    except ValueError:
        _err(f"eventetl code: --date must be YYYY-MM-DD, got {published!r}")
        raise typer.Exit(2) from None
    code_plain_text(body, day, sys.stdout, sys.stderr)


# --- geocode --------------------------------------------------------------------------------


@app.command("geocode")
def geocode(
    query: Annotated[str, typer.Argument(help='A place as written: "Pokrovsk, Donetsk".')],
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="ISO3 of a country the document is about (repeatable)."),
    ] = None,
    top: Annotated[int, typer.Option(help="How many candidates to list.")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Resolve one place phrase and print the candidates and the choice with its reasons."""
    from etl.geo.resolve import describe
    from etl.geo.resolve import geocode as resolve_place

    context = {c.upper(): 1.0 for c in country or []}
    result = resolve_place(query, context=context)
    if result is None:
        _err(f"eventetl geocode: {query!r}: no place of that name in the gazetteer")
        raise typer.Exit(1)
    typer.echo(json.dumps(describe(result, top)) if as_json else describe_text(result, top))


def describe_text(result: object, top: int) -> str:
    """The human-readable form of ``eventetl geocode``."""
    from etl.geo.resolve import describe

    d = describe(result, top)  # type: ignore[arg-type]
    lines = [f"candidates ({d['n_candidates']}):"]
    for c in d["candidates"]:
        lines.append(
            f"  {c['score']:6.2f}  {c['name']} ({c['kind']}, {c['admin1'] or '-'}, {c['iso3']}) "
            f"{c['lat']}, {c['lon']}  [{'; '.join(c['reasons'])}]"
        )
    ch = d["choice"]
    lines.append(
        f"choice: {ch['name']} | {ch['country']} ({ch['iso3']}) | admin1 {ch['admin1'] or '-'} | "
        f"admin2 {ch['admin2'] or '-'} | {ch['lat']}, {ch['lon']} | geo_precision {ch['precision']}"
    )
    lines.append("because: " + "; ".join(ch["reasons"]))
    return "\n".join(lines)


# --- pipeline -------------------------------------------------------------------------------


@app.command("run")
def run(
    inbox: Annotated[Path, typer.Option("--inbox", help="Folder of articles.")] = Path(
        "samples/articles"
    ),
    partition: Annotated[
        list[str] | None, typer.Option("--partition", help="Partition key YYYY-MM-DD; repeatable.")
    ] = None,
) -> None:
    """Run the Dagster pipeline in-process over the inbox, into the database."""
    _require("dagster_project.runner", "the pipeline (eventetl run)")
    _schema_ready()
    from dagster_project.runner import run_pipeline

    raise typer.Exit(run_pipeline(inbox=inbox, partitions=partition or []))


@app.command("ui")
def ui(port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 3000) -> None:
    """Start the Dagster UI (webserver and daemon) on 127.0.0.1."""
    _require("dagster_project.ui", "the Dagster UI (eventetl ui)")
    from dagster_project.ui import serve

    raise typer.Exit(serve(port=port))


@sources_app.command("poll")
def sources_poll(
    source: Annotated[str, typer.Argument(help="feeds, gdelt or acled")] = "feeds",
    run: Annotated[
        bool, typer.Option("--run/--no-run", help="Run what the poll found (load or import).")
    ] = True,
) -> None:
    """Poll a source once, with the same cursor as its Dagster sensor, and load what is new."""
    if source not in ("feeds", "gdelt", "acled"):
        _err(f"eventetl sources poll: SOURCE must be feeds, gdelt or acled, got {source!r}")
        raise typer.Exit(2)
    _require("dagster_project.poll", "source polling")
    _schema_ready()
    from dagster_project.poll import poll_once

    raise typer.Exit(poll_once(source, run=run))


# --- interop --------------------------------------------------------------------------------


@import_app.command("acled")
def import_acled(path: Path) -> None:
    """Import an ACLED export (CSV or XLSX)."""
    _require("etl.interop.commands", "ACLED import")
    _schema_ready()
    from etl.interop.commands import import_file

    raise typer.Exit(import_file("acled", path))


@import_app.command("gdelt")
def import_gdelt(
    path: Annotated[Path | None, typer.Argument(help="A GDELT events file.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Backfill every GDELT 2.0 export after YYYYMMDDHHMMSS."),
    ] = None,
) -> None:
    """Import a GDELT events file (2.0, 1.0 daily or 1.0 backfile), or backfill with --since."""
    if since is not None:
        _require("etl.sources.commands", "GDELT backfill")
        _schema_ready()
        from etl.sources.commands import gdelt_backfill

        raise typer.Exit(gdelt_backfill(since))
    if path is None:
        _err("eventetl import gdelt: give a FILE or --since YYYYMMDDHHMMSS")
        raise typer.Exit(2)
    _require("etl.interop.commands", "GDELT import")
    _schema_ready()
    from etl.interop.commands import import_file

    raise typer.Exit(import_file("gdelt", path))


@app.command("export")
def export(
    fmt: Annotated[str, typer.Option("--format", help="acled or gdelt")],
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default stdout).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First event date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last event date.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3 country code.")] = None,
    interaction: Annotated[
        str, typer.Option("--interaction", help="ACLED interaction: numeric or text")
    ] = "numeric",
) -> None:
    """Export events in ACLED's 31-column or GDELT 2.0's 61-column layout."""
    _require("etl.interop.commands", "export")
    _schema_ready()
    from etl.interop.commands import export_events

    raise typer.Exit(
        export_events(
            fmt,
            out=out,
            date_from=date_from,
            date_to=date_to,
            country=country,
            interaction=interaction,
        )
    )


# --- demo -----------------------------------------------------------------------------------


@app.command("demo")
def demo(
    inbox: Annotated[Path, typer.Option("--inbox")] = Path("samples/articles"),
) -> None:
    """Migrate, run the pipeline on the bundled sample articles and print a summary."""
    from etl.load import migrate
    from etl.load.summary import database_summary

    url = database_url()
    typer.echo(f"database: {mask_url(url)}")
    migrate.upgrade(url)
    typer.echo(f"schema at revision {migrate.current_revision(url)}")
    status = 0
    if _module_exists("dagster_project.runner"):
        from dagster_project.runner import run_pipeline

        status = run_pipeline(inbox=inbox, partitions=[])
    else:
        _err("the pipeline is not implemented yet: the demo stops after migrating the database")
        status = EXIT_NOT_IMPLEMENTED
    typer.echo(json.dumps(database_summary(url), indent=2, default=str))
    typer.echo("Dagster UI: run `eventetl ui` and open http://127.0.0.1:3000")
    raise typer.Exit(status)


if __name__ == "__main__":
    app()
