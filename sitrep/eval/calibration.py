"""Calibration: is an event coded with confidence c right about c of the time?

Each set's scorer judges the events it can (see ``base.Judged``): the main
event of single-label sets (case2021, plover), every mapped event of the
exhaustively annotated sets (m2e2, glocon sentences), every CAMEO-coded event
of petrarch (right when its root is among the gold roots). Precision is the
share judged right within each confidence band of
``defaults.CONFIDENCE_BANDS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sitrep import defaults
from sitrep.eval.base import Judged, SetScore

NAME = "calibration"
DESCRIPTION = "precision of judged events by confidence band"


def band_key(low: float, high: float) -> str:
    return f"{round(low * 100):03d}_{round(high * 100):03d}"


HEADLINE = tuple(f"precision_{band_key(lo, hi)}" for lo, hi in defaults.CONFIDENCE_BANDS)


def band_of(confidence: float, bands: Sequence[tuple[float, float]] = defaults.CONFIDENCE_BANDS) -> int | None:
    """Index of the band holding ``confidence`` ([low, high); the last band includes its high)."""
    for i, (lo, hi) in enumerate(bands):
        last = i == len(bands) - 1
        if lo <= confidence < hi or (last and confidence == hi):
            return i
    return None


def score(judged: Sequence[Judged], bands: Sequence[tuple[float, float]] = defaults.CONFIDENCE_BANDS) -> SetScore:
    n = [0] * len(bands)
    right = [0] * len(bands)
    below = below_right = 0
    per_set: dict[str, dict[str, list[int]]] = {}
    for j in judged:
        b = band_of(j.confidence, bands)
        if b is None:
            if j.confidence < bands[0][0]:
                below += 1
                below_right += j.correct
            continue
        n[b] += 1
        right[b] += j.correct
        s = per_set.setdefault(j.set, {"n": [0] * len(bands), "right": [0] * len(bands)})
        s["n"][b] += 1
        s["right"][b] += j.correct
    metrics: dict[str, float | None] = {}
    details: dict[str, Any] = {"judged": len(judged), "bands": {}, "per_set": {}}
    for i, (lo, hi) in enumerate(bands):
        key = band_key(lo, hi)
        metrics[f"precision_{key}"] = right[i] / n[i] if n[i] else None
        details["bands"][key] = {"n": n[i], "right": right[i]}
    details["below_first_band"] = {"n": below, "right": below_right}
    for name, s in per_set.items():
        details["per_set"][name] = {band_key(lo, hi): {"n": s["n"][i], "precision": (s["right"][i] / s["n"][i]) if s["n"][i] else None}
                                    for i, (lo, hi) in enumerate(bands)}
    return SetScore(metrics, details)
