"""The ``sitrep`` command line: a thin layer over the library.

Each command reads its inputs, calls one library function and turns library
errors into a one-line message naming the item. Store, eval and analysis
commands live beside their modules and are registered here.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO

import click

from sitrep.errors import SitrepError
from sitrep.hardening import HardenedGroup, exit_status
from sitrep.models import Article, CodingFailure, Event

FORMATS = ("table", "jsonl", "plover", "acled-csv")


@click.group(cls=HardenedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: conflict news in, structured and explainable event data out."""
    from sitrep.hardening import one_line_warnings

    one_line_warnings()


@main.command("code")
@click.argument("paths", nargs=-1)
@click.option("--input", "input_path", type=click.Path(dir_okay=True, exists=True), help="Batch input (.jsonl, folder, ...).")
@click.option("--output", "output_path", type=click.Path(writable=True),
              help="Write events here (default: stdout); with --dask, a folder for the Parquet partitions.")
@click.option("--date", "default_date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise).")
@click.option("-n", "--n-process", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--scope", type=click.Choice(["all", "conflict"]), default="all", show_default=True,
              help="Event types to code: the whole PLOVER ontology, or conflict events only (faster on general news).")
@click.option("--all-modalities/--asserted-only", default=True, show_default=True,
              help="Keep negated, threatened, hypothetical, historical and aggregate records.")
@click.option("--petrarch-dicts", "petrarch_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Code with PETRARCH/TABARI dictionaries from this folder (*actors*.txt, *agents*.txt, "
                   "*verbs*.txt, *discards*.txt): their actors, and their verb patterns for the verbs they know.")
@click.option("--fetch/--no-fetch", default=False, show_default=True,
              help="Fetch URL arguments and the linked pages of link-only feed entries (never done otherwise).")
@click.option("--allow-address", "allow_addresses", multiple=True, metavar="IP[/BITS]",
              help="With --fetch: let fetches reach this private, loopback or link-local address or network.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS|local:N",
              help="Code on a Dask cluster (scheduler address, or local:N worker processes) into Parquet "
                   "partitions under --output DIR, with a manifest; a rerun resumes. Needs sitrep[dask].")
@click.option("--partition-size", type=click.IntRange(1, 1_000_000), default=None,
              help="With --dask: articles per partition (one task, one file).")
def code_command(paths: tuple[str, ...], input_path: str | None, output_path: str | None, default_date: str | None,
                 fmt: str | None, n_process: int, scope: str, all_modalities: bool, petrarch_dir: str | None,
                 fetch: bool, allow_addresses: tuple[str, ...], dask_address: str | None,
                 partition_size: int | None) -> None:
    """Code news reports (.txt, .html, .json, .jsonl, .parquet with --dask, folders, or - for stdin) into events.

    Nothing is fetched from the network unless --fetch is given: a URL argument
    or a feed entry that holds only a link is reported as not fetched.
    """
    if dask_address is not None:
        from sitrep.batch.commands import run_to_parquet

        if output_path is None:
            raise click.UsageError("--dask writes Parquet partitions: give --output DIR")
        if petrarch_dir is not None or fmt is not None or not all_modalities:
            raise click.UsageError("--dask writes every record as Parquet: --petrarch-dicts, --format and "
                                   "--asserted-only are for local runs")
        sources = list(paths) + ([input_path] if input_path else [])
        if not sources:
            raise click.UsageError("give at least one PATH or --input FILE")
        run_to_parquet(sources, output_path, dask=dask_address, mode="code", scope=scope,
                       default_date=default_date, partition_size=partition_size)
        return
    from sitrep.fetch import FetchPolicy
    from sitrep.ingest.run import cap_workers
    from sitrep.ingest.sources import read_sources
    from sitrep.pipeline import code_many
    from sitrep.plausible import plausible_events
    from sitrep.resolve.dates import parse_publication_date

    coder = None
    if petrarch_dir is not None:
        try:
            coder = _petrarch_coder(petrarch_dir, scope)
        except SitrepError as exc:
            raise click.BadParameter(str(exc), param_hint="--petrarch-dicts") from exc
    sources = list(paths) + ([input_path] if input_path else [])
    if not sources:
        raise click.UsageError("give at least one PATH, '-' for stdin, or --input FILE")
    if default_date:
        try:
            default_date = parse_publication_date(default_date, item="--date")
        except SitrepError as exc:
            raise click.BadParameter(str(exc)) from exc
    n_process = cap_workers(n_process)
    out: IO[str] = open(output_path, "w", encoding="utf-8") if output_path else sys.stdout  # noqa: SIM115
    fmt = fmt or ("table" if out.isatty() else "jsonl")
    failures: list[CodingFailure] = []
    try:
        policy = FetchPolicy.allowing(allow_addresses)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--allow-address") from None
    items = read_sources(sources, default_date=default_date, fetch=fetch, policy=policy)
    articles = _articles_only(items, failures)
    progress = _progress(output_path is not None and sys.stderr.isatty())
    n_articles = n_events = n_coded = 0
    try:
        with progress:
            task = progress.add_task("coding", total=None) if progress else None
            writer = _writer(fmt, out)
            for article, result in code_many(articles, n_process=n_process, scope=scope, coder=coder):
                n_articles += 1
                if isinstance(result, CodingFailure):
                    failures.append(result)
                    click.echo(f"sitrep: skipped {result.item}: {result.reason}", err=True)
                    continue
                n_coded += 1
                events = plausible_events(list(result)) if all_modalities else \
                    plausible_events([e for e in result if e.modality == "asserted"])
                n_events += len(events)
                writer.write(article, events)
                if task is not None:
                    progress.advance(task)
            writer.close()
    finally:
        if output_path:
            out.close()
    summary = f"sitrep: {n_articles} articles, {n_events} events, {len(failures)} failed"
    if output_path or fmt == "table" or failures:
        click.echo(summary, err=True)
    status = exit_status(n_coded, len(failures))
    if status:
        raise SystemExit(status)


@main.command("places")
@click.argument("path", default="-", type=click.Path(allow_dash=True, dir_okay=False))
def places_command(path: str) -> None:
    """Every place a text names, resolved offline: one JSON object per mention (PATH or - for stdin).

    Unlike `sitrep code`, which puts each event where it happened, this reads every place name
    (sitrep.resolve.geoparse), event or not, with its character offsets.
    """
    from sitrep.resolve.geoparse import geoparse

    try:
        with click.open_file(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: cannot read as UTF-8 text ({exc})") from None
    for place in geoparse(text):
        click.echo(json.dumps(place.to_dict(), ensure_ascii=False))


def _petrarch_coder(folder: str, scope: str):  # type: ignore[no-untyped-def]
    """A Coder over the PETRARCH dictionaries of a folder."""
    from pathlib import Path

    from sitrep.pipeline import Coder
    from sitrep.resolve.actors import ActorResolver
    from sitrep.resolve.petrarch_verbs import VerbDictionary

    d = Path(folder)
    actors = sorted(d.glob("*actors*.txt"))
    agents = sorted(d.glob("*agents*.txt"))
    resolver = ActorResolver.from_petrarch(actors[0], agents[0] if agents else None) if actors else None
    verbs = VerbDictionary.from_folder(d) if any(d.glob("*verbs*.txt")) else None
    if resolver is None and verbs is None:
        raise SitrepError(f"no PETRARCH actors or verbs file in {folder}", item=folder)
    return Coder(resolver, scope=scope, verbs=verbs)


def _articles_only(items: Iterable[Article | CodingFailure], failures: list[CodingFailure]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, CodingFailure):
            failures.append(item)
            click.echo(f"sitrep: skipped {item.item}: {item.reason}", err=True)
        else:
            yield item


class _NullProgress:
    def __enter__(self) -> _NullProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __bool__(self) -> bool:
        return False

    def add_task(self, *a: object, **k: object) -> None:
        return None

    def advance(self, *a: object) -> None:
        return None


def _progress(enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return _NullProgress()
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
                    TextColumn("{task.speed} art/s" if False else ""), TimeElapsedColumn(), transient=True)


# --- output writers ------------------------------------------------------------


class _Writer:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, article: Article, events: list[Event]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        return None


class _JsonlWriter(_Writer):
    def write(self, article: Article, events: list[Event]) -> None:
        for ev in events:
            self.out.write(ev.to_json() + "\n")


class _PloverWriter(_Writer):
    def write(self, article: Article, events: list[Event]) -> None:
        from sitrep.store.exports import plover_record

        for ev in events:
            self.out.write(json.dumps(plover_record(ev, sources=[article.source] if article.source else []), ensure_ascii=False) + "\n")


class _AcledWriter(_Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.writer: csv.DictWriter | None = None

    def write(self, article: Article, events: list[Event]) -> None:
        from sitrep.store.exports import acled_row

        for ev in events:
            row = acled_row(ev, sources=[article.source] if article.source else [])
            if self.writer is None:
                self.writer = csv.DictWriter(self.out, fieldnames=list(row))
                self.writer.writeheader()
            self.writer.writerow(row)


class _TableWriter(_Writer):
    def write(self, article: Article, events: list[Event]) -> None:
        from rich.console import Console

        from sitrep.report_table import events_table

        Console(file=self.out, width=max(120, Console().width)).print(events_table(events, title=article.title or article.id))


def _writer(fmt: str, out: IO[str]) -> _Writer:
    return {"jsonl": _JsonlWriter, "plover": _PloverWriter, "acled-csv": _AcledWriter, "table": _TableWriter}[fmt](out)


# --- commands that live beside their modules ------------------------------------------


def _register() -> None:
    from sitrep.analysis.commands import COMMANDS as analysis_commands
    from sitrep.batch.commands import extend_ingest, extend_reader
    from sitrep.eval.commands import eval_command
    from sitrep.store.commands import COMMANDS as store_commands
    from sitrep.watch.commands import watch_command
    from sitrep.web.commands import COMMANDS as web_commands

    for cmd in (*store_commands, *analysis_commands, *web_commands):
        main.add_command(cmd)
        if cmd.name == "ingest":
            extend_ingest(cmd)
        elif cmd.name in ("events", "export"):
            extend_reader(cmd)
    main.add_command(watch_command, "watch")
    main.add_command(eval_command, "eval")


_register()


if __name__ == "__main__":  # pragma: no cover
    main()
