"""Analysis commands for the ``sitrep`` CLI: thin wrappers around :mod:`sitrep.analysis`.

The lead registers them on the main group (``sitrep/cli.py``)::

    from sitrep.analysis.commands import COMMANDS
    for cmd in COMMANDS:
        main.add_command(cmd)

    sitrep dyads [--db FILE] [--limit N] [--since --until] [--origin ORIGIN] [--json]
    sitrep report --dyad SIDE_A SIDE_B [--since --until] [--db FILE | --events FILE.jsonl | --ucdp FILE]
                  --out report.html [--png] [--json FILE] [--background periods|year|quarter|constant]

Library errors become one clean line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from sitrep import defaults
from sitrep.errors import SitrepError


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None


def _db_option(f: Any) -> Any:
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), envvar="SITREP_DB",
        default=lambda: str(defaults.DEFAULT_DB), show_default="sitrep.db, or $SITREP_DB",
        help="The store (a DuckDB file).")(f)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from sitrep.resolve.dates import parse_publication_date

    try:
        return parse_publication_date(value, item=f"--{param.name}")
    except SitrepError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("dyads")
@_db_option
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="Dyads to list.")
@click.option("--since", callback=_date, help="First date, YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Last date, YYYY-MM-DD.")
@click.option("--origin", type=click.Choice(["sitrep", "acled", "ucdp", "gdelt"]),
              help="Only events coded from news, or from one imported dataset.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def dyads_command(db: Path, limit: int, since: str | None, until: str | None, origin: str | None,
                  as_json: bool) -> None:
    """List the most active dyads (pairs of sides) with their events by type.

    Actors on a side of sitrep/data/sides.yaml count as that side; any other
    actor as a side of its own name."""
    from sitrep.analysis.sides import active_dyads_of
    from sitrep.store import Store

    with _errors():
        store = Store.open(db, read_only=True, hold_lock=False)
        try:
            with store.session():  # counted in the database: the events never come to Python
                rows = active_dyads_of(store, since=since, until=until, origin=origin)[:limit]
        finally:
            store.close()
    if as_json:
        for r in rows:
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return
    if not rows:
        click.echo("no dyads: the store holds no event with both an actor and a recipient", err=True)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col, kw in (("#", {"justify": "right"}), ("side A", {}), ("side B", {}), ("events", {"justify": "right"}),
                    ("by type", {}), ("killed", {"justify": "right"}), ("first", {}), ("last", {})):
        table.add_column(col, **kw)  # type: ignore[arg-type]
    for k, r in enumerate(rows, start=1):
        types = ", ".join(f"{t} {n}" for t, n in r.by_type.most_common(4))
        if len(r.by_type) > 4:
            types += ", ..."
        table.add_row(str(k), r.side_a, r.side_b, f"{r.total:,}", types, f"{r.fatalities:,}", r.first or "-",
                      r.last or "-")
    Console(width=None if sys.stdout.isatty() else 160).print(table)


@click.command("report")
@click.option("--dyad", nargs=2, required=True, metavar="SIDE_A SIDE_B",
              help="The two sides: names from sitrep/data/sides.yaml (or their aliases) or actor names.")
@click.option("--since", callback=_date, help="First date, YYYY-MM-DD.")
@click.option("--until", callback=_date, help="Last date, YYYY-MM-DD.")
@_db_option
@click.option("--events", "events_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read events from this JSON Lines file (`sitrep code` output) instead of the store.")
@click.option("--ucdp", "ucdp_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read a UCDP GED file (CSV or JSON Lines) directly instead of the store.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
@click.option("--png", is_flag=True, help="Also write the figures as PNG files beside the HTML.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the numbers behind the report as JSON.")
@click.option("--background", type=click.Choice(["periods", "year", "quarter", "constant"]), default=None,
              help=f"Background rate of the retaliation model [default: {defaults.HAWKES_BACKGROUND}].")
def report_command(dyad: tuple[str, str], since: str | None, until: str | None, db: Path, events_path: Path | None,
                   ucdp_path: Path | None, out: Path, png: bool, json_path: Path | None,
                   background: str | None) -> None:
    """Write the dyad report: one self-contained HTML file (timeline, escalation periods,
    retaliation estimates, truces, key events with their evidence)."""
    from sitrep.analysis import sources
    from sitrep.analysis.dyad import analyse
    from sitrep.analysis.report import write_report

    if events_path and ucdp_path:
        raise click.UsageError("give --events or --ucdp, not both")
    with _errors():
        hints: dict[str, Any] = {}
        if ucdp_path:
            events, hints = sources.read_ucdp(ucdp_path)
        elif events_path:
            events = sources.read_events_jsonl(events_path)
        else:
            events = sources.store_events(db, since=since, until=until)
            hints = sources.ucdp_hints(db, events)
        result = analyse(events, dyad[0], dyad[1], since=since, until=until, hints=hints, background=background)
        if not result.events:
            raise click.ClickException(
                f"no events between {result.a.name!r} and {result.b.name!r}"
                + (f" from {since}" if since else "") + (f" to {until}" if until else "")
                + "; `sitrep dyads` lists the active pairs")
        written = write_report(result, out, png=png, json_out=json_path)
    for p in written:
        click.echo(str(p))


COMMANDS = [dyads_command, report_command]
