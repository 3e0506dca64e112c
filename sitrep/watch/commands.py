"""``sitrep watch CONFIG.yaml [--db FILE] [--once] [--status]``: a thin CLI over
:class:`sitrep.watch.Watcher`."""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from sitrep import defaults
from sitrep.errors import SitrepError


def _ago(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"


@click.command("watch")
@click.argument("config", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The store (default: the config's db:, else $SITREP_DB or sitrep.db).")
@click.option("--once", is_flag=True, help="Poll every source once, deliver the alerts, and exit.")
@click.option("--status", "show_status", is_flag=True, help="Print each source's state (last fetch, new items, "
                                                            "errors, lag) and exit.")
@click.option("--json", "as_json", is_flag=True, help="With --status or --once: print JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Log each source's failures to stderr.")
def watch_command(config: Path, db: Path | None, once: bool, show_status: bool, as_json: bool, verbose: bool) -> None:
    """Follow the sources of CONFIG: code new articles into the store and raise alerts.

    The configuration (YAML) lists sources (RSS/Atom feeds, news sitemaps, web
    pages, local folders) with how often to poll them, and alert rules with
    where to send alerts (JSON lines file, stdout, webhook, Slack, e-mail).
    Private and loopback addresses are fetched only when allow_addresses lists
    them. Stop with Ctrl-C; a restart resumes where it stopped.
    """
    from sitrep.store import Store
    from sitrep.watch import Watcher, load_config

    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="sitrep watch: %(message)s",
                        stream=sys.stderr)
    try:
        cfg = load_config(config)
        path = Path(db or cfg.db or defaults.DEFAULT_DB)
        if show_status:
            _status_command(cfg, path, as_json)
            return
        store = Store.open(path)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        with Watcher(cfg, store) as watcher:
            if once:
                report = watcher.run_once()
                if as_json:
                    click.echo(json.dumps(report.__dict__))
                else:
                    click.echo(f"sitrep watch: {report}", err=True)
                    for e in report.source_errors:
                        click.echo(f"  source failed: {e}", err=True)
                # like ingest: 2 when nothing could be done, 1 when something failed
                if report.polled and report.errors == report.polled:
                    sys.exit(2)
                if report.errors or report.items_failed or report.delivery_errors:
                    sys.exit(1)
                return
            stop = threading.Event()

            def _stop(*_: Any) -> None:
                stop.set()

            signal.signal(signal.SIGTERM, _stop)
            signal.signal(signal.SIGINT, _stop)
            click.echo(f"sitrep watch: following {len(cfg.sources)} source(s) into {path}; Ctrl-C stops", err=True)

            def cycle(report: Any) -> None:
                if report.items_new or report.errors or report.alerts:
                    click.echo(f"sitrep watch: {report}", err=True)

            watcher.run_forever(stop, on_cycle=cycle)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


def _status_command(cfg: Any, path: Path, as_json: bool) -> None:
    """Read the state from the store, or, while a watcher holds it, from its status file."""
    from sitrep.store import Store
    from sitrep.watch.runner import SourceStatus
    from sitrep.watch.state import SourceState, WatchState, now

    status_file = path.with_name(path.name + ".watch.json")
    t = now()
    rows: list[dict[str, Any]] = []
    note = ""
    try:
        if not path.exists():
            raise SitrepError("no store yet: nothing was watched", item=str(path))
        store = Store.open(path, read_only=True, lock_timeout=1.0)
        try:
            states, counts = WatchState(store).sources(), WatchState(store).item_counts()
        finally:
            store.close()
        for src in cfg.sources:
            st = states.get(src.name) or SourceState(src.name, location=src.location)
            circuit = "open" if st.open_until and st.open_until > t else "closed"
            lag = (t - st.last_ok).total_seconds() if st.last_ok else None
            rows.append(SourceStatus(src.name, src.kind, src.location, src.every_s, st, counts.get(src.name, {}),
                                     lag, circuit).to_dict())
    except SitrepError as exc:
        if not status_file.exists():
            raise
        data = json.loads(status_file.read_text(encoding="utf-8"))
        rows = data["sources"]
        for r in rows:  # the file's lag was measured when it was written: measure it now
            if r.get("last_ok"):
                r["lag_s"] = (t - datetime.fromisoformat(str(r["last_ok"]).rstrip("Z"))).total_seconds()
        note = f"(store busy: {exc.reason.split(' (')[0]}; from the watcher's status file of {data['written_at']})"
    if as_json:
        click.echo(json.dumps(rows))
        return
    if note:
        click.echo(note)
    for r in rows:
        items = r.get("items") or {}
        fetched = r.get("last_fetch") or "never"
        click.echo(f"{r['name']} [{r['kind']}, every {r['every_s']:g} s]: last fetch {fetched} "
                   f"({r.get('last_status') or '-'}); last success {_ago(r.get('lag_s'))}; items done "
                   f"{items.get('done', 0)}, failed {items.get('failed', 0)}, to retry {items.get('retry', 0)}; "
                   f"errors {r.get('n_errors', 0)}{'; circuit OPEN' if r.get('circuit') == 'open' else ''}")
        if r.get("last_error"):
            click.echo(f"    last error: {r['last_error']}")
