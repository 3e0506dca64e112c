"""The pinned floors of the CI gate (``eval-floors.json`` at the repository root).

Format::

    {"_comment": "...", "case2021": {"weighted_f1": 0.41, ...}, "plover": {...}}

A floor only moves up: :func:`raise_floors` never lowers one, and
:func:`lowered` lists any floor a new file lowers or drops compared with an
older one (the gate's ``--check-ref`` runs it against a git revision).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.errors import DataFileError

Floors = dict[str, dict[str, float]]


def parse_floors(raw: Any, source: str) -> Floors:
    if not isinstance(raw, dict):
        raise DataFileError("a JSON object of set -> {metric: floor} is expected", item=source)
    out: Floors = {}
    for name, metrics in raw.items():
        if name.startswith("_"):
            continue
        if not isinstance(metrics, dict):
            raise DataFileError(f"{name}: a JSON object of metric -> floor is expected", item=source)
        out[name] = {}
        for metric, value in metrics.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
                raise DataFileError(f"{name}.{metric}: floor {value!r} must be a number in [0, 1]", item=source)
            out[name][metric] = float(value)
    return out


def load_floors(path: Path = defaults.EVAL_FLOORS_FILE) -> Floors:
    """Floors from the file; {} when it does not exist."""
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"line {exc.lineno}: not JSON ({exc.msg})", item=str(path)) from None
    return parse_floors(raw, str(path))


def write_floors(floors: Floors, path: Path = defaults.EVAL_FLOORS_FILE, comment: str | None = None) -> None:
    data: dict[str, Any] = {}
    if comment:
        data["_comment"] = comment
    for name in sorted(floors):
        data[name] = {m: round(v, 3) for m, v in sorted(floors[name].items())}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def below_floor(report: dict[str, Any], floors: Floors) -> list[str]:
    """One line per floored metric the report does not reach (or did not measure)."""
    failures = []
    sets = report.get("sets", {})
    for name, metrics in floors.items():
        entry = sets.get(name)
        if entry is None or entry.get("status") != "ok":
            continue  # not run or skipped: reported separately by the gate
        for metric, floor in metrics.items():
            value = entry.get("metrics", {}).get(metric)
            if value is None:
                failures.append(f"{name}.{metric}: not measured (floor {floor:.3f})")
            elif value < floor:
                failures.append(f"{name}.{metric}: {value:.3f} < floor {floor:.3f}")
    return failures


def raise_floors(floors: Floors, report: dict[str, Any], margin: float = defaults.EVAL_FLOOR_MARGIN,
                 only: dict[str, tuple[str, ...]] | None = None) -> tuple[Floors, list[str]]:
    """Floors raised to (measured - margin) where that is higher; never lowered.

    ``only`` limits which metrics get a floor when they have none yet (by
    default every headline metric of a measured set). Returns the new floors
    and one line per change.
    """
    new: Floors = {k: dict(v) for k, v in floors.items()}
    changes = []
    for name, entry in report.get("sets", {}).items():
        if entry.get("status") != "ok":
            continue
        wanted = only.get(name, ()) if only is not None else tuple(entry.get("metrics", {}))
        for metric, value in entry.get("metrics", {}).items():
            if value is None or (metric not in new.get(name, {}) and metric not in wanted):
                continue
            candidate = max(0.0, round(value - margin, 3))
            old = new.get(name, {}).get(metric)
            if old is None or candidate > old:
                new.setdefault(name, {})[metric] = candidate
                changes.append(f"{name}.{metric}: {'-' if old is None else f'{old:.3f}'} -> {candidate:.3f}")
    return new, changes


def lowered(old: Floors, new: Floors) -> list[str]:
    """Floors that ``new`` lowers or drops compared with ``old``."""
    out = []
    for name, metrics in old.items():
        for metric, value in metrics.items():
            now = new.get(name, {}).get(metric)
            if now is None:
                out.append(f"{name}.{metric}: floor {value:.3f} was removed")
            elif now < value - 1e-9:
                out.append(f"{name}.{metric}: floor lowered {value:.3f} -> {now:.3f}")
    return out
