"""What every gold set module provides, and helpers for reading gold files.

A set module (``sitrep/eval/case2021.py`` ...) defines:

- ``NAME``, ``DESCRIPTION``, ``HEADLINE`` (the metric keys shown and gated, in order)
- ``files(gold_dir) -> list[Path]``  the files it needs (absent -> the set is skipped)
- ``load(gold_dir) -> list[item]``   gold records; each item has ``id`` and ``fold_key``
- ``predict(items, coder) -> {id: [Event]}``  runs the coder (``coder.code_texts``)
- ``score(items, predictions) -> SetScore``    pure: no coder, no files
- optionally ``sample(items, limit)``          how ``--fast``/``--limit`` subsample it
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import DataFileError


@dataclass(frozen=True, slots=True)
class Judged:
    """One predicted event judged right or wrong against gold (for calibration)."""

    set: str
    id: str
    confidence: float
    correct: bool
    #: the judged event itself, for fitting the calibration model (benchmarks/calibrate.py)
    event: Any = field(default=None, compare=False, repr=False)


@dataclass
class SetScore:
    """A set's scores: headline ``metrics`` (floats in [0, 1] or None), ``details`` for the report."""

    metrics: dict[str, float | None]
    details: dict[str, Any] = field(default_factory=dict)
    judged: list[Judged] = field(default_factory=list)


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, record)`` for each non-blank line; a bad line is a DataFileError naming it."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(f"line {number}: not JSON ({exc.msg})", item=str(path)) from None
            if not isinstance(rec, dict):
                raise DataFileError(f"line {number}: a JSON object was expected", item=str(path))
            yield number, rec


def need(rec: dict[str, Any], key: str, path: Path, number: int) -> Any:
    """``rec[key]``, or a DataFileError naming the file, line and missing field."""
    if key not in rec:
        raise DataFileError(f"line {number}: field {key!r} is missing", item=str(path))
    return rec[key]


def iso_date(raw: object) -> str | None:
    """"19950101" / "1995-01-01" / "2016.04.19" -> "1995-01-01"; anything else -> None."""
    if raw is None:
        return None
    digits = "".join(ch for ch in str(raw)[:10] if ch.isdigit())
    if len(digits) != 8:
        return None
    y, m, d = digits[:4], digits[4:6], digits[6:]
    if not (1900 <= int(y) <= 2100 and 1 <= int(m) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{m}-{d}"
