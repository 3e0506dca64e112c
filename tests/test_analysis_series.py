"""Dyad series: the intensity scale, binning by day/week/month, aggregates kept as spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from sitrep.analysis.series import build_series, intensity, load_intensity, series_type
from sitrep.analysis.sides import DyadEvent
from sitrep.errors import DataFileError
from sitrep.models import PLOVER_EVENTS, Event, Evidence, Span


def ev(event="ASSAULT", date_="2021-07-01", eid="e", precision="day", modality="asserted", **kw) -> Event:
    return Event(article_id="a", event_id=eid, event=event, mode=kw.pop("mode", None), acled_event_type=None,
                 acled_sub_event_type=None, cameo=None, actor=(), recipient=(),
                 evidence=Evidence("s", 0, 1, Span("s", 0, 1)), confidence=0.8, date=date_,
                 date_precision=precision, modality=modality, **kw)


def test_scale_orders_cooperation_below_conflict_and_scores_every_type():
    scale = load_intensity()
    assert set(scale.scores) == set(PLOVER_EVENTS)
    assert scale.base("AGREE", "ceasefire") < scale.base("AGREE", None) < 0 < scale.base("THREATEN", None)
    assert scale.base("THREATEN", None) < scale.base("ASSAULT", None)


def test_casualties_raise_intensity_by_doublings():
    base = intensity(ev())
    assert intensity(ev(fatalities=1)) == pytest.approx(base + 2.0)
    assert intensity(ev(fatalities=7)) == pytest.approx(base + 6.0)
    assert intensity(ev(fatalities=7, injured=3)) == pytest.approx(base + 8.0)
    assert intensity(ev("AGREE", fatalities=5)) == load_intensity().base("AGREE", None)  # not for cooperation


def test_a_threatened_attack_counts_as_a_threat():
    threat = ev(modality="threatened")
    assert series_type(threat) == "THREATEN"
    assert intensity(threat) == load_intensity().base("THREATEN", None)


def test_weekly_series_by_direction_type_and_fatalities():
    evs = [DyadEvent(ev(eid="1", date_="2021-06-28", fatalities=3), "ab"),  # a Monday
           DyadEvent(ev(eid="2", date_="2021-07-04"), "ba"),  # the Sunday of the same week
           DyadEvent(ev("THREATEN", eid="3", date_="2021-07-05", modality="threatened"), "ab"),
           DyadEvent(ev(eid="4", date_="2021-07-20", precision="publication"), "ab")]
    s = build_series(evs, freq="W")
    assert s.periods[0] == date(2021, 6, 28) and s.n == 4
    assert s.counts["ab"]["ASSAULT"].tolist() == [1, 0, 0, 1]
    assert s.counts["ba"]["ASSAULT"].tolist() == [1, 0, 0, 0]
    assert s.counts["ab"]["THREATEN"].tolist() == [0, 1, 0, 0]
    assert s.fatalities["ab"].tolist() == [3, 0, 0, 0]
    assert s.hostile().tolist() == [2, 1, 0, 1]
    daily = build_series(evs, freq="D", since="2021-06-25", until="2021-07-31")
    assert daily.n == 37 and daily.total().sum() == 4
    monthly = build_series(evs, freq="M")
    assert [p.isoformat() for p in monthly.periods] == ["2021-06-01", "2021-07-01"]
    assert monthly.total().tolist() == [1, 3]


def test_aggregates_hypotheticals_and_coarse_dates_are_not_counted_as_events():
    forty = ev(eid="agg", date_="2021-01-01", precision="year", modality="aggregate", count=40)
    evs = [DyadEvent(ev(eid="1"), "ab"), DyadEvent(forty, "ab"),
           DyadEvent(ev("AGREE", eid="2", modality="hypothetical", mode="ceasefire"), "ab"),
           DyadEvent(ev(eid="3", date_="2021-06-01", precision="month"), "ba"),
           DyadEvent(ev(eid="4", modality="historical"), "ba")]
    s = build_series(evs, freq="W")
    assert s.total().sum() == 1
    assert [a.count for a in s.aggregates] == [40]
    assert (s.aggregates[0].start, s.aggregates[0].end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert [de.event.event_id for de in s.undated] == ["3"]
    rows = s.to_rows()
    assert rows == [{"period": "2021-06-28", "direction": "ab", "events": 1, "by_type": {"ASSAULT": 1},
                     "fatalities": 0, "intensity": 9.0}]


def test_series_window_limits_the_events():
    evs = [DyadEvent(ev(eid=str(k), date_=f"2021-07-{k:02d}"), "ab") for k in range(1, 29)]
    s = build_series(evs, freq="D", since="2021-07-10", until="2021-07-19")
    assert s.n == 10 and np.all(s.total() == 1)


def test_broken_intensity_file_is_refused(tmp_path: Path):
    p = tmp_path / "intensity.yaml"
    p.write_text("types:\n  ASSAULT: {score: 12}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="-10 to 10"):
        load_intensity(p)
    p.write_text("types:\n  ASSAULT: {score: 9}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not scored"):
        load_intensity(p)
