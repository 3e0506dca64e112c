"""Store commands for the ``sitrep`` CLI: thin wrappers around :class:`~sitrep.store.Store`.

The lead registers them on the main group (``sitrep/cli.py``)::

    from sitrep.store.commands import COMMANDS
    for cmd in COMMANDS:
        cli.add_command(cmd)

Every command takes ``--db PATH`` (default ``sitrep.db``; ``SITREP_DB`` sets it
too). Library errors become one clean line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from sitrep import defaults
from sitrep.errors import InputError, SitrepError
from sitrep.hardening import exit_status, strip_controls


def _db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), envvar="SITREP_DB",
        default=lambda: str(defaults.DEFAULT_DB), show_default="sitrep.db, or $SITREP_DB",
        help="The store (a DuckDB file).")(f)


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--since/--until: a date (YYYY-MM-DD, YYYY-MM or YYYY), or a usage error (never "0 events")."""
    from sitrep.store.db import _is_iso_date

    if value is not None and not _is_iso_date(value.strip()):
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    return value.strip() if value is not None else None


def _filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed([
        click.option("--actor", help="Actor or recipient name (part of it) or CAMEO code."),
        click.option("--country", help="ISO alpha-3 or country name (place or actors)."),
        click.option("--type", "type_", help="PLOVER type (ASSAULT) or ACLED event/sub-event type."),
        click.option("--since", callback=_check_date, help="First date, YYYY-MM-DD."),
        click.option("--until", callback=_check_date, help="Last date, YYYY-MM-DD."),
        click.option("--origin", type=click.Choice(["sitrep", "acled", "ucdp", "gdelt"]),
                     help="Only events from news coded by sitrep, or from one imported dataset."),
    ]):
        f = opt(f)
    return f


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None


def _open(db: Path, *, write: bool = False) -> Any:
    from sitrep.store import Store
    from sitrep.web.served import check_not_served

    check_not_served(db, reading=not write)  # a running `sitrep serve` owns the store: say so, do not wait

    # writers release the file between batches and readers open read-only, so an
    # ingest and `sitrep events` in another terminal take turns (see store/db.py)
    return Store.open(db, read_only=not write, hold_lock=False)


def _filters(actor: str | None, country: str | None, type_: str | None, since: str | None, until: str | None,
             origin: str | None) -> dict[str, Any]:
    return {"actor": actor, "country": country, "type": type_, "since": since, "until": until, "origin": origin}


# --- ingest -------------------------------------------------------------------------------


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--date", "default_date", help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("-j", "--jobs", "n_process", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for coding.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help=f"Articles per transaction [default: {defaults.INGEST_BATCH_SIZE}].")
@click.option("--progress/--no-progress", default=True, help="Progress bar (on a terminal only).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--server", "server_url", default=None, metavar="URL",
              help="Send the articles to the `sitrep serve` that owns the store (it codes and stores them).")
@click.option("--token", envvar="SITREP_TOKEN", default=None, help="A reviewer's API token for --server.")
@click.option("--allow-address", "allow_addresses", multiple=True, metavar="IP[/BITS]",
              help="Let fetches reach this private, loopback or link-local address or network "
                   "(refused by default; repeatable).")
def ingest_command(sources: tuple[str, ...], db: Path, default_date: str | None, n_process: int,
                   batch_size: int | None, progress: bool, as_json: bool, server_url: str | None,
                   token: str | None, allow_addresses: tuple[str, ...]) -> None:
    """Ingest files, folders, feeds, web pages or - (stdin) into the store.

    SOURCES are .txt, .html, .json, .jsonl files, folders of them (recursively),
    RSS/Atom feeds (file or URL), web page URLs, or - for standard input.
    Articles are stored once (syndicated copies are linked, not coded again),
    coded, and their events merged with other reports of the same events.
    Bad items are logged and skipped; running the command again resumes.
    URLs are fetched under sitrep's fetch policy: private, loopback and
    link-local addresses are refused (on every redirect hop) unless
    --allow-address lists them; each fetch has an overall deadline.
    """
    from sitrep.fetch import FetchPolicy
    from sitrep.ingest.run import ingest

    if server_url:
        if not token:
            raise click.UsageError("--server needs --token (a reviewer's token from `sitrep users add`)")
        from sitrep.web.client import ingest_via_server

        with _errors():
            totals, failed = ingest_via_server(list(sources), server_url, token, default_date=default_date)
        click.echo(json.dumps({**totals, "server": server_url}) if as_json else
                   f"through {server_url}: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
        for f in failed[:10]:
            click.echo(f"  failed: {f.item}: {f.reason} ({f.error})", err=True)
        return
    try:
        policy = FetchPolicy.allowing(allow_addresses)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--allow-address") from None
    with _errors():
        store = _open(db, write=True)
        before = store.stats()["failures"]
        summary = ingest(list(sources), store, n_process=n_process, progress=progress,
                         default_date=default_date, batch_size=batch_size, policy=policy)
        failures = store.failures()[before:]
        if as_json:
            click.echo(json.dumps({**summary.to_dict(), "db": str(db)}))
        else:
            click.echo(str(summary))
            for f in failures[:10]:
                click.echo(f"  failed: {f.item}: {f.reason} ({f.error})", err=True)
            if len(failures) > 10:
                click.echo(f"  ... and {len(failures) - 10} more failures (all logged in the store)", err=True)
        store.close()
    done = summary.articles_new + summary.articles_duplicate + summary.articles_seen
    status = exit_status(done, summary.articles_failed)
    if status:
        raise SystemExit(status)


# --- events / export ------------------------------------------------------------------------


@click.command("events")
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "plover", "acled-csv", "cameo-tsv"]),
              default="table", show_default=True,
              help="table for reading; jsonl one sitrep record per line; or an export format.")
@click.option("--reports", is_flag=True, help="Every report instead of one record per real event.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
@click.option("--reviewed-only", is_flag=True, help="Only events a reviewer confirmed or corrected.")
def events_command(db: Path, actor: str | None, country: str | None, type_: str | None, since: str | None,
                   until: str | None, origin: str | None, fmt: str, reports: bool, limit: int | None,
                   reviewed_only: bool) -> None:
    """List events in the store, one per real event (merged across reports), as reviewed:
    corrections applied, rejected events left out."""
    from sitrep.store import exports

    with _errors():
        store = _open(db)
        filters = _filters(actor, country, type_, since, until, origin)
        filters["reviewed_only"] = reviewed_only
        if fmt in ("plover", "acled-csv", "cameo-tsv"):
            exports.export(store, fmt, sys.stdout, limit=limit, **filters)
            return
        if fmt == "jsonl" and not reports:  # streamed: bounded memory whatever the store's size
            for chunk in store.iter_events(**filters, limit=limit):
                for ev in chunk:
                    click.echo(ev.to_json())
            return
        evs = store.events(**filters, reports=reports, limit=limit)
        if fmt == "jsonl":
            for ev in evs:
                click.echo(ev.to_json())
            return
        sizes = store.cluster_sizes()
        _print_table(evs, sizes)


def _print_table(evs: list[Any], sizes: dict[str, tuple[int, int]]) -> None:
    from rich.console import Console
    from rich.table import Table

    from sitrep.report_table import escape

    table = Table(show_lines=False)
    for col in ("event id", "date", "event", "actor", "recipient", "place", "killed", "reports"):
        table.add_column(col, overflow="fold")
    for ev in evs:
        table.add_row(*(escape(c) for c in (  # article text never drives the terminal
            ev.event_id, f"{ev.date or '-'}", f"{ev.event}{'/' + ev.mode if ev.mode else ''}",
            ", ".join(a.name for a in ev.actor) or "-", ", ".join(a.name for a in ev.recipient) or "-",
            ev.location.name if ev.location else "-", "-" if ev.fatalities is None else str(ev.fatalities),
            str(sizes.get(ev.event_id, (1, 1))[0]))))
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    console.print(f"{len(evs)} event(s)")


@click.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["plover", "acled-csv", "cameo-tsv", "parquet"]),
              required=True, help="PLOVER JSON lines, ACLED CSV, GDELT-style CAMEO TSV, or Parquet.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (stdout otherwise; parquet needs a file).")
@_filter_options
@click.option("--reviewed-only", is_flag=True, help="Only events a reviewer confirmed or corrected.")
def export_command(db: Path, fmt: str, out: Path | None, actor: str | None, country: str | None,
                   type_: str | None, since: str | None, until: str | None, origin: str | None,
                   reviewed_only: bool) -> None:
    """Export the store's events as PLOVER JSON lines, ACLED CSV, GDELT-style CAMEO TSV or Parquet.

    Events are exported as reviewed: corrections applied, rejected events left out."""
    from sitrep.store import exports

    if fmt == "parquet" and out is None:
        raise click.UsageError("parquet is a binary format: give --out FILE.parquet")
    with _errors():
        store = _open(db)
        n = exports.export(store, fmt, out if out is not None else sys.stdout,
                           **_filters(actor, country, type_, since, until, origin), reviewed_only=reviewed_only)
        if out is not None:
            click.echo(f"{n} event(s) written to {out}", err=True)


# --- explain / split -------------------------------------------------------------------------


@click.command("explain")
@click.argument("event_id")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
def explain_command(event_id: str, db: Path, as_json: bool) -> None:
    """Show the reports behind EVENT_ID, what each claims, and why they merged."""
    with _errors():
        ex = _open(db).explain(event_id)
        click.echo(json.dumps(ex.to_dict(), ensure_ascii=False, indent=2) if as_json else strip_controls(ex.render()))


@click.command("split")
@click.argument("event_id")
@_db_option
def split_command(event_id: str, db: Path) -> None:
    """Undo a merge: EVENT_ID (an event) splits into its reports; a report's id detaches that report.

    Split reports are never merged again."""
    with _errors():
        store = _open(db, write=True)
        ids = store.split(event_id)
        click.echo(f"{event_id}: now {len(ids)} event(s): {', '.join(ids)}")


# --- import ------------------------------------------------------------------------------------


@click.group("import")
def import_group() -> None:
    """Import ACLED, UCDP GED or GDELT data into the store, tagged with its origin."""


def _import_command(name: str, help_text: str) -> click.Command:
    @click.command(name, help=help_text)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @_db_option
    def cmd(file: Path, db: Path) -> None:
        from sitrep.store.importers import IMPORTERS

        with _errors():
            store = _open(db, write=True)
            try:
                summary = IMPORTERS[name](store, file)
            except InputError as exc:  # the whole file refused (binary, no header): nothing could be done
                click.echo(f"Error: {exc}", err=True)
                raise SystemExit(2) from None
            click.echo(str(summary))
            for where, why in summary.rejected:
                click.echo(f"  refused {where}: {why}", err=True)
            refused = sum(summary.skipped.values())
            if refused > len(summary.rejected):
                click.echo(f"  ... and {refused - len(summary.rejected)} more refused rows "
                           "(all logged in the store)", err=True)
        status = exit_status(summary.imported + summary.already, sum(summary.skipped.values()))
        if status:
            raise SystemExit(status)

    return cmd


import_group.add_command(_import_command("acled", "Import an ACLED CSV export (ACLED's column names)."))
import_group.add_command(_import_command(
    "ucdp", "Import UCDP GED events: CSV (HDX layout; the HXL tag row is skipped) or JSON Lines."))
import_group.add_command(_import_command(
    "gdelt", "Import a GDELT event table (tab-separated, 1.0 or 2.0 columns, or sitrep's cameo-tsv export)."))


#: What sitrep/cli.py registers on the main group.
COMMANDS: tuple[click.Command, ...] = (ingest_command, events_command, export_command, explain_command,
                                       split_command, import_group)
