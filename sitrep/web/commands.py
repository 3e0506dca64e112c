"""``sitrep serve`` and ``sitrep users``: thin commands over :mod:`sitrep.web`."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import click

from sitrep import defaults
from sitrep.errors import SitrepError


def _db_option(f):  # type: ignore[no-untyped-def]
    return click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), envvar="SITREP_DB",
                        default=lambda: str(defaults.DEFAULT_DB), show_default="sitrep.db, or $SITREP_DB",
                        help="The store (a DuckDB file).")(f)


def _open_owned(db: Path):  # type: ignore[no-untyped-def]
    from sitrep.store import Store
    from sitrep.web.served import check_not_served

    check_not_served(db)
    return Store.open(db, lock_timeout=2.0)


@click.command("serve")
@_db_option
@click.option("--host", default=defaults.SERVE_HOST, show_default=True,
              help="Address to listen on (loopback unless you mean to share it).")
@click.option("--port", type=click.IntRange(1, 65535), default=defaults.SERVE_PORT, show_default=True)
@click.option("--public-read", is_flag=True, help="Anyone may read without logging in (writes still need a reviewer).")
@click.option("--watch", "watch_config", type=click.Path(dir_okay=False, exists=True), default=None,
              help="Also follow the sources of this `sitrep watch` config in the server's process (one process "
                   "owns the store); their state at /watch and /api/watch, metrics at /metrics.")
@click.option("--no-cache", is_flag=True, help="Compute every answer afresh (by default answers of reads are kept "
                                              "until the next write; for measuring the uncached cost).")
def serve_command(db: Path, host: str, port: int, public_read: bool, watch_config: str | None,
                  no_cache: bool) -> None:
    """The analyst's workspace: events, map, timeline, evidence, dyads and the review queue,
    with a JSON API (OpenAPI at /docs). The server owns the store while it runs."""
    import threading

    from sitrep.web import create_app
    from sitrep.web.app import Stores
    from sitrep.web.served import claim, release

    try:
        import uvicorn
    except ImportError:
        raise click.ClickException('uvicorn is needed for sitrep serve; install it with: pip install "sitrep[web]"') \
            from None
    watcher = None
    stop = threading.Event()
    try:
        store = _open_owned(db)
        stores = Stores(store)
        if watch_config is not None:
            from sitrep.watch.config import load_config
            from sitrep.watch.runner import Watcher

            # the monitor writes through its own connection, under the server's write lock
            watcher = Watcher(load_config(watch_config), store.sibling(), write_lock=stores.write_lock)
        app = create_app(store, public_read=public_read, stores=stores, watcher=watcher, cache=not no_cache)
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None
    follow = None
    if watcher is not None:
        follow = threading.Thread(target=watcher.run_forever, args=(stop,), name="sitrep-watch", daemon=True)
        follow.start()
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(f"sitrep: listening on {host}, reachable from other machines", err=True)
    url = f"http://{host}:{port}"
    claim(db, url)
    if not store.users() and not public_read:
        click.echo("sitrep: no users yet; stop the server and run `sitrep users add NAME --role reviewer`, "
                   "or serve with --public-read", err=True)
    click.echo(f"sitrep: serving {db} at {url} (API docs at {url}/docs)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, access_log=False)
    finally:
        stop.set()
        if follow is not None:
            follow.join(timeout=30)
        if watcher is not None:
            watcher.close()
        release(db)
        store.close()


@click.group("users")
def users_group() -> None:
    """People who may use `sitrep serve`."""


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "reviewer", "admin"]), required=True,
              help="viewer reads; reviewer also reviews and ingests; admin as reviewer.")
@_db_option
@click.option("--json", "as_json", is_flag=True, help='Print {"name", "role", "password", "token"}.')
def users_add(name: str, role: str, db: Path, as_json: bool) -> None:
    """Add a user: prints a one-time password and an API token (only their hashes are stored)."""
    from sitrep.web.auth import make_user

    try:
        store = _open_owned(db)
        new = make_user(store, name, role)
        store.close()
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(new.to_dict()))
        return
    click.echo(f"user {new.name} ({new.role}) added to {db}\n  password: {new.password}\n  API token: {new.token}\n"
               "Hand them over now: they are stored only as hashes and cannot be shown again.")


@users_group.command("list")
@_db_option
def users_list(db: Path) -> None:
    """List users and roles."""
    from sitrep.store import Store

    try:
        store = Store.open(db, read_only=True, hold_lock=False)
        for u in store.users():
            click.echo(f"{u.name}\t{u.role}")
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None


COMMANDS = (serve_command, users_group)
