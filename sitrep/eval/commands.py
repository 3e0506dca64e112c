"""``sitrep eval``: score the coder on the gold sets in ../shared/gold.

The lead registers :data:`eval_command` in ``sitrep/cli.py``::

    from sitrep.eval.commands import eval_command
    cli.add_command(eval_command)          # named "eval"
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.eval.floors import load_floors
from sitrep.eval.runner import ALL_SETS, default_gold_dir, run_eval
from sitrep.eval.tables import print_report


@click.command("eval")
@click.argument("sets", nargs=-1, type=click.Choice(ALL_SETS))
@click.option("--gold-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the gold sets (default: ../shared/gold beside the checkout, or $SITREP_SHARED/gold).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full JSON report here.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score at most N records per set (every k-th record, so always the same ones).")
@click.option("--fast", is_flag=True, help="Score the CI gate's fixed subset of each set (defaults.EVAL_FAST_LIMITS).")
@click.option("--fold", type=click.IntRange(0, defaults.EVAL_FOLDS - 1), default=None,
              help="Score only this fold (a stable hash of record ids): tune on 0, check on 1.")
@click.option("--jobs", "n_process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for coding (sitrep.code_many n_process).")
@click.option("--details", is_flag=True, help="Also print per-class tables and confusions.")
@click.option("--floors", "floors_path", type=click.Path(dir_okay=False, path_type=Path),
              default=defaults.EVAL_FLOORS_FILE, show_default=False, help="Floors file shown beside each metric.")
@click.option("--reviews", is_flag=True,
              help="Score the current coder against the reviewed events of the store (--db) instead.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="SITREP_DB",
              default=lambda: str(defaults.DEFAULT_DB), help="The store whose reviews --reviews reads.")
def eval_command(sets: tuple[str, ...], gold_dir: Path | None, report_path: Path | None, limit: int | None,
                 fast: bool, fold: int | None, n_process: int, details: bool, floors_path: Path,
                 reviews: bool, db: Path) -> None:
    """Score the coder on the gold sets (all when none is named): one table per set and a JSON report.

    Sets: articles case2021 plover petrarch m2e2 event_location glocon ucdp ucdp_places calibration.
    A set whose files are absent is skipped with a message. With --reviews, the
    gold is the store's reviews: confirmed = right, corrected fields = gold,
    rejected = not an event.
    """
    console = Console(stderr=False)
    err = Console(stderr=True)
    if reviews:
        from sitrep.errors import SitrepError
        from sitrep.eval.reviews import render, score_reviews
        from sitrep.store import Store

        try:
            store = Store.open(db, read_only=True, hold_lock=False)
            result = score_reviews(store)
        except SitrepError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(render(result))
        if report_path is not None:
            report_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return
    gold = gold_dir or default_gold_dir()
    if not gold.is_dir():
        err.print(f"[yellow]gold folder {gold} is absent: nothing to evaluate (use --gold-dir)[/]")
    report = run_eval(list(sets) or None, gold_dir=gold, limit=limit, fast=fast, fold=fold, n_process=n_process,
                      log=lambda m: err.print(f"[dim]{m}[/]"))
    try:
        floors = load_floors(floors_path)
    except DataFileError as exc:
        err.print(f"[yellow]floors not shown: {exc}[/]")
        floors = {}
    print_report(report, console, floors, details=details)
    if report_path is not None:
        report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        err.print(f"report written to {report_path}")
    errors = [n for n, e in report["sets"].items() if e.get("status") == "error"]
    if errors:
        err.print(f"[red]sets that could not be scored: {', '.join(errors)}[/]")
        sys.exit(2)


#: the name the lead's cli.py imports
eval = eval_command  # the command is called "eval" (shadows the builtin only in this module)
