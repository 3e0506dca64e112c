"""Plausible values: no stored integer overflows its column, implausible tolls are
unknown (with a named warning), and an import row out of range is refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from store_helpers import make_event, toy_coder

from sitrep import defaults
from sitrep.errors import BadDateError, FutureDateError, ImplausibleValueError, ImplausibleValueWarning
from sitrep.ingest.run import ingest
from sitrep.models import Actor, Article, CodingFailure, Event, Place
from sitrep.plausible import check_coordinates, check_date, check_int, plausible_event
from sitrep.store import Store

SENT = "Gunmen killed villagers in Kaduna on Monday."


def test_check_int_refuses_what_does_not_fit() -> None:
    assert check_int("12", "fatalities", defaults.MAX_PLAUSIBLE_TOLL) == 12
    assert check_int("", "fatalities") is None and check_int(None, "fatalities") is None
    assert check_int("7.0", "fatalities") == 7
    for bad in ("2147483648", "3000000000", "1e400", "nan", "-3", "2.5", "twelve", True):
        with pytest.raises(ImplausibleValueError):
            check_int(bad, "fatalities", defaults.MAX_PLAUSIBLE_TOLL)
    with pytest.raises(ImplausibleValueError, match="implausible"):
        check_int(2**31, "count")  # over the INTEGER column even with no lower limit


def test_check_date_and_coordinates() -> None:
    assert check_date("2021-06-27") == "2021-06-27"
    for bad in ("9999-99-99", "2021-02-31", "1850-01-01", "garbage"):
        with pytest.raises(BadDateError):
            check_date(bad)
    with pytest.raises(FutureDateError):
        check_date("2099-01-01")
    check_coordinates(34.37, 41.09)
    check_coordinates(None, None)
    for lat, lon in ((34.0, 999.0), (91.0, 0.0), (float("nan"), 3.0), (3.0, None)):
        with pytest.raises(ImplausibleValueError):
            check_coordinates(lat, lon)


def test_plausible_event_makes_implausible_values_unknown() -> None:
    ev = make_event("a1", SENT, trigger="killed", fatalities=2**31 + 5,
                    place=Place(text="Kaduna", name="Kaduna", lat=10.5, lon=999.0, geo_precision=2**40),
                    actor=(Actor(text="gunmen", name="Gunmen", inter=2**33),))
    ev = dataclasses.replace(ev, count=2**40, injured=12, size=-4)
    fixed, problems = plausible_event(ev)
    assert (fixed.fatalities, fixed.count, fixed.size, fixed.injured) == (None, None, None, 12)
    assert fixed.location is not None and (fixed.location.lat, fixed.location.lon) == (None, None)
    assert fixed.location.geo_precision is None and fixed.actor[0].inter is None
    assert len(problems) == 6
    same, none = plausible_event(make_event("a1", SENT, trigger="killed", fatalities=5))
    assert none == [] and same.fatalities == 5


def _huge_coder(articles: list[Article]) -> list[tuple[Article, list[Event] | CodingFailure]]:
    """toy_coder, with tolls and counts over 2^31 on every event (what a misread number gives)."""
    out: list[tuple[Article, list[Event] | CodingFailure]] = []
    for art, res in toy_coder(articles):
        if isinstance(res, list):
            res = [dataclasses.replace(e, fatalities=2**31 + 7, injured=2**40, count=3_000_000_000) for e in res]
        out.append((art, res))
    return out


def test_fatalities_over_int32_do_not_stop_ingest(tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    src.write_text("".join(
        f'{{"id": "n{i}", "text": "Gunmen killed {i} villagers in Kaduna on Monday, police said.", '
        f'"date": "2021-06-0{1 + i % 9}"}}\n' for i in range(12)), encoding="utf-8")
    store = Store.open(tmp_path / "s.db")
    with pytest.warns(ImplausibleValueWarning, match="fatalities 2147483655 is implausible"):
        s = ingest([src], store, progress=False, coder=_huge_coder, batch_size=5)
    assert (s.articles_new, s.articles_failed, s.batches) == (12, 0, 3)
    events = store.events(reports=True)
    assert len(events) == 12
    assert all(e.fatalities is None and e.injured is None and e.count is None for e in events)
    con = store._connect()
    assert con.execute("SELECT max(fatalities), max(count), max(injured) FROM events").fetchone() == (None, None, None)
    store.close()


def test_store_never_writes_an_integer_over_its_column(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db")
    ev = make_event("a1", SENT, trigger="killed", fatalities=defaults.INT_COLUMN_MAX + 1)
    with pytest.warns(ImplausibleValueWarning):
        res = store.add_events("a1", [ev])
    assert res.new == 1 and store.reports(ev.event_id)[0].fatalities is None
    ok = make_event("a2", SENT, trigger="killed", fatalities=defaults.MAX_PLAUSIBLE_TOLL)
    store.add_events("a2", [ok])
    # (the two reports tell the same sentence, so they merge: read a2's own record)
    assert next(r for r in store.reports(ok.event_id) if r.event_id == ok.event_id).fatalities == \
        defaults.MAX_PLAUSIBLE_TOLL
    store.close()
