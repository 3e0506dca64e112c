"""CLI options of batch runs, added to the commands they extend (``sitrep/cli.py``):

* ``sitrep code --input ... --output DIR --dask ADDRESS|local:N``: code into Parquet partitions;
* ``sitrep ingest SOURCES --dask ADDRESS|local:N [--parquet-out DIR]``: code on the cluster,
  run the corpus-wide steps, then load into the store; ``--from-parquet DIR`` loads a finished run;
* ``sitrep events --parquet DIR`` / ``sitrep export --parquet DIR``: read a run's Parquet in place.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sitrep import defaults
from sitrep.errors import SitrepError

DASK_HELP = ("Run on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N worker "
             "processes on this machine. Needs sitrep[dask].")


def _progress_line(total: int) -> Callable[[dict[str, Any]], None]:
    done = [0]

    def show(entry: dict[str, Any]) -> None:
        done[0] += 1
        if entry.get("status") == "failed":
            click.echo(f"sitrep: partition {entry['index']} failed: {entry.get('error')}", err=True)
        elif sys.stderr.isatty():
            click.echo(f"\rpartitions: {done[0]}/{total}", err=True, nl=False)

    return show


def run_to_parquet(sources: list[str], outdir: str, *, dask: str, mode: str, scope: str = "all",
                   default_date: str | None = None, partition_size: int | None = None) -> dict[str, Any]:
    """Run a batch and report it on stderr (one line); BatchError and friends become ClickExceptions."""
    from sitrep.batch.partitions import plan_partitions
    from sitrep.batch.runner import run_batch

    size = partition_size or defaults.BATCH_PARTITION_ARTICLES
    try:
        total = len(plan_partitions(sources, size))
        manifest = run_batch(sources, outdir, mode=mode, scope=scope, default_date=default_date, dask=dask,
                             partition_size=size, on_progress=_progress_line(total))
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None
    counts = manifest["counts"]
    if sys.stderr.isatty():
        click.echo("", err=True)
    click.echo(f"sitrep: {counts['articles']} articles, {counts['events']} events, {counts['failed']} failed, "
               f"{counts['partitions_done']}/{counts['partitions']} partitions in {manifest['seconds']:.1f} s "
               f"-> {outdir} ({manifest['status']})", err=True)
    if manifest["status"] != "complete":
        raise click.ClickException(f"{outdir}: some partitions failed; run the same command again to redo them")
    return manifest


# --- ingest --------------------------------------------------------------------------------------


def extend_ingest(cmd: click.Command) -> None:
    """Add --dask, --parquet-out, --from-parquet and --partition-size to ``sitrep ingest``."""
    cmd.params.extend([
        click.Option(["--dask"], default=None, metavar="ADDRESS|local:N", help=DASK_HELP),
        click.Option(["--parquet-out"], type=click.Path(file_okay=False), default=None,
                     help="With --dask: where the run's Parquet partitions go [default: DB.parquet]."),
        click.Option(["--from-parquet"], type=click.Path(file_okay=False, exists=True), default=None,
                     help="Load a finished `ingest --dask` run's Parquet folder into the store (no coding)."),
        click.Option(["--partition-size"], type=click.IntRange(1, 1_000_000), default=None,
                     help=f"With --dask: at most this many articles per partition; a partition also closes at "
                          f"{defaults.BATCH_PARTITION_BYTES // 1024} KiB of input [default: "
                          f"{defaults.BATCH_PARTITION_ARTICLES}]."),
    ])
    for p in cmd.params:
        if p.name == "sources":
            p.required = False
    original = cmd.callback
    assert original is not None

    def callback(**kw: Any) -> Any:
        dask, parquet_out = kw.pop("dask"), kw.pop("parquet_out")
        from_parquet, partition_size = kw.pop("from_parquet"), kw.pop("partition_size")
        sources = list(kw["sources"])
        if from_parquet and (sources or dask):
            raise click.UsageError("--from-parquet loads a finished run: give no SOURCES and no --dask")
        if not from_parquet and not sources:
            raise click.UsageError("give at least one SOURCE (or --from-parquet DIR)")
        if not dask and not from_parquet:
            return original(**kw)
        folder = from_parquet
        if dask:
            folder = parquet_out or f"{kw['db']}.parquet"
            run_to_parquet(sources, folder, dask=dask, mode="ingest", default_date=kw["default_date"],
                           partition_size=partition_size)
        _load(folder, kw["db"], kw["batch_size"], kw["progress"], kw["as_json"])
        return None

    cmd.callback = callback
    cmd.help = (cmd.help or "") + (
        "\n\nWith --dask ADDRESS|local:N the articles are coded on a Dask cluster into Parquet partitions "
        "(--parquet-out), duplicates and merges are found corpus-wide, and the result is loaded into the "
        "store; --from-parquet DIR loads such a folder.")


def _load(folder: str, db: Path, batch_size: int | None, progress: bool, as_json: bool) -> None:
    from sitrep.batch.parquet import load_into_store
    from sitrep.store import Store

    try:
        store = Store.open(db, hold_lock=False)
        summary = load_into_store(folder, store, progress=progress, batch_size=batch_size)
        store.close()
    except SitrepError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({**summary.to_dict(), "db": str(db), "parquet": str(folder)}))
    else:
        click.echo(str(summary))


# --- events / export -----------------------------------------------------------------------------


def extend_reader(cmd: click.Command) -> None:
    """Add --parquet DIR to ``sitrep events`` or ``sitrep export``: read a run's output in place."""
    cmd.params.append(click.Option(
        ["--parquet"], "parquet", type=click.Path(file_okay=False, exists=True), default=None,
        help="Read the Parquet output of a batch run (sitrep code/ingest --dask) instead of the store."))
    original = cmd.callback
    assert original is not None
    name = cmd.name

    def callback(**kw: Any) -> Any:
        folder = kw.pop("parquet")
        if folder is None:
            return original(**kw)
        from sitrep.batch.parquet import ParquetStore
        from sitrep.store import exports

        filters = {k: kw[k] for k in ("actor", "country", "since", "until", "origin")}
        filters["type"] = kw["type_"]
        try:
            store = ParquetStore(folder)
            if name == "export":
                out = kw["out"]
                if kw["fmt"] == "parquet" and out is None:
                    raise click.UsageError("parquet is a binary format: give --out FILE.parquet")
                n = exports.export(store, kw["fmt"], out if out is not None else sys.stdout, **filters)
                if out is not None:
                    click.echo(f"{n} event(s) written to {out}", err=True)
                return None
            if kw["fmt"] in ("plover", "acled-csv", "cameo-tsv"):
                exports.export(store, kw["fmt"], sys.stdout, limit=kw["limit"], **filters)
                return None
            evs = store.events(**filters, reports=kw["reports"], limit=kw["limit"])
            if kw["fmt"] == "jsonl":
                for ev in evs:
                    click.echo(ev.to_json())
                return None
            from sitrep.store.commands import _print_table

            _print_table(evs, store.cluster_sizes())
        except SitrepError as exc:
            raise click.ClickException(str(exc)) from None
        return None

    cmd.callback = callback
