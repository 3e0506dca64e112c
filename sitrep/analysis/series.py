"""Daily and weekly series of a dyad, per direction: events by PLOVER type, fatalities, intensity.

**Intensity** of one event (a documented scale, ``sitrep/data/intensity.yaml``):
the type's score from -10 (cooperation: a ceasefire is -8) to +10 (violence: an
assault is +9), plus ``defaults.INTENSITY_PER_DOUBLING_DEAD`` points per doubling
of the dead and half as many per doubling of the injured, for hostile events
only. A period's intensity is the sum over its events.

What goes where:

* events whose modality is in ``defaults.ANALYSIS_MODALITIES`` and whose date is
  known to the day or week (``defaults.SERIES_DAY_PRECISIONS``) are counted on
  their day; a threat to attack ("threatened" ASSAULT) counts as THREATEN;
* aggregates ("at least 40 attacks this year") are kept as :class:`Aggregate`
  spans over the period they cover, never as 40 made-up events on one day;
* events dated only to a month or year are kept apart (``undated``);
* hypothetical, negated and historical mentions are not in the series (the
  truce machine reads hypothetical offers).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from sitrep import defaults
from sitrep.analysis.sides import DyadEvent
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.models import PLOVER_EVENTS, Event

INTENSITY_FILE = defaults.DATA_DIR / "intensity.yaml"
DIRECTIONS = ("ab", "ba", "mutual", "undirected")
Freq = Literal["D", "W", "M"]


@dataclass(frozen=True)
class IntensityScale:
    scores: dict[str, float]
    modes: dict[tuple[str, str], float]

    def base(self, event: str, mode: str | None) -> float:
        if mode and (event, mode) in self.modes:
            return self.modes[event, mode]
        return self.scores[event]


@cache
def load_intensity(path: Path = INTENSITY_FILE) -> IntensityScale:
    """The intensity scale (checked: every PLOVER type scored, scores within -10..10)."""
    raw = read_yaml(path, "intensity scale")
    types = raw.get("types") if isinstance(raw, dict) else None
    if not isinstance(types, dict):
        raise DataFileError("needs a top-level 'types:' mapping", item=str(path))
    scores: dict[str, float] = {}
    modes: dict[tuple[str, str], float] = {}

    def score(value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -10 <= value <= 10:
            raise DataFileError(f"{where}: score must be a number from -10 to 10", item=str(path))
        return float(value)

    for name, rec in types.items():
        if name not in PLOVER_EVENTS:
            raise DataFileError(f"{name!r} is not a PLOVER event type", item=str(path))
        if not isinstance(rec, dict) or "score" not in rec or set(rec) - {"score", "modes"}:
            raise DataFileError(f"{name}: needs 'score' (and optionally 'modes')", item=str(path))
        scores[name] = score(rec["score"], name)
        for mode, val in (rec.get("modes") or {}).items():
            modes[name, str(mode)] = score(val, f"{name}.{mode}")
    missing = [t for t in PLOVER_EVENTS if t not in scores]
    if missing:
        raise DataFileError(f"types not scored: {', '.join(missing)}", item=str(path))
    return IntensityScale(scores, modes)


def series_type(event: Event) -> str:
    """The type an event counts as in the series: a threatened attack is a THREAT."""
    if event.modality == "threatened" and event.event not in ("THREATEN",):
        return "THREATEN"
    return event.event


def intensity(event: Event, scale: IntensityScale | None = None) -> float:
    """The event's intensity (see the module docstring)."""
    sc = scale or load_intensity()
    kind = series_type(event)
    base = sc.base(kind, event.mode if kind == event.event else None)
    if base <= 0:
        return base
    dead = max(event.fatalities or 0, 0)
    hurt = max(event.injured or 0, 0)
    return (base + defaults.INTENSITY_PER_DOUBLING_DEAD * math.log2(1 + dead)
            + defaults.INTENSITY_PER_DOUBLING_INJURED * math.log2(1 + hurt))


def day_of(event: Event) -> date | None:
    """The event's day, when it can be placed on one (day, week or publication precision)."""
    if not event.date:
        return None
    if (event.date_precision or "day") not in defaults.SERIES_DAY_PRECISIONS:
        return None
    try:
        return date.fromisoformat(event.date[:10])
    except ValueError:
        return None


def counted(event: Event) -> bool:
    """Does the event enter the series (an occurrence, placed on a day)?"""
    return event.modality in defaults.ANALYSIS_MODALITIES and day_of(event) is not None


@dataclass(frozen=True)
class Aggregate:
    """An aggregate report: ``count`` events (or an unknown number) over ``start``..``end``."""

    event: Event
    direction: str
    start: date
    end: date
    count: int | None


def _aggregate(de: DyadEvent) -> Aggregate | None:
    ev = de.event
    if ev.modality != "aggregate" or not ev.date:
        return None
    from sitrep.resolve.dates import date_range

    try:
        lo, hi = date_range(ev.date[:10], ev.date_precision)
    except ValueError:
        return None
    end = date.fromisoformat(hi)
    return Aggregate(ev, de.direction, date.fromisoformat(lo), end, ev.count)


def period_start(day: date, freq: Freq) -> date:
    """First day of the day / ISO week (Monday) / month holding ``day``."""
    if freq == "W":
        return day - timedelta(days=day.weekday())
    if freq == "M":
        return day.replace(day=1)
    return day


def next_period(start: date, freq: Freq) -> date:
    if freq == "M":
        return date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start + timedelta(days=7 if freq == "W" else 1)


def _periods(first: date, last: date, freq: Freq) -> list[date]:
    out = [period_start(first, freq)]
    end = period_start(last, freq)
    while out[-1] < end:
        out.append(next_period(out[-1], freq))
    return out


@dataclass
class DyadSeries:
    """Per-period series of one dyad. ``periods[k]`` is the first day of bin k
    (a Monday for weekly series); arrays are indexed like ``periods``."""

    freq: Freq
    periods: list[date]
    counts: dict[str, dict[str, np.ndarray]]  # direction -> PLOVER type -> events per period
    fatalities: dict[str, np.ndarray]  # direction -> deaths per period
    intensity: dict[str, np.ndarray]  # direction -> summed intensity per period
    events: list[DyadEvent]  # the counted events
    aggregates: list[Aggregate] = field(default_factory=list)
    undated: list[DyadEvent] = field(default_factory=list)  # month/year precision

    @property
    def n(self) -> int:
        return len(self.periods)

    def total(self, directions: Sequence[str] = DIRECTIONS, types: Sequence[str] | None = None) -> np.ndarray:
        out = np.zeros(self.n)
        for d in directions:
            for t, arr in self.counts.get(d, {}).items():
                if types is None or t in types:
                    out += arr
        return out

    def hostile(self, directions: Sequence[str] = DIRECTIONS) -> np.ndarray:
        """Events with positive intensity (conflict) per period."""
        scale = load_intensity()
        return self.total(directions, [t for t in PLOVER_EVENTS if scale.scores[t] > 0])

    def deaths(self, directions: Sequence[str] = DIRECTIONS) -> np.ndarray:
        out = np.zeros(self.n)
        for d in directions:
            out += self.fatalities.get(d, 0)
        return out

    def index_of(self, day: date) -> int:
        """Index of the period holding ``day`` (may be < 0 or >= n when outside)."""
        start = period_start(day, self.freq)
        if self.freq == "M":
            p0 = self.periods[0]
            return (start.year - p0.year) * 12 + start.month - p0.month
        step = 7 if self.freq == "W" else 1
        return (start - self.periods[0]).days // step

    def types(self) -> list[str]:
        seen = {t for by in self.counts.values() for t, a in by.items() if a.sum() > 0}
        return [t for t in PLOVER_EVENTS if t in seen]

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per period and direction with any events (for CSV / JSON)."""
        rows = []
        for k, p in enumerate(self.periods):
            for d in DIRECTIONS:
                by = {t: int(a[k]) for t, a in self.counts.get(d, {}).items() if a[k]}
                if by:
                    rows.append({"period": p.isoformat(), "direction": d, "events": sum(by.values()),
                                 "by_type": by, "fatalities": int(self.fatalities[d][k]),
                                 "intensity": round(float(self.intensity[d][k]), 2)})
        return rows


def build_series(dyad: Sequence[DyadEvent], *, freq: Freq = "W", since: str | date | None = None,
                 until: str | date | None = None) -> DyadSeries:
    """Bin a dyad's events by day ("D"), ISO week ("W") or month ("M") between ``since`` and
    ``until`` (default: the first and last counted event)."""
    scale = load_intensity()
    lo = date.fromisoformat(since) if isinstance(since, str) else since
    hi = date.fromisoformat(until) if isinstance(until, str) else until
    kept: list[tuple[DyadEvent, date]] = []
    aggregates: list[Aggregate] = []
    undated: list[DyadEvent] = []
    for de in dyad:
        ev = de.event
        if ev.modality == "aggregate":
            agg = _aggregate(de)
            if agg and (lo is None or agg.end >= lo) and (hi is None or agg.start <= hi):
                aggregates.append(agg)
            continue
        if ev.modality not in defaults.ANALYSIS_MODALITIES:
            continue
        day = day_of(ev)
        if day is None:
            if ev.date:
                undated.append(de)
            continue
        if (lo and day < lo) or (hi and day > hi):
            continue
        kept.append((de, day))
    days = [d for _, d in kept]
    first = lo or (min(days) if days else date.today())
    last = hi or (max(days) if days else first)
    if last < first:
        last = first
    periods = _periods(first, last, freq)
    n = len(periods)
    index = {p: k for k, p in enumerate(periods)}
    counts: dict[str, dict[str, np.ndarray]] = {d: {} for d in DIRECTIONS}
    fat = {d: np.zeros(n) for d in DIRECTIONS}
    inten = {d: np.zeros(n) for d in DIRECTIONS}
    for de, day in kept:
        k = index[period_start(day, freq)]
        kind = series_type(de.event)
        arr = counts[de.direction].setdefault(kind, np.zeros(n))
        arr[k] += 1
        fat[de.direction][k] += de.event.fatalities or 0
        inten[de.direction][k] += intensity(de.event, scale)
    return DyadSeries(freq, periods, counts, fat, inten, [de for de, _ in kept], aggregates, undated)
