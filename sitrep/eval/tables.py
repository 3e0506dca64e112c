"""Rich tables for an evaluation report: one per set, plus optional per-class detail."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from sitrep import defaults
from sitrep.eval.floors import Floors
from sitrep.eval.metrics import fmt
from sitrep.eval.runner import headline


def _cell(value: float | None, floor: float | None, target: float | None) -> str:
    text = fmt(value)
    if value is None:
        return text
    if floor is not None and value < floor:
        return f"[bold red]{text}[/]"
    if target is not None and value >= target:
        return f"[green]{text}[/]"
    return text


def set_table(name: str, entry: dict[str, Any], floors: Floors | None = None) -> Table:
    floors = floors or {}
    targets = defaults.EVAL_TARGETS.get(name, {})
    title = f"{name}: {entry.get('description', '')}"
    caption = [f"n={entry.get('n')}"]
    if entry.get("records_in_file") is not None and entry.get("records_in_file") != entry.get("n"):
        caption.append(f"of {entry['records_in_file']}")
    if entry.get("seconds") is not None:
        caption.append(f"{entry['seconds']} s")
    if entry.get("texts_per_second"):
        caption.append(f"{entry['texts_per_second']} texts/s")
    if entry.get("coding_failures"):
        caption.append(f"{entry['coding_failures']} coding failures")
    table = Table(title=title, caption=", ".join(caption), title_justify="left")
    table.add_column("metric")
    table.add_column("all", justify="right")
    folds = entry.get("folds", {})
    for k in folds:
        table.add_column(f"fold {k}", justify="right")
    table.add_column("target", justify="right")
    table.add_column("floor", justify="right")
    metrics = entry.get("metrics", {})
    order = [m for m in headline(name) if m in metrics] + [m for m in metrics if m not in headline(name)]
    for metric in order:
        floor = floors.get(name, {}).get(metric)
        target = targets.get(metric)
        row = [metric, _cell(metrics.get(metric), floor, target)]
        row += [fmt(folds[k].get(metric)) for k in folds]
        row += [fmt(target) if target is not None else "", fmt(floor) if floor is not None else ""]
        table.add_row(*row)
    return table


def per_class_table(name: str, entry: dict[str, Any]) -> Table | None:
    per = entry.get("details", {}).get("per_class")
    if not per:
        return None
    table = Table(title=f"{name}: per class", title_justify="left")
    for col in ("class", "support", "precision", "recall", "f1"):
        table.add_column(col, justify="left" if col == "class" else "right")
    for cls, s in sorted(per.items(), key=lambda kv: -kv[1]["support"]):
        table.add_row(cls, str(s["support"]), fmt(s["precision"]), fmt(s["recall"]), fmt(s["f1"]))
    conf = entry.get("details", {}).get("confusions") or []
    if conf:
        table.caption = "top confusions (gold -> predicted): " + "; ".join(
            f"{c['gold']} -> {c['pred']} x{c['count']}" for c in conf[:8])
    return table


def print_report(report: dict[str, Any], console: Console | None = None, floors: Floors | None = None,
                 details: bool = False) -> None:
    console = console or Console()
    for name, entry in report.get("sets", {}).items():
        if entry.get("status") != "ok":
            console.print(f"[yellow]{name}: {entry.get('status')}[/] - {entry.get('reason')}")
            continue
        console.print(set_table(name, entry, floors))
        for note in entry.get("notes", []):
            console.print(f"  [yellow]note:[/] {note}")
        if details:
            extra = per_class_table(name, entry)
            if extra is not None:
                console.print(extra)
