"""One dyad, analysed: series, escalation periods, retaliation model, truces, key events.

    >>> from sitrep.analysis import analyse
    >>> result = analyse(events, "Government of Iraq", "IS", hints=hints)
    >>> result.retaliation.fit.alpha[1][0]     # IS attacks set off by one government attack

This is what ``sitrep report`` renders (:mod:`sitrep.analysis.report`); it works
on any list of events (coded news, the store, imported datasets).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from sitrep import defaults
from sitrep.analysis import escalation, hawkes
from sitrep.analysis.series import DyadSeries, build_series, counted, day_of, intensity
from sitrep.analysis.sides import Acting, DyadEvent, Side, dyad_events, resolve_side
from sitrep.analysis.truces import Truce, truce_role, truces
from sitrep.models import Event


@dataclass
class Retaliation:
    """The Hawkes fit of a dyad's attacks, or why there is none."""

    fit: hawkes.HawkesFit | None
    reason: str | None  # why not fitted
    n_attacks: tuple[int, int]
    excluded: Counter[str]  # attacks left out: undirected / mutual / not placed on a day
    background: str
    t0: date | None
    constant_fit: hawkes.HawkesFit | None = None  # the same data with a constant background

    def to_dict(self) -> dict[str, Any]:
        return {"fit": self.fit.to_dict() if self.fit else None, "reason": self.reason,
                "n_attacks": list(self.n_attacks), "excluded": dict(self.excluded), "background": self.background,
                "t0": self.t0.isoformat() if self.t0 else None,
                "constant_background_fit": self.constant_fit.to_dict() if self.constant_fit else None}


@dataclass
class DyadAnalysis:
    a: Side
    b: Side
    since: date | None
    until: date | None
    events: list[DyadEvent]  # every event between the sides in the window (all modalities)
    weekly: DyadSeries
    monthly: DyadSeries
    periods: list[escalation.Period]
    trend: escalation.Trend | None
    retaliation: Retaliation
    truces: list[Truce]
    key_events: list[DyadEvent] = field(default_factory=list)

    @property
    def counted(self) -> list[DyadEvent]:
        return self.weekly.events

    def by_direction(self) -> Counter[str]:
        return Counter(de.direction for de in self.counted)

    def by_type(self, direction: str | None = None) -> Counter[str]:
        from sitrep.analysis.series import series_type

        return Counter(series_type(de.event) for de in self.counted if direction in (None, de.direction))

    def fatalities(self, direction: str | None = None) -> int:
        return sum(de.event.fatalities or 0 for de in self.counted if direction in (None, de.direction))

    def to_dict(self) -> dict[str, Any]:
        return {
            "sides": [self.a.name, self.b.name],
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "events": len(self.counted), "by_direction": dict(self.by_direction()), "by_type": dict(self.by_type()),
            "fatalities": self.fatalities(), "aggregates": len(self.weekly.aggregates),
            "undated": len(self.weekly.undated),
            "weekly": self.weekly.to_rows(),
            "periods": [p.to_dict() for p in self.periods],
            "trend": self.trend.to_dict() if self.trend else None,
            "retaliation": self.retaliation.to_dict(),
            "truces": [t.to_dict() for t in self.truces],
            "key_events": [{"direction": de.direction, **de.event.to_dict()} for de in self.key_events],
        }


def _as_date(x: str | date | None) -> date | None:
    if x is None or isinstance(x, date):
        return x
    return date.fromisoformat(x[:10])


def background_breaks(kind: str, t0: date, T: float, periods: Sequence[escalation.Period]) -> list[float]:
    """Days (from t0) where the Hawkes background may change."""
    if kind == "constant":
        return []
    if kind == "periods":
        return [float((p.start - t0).days) for p in periods[1:] if 0 < (p.start - t0).days < T]
    if kind in ("year", "quarter"):
        months = 12 if kind == "year" else 3
        out = []
        y, m = t0.year, 1
        while True:
            d = date(y, m, 1)
            off = (d - t0).days
            if off >= T:
                break
            if off > 0:
                out.append(float(off))
            m += months
            if m > 12:
                y, m = y + 1, m - 12
        return out
    raise ValueError(f"unknown background {kind!r}: constant, periods, year or quarter")


def fit_retaliation(dyad: Sequence[DyadEvent], a: Side, b: Side, *, since: date | None = None,
                    until: date | None = None, periods: Sequence[escalation.Period] = (),
                    background: str | None = None) -> Retaliation:
    """Fit the bivariate Hawkes model to the sides' attacks (see :mod:`sitrep.analysis.hawkes`)."""
    bg = background or defaults.HAWKES_BACKGROUND
    days: dict[str, list[date]] = {"ab": [], "ba": []}
    excluded: Counter[str] = Counter()
    for de in dyad:
        ev = de.event
        if ev.event not in defaults.HAWKES_EVENTS or ev.modality != "asserted":
            continue
        day = day_of(ev)
        if day is None:
            excluded["not dated to a day or week"] += 1
            continue
        if (since and day < since) or (until and day > until):
            continue
        if de.direction in days:
            days[de.direction].append(day)
        else:
            excluded[de.direction] += 1
    n = (len(days["ab"]), len(days["ba"]))
    everything = days["ab"] + days["ba"]
    if not everything:
        return Retaliation(None, "no attacks between the sides", n, excluded, bg, None)
    t0 = since or min(everything)
    t1 = until or max(everything)
    T = float((t1 - t0).days + 1)
    if min(n) < defaults.HAWKES_MIN_EVENTS:
        return Retaliation(None, f"too few directed attacks to fit ({n[0]} by {a.name}, {n[1]} by {b.name}; "
                                 f"at least {defaults.HAWKES_MIN_EVENTS} each are needed)", n, excluded, bg, t0)
    rng = np.random.default_rng(defaults.HAWKES_TIE_SEED)
    ta = hawkes.spread_ties([float((d - t0).days) for d in days["ab"]], rng)
    tb = hawkes.spread_ties([float((d - t0).days) for d in days["ba"]], rng)
    breaks = background_breaks(bg, t0, T, periods)
    fit = hawkes.fit(ta, tb, T, breaks=breaks, sides=(a.name, b.name))
    const = hawkes.fit(ta, tb, T, sides=(a.name, b.name), tests=False) if breaks else None
    return Retaliation(fit, None, n, excluded, bg, t0, const)


def _key_events(dyad: Sequence[DyadEvent], episodes: Sequence[Truce]) -> list[DyadEvent]:
    """Truce events and first violations, then the most intense events (the drivers of
    each period are listed with the periods)."""
    picked: dict[str, DyadEvent] = {}
    truce_ids = {e.event_id for t in episodes for e in ([t.offer] if t.offer else []) + t.agreements
                 + ([t.first_violation] if t.first_violation else [])}
    for de in dyad:
        if de.event.event_id in truce_ids:
            picked[de.event.event_id] = de
    rest = sorted((de for de in dyad if counted(de.event)),
                  key=lambda de: (-intensity(de.event), de.event.date or "", de.event.event_id))
    for de in rest[: defaults.REPORT_KEY_EVENTS]:
        picked.setdefault(de.event.event_id, de)
    return sorted(picked.values(), key=lambda de: (de.event.date or "", de.event.event_id))


def analyse(events: Iterable[Event], side_a: Side | str, side_b: Side | str, *, since: str | date | None = None,
            until: str | date | None = None, hints: Mapping[str, Acting] | None = None,
            background: str | None = None, sides: Mapping[str, Side] | None = None) -> DyadAnalysis:
    """Analyse the dyad of two sides (Side objects, or names resolved by :func:`resolve_side`)."""
    a = side_a if isinstance(side_a, Side) else resolve_side(side_a, sides)
    b = side_b if isinstance(side_b, Side) else resolve_side(side_b, sides)
    lo, hi = _as_date(since), _as_date(until)
    evs = list(events)
    dyad = dyad_events(evs, a, b, hints=hints)

    def inside(de: DyadEvent) -> bool:
        d = de.event.date
        if not d:
            return False
        if de.event.modality == "aggregate":
            return True  # build_series keeps the aggregates overlapping the window
        return (lo is None or d[:10] >= lo.isoformat()) and (hi is None or d[:10] <= hi.isoformat())

    dyad = [de for de in dyad if inside(de)]
    dated = [day_of(de.event) for de in dyad if counted(de.event)]
    first = lo or (min(d for d in dated if d) if dated else None)
    last = hi or (max(d for d in dated if d) if dated else None)
    weekly = build_series(dyad, freq="W", since=first, until=last)
    monthly = build_series(dyad, freq="M", since=first, until=last)
    pers = escalation.periods(weekly) if dated else []
    trend = escalation.recent_trend(weekly) if dated else None
    retal = fit_retaliation(dyad, a, b, since=first, until=last, periods=pers, background=background)
    window = [e for e in evs if e.date and (lo is None or e.date[:10] >= lo.isoformat())
              and (hi is None or e.date[:10] <= hi.isoformat())
              and (truce_role(e) is not None or e.event == "ASSAULT")]
    episodes = truces(window, a, b, hints=hints, until=last)
    # truce events of one side with no named counterpart are not dyad events; show them too
    truce_extra = {e.event_id: e for t in episodes for e in ([t.offer] if t.offer else []) + t.agreements}
    known = {de.event.event_id for de in dyad}
    for eid, ev in truce_extra.items():
        if eid not in known:
            dyad.append(DyadEvent(ev, "ab" if a.involved(ev.actor) else "ba"))
    result = DyadAnalysis(a, b, first, last, dyad, weekly, monthly, pers, trend, retal, episodes)
    result.key_events = _key_events(dyad, episodes)
    return result
