"""Run the gold-set evaluation: load, subsample, code, score, report.

    >>> from sitrep.eval.runner import run_eval
    >>> report = run_eval(["plover"], fast=True)          # doctest: +SKIP
    >>> report["sets"]["plover"]["metrics"]["event_accuracy"]  # doctest: +SKIP

The report is plain JSON-ready data: per set its status ("ok", "skipped",
"error"), record count, headline ``metrics`` on all scored records, the same
metrics per fold (``folds``), ``details`` (per-class scores, confusions) and
timings. ``calibration`` pools the events every other set judged.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.eval import (
    articles,
    calibration,
    case2021,
    event_place,
    glocon,
    m2e2,
    petrarch,
    plover,
    ucdp,
    ucdp_places,
)
from sitrep.eval.base import Judged
from sitrep.eval.coder import CoderLike, EvalCoder
from sitrep.eval.sampling import every_kth, fold_of

#: The gold sets, in the order they are run and printed.
SET_MODULES: dict[str, ModuleType] = {
    m.NAME: m for m in (articles, case2021, plover, petrarch, m2e2, event_place, glocon, ucdp, ucdp_places)
}
#: Everything ``sitrep eval`` can report, calibration last (it pools the others).
ALL_SETS: tuple[str, ...] = (*SET_MODULES, calibration.NAME)
#: Sets that still run when only some of their files are present.
PARTIAL_OK = {petrarch.NAME}


def default_gold_dir() -> Path:
    return defaults.SHARED_DIR / "gold"


def headline(name: str) -> tuple[str, ...]:
    mod = SET_MODULES.get(name, calibration if name == calibration.NAME else None)
    return tuple(mod.HEADLINE) if mod is not None else ()


def _version() -> str:
    try:
        import sitrep

        return str(getattr(sitrep, "__version__", "?"))
    except Exception:  # noqa: BLE001 - a broken package must still be able to report
        return "?"


def run_set(name: str, gold_dir: Path, coder: CoderLike, *, limit: int | None = None, fast: bool = False,
            fold: int | None = None, log: Callable[[str], None] = lambda _m: None) -> tuple[dict[str, Any], list[tuple[Judged, int]]]:
    """Evaluate one gold set; returns its report entry and its judged events with their folds."""
    mod = SET_MODULES[name]
    paths = mod.files(gold_dir)
    missing = [str(p) for p in paths if not p.exists()]
    if missing and (len(missing) == len(paths) or name not in PARTIAL_OK):
        return {"status": "skipped", "reason": f"absent: {', '.join(missing)}"}, []
    t0 = time.perf_counter()
    try:
        items = mod.load(gold_dir)
    except DataFileError as exc:
        return {"status": "error", "reason": str(exc)}, []
    total = len(items)
    if len({it.id for it in items}) != total:
        return {"status": "error", "reason": f"{name}: record ids are not unique after loading"}, []
    fold_fn: Callable[[Any], int] = getattr(mod, "fold", None) or (lambda it: fold_of(it.fold_key))
    if fold is not None:
        items = [it for it in items if fold_fn(it) == fold]
    cap = limit if limit is not None else (defaults.EVAL_FAST_LIMITS.get(name) if fast else None)
    sampler = getattr(mod, "sample", every_kth)
    items = sampler(items, cap)
    log(f"{name}: coding {len(items)} of {total} records")
    notes_before = len(coder.notes)
    failures_before = getattr(coder, "failures", 0)
    t1 = time.perf_counter()
    try:
        predictions = mod.predict(items, coder, gold_dir=gold_dir)
    except ImportError as exc:  # an unfinished or broken install: say so per set, go on
        return {"status": "error", "reason": f"the coder cannot be imported: {exc}"}, []
    coding_s = time.perf_counter() - t1
    result = mod.score(items, predictions)
    folds_of = {it.id: fold_fn(it) for it in items}
    fold_metrics: dict[str, dict[str, float | None]] = {}
    for k in sorted(set(folds_of.values())):
        sub = [it for it in items if folds_of[it.id] == k]
        fold_metrics[str(k)] = mod.score(sub, predictions).metrics
    if hasattr(mod, "component_scores"):  # a component's own scorer, run on the same records
        try:
            component = mod.component_scores(items, gold_dir)  # {"all": {...}, "0": {...}, "1": {...}}
        except Exception as exc:  # noqa: BLE001 - a component's scorer must not sink the set
            component = None
            coder.notes.append(f"component scorer failed: {type(exc).__name__}: {exc}")
        result.metrics.update(mod.extra_metrics(component.get("all") if component else None))
        for fold_key, fm in fold_metrics.items():
            fm.update(mod.extra_metrics(component.get(fold_key) if component else None))
        if component is not None:
            result.details["component"] = component
    entry: dict[str, Any] = {
        "status": "ok",
        "description": mod.DESCRIPTION,
        "n": len(items),
        "records_in_file": total,
        "metrics": result.metrics,
        "folds": fold_metrics,
        "details": result.details,
        "seconds": round(time.perf_counter() - t0, 2),
        "coding_seconds": round(coding_s, 2),
        "texts_per_second": round(len(items) / coding_s, 1) if coding_s > 0 else None,
    }
    failures = getattr(coder, "failures", 0) - failures_before
    if failures:
        entry["coding_failures"] = failures
        entry["failed"] = list(getattr(coder, "failed_ids", []))[-min(failures, 20):]
    notes = coder.notes[notes_before:]
    if missing:
        notes = [f"absent: {', '.join(missing)}", *notes]
    if notes:
        entry["notes"] = notes
    return entry, [(j, folds_of.get(j.id, 0)) for j in result.judged]


def run_eval(sets: Sequence[str] | None = None, *, gold_dir: Path | None = None, limit: int | None = None,
             fast: bool = False, fold: int | None = None, n_process: int = 1, coder: CoderLike | None = None,
             log: Callable[[str], None] = lambda _m: None) -> dict[str, Any]:
    """Evaluate the named sets (all when None) and return the report."""
    gold_dir = Path(gold_dir) if gold_dir is not None else default_gold_dir()
    names = list(sets) if sets else list(ALL_SETS)
    unknown = [n for n in names if n not in ALL_SETS]
    if unknown:
        raise ValueError(f"unknown gold set(s) {unknown}; known: {', '.join(ALL_SETS)}")
    coder = coder if coder is not None else EvalCoder(n_process=n_process)
    report: dict[str, Any] = {
        "sitrep_version": _version(),
        "python": platform.python_version(),
        "gold_dir": str(gold_dir),
        "options": {"sets": names, "limit": limit, "fast": fast, "fold": fold, "n_process": n_process,
                    "folds": defaults.EVAL_FOLDS},
        "sets": {},
    }
    if not gold_dir.is_dir():
        for n in names:
            report["sets"][n] = {"status": "skipped", "reason": f"gold folder {gold_dir} is absent"}
        return report
    judged: list[tuple[Judged, int]] = []
    for name in names:
        if name == calibration.NAME:
            continue
        entry, js = run_set(name, gold_dir, coder, limit=limit, fast=fast, fold=fold, log=log)
        report["sets"][name] = entry
        judged.extend(js)
        if entry["status"] != "ok":
            log(f"{name}: {entry['status']}: {entry.get('reason')}")
    if calibration.NAME in names:
        report["sets"][calibration.NAME] = calibration_entry(judged)
    return report


def calibration_entry(judged: Sequence[tuple[Judged, int]]) -> dict[str, Any]:
    if not judged:
        return {"status": "skipped", "reason": "no scored set judged any event"}
    result = calibration.score([j for j, _ in judged])
    folds = {str(k): calibration.score([j for j, f in judged if f == k]).metrics
             for k in sorted({f for _, f in judged})}
    return {"status": "ok", "description": calibration.DESCRIPTION, "n": len(judged),
            "metrics": result.metrics, "folds": folds, "details": result.details}
