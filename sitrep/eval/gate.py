"""CI gate: run the fast evaluation subset and fail when a score drops below its floor.

    python -m sitrep.eval.gate                      # exit 1 naming each metric under its floor
    python -m sitrep.eval.gate --check-ref HEAD~1   # also fail if a floor was lowered since HEAD~1
    python -m sitrep.eval.gate --update             # raise floors to (measured - margin); never lowers

Floors live in ``eval-floors.json`` at the repository root (see
:mod:`sitrep.eval.floors`). Sets whose gold files are absent are reported and
skipped (``--strict`` makes that a failure). Exit status: 0 pass, 1 a metric
under its floor (or a floor lowered), 2 broken gold or floors file, or a
floored set missing under ``--strict``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.eval.floors import below_floor, load_floors, lowered, parse_floors, raise_floors, write_floors
from sitrep.eval.runner import ALL_SETS, default_gold_dir, run_eval
from sitrep.eval.tables import print_report


def floors_at_ref(ref: str, path: Path) -> dict[str, dict[str, float]] | None:
    """The floors file as committed at a git revision; None when it did not exist there."""
    root = path.resolve().parent
    try:
        rel = path.resolve().relative_to(
            Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, check=True,
                                capture_output=True, text=True).stdout.strip()))
        shown = subprocess.run(["git", "show", f"{ref}:{rel.as_posix()}"], cwd=root, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    if shown.returncode != 0:
        return None
    return parse_floors(json.loads(shown.stdout), f"{ref}:{rel.as_posix()}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sitrep.eval.gate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--floors", type=Path, default=defaults.EVAL_FLOORS_FILE, help="floors file (eval-floors.json)")
    ap.add_argument("--gold-dir", type=Path, default=None, help="gold folder (default ../shared/gold)")
    ap.add_argument("--report", type=Path, default=None, help="write the JSON report here")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for coding")
    ap.add_argument("--full", action="store_true", help="score whole sets instead of the fast subset")
    ap.add_argument("--strict", action="store_true", help="fail when a floored set's gold files are absent")
    ap.add_argument("--check-ref", metavar="REV", help="fail if a floor is lower than in git revision REV")
    ap.add_argument("--update", action="store_true",
                    help="raise floors to measured minus the margin (defaults.EVAL_GATED_METRICS; never lowers one)")
    ap.add_argument("--margin", type=float, default=defaults.EVAL_FLOOR_MARGIN)
    ap.add_argument("--quiet", action="store_true", help="print only failures")
    args = ap.parse_args(argv)
    console = Console(stderr=True)

    try:
        floors = load_floors(args.floors)
    except DataFileError as exc:
        console.print(f"[red]gate: {exc}[/]")
        return 2
    failures: list[str] = []
    if args.check_ref:
        old = floors_at_ref(args.check_ref, args.floors)
        if old is None:
            console.print(f"gate: no {args.floors.name} at {args.check_ref}; nothing to compare")
        else:
            failures += lowered(old, floors)

    sets = [s for s in ALL_SETS if s in floors] if floors and not args.update else list(ALL_SETS)
    gold = args.gold_dir or default_gold_dir()
    report = run_eval(sets, gold_dir=gold, fast=not args.full, n_process=args.jobs,
                      log=(lambda _m: None) if args.quiet else (lambda m: console.print(f"[dim]{m}[/]")))
    if args.report:
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.quiet:
        print_report(report, Console(), floors)

    status = 0
    for name, entry in report["sets"].items():
        if entry.get("status") == "error":
            console.print(f"[red]gate: {name}: {entry.get('reason')}[/]")
            status = 2
        elif entry.get("status") == "skipped" and name in floors:
            console.print(f"[yellow]gate: {name} not checked: {entry.get('reason')}[/]")
            if args.strict:
                status = 2

    if args.update:
        only = {name: tuple(defaults.EVAL_GATED_METRICS.get(name, ())) for name in report["sets"]}
        new, changes = raise_floors(floors, report, args.margin, only=only)
        write_floors(new, args.floors, comment="CI gate floors (python -m sitrep.eval.gate). Floors only move up; "
                     "the commit that raises one says why. Measured on the --fast subsets.")
        for line in changes:
            console.print(f"gate: floor raised {line}")
        if not changes:
            console.print("gate: no floor raised")
        return status

    failures += below_floor(report, floors)
    for line in failures:
        console.print(f"[bold red]gate: FAIL {line}[/]")
    if failures:
        return 1
    if status == 0:
        console.print(f"gate: all {sum(len(v) for v in floors.values())} floors held")
    return status


if __name__ == "__main__":
    sys.exit(main())
