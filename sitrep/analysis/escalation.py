"""Escalation and de-escalation periods of a dyad, each with the events that drive it.

**Method.** Change points in the weekly count of hostile events (intensity > 0,
both directions) by optimal partitioning (the exact minimum that PELT finds)
under a Poisson cost. Conflict counts are overdispersed (attacks cluster), so the
cost is divided by a dispersion factor ``phi`` estimated from week-to-week
differences, which a change of level barely affects:
``phi = max(1, var(x_t - x_{t-1}) / (2 mean(x)))`` (a quasi-Poisson likelihood).
Each change point costs ``defaults.ESCALATION_PENALTY * log(n)`` (BIC-like) and
periods last at least ``defaults.ESCALATION_MIN_WEEKS`` weeks.

A period whose weekly rate is at least ``defaults.ESCALATION_MIN_RATIO`` times the
previous period's is an **escalation**, one at most 1/ratio of it a
**de-escalation**, otherwise **steady**. Drivers: for an escalation the most
intense events of its first ``defaults.ESCALATION_DRIVER_WEEKS`` weeks; for a
de-escalation the cooperative events (truces, agreements) within that many weeks
of the change, if any were reported (a fall in fighting often has no event of its
own in the news: then there are none, and the report says so).

:func:`recent_trend` adds a Mann-Kendall trend test (Kendall's tau of the weekly
counts against time) over the last weeks: "is it escalating now?".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np

from sitrep import defaults
from sitrep.analysis.series import DyadSeries, intensity, load_intensity, series_type
from sitrep.analysis.sides import DyadEvent

Kind = Literal["start", "escalation", "de-escalation", "steady"]


@dataclass
class Period:
    """Weeks ``start``..``end`` (inclusive, Mondays of their first and last week)."""

    start: date
    end: date
    kind: Kind
    rate: float  # hostile events per week
    previous_rate: float | None
    fatalities: float
    mean_intensity: float  # summed intensity per week
    drivers: list[DyadEvent] = field(default_factory=list)

    @property
    def weeks(self) -> int:
        return (self.end - self.start).days // 7 + 1

    @property
    def last_day(self) -> date:
        return self.end + timedelta(days=6)

    @property
    def ratio(self) -> float | None:
        if self.previous_rate is None:
            return None
        return self.rate / self.previous_rate if self.previous_rate > 0 else math.inf

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.last_day.isoformat(), "kind": self.kind,
                "weeks": self.weeks, "rate_per_week": round(self.rate, 3),
                "previous_rate_per_week": None if self.previous_rate is None else round(self.previous_rate, 3),
                "fatalities": int(self.fatalities), "intensity_per_week": round(self.mean_intensity, 2),
                "drivers": [de.event.event_id for de in self.drivers]}


def dispersion(x: np.ndarray) -> float:
    """Overdispersion factor from first differences (>= 1)."""
    if len(x) < 3 or x.mean() <= 0:
        return 1.0
    return max(1.0, float(np.var(np.diff(x)) / (2.0 * x.mean())))


def change_points(x: np.ndarray, *, penalty: float | None = None, min_size: int | None = None,
                  phi: float | None = None) -> list[int]:
    """Indices where a new segment starts (0 excluded), minimising the quasi-Poisson
    cost plus ``penalty`` per segment (default: defaults.ESCALATION_PENALTY * log n)."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    m = defaults.ESCALATION_MIN_WEEKS if min_size is None else min_size
    if n < 2 * m:
        return []
    pen = (defaults.ESCALATION_PENALTY if penalty is None else penalty) * math.log(n)
    disp = dispersion(x) if phi is None else phi
    cs = np.concatenate([[0.0], np.cumsum(x)])
    F = np.full(n + 1, np.inf)
    F[0] = -pen
    back = np.zeros(n + 1, dtype=int)
    for t in range(m, n + 1):
        s = np.arange(0, t - m + 1)
        s = s[np.isfinite(F[s])]
        if len(s) == 0:
            continue
        total = cs[t] - cs[s]
        length = t - s
        with np.errstate(divide="ignore", invalid="ignore"):
            ll = np.where(total > 0, total * np.log(total / length) - total, 0.0)
        cost = F[s] - ll / disp + pen
        k = int(np.argmin(cost))
        F[t] = cost[k]
        back[t] = s[k]
    cps = []
    t = n
    while t > 0:
        t = int(back[t])
        if t > 0:
            cps.append(t)
    return sorted(cps)


def _drivers(series: DyadSeries, lo: date, hi: date, *, cooperative: bool) -> list[DyadEvent]:
    scale = load_intensity()
    cands = [de for de in series.events if de.event.date and lo.isoformat() <= de.event.date[:10] <= hi.isoformat()]
    if cooperative:
        cands = [de for de in cands if scale.base(series_type(de.event), de.event.mode) < 0]
        cands.sort(key=lambda de: intensity(de.event, scale))
    else:
        cands = [de for de in cands if intensity(de.event, scale) > 0]
        cands.sort(key=lambda de: (-intensity(de.event, scale), de.event.date or ""))
    return cands[: defaults.ESCALATION_MAX_DRIVERS]


def periods(series: DyadSeries) -> list[Period]:
    """The escalation / de-escalation periods of a weekly series."""
    if series.freq != "W":
        raise ValueError("escalation periods are found on a weekly series (build_series(freq='W'))")
    x = series.hostile()
    if series.n == 0:
        return []
    bounds = [0, *change_points(x), series.n]
    fat = series.deaths()
    inten = sum(series.intensity.values())
    out: list[Period] = []
    ratio = defaults.ESCALATION_MIN_RATIO
    w = defaults.ESCALATION_DRIVER_WEEKS
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        rate = float(x[lo:hi].mean())
        prev = out[-1].rate if out else None
        kind: Kind
        if prev is None:
            kind = "start"
        elif rate >= ratio * prev and rate > 0:
            kind = "escalation"
        elif rate <= prev / ratio:
            kind = "de-escalation"
        else:
            kind = "steady"
        p = Period(series.periods[lo], series.periods[hi - 1], kind, rate, prev, float(fat[lo:hi].sum()),
                   float(np.asarray(inten)[lo:hi].mean()) if hi > lo else 0.0)
        first = series.periods[lo]
        if kind == "escalation":
            p.drivers = _drivers(series, first, first + timedelta(days=7 * w - 1), cooperative=False)
        elif kind == "de-escalation":
            around = (first - timedelta(days=7 * w), first + timedelta(days=7 * w - 1))
            p.drivers = _drivers(series, *around, cooperative=True)
        out.append(p)
    return out


@dataclass(frozen=True)
class Trend:
    weeks: int
    tau: float
    p_value: float
    direction: Literal["rising", "falling", "no trend"]

    def to_dict(self) -> dict[str, Any]:
        return {"weeks": self.weeks, "tau": round(self.tau, 3), "p_value": self.p_value, "direction": self.direction}


def recent_trend(series: DyadSeries, weeks: int = 12, alpha: float = 0.05) -> Trend | None:
    """Mann-Kendall test on the weekly hostile counts of the last ``weeks`` weeks."""
    x = series.hostile()[-weeks:]
    if len(x) < 6 or np.all(x == x[0]):
        return None
    from scipy.stats import kendalltau

    res = kendalltau(np.arange(len(x)), x)
    tau, p = float(res.statistic), float(res.pvalue)
    d: Literal["rising", "falling", "no trend"] = "no trend"
    if p < alpha:
        d = "rising" if tau > 0 else "falling"
    return Trend(len(x), tau, p, d)
