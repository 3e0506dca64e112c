"""Confidence calibration: raw rule scores -> probability that the event is right.

Reads: the raw confidence the coder computes from its evidence (lexicon prior,
arguments found, mode, folded mentions). Adds: a calibrated confidence from
``data/calibration.tsv``, an isotonic (monotone) table fitted on fold 0 of the
pooled gold judgements (``benchmarks/calibrate.py``) and checked on fold 1.
Without the table, confidences stay raw.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from sitrep import defaults
from sitrep.errors import DataFileError

CALIBRATION_FILE = defaults.DATA_DIR / "calibration.tsv"


class Calibration:
    """Piecewise-linear monotone map from raw to calibrated confidence."""

    def __init__(self, points: Sequence[tuple[float, float]]) -> None:
        pts = sorted(points)
        self.xs = [x for x, _ in pts]
        self.ys = [y for _, y in pts]

    def __call__(self, raw: float) -> float:
        if not self.xs:
            return raw
        if raw <= self.xs[0]:
            return self.ys[0]
        if raw >= self.xs[-1]:
            return self.ys[-1]
        i = bisect.bisect_right(self.xs, raw)
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1


def fit_isotonic(pairs: Sequence[tuple[float, bool]], min_n: int = 30) -> list[tuple[float, float]]:
    """Pool-adjacent-violators fit of P(right | raw); returns (raw, p) knots at block centres."""
    blocks: list[list[float]] = []  # [sum_x, sum_y, n]
    tied: dict[float, list[float]] = {}
    for x, y in pairs:  # equal raw scores form one block from the start
        t = tied.setdefault(x, [0.0, 0.0, 0.0])
        t[0] += x
        t[1] += float(y)
        t[2] += 1
    for x in sorted(tied):
        blocks.append(tied[x])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            b = blocks.pop()
            blocks[-1] = [blocks[-1][0] + b[0], blocks[-1][1] + b[1], blocks[-1][2] + b[2]]
    # a block of a handful of events says little: merge small blocks into their left neighbour
    merged: list[list[float]] = []
    for b in blocks:
        if merged and (b[2] < min_n or merged[-1][2] < min_n):
            merged[-1] = [merged[-1][0] + b[0], merged[-1][1] + b[1], merged[-1][2] + b[2]]
        else:
            merged.append(b)
    return [(round(sx / n, 4), round(sy / n, 4)) for sx, sy, n in merged]


def load(path: Path = CALIBRATION_FILE) -> Calibration | None:
    if not path.exists():
        return None
    points = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith(("#", "raw")):
            continue
        try:
            raw, cal = line.split("\t")[:2]
            points.append((float(raw), float(cal)))
        except ValueError as exc:
            raise DataFileError(f"line {n}: expected raw<TAB>calibrated, got {line!r}", item=str(path)) from exc
    return Calibration(points)


@cache
def default_calibration() -> Calibration | None:
    return load()
