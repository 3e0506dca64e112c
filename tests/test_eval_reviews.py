"""``sitrep eval --reviews``: the coder scored against reviewed events."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from store_helpers import make_event
from test_store_reviews import BAGHDAD, KH, QAIM, S1, S3, US, _article

from sitrep.eval.reviews import render, score_reviews
from sitrep.models import Event
from sitrep.store import Store


def test_reviews_are_gold(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "e.db")
    a1, a3 = _article(S1), _article(S3)
    store.add_articles([a1, a3])
    assault = make_event(a1.id, S1, trigger="strikes", actor=[US], recipient=[KH], place=QAIM, fatalities=4)
    protest = make_event(a3.id, S3, trigger="protest", event="PROTEST", place=BAGHDAD)
    store.add_events(a1, [assault])
    store.add_events(a3, [protest])
    store.review(assault.event_id, "correct", reviewer="ana", changes={"fatalities": 5})
    store.review(protest.event_id, "reject", reviewer="ana")

    def coder(text: str, *, date: str | None, article_id: str) -> list[Event]:
        # the "current coder": still codes both, with the old toll
        return [e for e in (assault, protest) if e.article_id == article_id]

    rep = score_reviews(store, code=coder)
    assert rep["reviewed"] == 2 and rep["corrected"] == 1 and rep["rejected"] == 1
    assert rep["recall"] == 1.0 and rep["rejected_still_coded"] == 1 and rep["precision_on_reviewed"] == 0.5
    assert rep["field_accuracy"]["fatalities"] == 0.0 and rep["field_accuracy"]["event"] == 1.0
    assert rep["moved_by_reviews"] == {"fatalities": 1}
    assert "rejected event(s) still coded" in render(rep)

    def better(text: str, *, date: str | None, article_id: str) -> list[Event]:
        return [dataclasses.replace(assault, fatalities=5)] if article_id == a1.id else []

    rep2 = score_reviews(store, code=better)
    assert rep2["precision_on_reviewed"] == 1.0 and rep2["field_accuracy"]["fatalities"] == 1.0


def test_reviews_become_typemodel_rows(tmp_path: Path) -> None:
    from sitrep.coding.typemodel import NO_ACLED
    from sitrep.eval.reviews import typemodel_rows

    store = Store.open(tmp_path / "t.db")
    a1, a3 = _article(S1), _article(S3)
    store.add_articles([a1, a3])
    assault = dataclasses.replace(make_event(a1.id, S1, trigger="strikes", actor=[US], recipient=[KH], place=QAIM),
                                  acled_event_type="Battles", acled_sub_event_type="Armed clash")
    protest = make_event(a3.id, S3, trigger="protest", event="PROTEST", place=BAGHDAD)
    store.add_events(a1, [assault])
    store.add_events(a3, [protest])
    store.review(assault.event_id, "correct", reviewer="ana", changes={"acled_sub_event_type": "Air/drone strike"})
    store.review(protest.event_id, "reject", reviewer="ana")
    rows = {(rules, gold) for _, rules, gold in typemodel_rows(store)}
    assert rows == {("Armed clash", "Air/drone strike"), (NO_ACLED, NO_ACLED)}
