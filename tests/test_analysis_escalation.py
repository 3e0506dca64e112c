"""Escalation periods: change points in weekly counts, labels, driving events, recent trend."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from sitrep.analysis.escalation import change_points, dispersion, periods, recent_trend
from sitrep.analysis.series import build_series
from sitrep.analysis.sides import DyadEvent
from sitrep.models import Event, Evidence, Span

START = date(2020, 1, 6)  # a Monday


def ev(day: date, eid: str, event: str = "ASSAULT", fatalities: int | None = None, mode: str | None = None) -> Event:
    return Event(article_id="a", event_id=eid, event=event, mode=mode, acled_event_type=None,
                 acled_sub_event_type=None, cameo=None, actor=(), recipient=(),
                 evidence=Evidence(f"sentence {eid}", 0, 1, Span("s", 0, 1)), confidence=0.8,
                 date=day.isoformat(), date_precision="day", fatalities=fatalities)


def weekly_events(counts, rng) -> list[DyadEvent]:
    out = []
    for w, n in enumerate(counts):
        for k in range(int(n)):
            day = START + timedelta(days=7 * w + int(rng.integers(0, 7)))
            out.append(DyadEvent(ev(day, f"w{w}-{k}"), "ab" if k % 2 else "ba"))
    return out


def test_change_points_found_near_the_true_ones():
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.poisson(1.0, 60), rng.poisson(6.0, 30), rng.poisson(1.5, 60)])
    cps = change_points(x)
    assert len(cps) == 2
    assert abs(cps[0] - 60) <= 2 and abs(cps[1] - 90) <= 2


def test_no_change_point_in_a_steady_but_clustered_series():
    """Negative-binomial counts (variance 4x the mean) with no change: the overdispersion
    correction keeps bursts from being read as escalations."""
    rng = np.random.default_rng(4)
    x = rng.negative_binomial(1.0, 0.25, 200).astype(float)  # mean 3, variance 12
    assert dispersion(x) > 2
    assert change_points(x) == []
    assert len(change_points(x, phi=1.0)) > 0  # a plain Poisson cost would split it


def test_periods_are_labelled_and_carry_their_drivers():
    rng = np.random.default_rng(5)
    dyad = weekly_events(np.concatenate([rng.poisson(1.0, 40), rng.poisson(8.0, 20), rng.poisson(1.0, 40)]), rng)
    surge_day = START + timedelta(days=7 * 40 + 2)
    dyad.append(DyadEvent(ev(surge_day, "massacre", fatalities=60), "ab"))
    truce_day = START + timedelta(days=7 * 60 + 1)
    dyad.append(DyadEvent(ev(truce_day, "truce", event="AGREE", mode="ceasefire"), "mutual"))
    s = build_series(dyad, freq="W")
    ps = periods(s)
    assert [p.kind for p in ps] == ["start", "escalation", "de-escalation"]
    esc, de = ps[1], ps[2]
    assert abs((esc.start - (START + timedelta(weeks=40))).days) <= 14
    assert esc.drivers[0].event.event_id == "massacre"
    assert de.drivers and de.drivers[0].event.event_id == "truce"
    assert esc.rate > 5 * ps[0].rate
    d = esc.to_dict()
    assert d["kind"] == "escalation" and d["drivers"][0] == "massacre"


def test_recent_trend_detects_a_rise():
    counts = [0, 1, 0, 1, 2, 2, 3, 3, 4, 5, 5, 6]
    rng = np.random.default_rng(6)
    s = build_series(weekly_events(counts, rng), freq="W")
    trend = recent_trend(s, weeks=12)
    assert trend is not None and trend.direction == "rising" and trend.p_value < 0.01
    flat = build_series(weekly_events([2] * 12, rng), freq="W")
    assert recent_trend(flat) is None


def test_periods_need_a_weekly_series():
    s = build_series([DyadEvent(ev(START, "x"), "ab")], freq="D")
    with pytest.raises(ValueError):
        periods(s)
