"""Reviews in the store: append-only rows, the current view, split/merge/undo, re-coding."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from store_helpers import make_event

from sitrep.errors import ReviewError, StoreError
from sitrep.models import Actor, Article, Place, article_id_for
from sitrep.store import Store, exports

US = Actor(text="US", name="United States", country="USA", type="military", inter=8, code="USAMIL")
KH = Actor(text="Kataeb Hizbullah", name="Kataib Hezbollah", country="IRQ", type="militia", inter=3)
QAIM = Place(text="al-Qaim", name="Al Qaim", country="IRQ", admin1="Anbar", lat=34.37, lon=41.09, geo_precision=1)
BAGHDAD = Place(text="Baghdad", name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.40,
                geo_precision=1)

# Two outlets' sentences on the US strikes of 27-28 June 2021 (reworded news sentences),
# and one on a protest in Baghdad.
S1 = "US strikes killed four Kataeb Hizbullah fighters near al-Qaim on Sunday."
S2 = "Four Kataeb Hizbullah fighters were killed in US strikes near al-Qaim, officials said."
S3 = "Hundreds of students staged a protest in Baghdad on Monday."


def _article(text: str) -> Article:
    return Article(text=text, id=article_id_for(text), date="2021-06-28")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "r.db")
    a1, a2, a3 = _article(S1), _article(S2), _article(S3)
    s.add_articles([a1, a2, a3])
    s.add_events(a1, [make_event(a1.id, S1, trigger="strikes", actor=[US], recipient=[KH], place=QAIM,
                                 fatalities=4, confidence=0.9)])
    s.add_events(a2, [make_event(a2.id, S2, trigger="killed", actor=[US], recipient=[KH], place=QAIM,
                                 fatalities=4, confidence=0.7)])
    s.add_events(a3, [make_event(a3.id, S3, trigger="protest", event="PROTEST", place=BAGHDAD, date="2021-06-28",
                                 confidence=0.55)])
    yield s
    s.close()


def _ids(store: Store) -> tuple[str, str]:
    evs = store.events()
    assault = next(e for e in evs if e.event == "ASSAULT")
    protest = next(e for e in evs if e.event == "PROTEST")
    return assault.event_id, protest.event_id


def test_fixture_merges_the_two_reports(store: Store) -> None:
    assert store.stats()["clusters"] == 2
    aid, _ = _ids(store)
    assert len(store.reports(aid)) == 2


def test_correct_changes_the_view_not_the_coder_record(store: Store) -> None:
    aid, pid = _ids(store)
    coder_before = store.explain(aid).canonical
    store.review(aid, "correct", reviewer="ana", changes={"event": "protest", "fatalities": 0}, note="a sit-in")
    coder, view, state = store.view(aid)
    assert coder == coder_before  # the coder's output is never overwritten
    assert (view.event, view.fatalities) == ("PROTEST", 0)
    assert view.cameo and view.cameo.startswith("14")  # derived from the new type
    assert state.status == "corrected" and state.changes == {"event": "PROTEST", "fatalities": 0}
    # every consumer sees the view: filters on corrected values, the exports
    assert {e.event_id for e in store.events(type="PROTEST")} == {aid, pid}
    assert store.events(type="ASSAULT") == []
    buf = io.StringIO()
    exports.export(store, "plover", buf)
    assert '"PROTEST"' in buf.getvalue() and '"ASSAULT"' not in buf.getvalue()
    hist = store.reviews(aid)
    assert [(r.action, r.before, r.after, r.reviewer, r.note) for r in hist] == [
        ("correct", {"event": "ASSAULT", "fatalities": 4}, {"event": "PROTEST", "fatalities": 0}, "ana", "a sit-in")]


def test_reject_leaves_events_and_exports_and_undo_brings_it_back(store: Store) -> None:
    aid, pid = _ids(store)
    store.review(pid, "reject", reviewer="ana")
    assert [e.event_id for e in store.events()] == [aid]
    assert [e.event_id for e in store.events(include_rejected=True, review="rejected")] == [pid]
    buf = io.StringIO()
    assert exports.export(store, "plover", buf) == 1
    undo = store.review(pid, "undo", reviewer="ana")
    assert undo.undoes == store.reviews(pid)[0].review_id
    assert {e.event_id for e in store.events()} == {aid, pid}
    assert [r.undone for r in store.reviews(pid)] == [True, False]  # rows stay: append-only


def test_reviewed_only_and_confirm(store: Store) -> None:
    aid, pid = _ids(store)
    assert store.events(reviewed_only=True) == []
    store.review(aid, "confirm", reviewer="ana")
    assert [e.event_id for e in store.events(reviewed_only=True)] == [aid]
    assert store.review_counts()["confirmed"] == 1


@pytest.mark.parametrize("changes, field", [
    ({"event": "FIGHTING"}, "event"), ({"fatalities": -1}, "fatalities"), ({"fatalities": "4"}, "fatalities"),
    ({"date": "2021-02-31"}, "date"), ({"record": "x"}, "record"), ({}, "changes"),
    ({"acled_sub_event_type": "Picnic"}, "acled_sub_event_type"), ({"fatalities": True}, "fatalities"),
    ({"country": "Atlantis"}, "country"), ({"actor1": ""}, "actor1"), ({"actor2": 7}, "actor2"),
    ({"latitude": 91}, "latitude"), ({"longitude": "41.1"}, "longitude"), ({"latitude": float("nan")}, "latitude"),
])
def test_bad_corrections_are_refused_by_name(store: Store, changes: dict, field: str) -> None:
    aid, _ = _ids(store)
    with pytest.raises(ReviewError) as err:
        store.review(aid, "correct", reviewer="ana", changes=changes)
    assert err.value.item == field
    assert store.reviews() == []


def test_correct_actors_and_place(store: Store) -> None:
    """actor1/actor2 and country/admin1/location/latitude/longitude (ACLED's names) correct the
    view; filters, the map and the dyads see the corrected values; the coder's record stays."""
    from sitrep.analysis.sides import active_dyads, active_dyads_of

    aid, pid = _ids(store)
    rev = store.review(aid, "correct", reviewer="ana", changes={"actor1": "Islamic Revolutionary Guard Corps",
                                                                "actor2": None})
    assert rev.before == {"actor1": "United States", "actor2": "Kataib Hezbollah"}
    ev = next(e for e in store.events() if e.event_id == aid)
    assert [a.name for a in ev.actor] == ["Islamic Revolutionary Guard Corps"] and ev.recipient == ()
    assert ev.actor[0].start is None  # a name from the reviewer, not words of the article
    assert {e.event_id for e in store.events(actor="revolutionary")} == {aid}
    assert [r.to_dict() for r in active_dyads_of(store)] == [r.to_dict() for r in active_dyads(store.events())]
    store.review(pid, "correct", reviewer="ana", changes={"country": "Syria", "admin1": "Aleppo",
                                                         "location": "Aleppo", "latitude": 36.2, "longitude": 37.16})
    ev = next(e for e in store.events() if e.event_id == pid)
    loc = ev.location
    assert loc is not None and (loc.name, loc.country, loc.admin1, loc.lat, loc.lon) == \
        ("Aleppo", "SYR", "Aleppo", 36.2, 37.16)
    assert loc.start is None and loc.geo_precision is None  # Baghdad's offsets and precision are not Aleppo's
    assert {e.event_id for e in store.events(country="SYR")} == {pid}
    assert pid not in {e.event_id for e in store.events(country="IRQ", actor="students")}
    assert [p["event_id"] for p in store.map_points(bbox="36,35,38,37")] == [pid]
    coder, _, _ = store.view(pid)
    assert coder.location is not None and coder.location.name == "Baghdad"  # the coder's record stays
    # another place without coordinates: unknown, not Aleppo's
    store.review(pid, "correct", reviewer="ana", changes={"location": "Manbij"})
    ev = next(e for e in store.events() if e.event_id == pid)
    assert ev.location is not None and (ev.location.name, ev.location.lat, ev.location.country) == \
        ("Manbij", None, "SYR")


def test_unknown_event_and_action(store: Store) -> None:
    with pytest.raises(StoreError, match="no such event"):
        store.review("e-nope", "confirm", reviewer="ana")
    aid, _ = _ids(store)
    with pytest.raises(ReviewError, match="action"):
        store.review(aid, "delete", reviewer="ana")


def test_split_and_undo_split(store: Store) -> None:
    aid, _ = _ids(store)
    reports = [e.event_id for e in store.reports(aid)]
    other = next(r for r in reports if r != aid)
    rev = store.review(aid, "split", reviewer="ana", changes={"report": other})
    assert sorted(rev.after["clusters"]) == sorted([aid, other])
    assert len(store.events(type="ASSAULT")) == 2
    store.review(aid, "undo", reviewer="ana")
    assert [e.event_id for e in store.events(type="ASSAULT")] == [aid]
    assert len(store.reports(aid)) == 2


def test_merge_and_undo_merge(store: Store) -> None:
    aid, pid = _ids(store)
    store.review(aid, "merge", reviewer="ana", changes={"with": pid})
    assert [e.event_id for e in store.events()] == [aid]
    assert len(store.reports(aid)) == 3
    store.review(aid, "undo", reviewer="ana")
    assert {e.event_id for e in store.events()} == {aid, pid}
    assert len(store.reports(pid)) == 1


def test_recode_keeps_reviews_and_flags_changed_events(store: Store) -> None:
    aid, pid = _ids(store)
    store.review(pid, "correct", reviewer="ana", changes={"fatalities": 1})
    store.review(aid, "confirm", reviewer="ana")
    a3 = _article(S3)
    # re-coding with the same trigger and type gives the same id: the review stays, and is
    # flagged because the coder's record changed (a new confidence)
    recoded = make_event(a3.id, S3, trigger="protest", event="PROTEST", place=BAGHDAD, confidence=0.9)
    assert recoded.event_id == pid
    res = store.recode_article(a3.id, [recoded])
    assert res.reviews_kept == [pid] and res.reviews_changed == [pid] and res.reviews_orphaned == []
    _, view, state = store.view(pid)
    assert view.fatalities == 1 and state.stale
    assert [e.event_id for e in store.events(review="stale")] == [pid]
    assert not store.view(aid)[2].stale  # the other article's event is untouched
    # the same coding again changes nothing
    res2 = store.recode_article(a3.id, [recoded])
    assert res2.reviews_changed == [pid]  # still differs from what was reviewed
    # a new type gives another id: the reviewed event is orphaned, the new one unreviewed
    other = dataclasses.replace(make_event(a3.id, S3, trigger="protest", event="ASSAULT", place=BAGHDAD))
    res3 = store.recode_article(a3.id, [other])
    assert res3.reviews_orphaned == [pid]
    assert store.review_counts()["orphaned"] == 1


def test_queue_orders_by_expected_value(store: Store) -> None:
    aid, pid = _ids(store)
    queue = store.review_queue(limit=10)
    assert {q.event.event_id for q in queue} == {aid, pid}
    # four killed and new actors outweigh a protest at confidence 0.55
    assert queue[0].event.event_id == aid and "4 killed" in queue[0].reasons
    store.review(aid, "confirm", reviewer="ana")
    assert [q.event.event_id for q in store.review_queue(limit=10)] == [pid]


def test_events_page_keyset_paging(store: Store) -> None:
    page, nxt = store.events_page(limit=1)
    assert len(page) == 1 and nxt
    page2, nxt2 = store.events_page(limit=1, cursor=nxt)
    assert len(page2) == 1 and nxt2 is None
    assert {page[0][0].event_id, page2[0][0].event_id} == set(_ids(store))
    with pytest.raises(ReviewError, match="cursor"):
        store.events_page(cursor="not-a-cursor")


@pytest.mark.parametrize("value", ["'; DROP TABLE events; --", "%", "_", "\\", "\" OR 1=1 --", "Kataib%'"])
def test_sql_metacharacters_in_filters_are_plain_text(store: Store, value: str) -> None:
    for key in ("actor", "country", "type", "q", "sub_event_type", "event_type", "modality", "dyad"):
        page, _ = store.events_page(**{key: [value, value] if key == "dyad" else value})
        assert page == [], key
    for key in ("since", "until", "bbox", "review"):
        with pytest.raises(ReviewError):
            store.events_page(**{key: value})
    assert store.stats()["events"] == 3


def test_adjacent_events_follow_the_list_order(store: Store) -> None:
    order = [e.event_id for e, _ in store.events_page(limit=10)[0]]
    assert store.adjacent(order[0]) == (None, order[1])
    assert store.adjacent(order[1]) == (order[0], None)
    store.review(order[1], "reject", reviewer="ana")
    assert store.adjacent(order[0]) == (None, None)
